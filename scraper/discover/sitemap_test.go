package discover_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/discover"
	"github.com/strata-archive/strata/scraper/fetch"
)

// sitemapSite serves the sitemaps of testdata/sitemaps, with one
// off-site sitemap on a second server reached as "localhost".
func sitemapSite(t *testing.T) (main, other *site) {
	other = newSite(t, map[string]route{
		"/offsite-sitemap.xml": {file: "sitemaps/post-sitemap.xml"},
	})
	main = newSite(t, map[string]route{
		"/index.xml":                     {file: "sitemaps/index.xml", ctype: "application/xml"},
		"/post-sitemap.xml":              {file: "sitemaps/post-sitemap.xml", ctype: "text/xml; charset=UTF-8"},
		"/post-sitemap2.xml.gz":          {file: "sitemaps/post-sitemap2.xml", ctype: "application/x-gzip", gzip: true},
		"/compressed-without-suffix.xml": {file: "sitemaps/compressed-without-suffix.xml", ctype: "application/xml", gzip: true},
		"/urls.txt":                      {file: "sitemaps/urls.txt", ctype: "text/plain"},
		"/nested-index.xml":              {file: "sitemaps/nested-index.xml"},
		"/deep-index.xml":                {file: "sitemaps/deep-index.xml"},
		"/too-deep.xml":                  {file: "sitemaps/too-deep.xml"},
		"/news-sitemap.xml":              {file: "sitemaps/news-sitemap.xml"},
		"/malformed.xml":                 {file: "sitemaps/malformed.xml"},
		"/soft-404.xml":                  {file: "sitemaps/soft-404.html", ctype: "text/html"},
		"/feed-as-sitemap.xml":           {file: "sitemaps/feed-as-sitemap.xml", ctype: "application/rss+xml"},
		"/encoded.xml.gz":                {file: "sitemaps/too-deep.xml", ctype: "application/xml", gzip: true, header: map[string]string{"Content-Encoding": "gzip"}},
		"/empty.xml":                     {body: []byte(" \n"), ctype: "application/xml"},
		"/unclosed.xml":                  {body: []byte("<urlset><url><loc>https://a.example/x</loc></url>\n<url>")},
		"/json.txt":                      {body: []byte(`{"urls": []}`), ctype: "application/json"},
	})
	other.other = main.URL
	main.other = strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	return main, other
}

type entry struct {
	path    string
	lastMod string // RFC 3339 in UTC, "" for zero
}

func collect(t *testing.T, s *site, sitemapURL string, opts discover.SitemapOptions) ([]entry, error) {
	t.Helper()
	var got []entry
	err := discover.Sitemap(context.Background(), newFetcher(fetch.Options{}), sitemapURL, opts, func(e discover.Entry) error {
		if e.Source != discover.SourceSitemap {
			t.Errorf("%s: source %q", e.URL, e.Source)
		}
		lm := ""
		if !e.LastMod.IsZero() {
			if e.LastMod.Location() != time.UTC {
				t.Errorf("%s: lastmod not UTC", e.URL)
			}
			lm = e.LastMod.Format(time.RFC3339Nano)
		}
		got = append(got, entry{strings.TrimPrefix(e.URL, s.URL), lm})
		return nil
	})
	return got, err
}

func equalEntries(t *testing.T, got, want []entry) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("entries:\n got %v\nwant %v", got, want)
	}
}

