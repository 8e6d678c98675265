package comments

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
)

// monthNames maps English, German and French month names and their usual
// abbreviations (lower case, without the trailing dot) to English names.
var monthNames = map[string]string{}

func init() {
	add := func(month string, names ...string) {
		for _, n := range names {
			monthNames[n] = month
		}
	}
	add("january", "january", "jan", "januar", "jänner", "jän", "janvier", "janv")
	add("february", "february", "feb", "februar", "feber", "février", "fevrier", "févr", "fevr", "fév", "fev")
	add("march", "march", "mar", "märz", "maerz", "mär", "mrz", "mars")
	add("april", "april", "apr", "avril", "avr")
	add("may", "may", "mai")
	add("june", "june", "jun", "juni", "juin")
	add("july", "july", "jul", "juli", "juillet", "juil")
	add("august", "august", "aug", "août", "aout")
	add("september", "september", "sep", "sept", "septembre")
	add("october", "october", "oct", "oktober", "okt", "octobre")
	add("november", "november", "nov", "novembre")
	add("december", "december", "dec", "dezember", "dez", "décembre", "decembre", "déc")
}

// dateNoise are words that date strings carry around the date itself:
// weekdays and the joining words of "DATE at TIME" in English, German and
// French. German "am" is handled apart from the English meridiem.
var dateNoise = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true,
	"samstag": true, "sonnabend": true, "sonntag": true,
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true,
	"samedi": true, "dimanche": true,
	"at": true, "on": true, "the": true, "of": true, "um": true, "uhr": true,
	"à": true, "a": true, "le": true, "-": true, "–": true, "|": true, "@": true,
}

var (
	frenchHour = regexp.MustCompile(`(\d{1,2})\s*h\s*(\d{2})\b`)
	dotHour    = regexp.MustCompile(`(\d{1,2})\.(\d{2})\s*uhr\b`)
	numericDMY = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	slashYMD   = regexp.MustCompile(`\b(\d{4})/(\d{1,2})/(\d{1,2})\b`)
	isoLocal   = regexp.MustCompile(`\b(\d{4}-\d{1,2}-\d{1,2})t(\d)`)
	gluedAMPM  = regexp.MustCompile(`(\d)(am|pm)\b`)
	ordinal    = regexp.MustCompile(`^(\d{1,2})(st|nd|rd|th|er|e)$`)
	clockToken = regexp.MustCompile(`^\d{1,2}(:\d{2}){0,2}$`)
)

// dateLayouts are tried, in order, on a normalised date string: English
// month names, single spaces, upper-case meridiem.
var dateLayouts = []string{
	"January 2 2006 3:04 PM", "January 2 2006 3:04:05 PM",
	"January 2 2006 15:04", "January 2 2006 15:04:05",
	"2 January 2006 3:04 PM", "2 January 2006 3:04:05 PM",
	"2 January 2006 15:04", "2 January 2006 15:04:05",
	"2006-1-2 15:04", "2006-1-2 15:04:05", "2006-1-2 3:04 PM", "2006-1-2 3:04:05 PM",
	"3:04 PM January 2 2006", "15:04 January 2 2006",
	"3:04 PM 2 January 2006", "15:04 2 January 2006",
}

// zonedLayouts are ISO 8601 forms that carry their own offset.
var zonedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05-0700", "2006-01-02 15:04:05Z07:00"}

// ParseLocalDate reads a date as comment systems print it and returns it in
// UTC.
//
// A string with its own offset (ISO 8601, as in time[datetime]) needs no
// site. Otherwise s is read as wall-clock time at site: English, German
// and French month-name forms ("Mar 2, 2016 1:15 AM", "March 1, 2016 at
// 5:22 pm", "11. Dezember 2012 um 11:07", "2 mars 2016 à 17 h 22"),
// "2016-03-02 01:15" and "02.03.2016 01:15". A date without a time of day,
// relative text ("9 years ago", "vor 3 Tagen") and all-numeric forms with
// slashes (day and month order unknown) are refused, as is any zone-less
// date when site is nil.
func ParseLocalDate(s string, site *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return time.Time{}, false
	}
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	if site == nil {
		return time.Time{}, false
	}
	norm := normalizeDate(s)
	if norm == "" {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, norm, site); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// normalizeDate rewrites a shown date into the vocabulary of dateLayouts.
