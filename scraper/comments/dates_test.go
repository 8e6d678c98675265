package comments_test

import (
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/comments"
)

func TestParseLocalDate(t *testing.T) {
	utc := time.UTC
	cet := time.FixedZone("+01:00", 3600)
	est := time.FixedZone("-05:00", -5*3600)
	tests := []struct {
		in   string
		site *time.Location
		want string // RFC 3339 UTC; "" for not parsed
	}{
		{"Mar 2, 2016 1:15 AM", utc, "2016-03-02T01:15:00Z"},
		{"Mar 1, 2016 7:44 PM", utc, "2016-03-01T19:44:00Z"},
		{"Mar 2, 2016 12:23 AM", utc, "2016-03-02T00:23:00Z"},
		{"Mar 2, 2016 12:05 PM", utc, "2016-03-02T12:05:00Z"},
		{"March 1, 2016 at 5:22 pm", est, "2016-03-01T22:22:00Z"},
		{"Tuesday, March 1st, 2016 at 5:22 p.m.", est, "2016-03-01T22:22:00Z"},
		{"March 1, 2016 5:22pm", est, "2016-03-01T22:22:00Z"},
		{"1 March 2016 17:22", utc, "2016-03-01T17:22:00Z"},
		{"Sept. 3, 2019 at 10:00 am", utc, "2019-09-03T10:00:00Z"},
		{"11. Dezember 2012 um 11:07", cet, "2012-12-11T10:07:00Z"},
		{"Dienstag, 11. Dezember 2012 um 11:07 Uhr", cet, "2012-12-11T10:07:00Z"},
		{"am 11. Dez. 2012 um 11.07 Uhr", cet, "2012-12-11T10:07:00Z"},
		{"3. März 2016 23:59", cet, "2016-03-03T22:59:00Z"},
		{"2 mars 2016 à 17 h 22", cet, "2016-03-02T16:22:00Z"},
		{"le 1er février 2016 à 8h05", cet, "2016-02-01T07:05:00Z"},
		{"02.03.2016 01:15", cet, "2016-03-02T00:15:00Z"},
		{"2016-03-02 01:15:00", utc, "2016-03-02T01:15:00Z"},
		{"2016-03-02T01:15:00", cet, "2016-03-02T00:15:00Z"},
		{"2012-12-11T12:57:50+01:00", nil, "2012-12-11T11:57:50Z"},
		{"2016-03-01T15:07:41Z", nil, "2016-03-01T15:07:41Z"},
		// Refused.
		{"Mar 2, 2016 1:15 AM", nil, ""},
		{"9 years ago", utc, ""},
		{"vor 3 Tagen", cet, ""},
		{"il y a 2 heures", cet, ""},
		{"March 1, 2016", utc, ""},
		{"03/02/2016 1:15 AM", utc, ""},
		{"February 30, 2016 10:00 am", utc, ""},
		{"March 1, 2016 at 25:22", utc, ""},
		{"March 1, 2016 at 13:22 pm", utc, ""},
		{"", utc, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := comments.ParseLocalDate(tt.in, tt.site)
			s := ""
			if ok {
				if got.Location() != time.UTC {
					t.Fatalf("got %v, want UTC", got)
				}
				s = got.Format(time.RFC3339)
			}
			if s != tt.want {
				t.Errorf("ParseLocalDate(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

func TestSiteLocation(t *testing.T) {
	tests := []struct {
		name string
		head string
		body string
		want string // offset as "+01:00", "" for nil
	}{
		{"article:published_time", `<meta property="article:published_time" content="2016-03-01T15:07:41+00:00">`, "", "+00:00"},
		{"meta before entry-date", `<meta property="article:published_time" content="2016-03-01T15:07:41+01:00">`,
			`<time class="entry-date" datetime="2016-03-01T15:07:41-05:00">x</time>`, "+01:00"},
		{"entry-date", "", `<time class="entry-date published" datetime="2016-03-01T09:00:00-05:00">x</time>`, "-05:00"},
		{"JSON-LD", `<script type="application/ld+json">{"datePublished":"2012-12-10T08:00:00+05:30"}</script>`, "", "+05:30"},
		{"Z says nothing", `<meta property="article:published_time" content="2016-03-01T15:07:41Z">`,
			`<script type="application/ld+json">{"datePublished":"2016-03-01T15:07:41+02:00"}</script>`, "+02:00"},
		{"no offset", `<meta property="article:published_time" content="2016-03-01">`, "", ""},
		{"nothing", "", "<p>x</p>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustDoc(t, "<html><head>"+tt.head+"</head><body>"+tt.body+"</body></html>")
			loc := comments.SiteLocation(doc)
			got := ""
			if loc != nil {
				got = time.Date(2020, 1, 1, 0, 0, 0, 0, loc).Format("-07:00")
			}
			if got != tt.want {
				t.Errorf("SiteLocation = %q, want %q", got, tt.want)
			}
		})
	}
}
