package discover_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/discover"
	"github.com/strata-archive/strata/scraper/fetch"
)

func TestRobots(t *testing.T) {
	s := newSite(t, map[string]route{"/robots.txt": {file: "robots.txt", ctype: "text/plain"}})
	wantSitemaps := []string{s.URL + "/sitemap_index.xml", s.URL + "/news-sitemap.xml", s.URL + "/relative-sitemap.xml"}
	for _, tc := range []struct {
		agent string
		delay time.Duration
	}{
		{"strata/1.0 (+mailto:archive@example.org)", 7500 * time.Millisecond}, // its own group
		{"Strata", 7500 * time.Millisecond},                                   // case-insensitive
		{"otherbot/2.0", 2 * time.Second},                                     // the * group
	} {
		t.Run(tc.agent, func(t *testing.T) {
			info, err := discover.Robots(context.Background(), newFetcher(fetch.Options{UserAgent: tc.agent}), s.URL+"/some/page", tc.agent)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(info.Sitemaps, wantSitemaps) {
				t.Errorf("sitemaps %q, want %q", info.Sitemaps, wantSitemaps)
			}
			if info.CrawlDelay != tc.delay {
				t.Errorf("crawl delay %v, want %v", info.CrawlDelay, tc.delay)
			}
		})
	}
}

func TestRobotsAbsentOrFailing(t *testing.T) {
	for _, tc := range []struct {
		name    string
		routes  map[string]route
		wantErr bool
	}{
		{"404 means none", nil, false},
		{"403 means none", map[string]route{"/robots.txt": {body: []byte("no"), status: 403}}, false},
		{"410 means none", map[string]route{"/robots.txt": {body: []byte("gone"), status: 410}}, false},
		{"disallowing itself", map[string]route{"/robots.txt": {body: []byte("User-agent: *\nDisallow: /\nSitemap: /s.xml\n")}}, false},
		{"500 is an error", map[string]route{"/robots.txt": {body: []byte("oops"), status: 500}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, tc.routes)
			info, err := discover.Robots(context.Background(), newFetcher(fetch.Options{}), s.URL, "strata")
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			if len(info.Sitemaps) != 0 || info.CrawlDelay != 0 {
				t.Errorf("info = %+v, want empty", info)
			}
		})
	}
	if _, err := discover.Robots(context.Background(), newFetcher(fetch.Options{}), "file:///etc/robots.txt", "strata"); err == nil {
		t.Error("file: URL accepted")
	}
}

func TestParseRobotsLenient(t *testing.T) {
	// A Crawl-delay the strict parser rejects: the Sitemap lines survive.
	body := []byte("User-agent: *\nCrawl-delay: soon\nSitemap: https://example.org/a.xml # main\nSITEMAP:https://example.org/b.xml\n")
	info := discover.ParseRobots(body, "https://example.org/robots.txt", "strata")
	want := []string{"https://example.org/a.xml", "https://example.org/b.xml"}
	if !reflect.DeepEqual(info.Sitemaps, want) || info.CrawlDelay != 0 {
		t.Errorf("got %+v, want sitemaps %q", info, want)
	}
}

func TestDefaultSitemaps(t *testing.T) {
	got := discover.DefaultSitemaps("https://Example.org:8443/2024/03/01/post/?x=1")
	want := []string{"https://example.org:8443/wp-sitemap.xml", "https://example.org:8443/sitemap.xml", "https://example.org:8443/sitemap_index.xml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
	if got := discover.DefaultSitemaps("mailto:x@example.org"); got != nil {
		t.Errorf("mailto: %q", got)
	}
}

func TestRobotsErrorsAreWrapped(t *testing.T) {
	s := newSite(t, map[string]route{"/robots.txt": {body: []byte("oops"), status: 503}})
	_, err := discover.Robots(context.Background(), newFetcher(fetch.Options{}), s.URL, "strata")
	if !errors.Is(err, fetch.ErrHTTPStatus) {
		t.Errorf("err = %v, want a status error", err)
	}
}