func normalizeDate(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("a.m.", "am", "p.m.", "pm", "\u00a0", " ", "\u202f", " ").Replace(s)
	s = frenchHour.ReplaceAllString(s, "$1:$2")
	s = dotHour.ReplaceAllString(s, "$1:$2")
	s = numericDMY.ReplaceAllString(s, "$3-$2-$1")
	s = slashYMD.ReplaceAllString(s, "$1-$2-$3")
	s = isoLocal.ReplaceAllString(s, "$1 $2")
	s = gluedAMPM.ReplaceAllString(s, "$1 $2")
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.' || r == '(' || r == ')'
	})
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if m, ok := monthNames[f]; ok {
			out = append(out, m)
			continue
		}
		if f == "am" || f == "pm" {
			// After a clock time it is the meridiem; before the date it is
			// German "am" ("am 11. Dezember").
			if len(out) > 0 && clockToken.MatchString(out[len(out)-1]) {
				out = append(out, strings.ToUpper(f))
			}
			continue
		}
		if dateNoise[f] {
			continue
		}
		if m := ordinal.FindStringSubmatch(f); m != nil {
			f = m[1]
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// SiteLocation returns the site's UTC offset as the page reveals it, or nil.
//
// The sources, in order: the meta article:published_time, the article's
// time.entry-date[datetime], then JSON-LD datePublished. Only a numeric
// offset counts ("+01:00", also "+00:00"); a "Z" suffix usually means the
// generator converted to UTC and says nothing about the site's clock.
//
// The offset is that of the article's publication. A site in a zone with
// daylight saving time shows comments from the other half of the year
// with a different offset, so zone-less comment dates resolved with it can
// be an hour off. WordPress REST date_gmt is the exact source.
func SiteLocation(doc *goquery.Document) *time.Location {
	if doc == nil {
		return nil
	}
	return siteLocation(finder{doc: doc})
}

// siteLocation is SiteLocation through f.
func siteLocation(f finder) *time.Location {
	var candidates []string
	if v, ok := f.find(qPublishedMeta).First().Attr("content"); ok {
		candidates = append(candidates, v)
	}
	f.find(qEntryDate).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		v, _ := s.Attr("datetime")
		candidates = append(candidates, v)
		return false
	})
	f.find(qJSONLD).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if m := jsonLDDatePublished.FindStringSubmatch(s.Text()); m != nil {
			candidates = append(candidates, m[1])
			return false
		}
		return true
	})
	for _, v := range candidates {
		if loc := offsetOf(v); loc != nil {
			return loc
		}
	}
	return nil
}

var jsonLDDatePublished = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]+)"`)

// offsetOf returns a fixed zone for the numeric offset of an ISO 8601
// timestamp, or nil.
func offsetOf(v string) *time.Location {
	v = strings.TrimSpace(v)
	if v == "" || strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z") {
		return nil
	}
	for _, l := range zonedLayouts {
		t, err := time.Parse(l, v)
		if err != nil {
			continue
		}
		_, off := t.Zone()
		sign := '+'
		abs := off
		if off < 0 {
			sign, abs = '-', -off
		}
		return time.FixedZone(fmt.Sprintf("%c%02d:%02d", sign, abs/3600, abs%3600/60), off)
	}
	return nil
}

// dater turns shown dates into PostedAt values for one page.
type dater struct {
	site *time.Location
	// latest, when set, is the last plausible posting time: a date read
	// later than this was misread and is dropped.
	latest time.Time
}

// at parses s; nil when it cannot be read or is implausible.
func (d dater) at(s string) *time.Time {
	t, ok := ParseLocalDate(s, d.site)
	if !ok || (!d.latest.IsZero() && t.After(d.latest)) {
		return nil
	}
	return &t
}
