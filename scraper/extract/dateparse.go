package extract

import (
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/markusmobius/go-dateparser"
)

// localDates reads dates written for people in any of some 200 locales
// ("2. März 2016", "Mar 2, 2016 1:15 AM", "vor 3 Tagen", "il y a 2
// jours"). It wraps go-dateparser, which is slow to start (its locale
// tables load on first use) and slow per call, so the metadata stage asks
// it last, after every structured source and strata's own patterns, and
// only about short texts.
type localDates struct {
	p *dateparser.Parser
}

// sharedLocalDates is the one localDates of the process. It is built on
// first use: building it is costly, and go-dateparser's Parser guards
// its caches with its own mutex, so sharing one is safe. This is the
// package's only lazily built value; it is never replaced.
var sharedLocalDates = sync.OnceValue(func() *localDates {
	return &localDates{p: &dateparser.Parser{
		ParserTypes: []dateparser.ParserType{dateparser.RelativeTime, dateparser.AbsoluteTime},
	}}
})

// maxLocalDate bounds the text handed to go-dateparser.
const maxLocalDate = 80

// parse reads s as a date in the page's language lang (a BCP 47 tag, may
// be empty), relative dates counting back from ref. Without ref only
// texts holding a four-digit year are read. It returns nil for anything
// that is not a whole date (day, month and year) and never panics.
func (d *localDates) parse(s, lang string, ref time.Time) (t *time.Time) {
	s = collapse(s)
	if s == "" || len(s) > maxLocalDate || !strings.ContainsFunc(s, unicode.IsLetter) {
		return nil
	}
	if ref.IsZero() && !hasYear(s) {
		return nil
	}
	defer func() {
		if recover() != nil {
			t = nil // a bug in the parser is not a date
		}
	}()
	cfg := &dateparser.Configuration{
		CurrentTime:     ref,
		DefaultTimezone: time.UTC,
		StrictParsing:   true,
	}
	cfg.Languages = []string{"en"}
	if base, _, _ := strings.Cut(strings.ToLower(lang), "-"); (len(base) == 2 || len(base) == 3) && isLower(base) {
		cfg.Languages = []string{base}
		if base != "en" {
			cfg.DefaultLanguages = []string{"en"}
		}
	}
	dt, err := d.p.Parse(cfg, s)
	if err != nil && (len(cfg.Languages) != 1 || cfg.Languages[0] != "en") {
		// An unknown or missing language: read the text as English rather
		// than let the parser try every locale it knows, which is slow.
		cfg.Languages, cfg.DefaultLanguages = []string{"en"}, nil
		dt, err = d.p.Parse(cfg, s)
	}
	if err != nil || dt.IsZero() {
		return nil
	}
	r := dt.Time
	if !ref.IsZero() && r.After(ref.Add(24*time.Hour)) {
		return nil // a publication date does not lie ahead
	}
	return plausible(r)
}

// hasYear reports whether s holds four digits in a row.
func hasYear(s string) bool {
	run := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			run++
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func isLower(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
