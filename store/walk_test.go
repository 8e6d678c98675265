package store_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// walkArchive saves three versions each of four URLs on two sites; version
// v of every URL is fetched on day v and has the title "title v".
func walkArchive(t *testing.T) *store.Store {
	t.Helper()
	s := newStore(t)
	for _, url := range []string{
		"https://a.example/2026/one", "https://a.example/2026/two",
		"https://www.b.example/x", "https://b.example:8443/y",
	} {
		snap := testSnapshot(url)
		for v := 1; v <= 3; v++ {
			snap.FetchedAt = t0.Add(time.Duration(v-1) * 24 * time.Hour)
			snap.Title = fmt.Sprintf("title %d", v)
			mustSave(t, s, snap, []byte(url+" raw "+snap.Title))
		}
	}
	return s
}

func TestWalkFilters(t *testing.T) {
	s := walkArchive(t)
	day := func(n int) time.Time { return t0.Add(time.Duration(n-1) * 24 * time.Hour) }
	tests := []struct {
		name string
		opts store.WalkOptions
		want []string // url#version
	}{
		{"latest", store.WalkOptions{}, []string{
			"https://a.example/2026/one#3", "https://a.example/2026/two#3", "https://b.example:8443/y#3", "https://www.b.example/x#3"}},
		{"prefix", store.WalkOptions{Prefix: "https://a.example/2026/t", AllVersions: true}, []string{
			"https://a.example/2026/two#1", "https://a.example/2026/two#2", "https://a.example/2026/two#3"}},
		{"prefix matching nothing", store.WalkOptions{Prefix: "https://c.example/"}, nil},
		{"url func", store.WalkOptions{URL: func(u string) bool { return strings.Contains(u, "b.example") }}, []string{
			"https://b.example:8443/y#3", "https://www.b.example/x#3"}},
		{"newest version before day 2, per url", store.WalkOptions{
			Prefix:  "https://a.example/",
			Version: func(v *store.Version) bool { return !v.Snapshot.FetchedAt.After(day(2)) },
		}, []string{"https://a.example/2026/one#2", "https://a.example/2026/two#2"}},
		{"all versions from day 2", store.WalkOptions{
			Prefix: "https://a.example/2026/one", AllVersions: true,
			Version: func(v *store.Version) bool { return !v.Snapshot.FetchedAt.Before(day(2)) },
		}, []string{"https://a.example/2026/one#2", "https://a.example/2026/one#3"}},
		{"no version selected", store.WalkOptions{Version: func(*store.Version) bool { return false }}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := s.Walk(tt.opts, func(v *store.Version) error {
				got = append(got, fmt.Sprintf("%s#%d", v.Snapshot.URL, v.Snapshot.Version))
				if v.Capture.Body != nil {
					t.Error("body read without WalkOptions.Body")
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}

	// With Body, each version comes with its raw capture and header.
	n := 0
	err := s.Walk(store.WalkOptions{AllVersions: true, Body: true}, func(v *store.Version) error {
		n++
		want := v.Snapshot.URL + " raw " + v.Snapshot.Title
		if !bytes.Equal(v.Capture.Body, []byte(want)) || v.Capture.Header.Get("Content-Type") == "" || !v.Capture.FetchedAt.Equal(v.Snapshot.FetchedAt) {
			t.Errorf("%s v%d: capture %q %v", v.Snapshot.URL, v.Snapshot.Version, v.Capture.Body, v.Capture.Header)
		}
		return nil
	})
	if err != nil || n != 12 {
		t.Errorf("walk with bodies: %d versions, %v", n, err)
	}

	// An error from fn stops the walk and comes back as it is.
	stop := fmt.Errorf("stop")
	n = 0
	err = s.Walk(store.WalkOptions{AllVersions: true}, func(*store.Version) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("walk stopped after %d with %v", n, err)
	}
}

func TestEachSkipsFailedOnly(t *testing.T) {
	s := newStore(t)
	if _, err := s.SaveFailure("https://example.com/gone", t0, 404, "gone"); err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, testSnapshot(testURL), []byte("raw"))
	var urls []string
	if err := s.Each(store.EachOptions{}, func(s *strata.Snapshot) error { urls = append(urls, s.URL); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(urls, []string{testURL}) {
		t.Errorf("Each visited %v", urls)
	}
}

// TestWalkInChunks checks that a walk cut into many transactions visits
// the same versions in the same order, and that a read-only Store maps the
// file afresh between them.
func TestWalkInChunks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	w := openStore(t, path, store.Options{})
	urls := []string{"https://a.example/1", "https://a.example/2", "https://a.example/3", "https://b.example/1", "https://b.example/2"}
	for _, url := range urls {
		snap := testSnapshot(url)
		for v := 1; v <= 2; v++ {
			snap.Title = fmt.Sprintf("title %d", v)
			mustSave(t, w, snap, []byte(url+" raw "+snap.Title))
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	walk := func(s *store.Store, opts store.WalkOptions) []string {
		t.Helper()
		var got []string
		err := s.Walk(opts, func(v *store.Version) error {
			got = append(got, fmt.Sprintf("%s#%d %d", v.Snapshot.URL, v.Snapshot.Version, len(v.Capture.Body)))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, opts := range []store.WalkOptions{
		{}, {AllVersions: true}, {AllVersions: true, Body: true}, {Prefix: "https://a.example/"},
		{URL: func(u string) bool { return strings.HasSuffix(u, "/2") }},
	} {
		whole := openStore(t, path, store.Options{ReadOnly: true})
		want := walk(whole, opts)
		if whole.Opens() != 1 {
			t.Errorf("a walk in one transaction opened the file %d times", whole.Opens())
		}
		cut := openStore(t, path, store.Options{ReadOnly: true})
		store.SetWalkChunk(cut, 1)
		if got := walk(cut, opts); !slices.Equal(got, want) {
			t.Errorf("%+v: walk in chunks got\n%v\nwant\n%v", opts, got, want)
		}
		if cut.Opens() < 2 {
			t.Errorf("%+v: a walk in chunks never mapped the file afresh", opts)
		}
		whole.Close()
		cut.Close()
	}
}
