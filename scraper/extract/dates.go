package extract

import (
	"regexp"

	"unicode"
	"unicode/utf8"

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
	if len(s) > 20 && s[10] == 'T' && s[13] == ':' && s[16] == ':' && isDigit(s[17]) && isDigit(s[18]) && s[19] == ':' && isDigit(s[20]) {
		s = s[:19] + "." + s[20:] // milliseconds after a colon: 22:06:08:684Z
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
		{"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "janeiro", "stycznia", "styczeń", "tammikuuta", "января", "січня", "ledna"},
		{"february", "feb", "februar", "feber", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "februari", "fevereiro", "lutego", "luty", "helmikuuta", "февраля", "лютого", "února"},
		{"march", "mar", "märz", "maerz", "mär", "mars", "marzo", "maart", "março", "marco", "marca", "marzec", "maaliskuuta", "марта", "березня", "března"},
		{"april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień", "huhtikuuta", "апреля", "квітня", "dubna"},
		{"may", "mai", "mayo", "maggio", "mag", "mei", "maio", "maja", "maj", "toukokuuta", "мая", "травня", "května"},
		{"june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "czerwiec", "kesäkuuta", "июня", "червня", "června"},
		{"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca", "lipiec", "heinäkuuta", "июля", "липня", "července"},
		{"august", "aug", "août", "aout", "agosto", "ago", "augustus", "augusti", "sierpnia", "sierpień", "elokuuta", "августа", "серпня", "srpna"},
		{"september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro", "set", "września", "wrzesień", "syyskuuta", "сентября", "вересня", "září"},
		{"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "października", "październik", "lokakuuta", "октября", "жовтня", "října"},
		{"november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad", "marraskuuta", "ноября", "листопада", "listopadu"},
		{"december", "dec", "dez", "dezember", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "grudnia", "grudzień", "joulukuuta", "декабря", "грудня", "prosince"},
	} {
		for _, n := range names {
			out[n] = time.Month(m + 1)
		}
	}
	return out
}

// Dates written in running text: ISO, day.month.year, day monthname
// year, monthname day year, and the numeric forms with slashes or dashes
// and two-digit years that bylines use.
var (
	isoDateText  = regexp.MustCompile(`\b(\d{4})[-/](\d{2})[-/](\d{2})\b`)
	dottedDate   = regexp.MustCompile(`\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b`)
	dottedShort  = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{2})\b`)
	slashedDate  = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	dashedDate   = regexp.MustCompile(`\b(\d{2})-(\d{2})-(\d{4})\b`)
	dayMonthYear = regexp.MustCompile(`\b(\d{1,2})(?:\.|er|st|nd|rd|th|º)?\s*(?:de\s+)?([\p{L}]{3,12})\.?,?\s+(?:de\s+)?(\d{4})\b`)
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
	t, _, _ := scanDate(s, false)
	return t
}

// mkDate returns midnight UTC of the day, or nil when there is no such
// day or it is implausible.
func mkDate(y, m, d int) *time.Time {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return nil
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return nil // 31 February
	}
	return plausible(t)
}

// scanDate returns the first calendar date written in s (see
// findDateInText) and the byte offset where it starts; -1 when there is
// none. monthFirst reads an ambiguous 03/04/2020 as March 4 (American
// usage) rather than 3 April.
func scanDate(s string, monthFirst bool) (t *time.Time, start, end int) {
	var best *time.Time
	at, to := -1, -1
	take := func(t *time.Time, start, end int) {
		if t != nil && (at < 0 || start < at) {
			best, at, to = t, start, end
		}
	}
	if !strings.ContainsAny(s, "0123456789") {
		return nil, -1, -1
	}
	year := hasYear(s)
	if year && strings.ContainsAny(s, "-/") {
		for _, m := range isoDateText.FindAllStringSubmatchIndex(s, 2) {
			take(mkDate(atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])), m[0], m[1])
		}
	}
	if year && strings.Contains(s, ".") {
		for _, m := range dottedDate.FindAllStringSubmatchIndex(s, 2) {
			take(mkDate(atoi(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]])), m[0], m[1])
		}
	}
	if year && strings.Contains(s, "-") {
		for _, m := range dashedDate.FindAllStringSubmatchIndex(s, 2) {
			take(mkDate(atoi(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]])), m[0], m[1])
		}
	}
	if year && strings.Contains(s, "/") {
		for _, m := range slashedDate.FindAllStringSubmatchIndex(s, 2) {
			a, b, y := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
			if a > 12 || (!monthFirst && b <= 12) {
				a, b = b, a // day first
			}
			take(mkDate(y, a, b), m[0], m[1])
		}
	}
	for _, m := range dottedShort.FindAllStringSubmatchIndex(s, strings.Count(s, ".")/2) {
		// 28.01.22, but not a version number (1.02.03.4) or a longer date.
		if m[1] < len(s) && (s[m[1]] == '.' && m[1]+1 < len(s) && isDigit(s[m[1]+1]) || isDigit(s[m[1]])) ||
			m[0] > 0 && (s[m[0]-1] == '.' || isDigit(s[m[0]-1]) || isLetter(s[m[0]-1])) {
			continue
		}
		y := 2000 + atoi(s[m[6]:m[7]])
		if y > 2069 {
			continue
		}
		take(mkDate(y, atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]])), m[0], m[1])
	}
	if at == 0 {
		return best, at, to
	}
	if !year || !strings.ContainsFunc(s, unicode.IsLetter) {
		return best, at, to
	}
	for _, m := range dayMonthYear.FindAllStringSubmatchIndex(s, 3) {
		if mon, ok := monthNames[strings.ToLower(s[m[4]:m[5]])]; ok {
			take(mkDate(atoi(s[m[6]:m[7]]), int(mon), atoi(s[m[2]:m[3]])), m[0], m[1])
			break
		}
	}
	for _, m := range monthDayYear.FindAllStringSubmatchIndex(s, 3) {
		if mon, ok := monthNames[strings.ToLower(s[m[2]:m[3]])]; ok {
			take(mkDate(atoi(s[m[6]:m[7]]), int(mon), atoi(s[m[4]:m[5]])), m[0], m[1])
			break
		}
	}
	return best, at, to
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isLetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

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
var dateLabel = regexp.MustCompile(`(?i)(?:^|[\s|•·(])(?:datum|date|published|publiziert|veröffentlicht|ver&ouml;ffentlicht|erschienen|erstellt|stand|posted|publié|publicado|publicat|pubblicato|opublikowano|gepubliceerd|aktualisiert|updated)(?:\s+(?:on|am|le|el|il|op|at|vom))?(?:\s*:\s*|\s+|$)`)

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
// /2019-10-18-, /20191018/; urlShortParts one without leading zeros
// (/2017/7/12/); urlDayFirst one written day first: /18-10-2019-title.
var (
	urlDatePattern = regexp.MustCompile(`/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)
	urlShortParts  = regexp.MustCompile(`/((?:19|20)\d\d)/([1-9]|1[0-2])/([1-9]|[12]\d|3[01])(?:/|$)`)
	urlDayFirst    = regexp.MustCompile(`[/~](0[1-9]|[12]\d|3[01])[_.-](0[1-9]|1[0-2])[_.-]((?:19|20)\d\d)(?:[/_.-]|$)`)
)

// urlDate returns the date written in the page's URL path, if any.
func (p *page) urlDate() *time.Time {
	if p.pageURL == nil {
		return nil
	}
	if m := urlDatePattern.FindStringSubmatch(p.pageURL.Path); m != nil {
		return mkDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := urlShortParts.FindStringSubmatch(p.pageURL.Path); m != nil {
		return mkDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := urlDayFirst.FindStringSubmatch(p.pageURL.Path); m != nil {
		return mkDate(atoi(m[3]), atoi(m[2]), atoi(m[1]))
	}
	return nil
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

// publishedAt finds the publication date of the page with the headline
// title, whose JSON-LD article or page gives ldPublished (may be empty).
// The site's date rule decides alone. Otherwise the first
// machine-readable date (JSON-LD, meta, the JSON-LD of another work, a
// <time> or other date markup, the URL) is weighed against the dates
// shown around the headline (see pickPublished); without either, dates
// in date-like elements, after labels, in any <time> of the page and
// last in the page's language (go-dateparser, see localDate) are taken.
func (p *page) publishedAt(title, ldPublished string) *time.Time {
	if p.rules != nil {
		if t := p.ruleDate(p.rules.date); t != nil {
			return t // the site's own rule is not second-guessed
		}
	}
	machine := parseDate(ldPublished, p.opts.FetchedAt)
	if machine == nil {
		machine = p.metaDate(publishedKeys)
	}
	if machine == nil {
		// The main entity of a page that is not an article: a how-to, a
		// recipe, a video.
		if o := p.ld.first(workTypes); o != nil {
			machine = parseDate(ldString(o, "datePublished"), p.opts.FetchedAt)
			if machine == nil {
				machine = parseDate(ldString(o, "uploadDate"), p.opts.FetchedAt)
			}
		}
	}
	if machine == nil {
		machine = p.markupDate(publishedSel)
	}
	if machine == nil {
		machine = p.urlDate()
	}
	t := pickPublished(machine, p.shownDates(p.headlineNode(p.titles(title)...)))
	if t != nil && t == machine {
		t = localMidnight(p.localOffset(t), p.pageLang())
	}
	for _, next := range []func() *time.Time{p.textDate, p.labelledDate, p.anyTimeElement} {
		if t != nil {
			break
		}
		t = next()
	}
	return t
}

// A shownDate is a date the page shows to its readers, with where it
// stands in the page's text.
type shownDate struct {
	t time.Time
	// dist is the distance in characters of text (white space not
	// counted) from the headline to the text holding the date: negative
	// before the headline, 0 inside it.
	dist int
	// updated: the text names the date as one of a change ("Updated",
	// "Aktualisiert").
	updated bool
	// machine: read from a datetime or content attribute; headline:
	// written inside the headline.
	machine, headline bool
	// swapped is the other reading of a date like 03/04/2020, whose order
	// of day and month the page does not tell; nil for others.
	swapped *time.Time
}

// headlineNode returns the element holding the article's headline: the
// first heading of the body (h1 before h2, and so on to h6) whose text is
// one of titles (tried in order), else the first h1 outside the page
// furniture.
func (p *page) headlineNode(titles ...string) *html.Node {
	if p.body == nil {
		return nil
	}
	heads := headingsByLevel(p.body, 40)
	texts := map[*html.Node]string{}
	for _, title := range titles {
		if title == "" {
			continue
		}
		for _, hs := range heads {
			for _, h := range hs {
				t, ok := texts[h]
				if !ok {
					t = headlineText(h)
					texts[h] = t
				}
				if similarTitles(t, title) {
					return h
				}
			}
		}
	}
	for _, h := range heads[0] {
		if !p.cls.inChrome(h) && nodeText(h) != "" {
			return h
		}
	}
	return nil
}

// headingsByLevel returns the first limit h1, h2 … h6 elements below n, by
// level, in document order; headings inside headings are not looked for.
func headingsByLevel(n *html.Node, limit int) [6][]*html.Node {
	var out [6][]*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if l := int(c.Data[1] - '1'); len(out[l]) < limit {
					out[l] = append(out[l], c)
				}
				continue
			case atom.Script, atom.Style, atom.Template, atom.Svg:
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// updateWords name a date as that of a change, in the text just before
// it.
var updateWords = regexp.MustCompile(`(?i)(?:updated|update|modified|edited|revised|aktualisiert|geändert|zuletzt|mis à jour|actualizado|actualisé|aggiornato|atualizado|zaktualizowano|bijgewerkt|päivitetty)\W*(?:\w+\W*){0,2}$`)

// Bounds of the neighbourhood of the headline searched for a shown date,
// in characters of text.
const (
	maxBeforeHeadline = 300
	maxAfterHeadline  = 1500
	// maxDateLead bounds the start of a longer text in which a date is
	// looked for: "29.11.2022 – The industry…".
	maxDateLead = 40
)

// A textSpot is a text node or a date-bearing element met on the walk of
// shownDates, with its position in the page's text.
type textSpot struct {
	n        *html.Node
	pos      int
	headline bool
}

// shownDates returns the dates written near the article's headline h, in
// the order of the page, outside the comments.
func (p *page) shownDates(h *html.Node) []shownDate {
	if p.body == nil || h == nil {
		return nil
	}
	spots, hStart, hEnd := p.spotsAround(h)
	if hStart < 0 {
		return nil
	}
	monthFirst := false
	if p.htmlEl != nil {
		lang := strings.ToLower(attr(p.htmlEl, "lang"))
		monthFirst = lang == "en-us" || lang == "en"
	}
	var out []shownDate
	tried := map[*html.Node]bool{}
	for i, sp := range spots {
		if sp.pos < hStart-maxBeforeHeadline {
			continue
		}
		d := shownDate{headline: sp.headline}
		switch {
		case sp.headline:
		case sp.pos < hStart:
			d.dist = sp.pos - hStart
		default:
			d.dist = sp.pos - hEnd
		}
		if sp.n.Type == html.ElementNode {
			if t := elementDate(sp.n); t != nil {
				d.t, d.machine = *t, true
				out = append(out, d)
			}
			continue
		}
		var before string // the end of the text before the date
		if i > 0 && spots[i-1].n.Type == html.TextNode {
			before = collapse(spots[i-1].n.Data)
			before = before[max(0, len(before)-40):]
		}
		for _, w := range textDates(sp.n, monthFirst, tried) {
			d.t, d.swapped, d.updated = *w.t, w.swapped, updateWords.MatchString(before+" "+w.lead)
			out = append(out, d)
		}
	}
	return out
}

// elementDate reads the machine-readable date of an element met by
// spotsAround: datetime, the content of itemprop=datePublished, or the
// title of hAtom's abbr.
func elementDate(n *html.Node) *time.Time {
	switch ip := attr(n, "itemprop"); {
	case ip == "datePublished" || ip == "dateCreated":
		return parseDate(attr(n, "content"), time.Time{})
	case n.DataAtom == atom.Abbr:
		return parseDate(attr(n, "title"), time.Time{})
	}
	return parseDate(attr(n, "datetime"), time.Time{})
}

// A writtenDate is a date written in a text, with the text before it in
// the same text node.
type writtenDate struct {
	t, swapped *time.Time // see shownDate
	lead       string
}

// textDates returns the dates written in the text node n: up to three in
// a short text, one at the start of a longer one; when there is none, a
// date split over the elements around it (<span>21</span>
// <span>Jan</span> <span>2022</span>), unless tried already holds them.
func textDates(n *html.Node, monthFirst bool, tried map[*html.Node]bool) []writtenDate {
	if !strings.ContainsAny(n.Data, "0123456789") {
		return nil
	}
	s := collapse(n.Data)
	if len(s) > 80 {
		if t, at, _ := scanDate(cutRunes(s, maxDateLead), monthFirst); t != nil && at <= 2 {
			return []writtenDate{{t: t}}
		}
		return nil
	}
	var out []writtenDate
	for rest, k := s, 0; k < 3; k++ {
		t, at, end := scanDate(rest, monthFirst)
		if t == nil {
			break
		}
		w := writtenDate{t: t, lead: rest[:at]}
		if slashedDate.MatchString(rest[at:end]) {
			w.swapped = mkDate(t.Year(), t.Day(), int(t.Month()))
		}
		out, rest = append(out, w), rest[end:]
	}
	if len(out) > 0 {
		return out
	}
	for e, k := n.Parent, 0; e != nil && k < 3 && !tried[e]; e, k = e.Parent, k+1 {
		tried[e] = true
		if !smallText(e, 60) {
			break // before building the text, which may be the whole page
		}
		ps := nodeText(e)
		if len(ps) > 60 {
			break
		}
		if t, at, _ := scanDate(ps, monthFirst); t != nil {
			return []writtenDate{{t: t, lead: ps[:at]}}
		}
	}
	return nil
}

// spotsAround walks the page body in document order up to
// maxAfterHeadline characters of text past the headline h, and returns
// its text nodes and the elements with a machine-readable date
// (datetime, itemprop=datePublished), outside scripts and comment
// sections, with the positions where the headline starts and ends (-1
// when the walk did not meet it).
func (p *page) spotsAround(h *html.Node) (spots []textSpot, hStart, hEnd int) {
	pos := 0
	hStart, hEnd = -1, -1
	around := map[*html.Node]bool{}
	for a := h; a != nil; a = a.Parent {
		around[a] = true
	}
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				k := countChars(c.Data)
				if k == 0 {
					continue
				}
				spots = append(spots, textSpot{n: c, pos: pos, headline: hStart >= 0 && hEnd < 0})
				pos += k
				if hEnd >= 0 && pos > hEnd+maxAfterHeadline {
					return false
				}
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Noscript, atom.Template:
					continue
				}
				if c == h {
					hStart = pos
					walk(c)
					hEnd = pos
					continue
				}
				if !around[c] && !inlineTags[c.DataAtom] &&
					(p.cls.kind(c) == kindComments || p.cls.isChromeElement(c) && !smallText(c, maxChromeDates)) {
					continue
				}
				if c.DataAtom == atom.Time || hasAttr(c, "datetime") || hasAttr(c, "itemprop") && hasAttr(c, "content") ||
					c.DataAtom == atom.Abbr && hasAttr(c, "title") {
					spots = append(spots, textSpot{n: c, pos: pos, headline: hStart >= 0 && hEnd < 0})
				}
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	walk(p.body)
	return spots, hStart, hEnd
}

// inlineTags are elements of running text, never a comment section or
// page furniture of their own.
var inlineTags = map[atom.Atom]bool{atom.A: true, atom.Span: true, atom.Em: true, atom.Strong: true, atom.B: true,
	atom.I: true, atom.Img: true, atom.Br: true, atom.Small: true, atom.Abbr: true, atom.Time: true, atom.Sup: true,
	atom.Sub: true, atom.Font: true, atom.Svg: true, atom.Wbr: true, atom.U: true, atom.Code: true}

// maxChromeDates bounds the text of an element of the page furniture
// (a sidebar, a menu) that shownDates looks into: a small box of
// metadata beside the headline may be marked up as one.
const maxChromeDates = 200

// cutRunes returns s cut to at most n bytes, at a rune boundary.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// How far from the headline a shown date may stand and still overrule
// the page's machine-readable date, in characters of text. Dates before
// the headline count double.
const (
	maxOverruleAfter  = 600
	maxOverruleBefore = 200
)

// headlineRank is the distance at which a date inside the headline
// ("Results of the 19.5.2007 meeting") ranks: behind a byline date just
// below it.
const headlineRank = 100

// nearest returns the shown date closest to the headline within the
// bounds, dates before it counting double; nil when there is none.
func nearest(shown []shownDate, after, before int) *shownDate {
	var best *shownDate
	bestD := 0
	for i := range shown {
		d := shown[i].dist
		if d < -before || d > after {
			continue
		}
		switch {
		case shown[i].headline:
			d = headlineRank
		case d < 0:
			d = -2 * d
		}
		if best == nil || d < bestD {
			best, bestD = &shown[i], d
		}
	}
	return best
}

// sameDay reports whether a and b fall on the same calendar day, each in
// its own offset.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// pickPublished chooses the publication date from the machine-readable
// one (JSON-LD, meta, markup; may be nil) and the dates shown around the
// headline. Readers see the shown date, so it decides:
//   - a machine date that the page also shows near the headline stands;
//   - otherwise the shown date closest to the headline wins, when it is
//     close enough, as the same instant as the machine date when that
//     was written in UTC and falls on the shown day in some offset, and
//     with the time of a machine-readable shown date of that day; a date
//     the page names as that of a change ("Updated …") gives way to
//     another shown date and never overrules the machine date;
//   - otherwise the machine date stands, and without one the nearest
//     shown date is taken.
func pickPublished(machine *time.Time, shown []shownDate) *time.Time {
	if machine != nil {
		if t := withOffset(*machine, shown); t != nil {
			return t
		}
		for _, s := range shown {
			if sameDay(*machine, s.t) || s.swapped != nil && sameDay(*machine, *s.swapped) {
				return machine // shown; 11/01/2021 may be 1 November
			}
		}
	}
	n := nearestPublished(shown, maxOverruleAfter, maxOverruleBefore)
	if n != nil && n.updated && machine != nil {
		return machine // a date of a change does not overrule the publication date
	}
	if n == nil {
		if machine != nil {
			return machine
		}
		if n = nearestPublished(shown, maxAfterHeadline, maxBeforeHeadline); n == nil {
			return nil
		}
	}
	if machine != nil {
		if t := shiftToDay(*machine, n.t); t != nil {
			return t
		}
	}
	if !n.machine {
		// The time of day from a machine-readable date of the same day.
		for _, s := range shown {
			if s.machine && sameDay(s.t, n.t) {
				t := s.t
				return &t
			}
		}
	}
	t := n.t
	return &t
}

// withOffset returns the instant t, written in UTC, as a shown
// machine-readable date gives it with the publisher's offset; nil when
// none does.
func withOffset(t time.Time, shown []shownDate) *time.Time {
	if t.Location() != time.UTC {
		return nil
	}
	for _, s := range shown {
		if s.machine && s.t.Equal(t) && s.t.Location() != time.UTC {
			z := s.t
			return &z
		}
	}
	return nil
}

// nearestPublished is nearest, passing over dates named as those of a
// change when another date is shown within the bounds.
func nearestPublished(shown []shownDate, after, before int) *shownDate {
	n := nearest(shown, after, before)
	if n == nil || !n.updated {
		return n
	}
	var pub []shownDate
	for _, s := range shown {
		if !s.updated {
			pub = append(pub, s)
		}
	}
	if m := nearest(pub, after, before); m != nil {
		return m
	}
	return n
}

// shiftToDay returns the instant t, written in UTC, in the whole-hour
// offset (at most ±12 hours, ±14 east of UTC) at which it falls on the
// calendar day of shown; nil when t has an offset of its own or no such
// offset exists.
func shiftToDay(t, shown time.Time) *time.Time {
	if t.Location() != time.UTC {
		return nil
	}
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return nil // a date without a time of day
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	want := time.Date(shown.Year(), shown.Month(), shown.Day(), 0, 0, 0, 0, time.UTC)
	var off int
	switch want.Sub(day) {
	case 24 * time.Hour: // east of UTC: the smallest offset reaching midnight
		off = 24 - t.Hour()
		if off > 14 {
			return nil
		}
	case -24 * time.Hour: // west of UTC
		off = -(t.Hour() + 1)
		if off < -12 {
			return nil
		}
	default:
		return nil
	}
	z := t.In(time.FixedZone("", off*3600))
	if !sameDay(z, shown) {
		return nil
	}
	return &z
}

// Languages whose sites mostly keep Central European time (UTC+1, +2 in
// summer) or Eastern European time (UTC+2, +3 in summer).
var (
	cetLanguages = map[string]bool{"de": true, "fr": true, "it": true, "es": true, "nl": true, "pl": true,
		"cs": true, "sk": true, "sl": true, "hr": true, "sr": true, "bs": true, "hu": true, "sv": true, "da": true,
		"nb": true, "nn": true, "no": true, "lb": true, "ca": true, "mt": true, "sq": true, "mk": true}
	eetLanguages = map[string]bool{"fi": true, "el": true, "ro": true, "bg": true, "uk": true, "et": true,
		"lv": true, "lt": true}
)

// localMidnight returns t, a machine date written in UTC, in the offset
// of the page's time zone when it is exactly the midnight that starts a
// day there: content systems store a day as its local midnight and write
// it in UTC ("2022-11-06T23:00:00Z" for 7 November in Berlin). The zone
// is judged from the page's language (lang, a BCP 47 tag); European
// summer time is taken into account. Other dates are returned unchanged.
func localMidnight(t *time.Time, lang string) *time.Time {
	if t == nil || t.Location() != time.UTC {
		return t
	}
	if h, m, s := t.Clock(); m != 0 || s != 0 || t.Nanosecond() != 0 || h < 20 {
		return t
	}
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	var off int // hours east of UTC, in winter
	switch {
	case cetLanguages[base]:
		off = 1
	case eetLanguages[base]:
		off = 2
	default:
		return t
	}
	if euSummerTime(*t) {
		off++
	}
	if t.Hour() != 24-off {
		return t
	}
	z := t.In(time.FixedZone("", off*3600))
	return &z
}

// euSummerTime reports whether the instant t falls in European summer
// time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
// last Sunday of October.
func euSummerTime(t time.Time) bool {
	lastSunday := func(m time.Month) time.Time {
		d := time.Date(t.Year(), m+1, 1, 1, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	return !t.Before(lastSunday(time.March)) && t.Before(lastSunday(time.October))
}
