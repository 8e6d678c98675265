package store_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

const testURL = "https://example.com/2026/03/article"

// TestSaveVersions walks one URL through a history of captures and checks
// every read method against what was saved.
func TestSaveVersions(t *testing.T) {
	s := newStore(t)
	rawA := []byte("<html>page A</html>")
	rawB := []byte("<html>page A, new ad markup</html>")
	rawC := []byte("<html>page C</html>")

	steps := []struct {
		name        string
		edit        func(*strata.Snapshot)
		raw         []byte
		wantOutcome string
		wantVersion int
		wantChanges []string
		wantBlobs   int
	}{
		{"first capture", nil, rawA, strata.OutcomeNew, 1, []string{}, 1},
		{"same content, other bytes", nil, rawB, strata.OutcomeUnchanged, 1, nil, 1},
		{"comment edited, same bytes as v1", func(s *strata.Snapshot) { s.Comments[1].Text = "Reply (edited)" }, rawA, strata.OutcomeNew, 2, []string{strata.PartComments}, 1},
		{"only a score moved", func(s *strata.Snapshot) { n := 99; s.Comments[0].Score = &n }, rawC, strata.OutcomeUnchanged, 2, nil, 1},
		{"body changed", func(s *strata.Snapshot) { s.BodyText += "\n\nThird paragraph." }, rawC, strata.OutcomeNew, 3, []string{strata.PartBody}, 2},
		{"title and categories", func(s *strata.Snapshot) { s.Title = "A new title"; s.Categories = append(s.Categories, "politics") }, rawC, strata.OutcomeNew, 4, []string{strata.PartTitle, strata.PartCategories}, 2},
		{"markup only", func(s *strata.Snapshot) { s.BodyHTML = "<p>different</p>" }, rawB, strata.OutcomeUnchanged, 4, nil, 2},
	}

	current := testSnapshot(testURL)
	saved := map[int]*strata.Snapshot{} // version → the snapshot after Save
	savedRaw := map[int][]byte{}        // version → raw bytes
	var wantChecks []strata.Check
	for i, step := range steps {
		snap := clone(t, current)
		if step.edit != nil {
			step.edit(snap)
		}
		snap.FetchedAt = t0.Add(time.Duration(i) * time.Hour)
		unsaved := clone(t, snap)
		check := mustSave(t, s, snap, step.raw)

		if check.Outcome != step.wantOutcome || check.Version != step.wantVersion ||
			!slices.Equal(check.Changes, step.wantChanges) || !check.At.Equal(snap.FetchedAt) || check.Status != 200 {
			t.Fatalf("step %q: check = %+v, want %s v%d %v", step.name, check, step.wantOutcome, step.wantVersion, step.wantChanges)
		}
		if got := mustStats(t, s).Blobs; got != step.wantBlobs {
			t.Errorf("step %q: %d blobs, want %d", step.name, got, step.wantBlobs)
		}
		wantChecks = append(wantChecks, check)
		if check.Outcome == strata.OutcomeUnchanged {
			sameJSON(t, "snapshot after an unchanged Save", unsaved, snap)
			continue
		}
		sum := sha256.Sum256(step.raw)
		if snap.Version != step.wantVersion || !slices.Equal(snap.Changes, step.wantChanges) ||
			snap.ContentHash != strata.ContentHash(snap) || snap.RawSHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("step %q: snap not updated: v%d changes %v hash %s raw %s", step.name, snap.Version, snap.Changes, snap.ContentHash, snap.RawSHA256)
		}
		saved[snap.Version] = snap
		savedRaw[snap.Version] = step.raw
		current = snap
	}

	st := mustStats(t, s)
	if st.URLs != 1 || st.Versions != 4 || st.Checks != len(steps) || st.Blobs != 2 {
		t.Errorf("Stats = %+v, want 1 URL, 4 versions, %d checks, 2 blobs", st, len(steps))
	}

	infos, err := s.Versions(testURL)
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != len(saved) {
		t.Fatalf("Versions: %d, want %d", len(infos), len(saved))
	}
	wantDeltas := []strata.CommentDelta{
		{Added: 2},                      // the first version: every comment is new
		{Edited: 1, PrevComplete: true}, // a reply's text changed
		{PrevComplete: true},            // body only
		{PrevComplete: true},            // title and categories only
	}
	for i, info := range infos {
		want := saved[i+1]
		wantInfo := store.VersionInfo{
			Version: i + 1, FetchedAt: want.FetchedAt, Status: 200, Changes: want.Changes,
			ContentHash: want.ContentHash, Comments: len(want.Comments), Title: want.Title,
			CommentDelta: &wantDeltas[i],
		}
		if !reflect.DeepEqual(info, wantInfo) {
			t.Errorf("Versions[%d] = %+v\nwant %+v", i, info, wantInfo)
		}
	}

	for v, want := range saved {
		got, err := s.Snapshot(testURL, v)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, fmt.Sprintf("Snapshot v%d", v), want, got)

		capture, err := s.Capture(testURL, v)
		if err != nil {
			t.Fatal(err)
		}
		wantCapture := captureOf(want, savedRaw[v])
		if !reflect.DeepEqual(capture.Header, wantCapture.Header) || !bytes.Equal(capture.Body, wantCapture.Body) ||
			capture.Status != 200 || capture.URL != testURL || capture.FinalURL != testURL ||
			!capture.FetchedAt.Equal(want.FetchedAt) || capture.Truncated {
			t.Errorf("Capture v%d = %+v, want %+v", v, capture, wantCapture)
		}

		raw, err := s.Raw(want.RawSHA256)
		if err != nil || !bytes.Equal(raw, savedRaw[v]) {
			t.Errorf("Raw(v%d) = %q, %v; want %q", v, raw, err, savedRaw[v])
		}
	}

	latest, err := s.Snapshot(testURL, 0)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "Snapshot(url, 0)", saved[4], latest)
	if c, err := s.Capture(testURL, 0); err != nil || !bytes.Equal(c.Body, rawC) {
		t.Errorf("Capture(url, 0) = %v, %v; want the latest capture", c, err)
	}

	checks, err := s.Checks(testURL)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "Checks", wantChecks, checks)
}

