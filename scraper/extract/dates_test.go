package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

func TestScanDate(t *testing.T) {
	tests := []struct {
		s          string
		monthFirst bool
		want       string // YYYY-MM-DD, or "" for none
		at         int
	}{
		{"Posted on 3. März 2021 by Ann", false, "2021-03-03", 10},
		{"21. Jan. 2015", false, "2015-01-21", 0},
		{"26 Mai, 2008 | Autor", false, "2008-05-26", 0},
		{"jeudi 13 juin 2019", false, "2019-06-13", 6},
		{"November 22, 2011", false, "2011-11-22", 0},
		{"5 de mayo de 2022", false, "2022-05-05", 0},
		{"28.01.22 / 0 Kommentare", false, "2022-01-28", 0},
		{"Version 1.02.03.4", false, "", -1},
		{"Kultur, 2.11.22", false, "2022-11-02", 8},
		{"release v1.2.34", false, "", -1},
		{"2021-10-16 | Botschaft", false, "2021-10-16", 0},
		{"2021/10/16", false, "2021-10-16", 0},
		{"02/10/2020", false, "2020-10-02", 0},
		{"02/10/2020", true, "2020-02-10", 0},
		{"10/25/2020", false, "2020-10-25", 0},
		{"am 29-10-2021", false, "2021-10-29", 3},
		{"Stand 3.11.2023, 10:15", false, "2023-11-03", 6},
		{"31.02.2020", false, "", -1},
		{"vom 12. März bis 4. April 2020", false, "2020-04-04", 18},
		{"no date here", false, "", -1},
		{"15 августа 2016, 13:43", false, "2016-08-15", 0},
		{"3 listopadu 2021", false, "2021-11-03", 0},
	}
	for _, tt := range tests {
		got, at, _ := scanDate(tt.s, tt.monthFirst)
		var s string
		if got != nil {
			s = got.Format(time.DateOnly)
		}
		if s != tt.want || at != tt.at {
			t.Errorf("scanDate(%q, %v) = %q at %d, want %q at %d", tt.s, tt.monthFirst, s, at, tt.want, tt.at)
		}
	}
}

func TestShiftToDay(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	day := func(s string) time.Time { return utc(s + "T00:00:00Z") }
	tests := []struct {
		t, shown time.Time
		want     string // RFC 3339, "" for nil
	}{
		// Midnight in Berlin stored in UTC.
		{utc("2022-11-06T23:00:00Z"), day("2022-11-07"), "2022-11-07T00:00:00+01:00"},
		// An evening in Buenos Aires stored in UTC.
		{utc("2022-05-04T00:25:56Z"), day("2022-05-03"), "2022-05-03T23:25:56-01:00"},
		{utc("2022-05-04T13:00:00Z"), day("2022-05-03"), ""},      // no offset reaches back 14 hours
		{utc("2022-05-04T00:00:00Z"), day("2022-05-03"), ""},      // a date without a time
		{utc("2022-05-04T10:00:00+02:00"), day("2022-05-03"), ""}, // has its own offset
		{utc("2022-05-04T10:00:00Z"), day("2022-05-07"), ""},      // not a neighbouring day
		{utc("2018-12-31T23:11:59Z"), day("2019-01-01"), "2019-01-01T00:11:59+01:00"},
	}
	for _, tt := range tests {
		got := shiftToDay(tt.t, tt.shown)
		var s string
		if got != nil {
			s = got.Format(time.RFC3339)
			if !got.Equal(tt.t) {
				t.Errorf("shiftToDay(%v) = %v: not the same instant", tt.t, got)
			}
		}
		if s != tt.want {
			t.Errorf("shiftToDay(%v, %v) = %q, want %q", tt.t, tt.shown, s, tt.want)
		}
	}
}

