package thread_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/testsite"
	"github.com/strata-archive/strata/scraper/thread"
)

// TestPoliteness checks that the extra requests of a thread keep the
// per-host delay of the fetcher, like article pages.
func TestPoliteness(t *testing.T) {
	site := testsite.New(t)
	fo := fetchOpts()
	fo.Delay = 30 * time.Millisecond
	snap := scrapeWith(t, site.URL+testsite.WpDiscuzPath, fo, thread.Options{})
	if !snap.CommentsComplete {
		t.Fatalf("incomplete: %s", snap.CommentsNote)
	}
	var last time.Time
	n := 0
	for _, r := range site.RequestLog() {
		if r.URI == "/robots.txt" {
			continue
		}
		if !last.IsZero() {
			// Half the delay of slack: the server sees arrivals, not sends.
			if gap := r.At.Sub(last); gap < fo.Delay/2 {
				t.Errorf("%s %s came %v after the previous request, less than the %v delay", r.Method, r.URI, gap, fo.Delay)
			}
		}
		last = r.At
		n++
	}
	if n < 5 {
		t.Errorf("only %d requests: the test lost its point", n)
	}
}

// TestSameSnapshotTwice checks that archiving an unchanged thread twice
// gives the same content hash: the thread order does not depend on the
// order in which sources answered.
func TestSameSnapshotTwice(t *testing.T) {
	site := testsite.New(t)
	dq := testsite.NewDisqus(t, site)
	opts := thread.Options{DisqusBase: dq.URL, DisqusAPIKey: testsite.DisqusAPIKey, RedditBase: site.URL, HackerNewsAPI: site.URL + "/hn-api"}
	for _, p := range []string{testsite.NativePagedPath, testsite.NativeNoRESTPath, testsite.WpDiscuzPath, testsite.WpDiscuzRESTPath,
		testsite.WpDiscuz5Path, testsite.DisqusPath, testsite.BloggerPath, testsite.RedditPath, testsite.GhostPath} {
		a := scrape(t, site.URL+p, opts)
		b := scrape(t, site.URL+p, opts)
		if strata.ContentHash(a) != strata.ContentHash(b) {
			t.Errorf("%s: two archives of the same thread differ", p)
		}
	}
}

// TestSameThreadWithoutREST checks that a wpDiscuz thread read through
// REST and one read from the page and AJAX alone are the same snapshot.
func TestSameThreadWithoutREST(t *testing.T) {
	site := testsite.New(t)
	withREST := scrape(t, site.URL+testsite.WpDiscuzRESTPath, thread.Options{})
	site.SetREST(testsite.WpDiscuzRESTPath, "403")
	without := scrape(t, site.URL+testsite.WpDiscuzRESTPath, thread.Options{})
	if withREST.CommentsNote != "" || !strings.Contains(without.CommentsNote, "REST API unavailable") {
		t.Fatalf("notes %q and %q", withREST.CommentsNote, without.CommentsNote)
	}
	if strata.ContentHash(withREST) != strata.ContentHash(without) {
		for i := range withREST.Comments {
			if i < len(without.Comments) && !reflect.DeepEqual(withREST.Comments[i], without.Comments[i]) {
				t.Errorf("comment %d:\n with REST %+v\n without   %+v", i, withREST.Comments[i], without.Comments[i])
				break
			}
		}
		t.Error("the thread differs with and without REST")
	}
}
