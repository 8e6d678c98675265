package store_test

import (
	"bytes"
	"fmt"
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