// datePage builds a document with an article of headline h and the
// given markup around it.
func datePage(head, beforeH1, afterH1 string) string {
	body := strings.Repeat("The quarry closed in the spring and the village changed with it. ", 6)
	return `<!DOCTYPE html><html lang="de"><head><title>The quarry closes | Example News</title>` + head +
		`</head><body><nav><ul><li><a href="/">Home</a></li></ul></nav><main><article>` + beforeH1 +
		`<h1>The quarry closes</h1>` + afterH1 + `<div class="entry-content"><p>` + body + `</p><p>` + body +
		`</p></div></article></main><aside><h3>Latest</h3><ul>` +
		strings.Repeat(`<li><a href="/a">Another story from the region, read it now</a> 01.01.2019</li>`, 5) + `</ul></aside></body></html>`
}

func extractDate(t *testing.T, src string) *time.Time {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://news.example/story")
	return Extract(doc, u, Options{}).PublishedAt
}

func TestShownDates(t *testing.T) {
	tests := []struct {
		name, head, before, after string
		want                      string // RFC 3339, "" for none
	}{
		{"byline date only", "", "", `<p class="byline">Von Ann Lee, 12. März 2020</p>`, "2020-03-12T00:00:00Z"},
		{"dateline before the headline", "", `<p class="kicker">03.03.2020 | 10:15</p>`, "", "2020-03-03T00:00:00Z"},
		{"lead paragraph starting with the date", "", "", `<p>29.11.2022 – Mehrfach hatte die Branche gewarnt, und nun ist es so weit gekommen, wie alle befürchtet hatten.</p>`, "2022-11-29T00:00:00Z"},
		{"date in running text is not the date", "", "", `<p>The council decided on 3 March 2020 that the quarry would close, after years of debate in the village and beyond.</p>`, ""},
		{"date split over elements", "", "", `<div class="date"><span>21</span> <span>Jan</span> <span>2022</span></div>`, "2022-01-21T00:00:00Z"},
		{"the shown date confirms the meta date", `<meta property="article:published_time" content="2020-03-03T10:15:00+01:00">`,
			"", `<p class="meta">Updated 5 March 2020 · first published 3 March 2020</p>`, "2020-03-03T10:15:00+01:00"},
		{"the shown date overrules another meta date", `<meta name="date" content="2020-04-30">`,
			"", `<p class="meta">29.04.2020</p>`, "2020-04-29T00:00:00Z"},
		{"UTC meta date put in the offset of the shown day", `<meta property="article:published_time" content="2022-11-06T23:00:00Z">`,
			"", `<p class="meta">7. November 2022</p>`, "2022-11-07T00:00:00+01:00"},
		{"same instant with the publisher's offset", `<meta property="article:published_time" content="2022-05-04T03:37:37+00:00">`,
			"", `<p class="meta"><time datetime="2022-05-03T23:37:37-04:00">May 3, 2022</time></p>`, "2022-05-03T23:37:37-04:00"},
		{"same instant on the same day keeps the publisher's offset", `<meta property="article:published_time" content="2022-05-03T10:00:00Z">`,
			"", `<p class="meta">3. Mai 2022 <time datetime="2022-05-03T12:00:00+02:00">12:00</time></p>`, "2022-05-03T12:00:00+02:00"},
		{"time of day from the time element", "", "", `<p class="meta"><time datetime="2021-06-01T08:30:00+02:00">1. Juni 2021</time></p>`, "2021-06-01T08:30:00+02:00"},
		{"an update date does not overrule the publication date", `<meta property="article:published_time" content="2016-08-29T21:54:39Z">`,
			"", `<p class="meta">Updated May 6, 2019</p>`, "2016-08-29T21:54:39Z"},
		{"the publication date shown after an update date", "",
			"", `<p class="meta">Updated 5 March 2020</p><p class="meta">Published 3 March 2020</p>`, "2020-03-03T00:00:00Z"},
		{"no date near the headline keeps the meta date", `<meta property="article:published_time" content="2018-02-28T20:00:18+01:00">`,
			"", "", "2018-02-28T20:00:18+01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extractDate(t, datePage(tt.head, tt.before, tt.after))
			var s string
			if got != nil {
				s = got.Format(time.RFC3339)
			}
			if s != tt.want {
				t.Errorf("PublishedAt = %q, want %q", s, tt.want)
			}
		})
	}
}