// TestSaveRoundTrip checks that every Snapshot field comes back exactly,
// times with their offsets, and nil lists as empty ones.
func TestSaveRoundTrip(t *testing.T) {
	full := testSnapshot("https://example.com/full")
	modified := time.Date(2026, 3, 1, 8, 0, 0, 1, time.FixedZone("", -9*3600-1800))
	full.ModifiedAt = &modified
	full.CommentsComplete = false
	full.CommentsNote = "page 2 of the thread failed"
	full.Truncated = true
	full.FinalURL = "https://example.com/full?redirected"

	bare := &strata.Snapshot{URL: "https://example.com/bare", FetchedAt: t0}

	tests := []struct {
		name string
		snap *strata.Snapshot
		// wantLists: the snapshot has nil lists, which must read back as
		// empty ones.
		wantLists bool
	}{
		{"every field set", full, false},
		{"nil lists", bare, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			snap := clone(t, tt.snap)
			if tt.wantLists {
				snap = tt.snap
			}
			mustSave(t, s, snap, []byte("<html></html>"))
			got, err := s.Snapshot(snap.URL, 1)
			if err != nil {
				t.Fatal(err)
			}
			var each []*strata.Snapshot
			if err := s.Each(store.EachOptions{}, func(s *strata.Snapshot) error { each = append(each, s); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(each) != 1 {
				t.Fatalf("Each gave %d snapshots", len(each))
			}
			for what, got := range map[string]*strata.Snapshot{"Snapshot": got, "Each": each[0]} {
				data, _ := json.Marshal(got)
				if tt.wantLists {
					for _, list := range []string{"authors", "categories", "tags", "comments", "changes"} {
						if !strings.Contains(string(data), `"`+list+`":[]`) {
							t.Errorf("%s: %s is not [] in %s", what, list, data)
						}
					}
					continue
				}
				sameJSON(t, what, snap, got)
				_, off := got.ModifiedAt.Zone()
				_, offC := got.Comments[0].PostedAt.Zone()
				if off != -9*3600-1800 || offC != -5*3600 || !got.ModifiedAt.Equal(modified) {
					t.Errorf("%s: offsets %d and %d, want -34200 and -18000", what, off, offC)
				}
			}
		})
	}
}

// TestSaveFillsFromCapture checks that zero snapshot fields are taken from
// the capture.
func TestSaveFillsFromCapture(t *testing.T) {
	s := newStore(t)
	snap := &strata.Snapshot{URL: testURL, Title: "t"}
	capture := &strata.Capture{
		URL: testURL, FinalURL: testURL + "/", Status: 203, Truncated: true,
		FetchedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("", 3600)),
	}
	check, err := s.Save(snap, capture)
	if err != nil {
		t.Fatal(err)
	}
	if !snap.FetchedAt.Equal(capture.FetchedAt) || snap.Status != 203 || snap.FinalURL != testURL+"/" || !snap.Truncated || snap.RawSHA256 != "" {
		t.Errorf("snap = %+v", snap)
	}
	if check.At.Location() != time.UTC || !check.At.Equal(capture.FetchedAt) {
		t.Errorf("check.At = %v, want %v in UTC", check.At, capture.FetchedAt)
	}
	got, err := s.Capture(testURL, 1)
	if err != nil || got.Body != nil || got.Status != 203 || !got.Truncated {
		t.Errorf("Capture = %+v, %v; want no body, status 203, truncated", got, err)
	}
}