func TestSitemapIndexFollowsChildren(t *testing.T) {
	main, other := sitemapSite(t)
	scope, err := discover.NewScope([]string{"127.0.0.1"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := collect(t, main, main.URL+"/index.xml", discover.SitemapOptions{Filter: scope.Allowed})
	if err != nil {
		t.Fatal(err)
	}
	equalEntries(t, got, []entry{
		{"/2024/03/01/first-post/", "2024-03-01T08:30:00Z"},
		{"/2024/02/14/second-post/", "2024-02-14T00:00:00Z"},        // fragment removed
		{"/2023/11/05/relative-post/", ""},                          // resolved, tracking removed, bad lastmod
		{"/2023/12/31/caf%C3%A9-post/", "2023-12-31T23:59:59.25Z"},  // .xml.gz, ISO-8859-1
		{"/2023/10/10/gzip-by-magic/", "2023-10-01T00:00:00Z"},      // gzip without .gz
		{"/2022/05/05/plain-text-one/", ""},                         // plain text
		{"/2022/05/06/plain-text-two/", ""},                         //
		{"/news/2024/03/03/breaking-story", "2024-03-03T12:00:00Z"}, // news:publication_date
	})
	for path, want := range map[string]int{
		"/post-sitemap.xml": 1, // listed twice, read once
		"/index.xml":        1, // listed by a child: no loop
		"/deep-index.xml":   1, // depth 2
		"/too-deep.xml":     0, // depth 3 > MaxDepth
	} {
		if n := main.hit(path); n != want {
			t.Errorf("%s fetched %d times, want %d", path, n, want)
		}
	}
	if n := other.hit("/offsite-sitemap.xml"); n != 0 {
		t.Errorf("out-of-scope child sitemap fetched %d times", n)
	}
}

func TestSitemapOptions(t *testing.T) {
	main, _ := sitemapSite(t)
	inScope := func(u string) bool { return strings.HasPrefix(u, main.URL) }
	t.Run("no children with negative depth", func(t *testing.T) {
		got, err := collect(t, main, main.URL+"/index.xml", discover.SitemapOptions{MaxDepth: -1, Filter: inScope})
		if err != nil || len(got) != 0 {
			t.Errorf("got %v, %v", got, err)
		}
	})
	t.Run("modified since skips old children", func(t *testing.T) {
		got, err := collect(t, main, main.URL+"/index.xml", discover.SitemapOptions{
			Filter: inScope, ModifiedSince: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range got {
			if strings.Contains(e.path, "caf") {
				t.Errorf("entry of a child sitemap older than ModifiedSince: %v", e)
			}
		}
		if len(got) != 7 {
			t.Errorf("got %d entries, want 7", len(got))
		}
	})
	t.Run("max sitemaps", func(t *testing.T) {
		got, err := collect(t, main, main.URL+"/index.xml", discover.SitemapOptions{MaxSitemaps: 2, Filter: inScope})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 { // the index and post-sitemap.xml only
			t.Errorf("got %v", got)
		}
	})
	t.Run("max urls ends the walk", func(t *testing.T) {
		before := main.hit("/urls.txt")
		got, err := collect(t, main, main.URL+"/index.xml", discover.SitemapOptions{MaxURLs: 4, Filter: inScope})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Errorf("got %d entries, want 4", len(got))
		}
		if n := main.hit("/urls.txt"); n != before {
			t.Errorf("walk went on after the limit")
		}
	})
}

func TestSitemapFormats(t *testing.T) {
	main, _ := sitemapSite(t)
	for _, tc := range []struct {
		path string
		want []entry
	}{
		{"/urls.txt", []entry{{"/2022/05/05/plain-text-one/", ""}, {"/2022/05/06/plain-text-two/", ""}}},
		{"/feed-as-sitemap.xml", []entry{{"/2024/04/04/from-rss-sitemap/", "2024-04-04T10:00:00Z"}}},
		{"/post-sitemap2.xml.gz", []entry{{"/2023/12/31/caf%C3%A9-post/", "2023-12-31T23:59:59.25Z"}}},
		// Sent with Content-Encoding: gzip, so the transport un-gzips it.
		{"/encoded.xml.gz", []entry{{"/2020/01/01/beyond-max-depth/", ""}}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			got, err := collect(t, main, main.URL+tc.path, discover.SitemapOptions{})
			if err != nil {
				t.Fatal(err)
			}
			equalEntries(t, got, tc.want)
		})
	}
}

func TestSitemapErrors(t *testing.T) {
	main, _ := sitemapSite(t)
	for _, tc := range []struct {
		path     string
		is       error
		contains string
		entries  int // delivered before the error
	}{
		{"/malformed.xml", nil, "malformed XML: line 4: unexpected end element </url>", 1},
		{"/unclosed.xml", nil, "malformed XML: line 2: unexpected end of file in <url>", 1},
		{"/soft-404.xml", discover.ErrNotSitemap, "root element <html>", 0},
		{"/empty.xml", discover.ErrNotSitemap, "empty", 0},
		{"/json.txt", discover.ErrNotSitemap, "JSON", 0},
		{"/missing.xml", fetch.ErrHTTPStatus, "404", 0},
	} {
		t.Run(tc.path, func(t *testing.T) {
			got, err := collect(t, main, main.URL+tc.path, discover.SitemapOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), main.URL+tc.path) || !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q does not name the URL and %q", err, tc.contains)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q is not %v", err, tc.is)
			}
			if len(got) != tc.entries {
				t.Errorf("%d entries delivered, want %d", len(got), tc.entries)
			}
		})
	}
}