func TestLocalMidnight(t *testing.T) {
	tests := []struct {
		in, lang, want string
	}{
		{"2022-11-06T23:00:00Z", "de-DE", "2022-11-07T00:00:00+01:00"}, // winter in Berlin
		{"2022-07-06T22:00:00Z", "fr", "2022-07-07T00:00:00+02:00"},    // summer in Paris
		{"2022-07-06T23:00:00Z", "de", "2022-07-06T23:00:00Z"},         // 01:00 in summer: no midnight
		{"2022-07-06T21:00:00Z", "fi", "2022-07-07T00:00:00+03:00"},    // summer in Helsinki
		{"2022-11-06T23:00:00Z", "en-US", "2022-11-06T23:00:00Z"},      // no European zone
		{"2022-11-06T23:00:05Z", "de", "2022-11-06T23:00:05Z"},         // a real time of day
		{"2022-11-06T23:00:00+01:00", "de", "2022-11-06T23:00:00+01:00"},
	}
	for _, tt := range tests {
		in, err := time.Parse(time.RFC3339, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := localMidnight(&in, tt.lang).Format(time.RFC3339); got != tt.want {
			t.Errorf("localMidnight(%s, %s) = %s, want %s", tt.in, tt.lang, got, tt.want)
		}
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct{ u, want string }{
		{"https://news.example/2019/10/18/story/", "2019-10-18"},
		{"https://news.example/news/2019-10-18-story", "2019-10-18"},
		{"https://news.example/meldungen/29-10-2021", "2021-10-29"},
		{"https://news.example/detail/~02-01-2022-title", "2022-01-02"},
		{"https://news.example/2019/10/story", ""},
		{"https://blog.example/home/2017/7/12/montauk", "2017-07-12"},
		{"https://blog.example/2017/7/", ""},
		{"https://news.example/item/31-02-2020", ""},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.u)
		var s string
		if d := (&page{pageURL: u}).urlDate(); d != nil {
			s = d.Format(time.DateOnly)
		}
		if s != tt.want {
			t.Errorf("urlDate(%s) = %q, want %q", tt.u, s, tt.want)
		}
	}
}

func TestPickPublishedAmbiguous(t *testing.T) {
	// 11/01/2021 beside a machine date of 1 November is that day, on a
	// page whose language reads it as 11 January.
	src := datePage(`<meta property="article:published_time" content="2021-11-01T05:00:14+01:00">`,
		`<div class="intro"><span>11/01/2021</span></div>`, "")
	if got := extractDate(t, src); got == nil || got.Format(time.RFC3339) != "2021-11-01T05:00:14+01:00" {
		t.Errorf("PublishedAt = %v, want the machine date", got)
	}
}

func TestShownDatesHeadlineAndURL(t *testing.T) {
	doc := func(u string) *time.Time {
		src := `<!DOCTYPE html><html lang="de"><head><title>Results of the 19.5.2007 meeting</title></head><body><article>` +
			`<h1 class="entry-title">Results of the 19.5.2007 meeting</h1><p class="meta">20.05.2007</p><div class="entry-content"><p>` +
			strings.Repeat("Everyone ran fast and the weather held for the whole afternoon. ", 8) + `</p></div></article></body></html>`
		d, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		pu, _ := url.Parse(u)
		return Extract(d, pu, Options{}).PublishedAt
	}
	// The byline date below the headline wins over the date in it.
	if got := doc("https://club.example/results"); got == nil || got.Format(time.DateOnly) != "2007-05-20" {
		t.Errorf("PublishedAt = %v, want 2007-05-20", got)
	}
	// A URL date the page shows stands.
	if got := doc("https://club.example/2007/05/19/results/"); got == nil || got.Format(time.DateOnly) != "2007-05-19" {
		t.Errorf("PublishedAt = %v, want 2007-05-19 of the URL", got)
	}
}

func TestParseDateForms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-01-10T22:06:08:684Z", "2022-01-10T22:06:08.684Z"}, // milliseconds after a colon
		{"2006-12-16T08:00+01:00", "2006-12-16T08:00:00+01:00"},  // no seconds: the offset's colon stays
		{"2022-01-10T22:06:08+01:00", "2022-01-10T22:06:08+01:00"},
	}
	for _, tt := range tests {
		got := parseDate(tt.in, time.Time{})
		if got == nil || got.Format(time.RFC3339Nano) != tt.want {
			t.Errorf("parseDate(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

func TestWorkDate(t *testing.T) {
	// A how-to page gives its date in the JSON-LD of the work.
	src := datePage(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"HowTo","name":"The quarry closes","datePublished":"2022-01-10T22:06:08+01:00"}</script>`, "", "")
	if got := extractDate(t, src); got == nil || got.Format(time.RFC3339) != "2022-01-10T22:06:08+01:00" {
		t.Errorf("PublishedAt = %v, want the HowTo's datePublished", got)
	}
}

func TestHeadlineNodeH4(t *testing.T) {
	src := `<!DOCTYPE html><html><head><title>Efficient batteries | Press</title></head><body><div class="news">` +
		`<p><em>01.11.2023 11:35</em></p><h4>Efficient batteries</h4><p>` +
		strings.Repeat("A research team presents a battery that charges fast and keeps well. ", 6) + `</p></div></body></html>`
	if got := extractDate(t, src); got == nil || got.Format(time.DateOnly) != "2023-11-01" {
		t.Errorf("PublishedAt = %v, want 2023-11-01 shown above the h4 headline", got)
	}
}

func TestMarkupDateConventions(t *testing.T) {
	tests := []struct{ name, markup, want string }{
		{"hAtom abbr", `<div class="hentry"><abbr class="published" title="2009-02-18T10:00:00+01:00">18 Feb</abbr></div>`, "2009-02-18T10:00:00+01:00"},
		{"WordPress entry-date text", `<span class="entry-date">March 3, 2020</span>`, "2020-03-03T00:00:00Z"},
		{"Drupal created field", `<div class="field--name-created">2021-11-08T09:00:00+01:00</div>`, "2021-11-08T09:00:00+01:00"},
		{"itemprop on an element", `<span itemprop="datePublished" content="2019-05-06T08:00:00-04:00">May 6</span>`, "2019-05-06T08:00:00-04:00"},
		{"data attribute", `<div class="story" data-published="2018-01-02T03:04:05Z"></div>`, "2018-01-02T03:04:05Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The markup stands far below the headline, where no shown date
			// is looked for.
			filler := `<div class="entry-content"><p>` + strings.Repeat("Nothing but words about the quarry and the village. ", 40) + `</p></div>`
			got := extractDate(t, datePage("", "", filler+tt.markup))
			if got == nil || got.Format(time.RFC3339) != tt.want {
				t.Errorf("PublishedAt = %v, want %s", got, tt.want)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	d, err := goquery.NewDocumentFromReader(strings.NewReader(`<body><h2>a</h2><div><h1>b</h1><h6>c</h6></div><h2>d<h3>e</h3></h2><script>"<h1>"</script></body>`))
	if err != nil {
		t.Fatal(err)
	}
	hs := headingsByLevel(d.Nodes[0], 40)
	var got []string
	for l, level := range hs {
		for _, h := range level {
			got = append(got, fmt.Sprintf("%d:%s", l+1, nodeText(h)))
		}
	}
	if strings.Join(got, " ") != "1:b 2:a 2:d 3:e 6:c" {
		t.Errorf("headings = %v", got)
	}
}

func TestLabelledDateWholeWord(t *testing.T) {
	doc := func(label string) string {
		return `<!DOCTYPE html><html><body><div class="box"><p>` +
			strings.Repeat("Snow maps from satellites show where to ski this week. ", 6) + `</p><p>` + label + `</p></div></body></html>`
	}
	if got := extractDate(t, doc("Datum: 26. Januar 2022")); got == nil || got.Format(time.DateOnly) != "2022-01-26" {
		t.Errorf("labelled date = %v, want 2022-01-26", got)
	}
	// "Datensatz" (data set) starts like "Datum" but labels no date of the page.
	if got := extractDate(t, doc("Datensatz vom 09.03.2016")); got != nil {
		t.Errorf("labelled date = %v, want none", got)
	}
}