// TestSaveFailure checks that failed checks are recorded for new and known
// URLs and change nothing else.
func TestSaveFailure(t *testing.T) {
	s := newStore(t)
	const knownURL, newURL = "https://example.com/known", "https://example.com/never-fetched"
	v1 := testSnapshot(knownURL)
	mustSave(t, s, v1, []byte("one"))
	v2 := clone(t, v1)
	v2.FetchedAt = t0.Add(time.Hour)
	v2.Title = "Second"
	mustSave(t, s, v2, []byte("two"))
	before, err := s.Versions(knownURL)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		url         string
		status      int
		reason      string
		wantVersion int
		wantChecks  int
	}{
		{knownURL, http.StatusServiceUnavailable, "503 Service Unavailable", 2, 3},
		{newURL, 0, "dial tcp: connection refused", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			at := t0.Add(5 * time.Hour)
			check, err := s.SaveFailure(tt.url, at, tt.status, tt.reason)
			if err != nil {
				t.Fatal(err)
			}
			want := strata.Check{At: at, Status: tt.status, Outcome: strata.OutcomeFailed, Version: tt.wantVersion, Error: tt.reason}
			if !reflect.DeepEqual(check, want) {
				t.Errorf("check = %+v, want %+v", check, want)
			}
			checks, err := s.Checks(tt.url)
			if err != nil || len(checks) != tt.wantChecks || !reflect.DeepEqual(checks[len(checks)-1], want) {
				t.Errorf("Checks = %+v, %v; want %d ending with %+v", checks, err, tt.wantChecks, want)
			}
		})
	}

	after, err := s.Versions(knownURL)
	if err != nil || !reflect.DeepEqual(before, after) {
		t.Errorf("Versions changed by SaveFailure:\nbefore %+v\nafter  %+v (%v)", before, after, err)
	}
	if got, err := s.Snapshot(knownURL, 0); err != nil || got.Version != 2 || got.Title != "Second" {
		t.Errorf("latest after failure = %v, %v", got, err)
	}
	if infos, err := s.Versions(newURL); err != nil || len(infos) != 0 || infos == nil {
		t.Errorf("Versions(failed-only URL) = %#v, %v; want an empty list", infos, err)
	}
	if _, err := s.Snapshot(newURL, 0); !errors.Is(err, strata.ErrNotFound) {
		t.Errorf("Snapshot(failed-only URL) error = %v, want ErrNotFound", err)
	}
	// A failure must not reset what the next Save compares against.
	again := clone(t, v2)
	again.FetchedAt = t0.Add(6 * time.Hour)
	if check := mustSave(t, s, again, []byte("two")); check.Outcome != strata.OutcomeUnchanged || check.Version != 2 {
		t.Errorf("save after failure = %+v, want unchanged v2", check)
	}
	// A URL first seen failing gets version 1 when it finally works.
	first := testSnapshot(newURL)
	if check := mustSave(t, s, first, []byte("finally")); check.Outcome != strata.OutcomeNew || check.Version != 1 {
		t.Errorf("first save after failure = %+v, want new_version 1", check)
	}
}

// TestSaveConcurrent saves from several goroutines and checks that version
// numbers stay gapless and match the number of new versions reported.
func TestSaveConcurrent(t *testing.T) {
	s := newStore(t)
	urls := []string{"https://example.com/a", "https://example.com/b"}
	var (
		mu      sync.Mutex
		newVers = map[string][]int{}
		wg      sync.WaitGroup
	)
	for g := range 4 {
		wg.Go(func() {
			for i := range 10 {
				url := urls[(g+i)%len(urls)]
				snap := testSnapshot(url)
				snap.BodyText = fmt.Sprintf("body %d", i%3) // repeats, so some saves are unchanged
				check, err := s.Save(snap, captureOf(snap, []byte(snap.BodyText)))
				if err != nil {
					t.Error(err)
					return
				}
				if check.Outcome == strata.OutcomeNew {
					mu.Lock()
					newVers[url] = append(newVers[url], check.Version)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	for _, url := range urls {
		got := newVers[url]
		slices.Sort(got)
		for i, v := range got {
			if v != i+1 {
				t.Fatalf("%s: new versions %v are not 1..%d", url, got, len(got))
			}
		}
		infos, err := s.Versions(url)
		if err != nil || len(infos) != len(got) {
			t.Errorf("%s: Versions = %d, %v; want %d", url, len(infos), err, len(got))
		}
	}
}