func TestSitemapChildFailuresDoNotStopTheWalk(t *testing.T) {
	var s *site
	s = newSite(t, map[string]route{
		"/index.xml": {body: []byte(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/missing.xml</loc></sitemap>
<sitemap><loc>/malformed.xml</loc></sitemap>
<sitemap><loc>/good.xml</loc></sitemap>
</sitemapindex>`)},
		"/malformed.xml": {file: "sitemaps/malformed.xml"},
		"/good.xml":      {file: "sitemaps/too-deep.xml"},
	})
	got, err := collect(t, s, s.URL+"/index.xml", discover.SitemapOptions{})
	if len(got) != 2 { // one before the malformed break, one from good.xml
		t.Errorf("got %v", got)
	}
	if err == nil {
		t.Fatal("no error for the failed children")
	}
	msg := err.Error()
	for _, want := range []string{"2 of 4 sitemaps", s.URL + "/missing.xml", s.URL + "/malformed.xml", "malformed XML", "404"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if !errors.Is(err, fetch.ErrHTTPStatus) {
		t.Errorf("error %q does not keep the fetch cause", msg)
	}
}

// bigSitemap returns a urlset of n URLs.
func bigSitemap(base string, n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := range n {
		fmt.Fprintf(&b, "  <url>\n    <loc>%s/%d/%02d/%02d/an-article-with-a-long-slug-number-%d/</loc>\n    <lastmod>2024-03-01T09:30:00+01:00</lastmod>\n  </url>\n",
			base, 2000+i%25, 1+i%12, 1+i%28, i)
	}
	b.WriteString("</urlset>\n")
	return []byte(b.String())
}

func TestSitemapEntryCapPerFile(t *testing.T) {
	s := newSite(t, nil)
	s.routes = map[string]route{"/big.xml.gz": {body: bigSitemap(s.URL, discover.MaxSitemapEntries+10), gzip: true}}
	n := 0
	err := discover.Sitemap(context.Background(), newFetcher(fetch.Options{}), s.URL+"/big.xml.gz",
		discover.SitemapOptions{MaxURLs: 1 << 20}, func(discover.Entry) error { n++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if n != discover.MaxSitemapEntries {
		t.Errorf("%d entries, want the protocol's %d", n, discover.MaxSitemapEntries)
	}
}

// TestSitemapStreamsWithBoundedMemory reads a 50,000-URL sitemap and
// checks that the live heap does not grow with the entries read.
func TestSitemapStreamsWithBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	s := newSite(t, nil)
	body := bigSitemap(s.URL, 50_000)
	s.routes = map[string]route{"/big.xml.gz": {body: body, gzip: true}}
	var early, late runtime.MemStats
	n := 0
	err := discover.Sitemap(context.Background(), newFetcher(fetch.Options{}), s.URL+"/big.xml.gz",
		discover.SitemapOptions{}, func(discover.Entry) error {
			n++
			switch n {
			case 1_000:
				runtime.GC()
				runtime.ReadMemStats(&early)
			case 49_000:
				runtime.GC()
				runtime.ReadMemStats(&late)
			}
			return nil
		})
	if err != nil || n != 50_000 {
		t.Fatalf("%d entries, %v", n, err)
	}
	growth := int64(late.HeapAlloc) - int64(early.HeapAlloc)
	t.Logf("uncompressed %d bytes; live heap at entry 1,000: %d, at 49,000: %d (growth %d)", len(body), early.HeapAlloc, late.HeapAlloc, growth)
	// Holding 48,000 entries would take several MB.
	if growth > 512<<10 {
		t.Errorf("live heap grew by %d bytes over 48,000 entries", growth)
	}
}

func TestSitemapTruncatedByFetcher(t *testing.T) {
	s := newSite(t, nil)
	s.routes = map[string]route{"/big.xml": {body: bigSitemap(s.URL, 100)}}
	n := 0
	err := discover.Sitemap(context.Background(), newFetcher(fetch.Options{MaxBodySize: 2000}), s.URL+"/big.xml",
		discover.SitemapOptions{}, func(discover.Entry) error { n++; return nil })
	if !errors.Is(err, discover.ErrTruncated) || !strings.Contains(err.Error(), s.URL+"/big.xml") {
		t.Errorf("err = %v, want ErrTruncated naming the URL", err)
	}
	if n == 0 || n >= 100 {
		t.Errorf("%d entries delivered before the cut", n)
	}
}

func TestSitemapStops(t *testing.T) {
	main, _ := sitemapSite(t)
	f := newFetcher(fetch.Options{})
	stop := errors.New("enough")
	err := discover.Sitemap(context.Background(), f, main.URL+"/index.xml", discover.SitemapOptions{},
		func(discover.Entry) error { return stop })
	if err != stop {
		t.Errorf("fn error came back as %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = discover.Sitemap(ctx, f, main.URL+"/index.xml", discover.SitemapOptions{},
		func(discover.Entry) error { cancel(); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk returned %v", err)
	}
	if err := discover.Sitemap(context.Background(), f, "file:///etc/passwd", discover.SitemapOptions{},
		func(discover.Entry) error { return nil }); err == nil {
		t.Error("file: URL accepted")
	}
}

func TestParseLastMod(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2024", "2024-01-01T00:00:00Z"},
		{"2024-03", "2024-03-01T00:00:00Z"},
		{"2024-03-01", "2024-03-01T00:00:00Z"},
		{"2024-03-01T09:30+01:00", "2024-03-01T08:30:00Z"},
		{"2024-03-01T09:30:15+01:00", "2024-03-01T08:30:15Z"},
		{"2024-03-01T09:30:15.5-05:00", "2024-03-01T14:30:15.5Z"},
		{"2024-03-01T09:30:15Z", "2024-03-01T09:30:15Z"},
		{" 2024-03-01T09:30:15Z\n", "2024-03-01T09:30:15Z"},
		{"2024-03-01T09:30:15", "2024-03-01T09:30:15Z"},
		{"2024-03-01 09:30:15", "2024-03-01T09:30:15Z"},
		{"2024-03-01T09:30:15+0100", "2024-03-01T08:30:15Z"},
		{"2024-03-01 09:30:15 +0100", "2024-03-01T08:30:15Z"},
		{"Fri, 01 Mar 2024 09:30:15 +0100", "2024-03-01T08:30:15Z"},
		{"", ""},
		{"yesterday", ""},
		{"2024-13-01", ""},
		{"0000-01-01", ""},
		{"1969-12-31", ""},
	} {
		got := discover.ParseW3CTimeForTest(tc.in)
		s := ""
		if !got.IsZero() {
			s = got.Format(time.RFC3339Nano)
		}
		if s != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, s, tc.want)
		}
	}
}

func TestParseSitemapLimits(t *testing.T) {
	noop := func(discover.Entry, bool) error { return nil }
	t.Run("gzip bomb", func(t *testing.T) {
		if testing.Short() {
			t.Skip("slow")
		}
		bomb := gz([]byte("<urlset>" + strings.Repeat(" ", discover.MaxSitemapSize) + "</urlset>"))
		err := discover.ParseSitemapForTest(bomb, "https://example.org/s.xml.gz", noop)
		if !errors.Is(err, discover.ErrTooLarge) {
			t.Errorf("err = %v, want ErrTooLarge", err)
		}
	})
	t.Run("broken gzip", func(t *testing.T) {
		body := gz(bigSitemap("https://example.org", 100))
		err := discover.ParseSitemapForTest(body[:len(body)/2], "https://example.org/s.xml.gz", noop)
		if err == nil || !strings.Contains(err.Error(), "gunzip") {
			t.Errorf("err = %v, want a gunzip error", err)
		}
	})
	t.Run("deep nesting", func(t *testing.T) {
		body := "<urlset>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</urlset>"
		if err := discover.ParseSitemapForTest([]byte(body), "https://example.org/s.xml", noop); err == nil {
			t.Error("no error")
		}
	})
	t.Run("overlong loc skipped", func(t *testing.T) {
		body := "<urlset><url><loc>https://example.org/" + strings.Repeat("a", 5000) + "</loc></url><url><loc>https://example.org/b</loc></url></urlset>"
		var got []string
		err := discover.ParseSitemapForTest([]byte(body), "https://example.org/s.xml", func(e discover.Entry, _ bool) error {
			got = append(got, e.URL)
			return nil
		})
		if err != nil || len(got) != 1 || got[0] != "https://example.org/b" {
			t.Errorf("got %q, %v", got, err)
		}
	})
}
