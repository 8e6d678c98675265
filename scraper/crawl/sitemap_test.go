package crawl_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/crawl"
	"github.com/strata-archive/strata/scraper/fetch"
	"github.com/strata-archive/strata/store"
)

// TestSitemapBeyondFiftyThousand crawls a site whose sitemap index lists
// two sitemaps of 30,000 articles each: every URL reaches the frontier in
// the first run, not only the first 50,000.
func TestSitemapBeyondFiftyThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("60,000 sitemap entries")
	}
	const files, perFile = 2, 30_000
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprintf(&b, "User-agent: *\nAllow: /\nSitemap: %s/sitemap-index.xml\n", srv.URL)
		case r.URL.Path == "/sitemap-index.xml":
			b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for i := range files {
				fmt.Fprintf(&b, "<sitemap><loc>%s/sitemap-%d.xml</loc></sitemap>", srv.URL, i)
			}
			b.WriteString("</sitemapindex>")
		case strings.HasPrefix(r.URL.Path, "/sitemap-"):
			var n int
			fmt.Sscanf(r.URL.Path, "/sitemap-%d.xml", &n)
			b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for i := range perFile {
				fmt.Fprintf(&b, "<url><loc>%s/2026/03/article-%d-%d/</loc></url>", srv.URL, n, i)
			}
			b.WriteString("</urlset>")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			b.WriteString("<!doctype html><title>An article</title><article><h1>An article</h1><p>" + strings.Repeat("Text of the article. ", 40) + "</p></article>")
		}
		w.Write([]byte(b.String()))
	}))
	defer srv.Close()
	st, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	run, err := crawl.Run(context.Background(), crawl.Options{
		Site: crawl.Site{Name: "big", Hosts: []string{"127.0.0.1"}, StartURLs: []string{srv.URL + "/"},
			Discover: true, Depth: 1, MaxPages: 3},
		Frontier: st,
		Fetch:    fetch.Options{UserAgent: "strata-test", Parallelism: 2, Timeout: 10 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := files * perFile; run.SitemapEntries != want {
		t.Errorf("the sitemap walk delivered %d entries, want %d", run.SitemapEntries, want)
	}
}
