package discover_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/strata-archive/strata/scraper/discover"
	"github.com/strata-archive/strata/scraper/fetch"
)

func TestFeed(t *testing.T) {
	s := newSite(t, map[string]route{
		"/feed/":       {file: "feeds/rss.xml", ctype: "application/rss+xml; charset=UTF-8"},
		"/atom.xml":    {file: "feeds/atom.xml", ctype: "application/atom+xml"},
		"/feed.json":   {file: "feeds/feed.json", ctype: "application/feed+json"},
		"/feed.xml.gz": {file: "feeds/rss.xml", ctype: "application/gzip", gzip: true},
		"/not-a-feed/": {file: "feeds/not-a-feed.html", ctype: "text/html"},
	})
	for _, tc := range []struct {
		path string
		want []entry
	}{
		{"/feed/", []entry{
			{"/2024/03/01/first-post/", "2024-03-01T08:30:00Z"},
			{"/2024/02/14/guid-only/", "2024-02-14T11:00:00Z"}, // a permalink guid
		}},
		{"/feed.xml.gz", []entry{
			{"/2024/03/01/first-post/", "2024-03-01T08:30:00Z"},
			{"/2024/02/14/guid-only/", "2024-02-14T11:00:00Z"},
		}},
		{"/atom.xml", []entry{
			{"/2024/03/05/updated-entry.html", "2024-03-05T08:00:00Z"}, // updated wins
			{"/2024/03/06/relative-entry.html", "2024-03-06T09:00:00Z"},
		}},
		{"/feed.json", []entry{
			{"/2024/03/07/json-one/", "2024-03-08T08:00:00Z"},
			{"/2024/03/08/json-two/", "2024-03-08T08:00:00Z"},
			{"https://elsewhere.example/linked", ""},
		}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			entries, err := discover.Feed(context.Background(), newFetcher(fetch.Options{}), s.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []entry
			for _, e := range entries {
				if e.Source != discover.SourceFeed {
					t.Errorf("%s: source %q", e.URL, e.Source)
				}
				lm := ""
				if !e.LastMod.IsZero() {
					lm = e.LastMod.Format(time.RFC3339)
				}
				got = append(got, entry{strings.TrimPrefix(e.URL, s.URL), lm})
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
	t.Run("not a feed", func(t *testing.T) {
		_, err := discover.Feed(context.Background(), newFetcher(fetch.Options{}), s.URL+"/not-a-feed/", nil)
		if !errors.Is(err, discover.ErrNotFeed) || !strings.Contains(err.Error(), s.URL+"/not-a-feed/") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		_, err := discover.Feed(context.Background(), newFetcher(fetch.Options{}), s.URL+"/nothing/", nil)
		if !errors.Is(err, fetch.ErrHTTPStatus) {
			t.Errorf("err = %v", err)
		}
	})
}

func parsePage(t testing.TB, name string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(readTestdata(t, name))))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestFeedLinks(t *testing.T) {
	for _, tc := range []struct {
		page, base string
		want       []string
	}{
		// The site feed; not the comments feed, the post's comments
		// feed, the REST API or oEmbed links.
		{"pages/wp-single.html", "https://harbour.example/2024/03/01/sea-wall-repairs-postponed-again/",
			[]string{"https://harbour.example/feed/"}},
		{"pages/wp-home.html", "https://harbour.example/", []string{"https://harbour.example/feed/"}},
		// Blogger: posts feeds yes, /feeds/POSTID/comments/default no.
		{"pages/blogger-item.html", "https://harbournotes.blogspot.com/2024/03/sea-wall.html", []string{
			"https://harbournotes.blogspot.com/feeds/posts/default",
			"https://harbournotes.blogspot.com/feeds/posts/default?alt=rss",
		}},
		{"pages/ghost-post.html", "https://ghost.example/sea-wall/", []string{"https://ghost.example/rss/"}},
		{"pages/plain-nothing.html", "https://example.org/", nil},
	} {
		t.Run(tc.page, func(t *testing.T) {
			got := discover.FeedLinks(parsePage(t, tc.page), mustURL(t, tc.base))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
	t.Run("relative, base href, json feed, comment titles", func(t *testing.T) {
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(`<html><head>
<base href="https://blog.example/sub/">
<link rel="alternate" type="application/rss+xml" href="feed.xml" title="Blog">
<link rel="Alternate Feed" type="APPLICATION/ATOM+XML; charset=utf-8" href="/atom.xml">
<link rel="alternate" type="application/feed+json" href="/feed.json">
<link rel="alternate" type="application/json" href="/feed.json">
<link rel="alternate" type="application/json" href="/api/data.json">
<link rel="alternate" type="application/rss+xml" href="/kommentare.xml" title="Blog &raquo; Kommentar-Feed">
<link rel="alternate" type="application/rss+xml" href="/commentaires.xml" title="Blog &raquo; Flux des commentaires">
<link rel="alternate" type="application/rss+xml" href="/?feed=comments-rss2">
<link rel="alternate" type="text/html" href="/fr/" hreflang="fr">
<link rel="stylesheet" type="application/rss+xml" href="/not-alternate.xml">
<link rel="alternate" type="application/rss+xml" href="javascript:x">
</head></html>`))
		got := discover.FeedLinks(doc, mustURL(t, "https://blog.example/post/"))
		want := []string{"https://blog.example/sub/feed.xml", "https://blog.example/atom.xml", "https://blog.example/feed.json"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	})
}

func TestLinks(t *testing.T) {
	got := discover.Links(parsePage(t, "pages/links.html"), mustURL(t, "https://harbour.example/page/"))
	want := []string{
		"https://cdn-base.example/dir/page/2/", // <link rel=next>, against <base href>
		"https://cdn-base.example/dir/sub/relative/article/",
		"https://cdn-base.example/root/article/", // fragment removed
		"https://harbour.example/abs/?id=3",      // tracking removed; the other spelling is the same URL
		"https://cdn-base.example/dir/sub/",      // "#top" is the base itself
		"https://other.example/protocol-relative",
		"https://harbour.example/spaces/",
		"https://cdn-base.example/area/target/",
		"https://cdn-base.example/2024/03/01/linked-from-a-comment/",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	t.Run("without base href or base URL", func(t *testing.T) {
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(`<a href="/rel">r</a><a href="https://a.example/x">a</a>`))
		if got := discover.Links(doc, nil); !reflect.DeepEqual(got, []string{"https://a.example/x"}) {
			t.Errorf("got %q", got)
		}
	})
	t.Run("relative base href", func(t *testing.T) {
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(`<base href="/blog/"><a href="post/">p</a>`))
		if got := discover.Links(doc, mustURL(t, "http://example.org/x/y")); !reflect.DeepEqual(got, []string{"http://example.org/blog/post/"}) {
			t.Errorf("got %q", got)
		}
	})
}

func TestFeedRedirectOutOfScope(t *testing.T) {
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the feed followed a redirect out of scope to %s", r.URL)
	}))
	defer elsewhere.Close()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, elsewhere.URL+"/feed/", http.StatusMovedPermanently)
	}))
	defer site.Close()
	sameHost := func(u string) bool { return strings.HasPrefix(u, site.URL) }
	_, err := discover.Feed(context.Background(), newFetcher(fetch.Options{}), site.URL+"/feed/", sameHost)
	if !errors.Is(err, fetch.ErrOutOfScope) {
		t.Errorf("err = %v, want fetch.ErrOutOfScope", err)
	}
}
