package extract

import (
	"regexp"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"strconv"
	"strings"
	"time"
)

// zonedLayouts are machine date formats that carry a UTC offset; the offset
// is kept in the parsed time.
var zonedLayouts = []string{
	time.RFC3339Nano, // also RFC 3339 without fraction
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999Z07",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z0700",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999 Z07:00",
	"2006-01-02 15:04:05.999999999 Z0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04 Z07:00",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
}

// naiveLayouts are date formats without an offset; they are read as UTC.
var naiveLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
	"20060102",
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 pm",
	"January 2, 2006",
	"Jan 2, 2006 15:04",
	"Jan 2, 2006 3:04 pm",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"2 January 2006 15:04",
	"2 January 2006",
	"2 Jan 2006 15:04",
	"2 Jan 2006",
	"Monday, January 2, 2006",
	"Monday, 2 January 2006",
	"02.01.2006 15:04",
	"02.01.2006",
	"2.1.2006",
}

// relativeDate matches English relative dates ("3 hours ago").
var relativeDate = regexp.MustCompile(`^(?:about |over |almost )?(\d+|an?|one) (second|minute|hour|day|week|month|year)s? ago$`)

// parseDate reads a date the way pages write them in metadata and markup.
// Machine formats (RFC 3339 and its ISO variants without seconds or with a
// space for the T, RFC 1123) keep their offset; formats without an offset
// are read as UTC; relative English dates ("2 days ago", "yesterday") count
// back from ref when ref is set. It returns nil when s is not a date.
func parseDate(s string, ref time.Time) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return nil
	}
	// "+0000" written as "+00:00" is common; so is a lowercase "t" or "z".
	if len(s) >= 11 && (s[10] == 't') {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return plausible(t)
		}
	}
	for _, l := range naiveLayouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return plausible(t)
		}
	}
	if ref.IsZero() {
		return nil
	}
	low := strings.ToLower(collapse(s))
	var t time.Time
	switch {
	case low == "just now" || low == "today":
		t = ref
	case low == "yesterday":
		t = ref.AddDate(0, 0, -1)
	default:
		m := relativeDate.FindStringSubmatch(low)
		if m == nil {
			return nil
		}
		k, err := strconv.Atoi(m[1])
		if err != nil {
			k = 1 // "a", "an", "one"
		}
		switch m[2] {
		case "second":
			t = ref.Add(-time.Duration(k) * time.Second)
		case "minute":
			t = ref.Add(-time.Duration(k) * time.Minute)
		case "hour":
			t = ref.Add(-time.Duration(k) * time.Hour)
		case "day":
			t = ref.AddDate(0, 0, -k)
		case "week":
			t = ref.AddDate(0, 0, -7*k)
		case "month":
			t = ref.AddDate(0, -k, 0)
		case "year":
			t = ref.AddDate(-k, 0, 0)
		}
	}
	return plausible(t)
}

// plausible returns &t unless t is too far off to be a publication date.
func plausible(t time.Time) *time.Time {
	if t.Year() < 1970 || t.Year() > 2200 {
		return nil
	}
	return &t
}

// monthNames maps month names and abbreviations in the languages of most
// archived sites to their number.
var monthNames = buildMonthNames()

