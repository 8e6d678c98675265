package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

func page(site, url string, prio int, due time.Time) strata.Page {
	return strata.Page{Site: site, URL: url, Source: strata.SourceSitemap, Kind: strata.KindArticle, DiscoveredAt: t0, Priority: prio, NextDue: due}
}

func urlsOf(pages []strata.Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.URL)
	}
	return out
}

// TestDuePages checks the due order (priority, then due time), the cutoff
// within each priority, the cursor, and that sites do not mix.
func TestDuePages(t *testing.T) {
	s := newStore(t)
	h := time.Hour
	pages := []strata.Page{
		page("a", "https://a/late", 2, t0.Add(3*h)),
		page("a", "https://a/p2-early", 2, t0.Add(-2*h)),
		page("a", "https://a/p2-now", 2, t0),
		page("a", "https://a/p0", 0, t0.Add(-h)),
		page("a", "https://a/p1-future", 1, t0.Add(h)),
		page("a", "https://a/p1", 1, t0.Add(-5*h)),
		page("a", "https://a/p255", 255, t0),
		page("ab", "https://ab/x", 0, t0),
		page("", "https://nosite/", 0, t0),
	}
	if _, err := s.AddPages(pages, nil); err == nil {
		t.Fatal("a page without a site was added")
	}
	added, err := s.AddPages(pages[:8], nil)
	if err != nil || added != 8 {
		t.Fatalf("AddPages = %d, %v", added, err)
	}
	want := []string{"https://a/p0", "https://a/p1", "https://a/p2-early", "https://a/p2-now", "https://a/p255"}
	got, _, err := s.DuePages("a", t0, "", 100)
	if err != nil || !slices.Equal(urlsOf(got), want) {
		t.Errorf("DuePages = %v, %v; want %v", urlsOf(got), err, want)
	}
	if n, err := s.CountDue("a", t0); err != nil || n != len(want) {
		t.Errorf("CountDue = %d, %v", n, err)
	}
	// Page by page with the cursor.
	var walked []string
	cursor := ""
	for {
		got, next, err := s.DuePages("a", t0, cursor, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		walked = append(walked, urlsOf(got)...)
		cursor = next
	}
	if !slices.Equal(walked, want) {
		t.Errorf("walked %v, want %v", walked, want)
	}
	// A later cutoff lets more in; another site's pages never.
	got, _, _ = s.DuePages("a", t0.Add(4*h), "", 100)
	if len(got) != 7 {
		t.Errorf("all due later: %v", urlsOf(got))
	}
	got, _, _ = s.DuePages("ab", t0, "", 100)
	if !slices.Equal(urlsOf(got), []string{"https://ab/x"}) {
		t.Errorf("site ab: %v", urlsOf(got))
	}
}

// TestAddPagesMerge checks that a known page is left alone unless merge
// changes it, and that a change re-indexes it.
func TestAddPagesMerge(t *testing.T) {
	s := newStore(t)
	p := page("a", "https://a/1", 3, t0.Add(time.Hour))
	if _, err := s.AddPages([]strata.Page{p}, nil); err != nil {
		t.Fatal(err)
	}
	found := p
	found.LastMod = t0.Add(time.Minute)
	found.Source = strata.SourceFeed
	added, err := s.AddPages([]strata.Page{found}, func(stored *strata.Page, f strata.Page) bool {
		if f.LastMod.After(stored.LastMod) {
			stored.LastMod = f.LastMod
			stored.NextDue = t0
			return true
		}
		return false
	})
	if err != nil || added != 0 {
		t.Fatalf("AddPages = %d, %v", added, err)
	}
	got, ok, err := s.Page("a", p.URL)
	if err != nil || !ok || !got.NextDue.Equal(t0) || got.Source != strata.SourceSitemap {
		t.Errorf("merged page %+v, %v, %v", got, ok, err)
	}
	if due, _, _ := s.DuePages("a", t0, "", 10); len(due) != 1 {
		t.Errorf("merged page not due: %v", urlsOf(due))
	}
}

// TestCommit commits visits of each kind and checks versions, checks, page
// states, discovered pages and the run's counts.
func TestCommit(t *testing.T) {
	s := newStore(t)
	u1, u2, u3 := "https://example.com/1", "https://example.com/2", "https://example.com/list"
	if _, err := s.AddPages([]strata.Page{page("ex", u1, 1, t0), page("ex", u2, 1, t0), page("ex", u3, 0, t0)}, nil); err != nil {
		t.Fatal(err)
	}
	run := &strata.Run{Site: "ex", Start: t0, Status: strata.RunRunning}
	if err := s.PutRun(run); err != nil || run.ID != 1 {
		t.Fatalf("PutRun: id %d, %v", run.ID, err)
	}
	later := func(p strata.Page) strata.Page { p.NextDue = t0.Add(time.Hour); p.LastFetchAt = t0; return p }
	snap := testSnapshot(u1)
	visits := []strata.Visit{
		{Page: later(page("ex", u1, 2, t0)), Snapshot: snap, Capture: captureOf(snap, []byte("raw1"))},
		{Page: later(page("ex", u2, 2, t0)), Check: &strata.Check{At: t0, Status: 503, Outcome: strata.OutcomeFailed, Error: "http 503"}, Reason: "http_503"},
		{Page: later(page("ex", u3, 0, t0)), Outcome: strata.OutcomeListing, Found: []strata.Page{page("ex", u1, 1, t0), page("ex", "https://example.com/new", 1, t0)}},
	}
	checks, err := s.Commit(run, visits)
	if err != nil {
		t.Fatal(err)
	}
	if checks[0].Outcome != strata.OutcomeNew || checks[0].Version != 1 || snap.Version != 1 {
		t.Errorf("check 0: %+v (snapshot version %d)", checks[0], snap.Version)
	}
	if checks[1].Outcome != strata.OutcomeFailed || checks[2].Outcome != "" {
		t.Errorf("checks: %+v", checks)
	}
	wantCounts := map[string]int{strata.OutcomeNew: 1, strata.OutcomeFailed: 1, strata.OutcomeListing: 1}
	if run.Pages != 3 || run.Discovered != 1 || fmt.Sprint(run.Outcomes) != fmt.Sprint(wantCounts) || run.Failures["http_503"] != 1 || run.Updated.IsZero() {
		t.Errorf("run: %+v", run)
	}
	due, _, _ := s.DuePages("ex", t0, "", 10)
	if !slices.Equal(urlsOf(due), []string{"https://example.com/new"}) {
		t.Errorf("due after commit: %v", urlsOf(due))
	}

	// A 304 and an unchanged body record checks that name the version and
	// change nothing else.
	run2 := run.Clone()
	checks, err = s.Commit(run2, []strata.Visit{
		{Page: later(page("ex", u1, 2, t0)), Check: &strata.Check{At: t0.Add(time.Hour), Status: 304, Outcome: strata.OutcomeNotModified}},
		{Page: later(page("ex", u1, 2, t0)), Check: &strata.Check{At: t0.Add(2 * time.Hour), Status: 200, Outcome: strata.OutcomeUnchanged}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if checks[0].Version != 1 || checks[1].Version != 1 || run2.Outcomes[strata.OutcomeNotModified] != 1 || run2.Outcomes[strata.OutcomeUnchanged] != 1 {
		t.Errorf("checks %+v, run %+v", checks, run2)
	}
	if infos, _ := s.Versions(u1); len(infos) != 1 {
		t.Errorf("%d versions", len(infos))
	}
	if cs, _ := s.Checks(u1); len(cs) != 3 {
		t.Errorf("%d checks", len(cs))
	}

	// A failing commit leaves the run as it was and writes nothing.
	before := run2.Clone()
	_, err = s.Commit(run2, []strata.Visit{
		{Page: later(page("ex", u2, 2, t0)), Check: &strata.Check{Outcome: strata.OutcomeNotModified}},
		{Page: later(page("ex", u2, 2, t0)), Check: &strata.Check{Outcome: strata.OutcomeNew}},
	})
	if err == nil {
		t.Fatal("a check claiming a new version was committed")
	}
	if run2.Pages != before.Pages {
		t.Errorf("failed commit changed the run: %+v", run2)
	}
	if cs, _ := s.Checks(u2); len(cs) != 1 {
		t.Errorf("failed commit left %d checks", len(cs))
	}
	runs, err := s.Runs(store.RunsOptions{Site: "ex"})
	if err != nil || len(runs) != 1 || runs[0].Pages != 5 {
		t.Errorf("Runs = %+v, %v", runs, err)
	}
}

// TestMarkDied checks that runs left running are marked died, newest
// first in Runs.
func TestMarkDied(t *testing.T) {
	s := newStore(t)
	for i, status := range []string{strata.RunCompleted, strata.RunRunning, strata.RunRunning} {
		r := &strata.Run{Site: fmt.Sprint("s", i), Start: t0, Status: status}
		if err := s.PutRun(r); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.MarkDied()
	if err != nil || n != 2 {
		t.Fatalf("MarkDied = %d, %v", n, err)
	}
	runs, _ := s.Runs(store.RunsOptions{Limit: 2})
	if len(runs) != 2 || runs[0].ID != 3 || runs[0].Status != strata.RunDied || runs[1].Status != strata.RunDied {
		t.Errorf("runs %+v", runs)
	}
}

// TestSaveCheck checks the outcomes SaveCheck takes and refuses.
func TestSaveCheck(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, testSnapshot(testURL), []byte("raw"))
	c, err := s.SaveCheck(testURL, strata.Check{Status: 304, Outcome: strata.OutcomeNotModified, Version: 9, Changes: []string{"x"}})
	if err != nil || c.Version != 1 || c.Changes != nil || c.At.IsZero() {
		t.Errorf("SaveCheck = %+v, %v", c, err)
	}
	if _, err := s.SaveCheck(testURL, strata.Check{Outcome: strata.OutcomeNew}); err == nil {
		t.Error("SaveCheck made a new version")
	}
	if _, err := s.SaveCheck("", strata.Check{Outcome: strata.OutcomeFailed}); err == nil {
		t.Error("SaveCheck without url")
	}
}
