package scraper_test

import (
	"context"
	"errors"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/fetch"
	"github.com/strata-archive/strata/scraper/testsite"
)

// fakeArchive records what the pipeline hands to the archive.
type fakeArchive struct {
	mu       sync.Mutex
	saved    []string
	failed   []string
	saveErr  error
	failures map[string]string
}

func (a *fakeArchive) Save(s *strata.Snapshot, c *strata.Capture) (strata.Check, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.saveErr != nil {
		return strata.Check{}, a.saveErr
	}
	a.saved = append(a.saved, s.URL)
	return strata.Check{At: c.FetchedAt, Status: c.Status, Outcome: strata.OutcomeNew, Version: 1}, nil
}

func (a *fakeArchive) SaveFailure(url string, at time.Time, status int, reason string) (strata.Check, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.failed = append(a.failed, url)
	if a.failures == nil {
		a.failures = map[string]string{}
	}
	a.failures[url] = reason
	return strata.Check{At: at, Status: status, Outcome: strata.OutcomeFailed, Error: reason}, nil
}

func TestArchiveRun(t *testing.T) {
	site := testsite.New(t)
	s := scraper.New(fetch.Options{Delay: time.Millisecond, NoRetries: true})
	a := &fakeArchive{}
	var results []scraper.Result
	urls := []string{
		site.URL + testsite.SeedPath,
		site.URL + testsite.SeedPath + "#comments", // same article: archived once
		site.URL + testsite.NativeHTML5Path,
		site.URL + testsite.NotFoundPath,
		"mailto:someone@example.org",
	}
	err := s.Archive(context.Background(), urls, a, 3, func(r scraper.Result) { results = append(results, r) })
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 4 {
		t.Fatalf("%d results, want 4 (duplicates archived once): %+v", len(results), results)
	}
	sort.Strings(a.saved)
	if len(a.saved) != 2 || len(a.failed) != 1 || a.failed[0] != site.URL+testsite.NotFoundPath {
		t.Errorf("saved %v, failed %v", a.saved, a.failed)
	}
	var invalid int
	for _, r := range results {
		if r.URL == "mailto:someone@example.org" && r.Err != nil {
			invalid++
		}
	}
	if invalid != 1 {
		t.Error("an invalid URL was not reported")
	}
}

func TestArchiveStopsOnArchiveError(t *testing.T) {
	site := testsite.New(t)
	s := scraper.New(fetch.Options{Delay: time.Millisecond})
	diskFull := errors.New("write archive: no space left on device")
	a := &fakeArchive{saveErr: diskFull}
	urls := []string{site.URL + testsite.SeedPath, site.URL + testsite.NativeHTML5Path, site.URL + testsite.NativeXHTMLPath}
	err := s.Archive(context.Background(), urls, a, 1, func(scraper.Result) {})
	if !errors.Is(err, diskFull) {
		t.Fatalf("err = %v, want the archive's error", err)
	}
	if n := len(site.Requests()); n > 3 { // robots.txt and the first page at most
		t.Errorf("the run went on after the archive failed: %d requests", n)
	}
}