func buildMonthNames() map[string]time.Month {
	out := map[string]time.Month{}
	for m, names := range [12][]string{
		{"january", "jan", "januar", "jänner", "janvier", "enero", "gennaio", "januari", "stycznia", "styczeń"},
		{"february", "feb", "februar", "février", "fevrier", "febrero", "febbraio", "februari", "lutego", "luty"},
		{"march", "mar", "märz", "maerz", "mars", "marzo", "maart", "marca", "marzec"},
		{"april", "apr", "avril", "abril", "aprile", "kwietnia", "kwiecień"},
		{"may", "mai", "mayo", "maggio", "mei", "maja", "maj"},
		{"june", "jun", "juni", "juin", "junio", "giugno", "czerwca", "czerwiec"},
		{"july", "jul", "juli", "juillet", "julio", "luglio", "lipca", "lipiec"},
		{"august", "aug", "août", "aout", "agosto", "augustus", "sierpnia", "sierpień"},
		{"september", "sep", "sept", "septembre", "septiembre", "settembre", "września", "wrzesień"},
		{"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "października", "październik"},
		{"november", "nov", "novembre", "noviembre", "listopada", "listopad"},
		{"december", "dec", "dez", "dezember", "décembre", "decembre", "diciembre", "dicembre", "grudnia", "grudzień"},
	} {
		for _, n := range names {
			out[n] = time.Month(m + 1)
		}
	}
	return out
}

// Dates written in running text: ISO, day.month.year, day monthname
// year, monthname day year.
var (
	isoDateText  = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	dottedDate   = regexp.MustCompile(`\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b`)
	dayMonthYear = regexp.MustCompile(`\b(\d{1,2})(?:\.|er|st|nd|rd|th)?\s+([\p{L}]{3,12})\.?,?\s+(\d{4})\b`)
	monthDayYear = regexp.MustCompile(`\b([\p{L}]{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
)

// maxDateText bounds the text searched for a date written in words.
const maxDateText = 200

// findDateInText finds a calendar date written in the short text s, such
// as a byline ("Posted on 3. März 2021 by …"). It returns midnight UTC of
// that day, or nil.
func findDateInText(s string) *time.Time {
	if s == "" || len(s) > maxDateText {
		return nil
	}
	mk := func(y, m, d int) *time.Time {
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return nil
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			return nil // 31 February
		}
		return plausible(t)
	}
	if m := isoDateText.FindStringSubmatch(s); m != nil {
		return mk(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := dottedDate.FindStringSubmatch(s); m != nil {
		return mk(atoi(m[3]), atoi(m[2]), atoi(m[1]))
	}
	low := strings.ToLower(s)
	if m := dayMonthYear.FindStringSubmatch(low); m != nil {
		if mon, ok := monthNames[m[2]]; ok {
			return mk(atoi(m[3]), int(mon), atoi(m[1]))
		}
	}
	if m := monthDayYear.FindStringSubmatch(low); m != nil {
		if mon, ok := monthNames[m[1]]; ok {
			return mk(atoi(m[3]), int(mon), atoi(m[2]))
		}
	}
	return nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// dateFromText reads a date from a value written by a person or a
// machine: a machine format, a relative date, or a date in words.
func (p *page) dateFromText(s string) *time.Time {
	if t := parseDate(s, p.opts.FetchedAt); t != nil {
		return t
	}
	return findDateInText(collapse(s))
}

// dateLabel matches the words that introduce a publication date in page
// text: "Datum:", "Published on", "Veröffentlicht am", "Stand:", "publié
// le", "Posted", "Erstellt am" and the like.
var dateLabel = regexp.MustCompile(`(?i)(?:^|[\s|•·(])(?:datum|date|published|publiziert|veröffentlicht|ver&ouml;ffentlicht|erschienen|erstellt|stand|posted|publié|publicado|publicat|pubblicato|opublikowano|gepubliceerd|aktualisiert|updated)(?:\s+(?:on|am|le|el|il|op|at|vom|:))?\s*:?\s*`)

// maxLabelledDates bounds the text nodes labelledDate looks at.
const maxLabelledDates = 4000

// labelledDate finds a date that page text introduces as one ("Datum: 26.
// Januar 2022", "Veröffentlicht am 3.2.2021"), outside the page
// furniture. The label and the date may be in sibling elements.
func (p *page) labelledDate() *time.Time {
	if p.body == nil {
		return nil
	}
	var found *time.Time
	seen := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil && seen < maxLabelledDates; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				seen++
				t := c.Data
				if len(t) > 300 || !dateLabel.MatchString(t) {
					continue
				}
				// The date follows the label, in the same text or the
				// parent's.
				for _, s := range []string{t, nodeText(c.Parent), nodeText(c.Parent.Parent)} {
					if loc := dateLabel.FindStringIndex(s); loc != nil && len(s) <= maxDateText {
						if d := findDateInText(s[loc[1]:]); d != nil {
							found = d
							return
						}
					}
				}
			case html.ElementNode:
				if junkTags[c.DataAtom] && c.DataAtom != atom.Nav || p.cls.isChromeElement(c) || p.cls.kind(c) == kindComments {
					continue
				}
				walk(c)
			}
		}
	}
	walk(p.body)
	return found
}

// anyTimeElement returns the date of the first <time datetime> of the
// page outside the page furniture and the comments.
func (p *page) anyTimeElement() *time.Time {
	if p.body == nil {
		return nil
	}
	var found *time.Time
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type != html.ElementNode || junkTags[c.DataAtom] || p.cls.isChromeElement(c) || p.cls.kind(c) == kindComments {
				continue
			}
			if c.DataAtom == atom.Time {
				if t := parseDate(attr(c, "datetime"), p.opts.FetchedAt); t != nil {
					found = t
				}
				continue
			}
			walk(c)
		}
	}
	walk(p.body)
	return found
}

// urlDatePattern matches a full date in a URL path: /2019/10/18/,
// /2019-10-18-, /20191018/.
var urlDatePattern = regexp.MustCompile(`/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)

// urlDate returns the date written in the page's URL path, if any.
func (p *page) urlDate() *time.Time {
	if p.pageURL == nil {
		return nil
	}
	m := urlDatePattern.FindStringSubmatch(p.pageURL.Path)
	if m == nil {
		return nil
	}
	t := time.Date(atoi(m[1]), time.Month(atoi(m[2])), atoi(m[3]), 0, 0, 0, 0, time.UTC)
	if t.Day() != atoi(m[3]) {
		return nil
	}
	return plausible(t)
}

// localOffset gives a machine date written in UTC the offset of the
// page's own day. Sites often store a local time converted to UTC
// ("2022-11-06T23:00:00Z" for midnight in Berlin), so that the UTC day is
// not the day the page shows. When the UTC time is in the evening or the
// early morning and the page shows, in a date-like element or after a
// label, a date one day off, the instant is kept and put in the whole-hour
// offset (at most ±12 hours) at which it falls on the shown day. Other
// dates are returned unchanged.
func (p *page) localOffset(t *time.Time) *time.Time {
	if t.Location() != time.UTC {
		return t
	}
	h := t.Hour()
	if h >= 8 && h < 18 || h == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t // midday, or a date without a time
	}
	shown := p.textDate()
	if shown == nil {
		shown = p.labelledDate()
	}
	if shown == nil {
		return t
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch shown.Sub(day) {
	case 24 * time.Hour: // shown the next day: a zone east of UTC
		off := 24 - h
		if off > 12 {
			return t
		}
		z := t.In(time.FixedZone("", off*3600))
		return &z
	case -24 * time.Hour: // shown the day before: west of UTC
		off := h + 1
		if off > 12 {
			return t
		}
		z := t.In(time.FixedZone("", -off*3600))
		return &z
	}
	return t
}
