package thread_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/fetch"
	"github.com/strata-archive/strata/scraper/testsite"
	"github.com/strata-archive/strata/scraper/thread"
)

// testUA is the User-Agent the tests configure; every request must carry it.
const testUA = "strata-thread-test/1.0"

// fetchOpts are fast, polite fetch options for the tests.
func fetchOpts() fetch.Options {
	return fetch.Options{
		UserAgent:    testUA,
		Timeout:      5 * time.Second,
		Delay:        time.Millisecond,
		Parallelism:  1,
		Retries:      1,
		RetryBackoff: 5 * time.Millisecond,
	}
}

// scrape archives url with a completer of opts and returns its snapshot.
func scrape(t *testing.T, url string, opts thread.Options) *strata.Snapshot {
	t.Helper()
	return scrapeWith(t, url, fetchOpts(), opts)
}

func scrapeWith(t *testing.T, url string, fo fetch.Options, opts thread.Options) *strata.Snapshot {
	t.Helper()
	s := scraper.New(fo, scraper.WithThreads(opts))
	snap, _, err := s.Scrape(context.Background(), url)
	if err != nil {
		t.Fatalf("scrape %s: %v", url, err)
	}
	return snap
}

// checkThread compares an archived thread with the site's full thread:
// every comment once, with its ID, parent, author, link, time, text and
// type, and the thread order contract.
func checkThread(t *testing.T, got []strata.Comment, want testsite.Thread, skip ...string) {
	t.Helper()
	skipped := map[string]bool{}
	for _, s := range skip {
		skipped[s] = true
	}
	if p := orderProblem(got); p != "" {
		t.Errorf("thread order: %s", p)
	}
	byID := map[string]strata.Comment{}
	for _, c := range got {
		if _, dup := byID[c.ID]; dup {
			t.Errorf("comment %s appears twice", c.ID)
		}
		byID[c.ID] = c
	}
	for _, w := range want.Comments {
		id := strconv.Itoa(w.ID)
		c, ok := byID[id]
		if !ok {
			t.Errorf("comment %s missing", id)
			continue
		}
		delete(byID, id)
		parent := ""
		if w.Parent != 0 {
			parent = strconv.Itoa(w.Parent)
		}
		at := ""
		if c.PostedAt != nil {
			at = c.PostedAt.UTC().Format(time.RFC3339)
		}
		checks := []struct{ field, got, want string }{
			{"parent_id", c.ParentID, parent},
			{"author", c.Author, w.Author},
			{"author_url", c.AuthorURL, w.AuthorURL},
			{"posted_at", at, w.At.UTC().Format(time.RFC3339)},
			{"text", c.Text, w.Text()},
			{"type", c.Type, w.Type},
		}
		for _, ch := range checks {
			if !skipped[ch.field] && ch.got != ch.want {
				t.Errorf("comment %s: %s = %q, want %q", id, ch.field, ch.got, ch.want)
			}
		}
		if c.Depth != want.Depth(w.ID) {
			t.Errorf("comment %s: depth %d, want %d", id, c.Depth, want.Depth(w.ID))
		}
	}
	for id := range byID {
		t.Errorf("comment %s is not in the site's thread", id)
	}
}

// orderProblem returns what breaks the thread-order contract, or "".
func orderProblem(cs []strata.Comment) string {
	pos := map[string]int{}
	for i, c := range cs {
		pos[c.ID] = i
	}
	for i, c := range cs {
		if c.ParentID == "" {
			if c.Depth != 0 {
				return fmt.Sprintf("top-level %s has depth %d", c.ID, c.Depth)
			}
			continue
		}
		p, ok := pos[c.ParentID]
		if !ok {
			return "parent of " + c.ID + " missing"
		}
		if p >= i || c.Depth != cs[p].Depth+1 {
			return "comment " + c.ID + " misplaced under " + c.ParentID
		}
		for k := p + 1; k < i; k++ {
			if cs[k].Depth <= cs[p].Depth {
				return "comment " + c.ID + " is not in its parent's subtree"
			}
		}
	}
	return ""
}

// checkPolite checks the request log of one host: the configured
// User-Agent everywhere, robots.txt asked for before anything else, at
// most max requests besides robots.txt, and none to a path under a
// disallowed prefix.
func checkPolite(t *testing.T, log []testsite.Request, max int, disallowed ...string) {
	t.Helper()
	n := 0
	for i, r := range log {
		if r.UserAgent != testUA {
			t.Errorf("request %s %s has User-Agent %q", r.Method, r.URI, r.UserAgent)
		}
		if r.URI == "/robots.txt" {
			if i != 0 {
				t.Errorf("robots.txt asked for as request %d, not first", i+1)
			}
			continue
		}
		n++
		for _, d := range disallowed {
			if strings.HasPrefix(r.URI, d) {
				t.Errorf("request to %s, which robots.txt disallows", r.URI)
			}
		}
	}
	if len(log) > 0 && log[0].URI != "/robots.txt" {
		t.Errorf("first request %s, want /robots.txt", log[0].URI)
	}
	if n > max {
		t.Errorf("%d requests, want at most %d", n, max)
	}
}

// actions lists the admin-ajax actions and other requests of a log, for
// error messages.
func actions(log []testsite.Request) []string {
	var out []string
	for _, r := range log {
		if a := r.Form.Get("action"); a != "" {
			out = append(out, r.Method+" "+a)
			continue
		}
		out = append(out, r.Method+" "+r.URI)
	}
	return out
}
