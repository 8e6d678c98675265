package thread_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/strata-archive/strata/scraper/testsite"
	"github.com/strata-archive/strata/scraper/thread"
)

func TestDisqus(t *testing.T) {
	site := testsite.New(t)
	dq := testsite.NewDisqus(t, site)
	opts := thread.Options{DisqusBase: dq.URL, DisqusAPIKey: testsite.DisqusAPIKey}
	snap := scrape(t, site.URL+testsite.DisqusPath, opts)
	want := site.Thread(testsite.DisqusPath)
	checkThread(t, snap.Comments, want)
	if snap.CommentSystem != "disqus" || !snap.CommentsComplete || snap.CommentsNote != "" {
		t.Errorf("system %q complete %v note %q", snap.CommentSystem, snap.CommentsComplete, snap.CommentsNote)
	}
	if snap.CommentCountDeclared == nil || *snap.CommentCountDeclared != want.Count() {
		t.Errorf("comment_count_declared %v, want %d", snap.CommentCountDeclared, want.Count())
	}
	// The embed first, then API pages while the cursor says there are more.
	log := dq.RequestLog()
	checkPolite(t, log, thread.DefaultMaxRequests)
	apiPages := (want.Count()+dq.PageSize-1)/dq.PageSize - 1
	if len(log) != 2+apiPages || !strings.HasPrefix(log[1].URI, "/embed/comments/?") {
		t.Errorf("disqus requests: %v, want robots.txt, the embed and %d API pages", actions(log), apiPages)
	}
	for _, r := range log[2:] {
		if !strings.Contains(r.URI, "api_key="+testsite.DisqusAPIKey) || !strings.Contains(r.URI, "thread=") {
			t.Errorf("API request without key or thread: %s", r.URI)
		}
	}

	// Without an API key only the embed's first page is captured, and the
	// snapshot says why.
	snap = scrape(t, site.URL+testsite.DisqusPath, thread.Options{DisqusBase: dq.URL})
	if snap.CommentsComplete || len(snap.Comments) != dq.PageSize || !strings.Contains(snap.CommentsNote, "disqus_api_key") {
		t.Errorf("without key: complete %v, %d comments, note %q", snap.CommentsComplete, len(snap.Comments), snap.CommentsNote)
	}
}

func TestFacebookIsReported(t *testing.T) {
	site := testsite.New(t)
	snap := scrape(t, site.URL+testsite.FacebookPath, thread.Options{})
	if snap.CommentSystem != "facebook" || snap.CommentsComplete || !strings.Contains(snap.CommentsNote, "not fetchable without a browser") {
		t.Errorf("system %q complete %v note %q", snap.CommentSystem, snap.CommentsComplete, snap.CommentsNote)
	}
	if n := len(site.RequestLog()); n != 2 {
		t.Errorf("%d requests for a Facebook page, want robots.txt and the page", n)
	}
}

func TestOtherSystems(t *testing.T) {
	tests := []struct {
		name, path, system string
		opts               func(site *testsite.Site) thread.Options
		thread             func(site *testsite.Site) testsite.Thread
		// skip names fields the system does not give as the model has them.
		skip []string
		// declared is whether the system states a count.
		declared bool
	}{
		{name: "blogger: page, then the Atom feed", path: testsite.BloggerPath, system: "blogger", declared: true},
		{name: "discourse: embed, topic JSON, posts.json", path: testsite.DiscoursePath, system: "discourse", declared: true,
			skip: []string{"author_url"}},
		{name: "hacker news: item page and More pages", path: testsite.HNPath + "?id=" + strconv.Itoa(testsite.HNItem), system: "hackernews", declared: true,
			skip: []string{"author_url"}},
		{name: "hacker news: the API when the page shows no comments", path: testsite.HNPath + "?id=" + strconv.Itoa(testsite.HNEmptyItem), system: "hackernews", declared: true,
			skip:   []string{"author_url"},
			thread: func(site *testsite.Site) testsite.Thread { return site.HNEmptyThread() }},
		{name: "reddit: .json, morechildren, continue this thread", path: testsite.RedditPath, system: "reddit", declared: true,
			skip: []string{"author_url"}},
		{name: "commento", path: testsite.CommentoPath, system: "commento"},
		{name: "remark42", path: testsite.Remark42Path, system: "remark42", declared: true, skip: []string{"author_url"}},
		{name: "substack", path: testsite.SubstackPath, system: "substack", declared: true, skip: []string{"author_url"}},
		{name: "ghost: pages and replies", path: testsite.GhostPath, system: "ghost", skip: []string{"author_url"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := testsite.New(t)
			opts := thread.Options{RedditBase: site.URL, HackerNewsAPI: site.URL + "/hn-api"}
			if tt.opts != nil {
				opts = tt.opts(site)
			}
			snap := scrape(t, site.URL+tt.path, opts)
			path, _, _ := strings.Cut(tt.path, "?")
			var want testsite.Thread
			if tt.thread != nil {
				want = tt.thread(site)
			} else {
				want = site.Thread(path)
			}
			checkThread(t, snap.Comments, want, tt.skip...)
			if snap.CommentSystem != tt.system || !snap.CommentsComplete || snap.CommentsNote != "" {
				t.Errorf("system %q complete %v note %q", snap.CommentSystem, snap.CommentsComplete, snap.CommentsNote)
			}
			if tt.declared && (snap.CommentCountDeclared == nil || *snap.CommentCountDeclared != want.Count()) {
				t.Errorf("comment_count_declared %v, want %d", snap.CommentCountDeclared, want.Count())
			}
			checkPolite(t, site.RequestLog(), thread.DefaultMaxRequests+1)
		})
	}
}
