package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/strata-archive/strata/store"
)

func TestURLs(t *testing.T) {
	st := newStore(t)
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, u := range []string{"https://b.example/1", "https://a.example/2", "https://a.example/1"} {
		snap := testSnapshot(u)
		snap.FetchedAt = at
		c := captureOf(snap, []byte("<html>"+u+"</html>"))
		c.FetchedAt = at
		if _, err := st.Save(snap, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SaveFailure("https://c.example/gone", at.Add(time.Hour), 404, "http error status 404"); err != nil {
		t.Fatal(err)
	}

	var got []store.URLInfo
	collect := func(i store.URLInfo) error { got = append(got, i); return nil }
	if err := st.URLs(store.URLsOptions{}, collect); err != nil {
		t.Fatal(err)
	}
	want := []string{"https://a.example/1", "https://a.example/2", "https://b.example/1", "https://c.example/gone"}
	if len(got) != len(want) {
		t.Fatalf("%d urls, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].URL != w {
			t.Errorf("url %d = %q, want %q", i, got[i].URL, w)
		}
	}
	if g := got[0]; g.Latest != 1 || g.LastOutcome != "new_version" || g.ContentHash == "" || !g.LastCheck.Equal(at) {
		t.Errorf("first = %+v", g)
	}
	if g := got[3]; g.Latest != 0 || g.LastStatus != 404 || g.LastOutcome != "failed" {
		t.Errorf("failed-only url = %+v", g)
	}

	got = nil
	if err := st.URLs(store.URLsOptions{Prefix: "https://a.example/"}, collect); err != nil || len(got) != 2 {
		t.Errorf("prefix: %v, %d urls", err, len(got))
	}
	got = nil
	if err := st.URLs(store.URLsOptions{From: "https://a.example/2"}, collect); err != nil || len(got) != 3 || got[0].URL != "https://a.example/2" {
		t.Errorf("from: %v, %+v", err, got)
	}
	stop := errors.New("stop")
	n := 0
	err := st.URLs(store.URLsOptions{}, func(store.URLInfo) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn error: %v after %d", err, n)
	}
}
