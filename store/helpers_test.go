package store_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// newStore opens a fresh read-write archive in a temporary directory. At the
// end of the test it verifies the archive and closes it.
func newStore(tb testing.TB) *store.Store {
	tb.Helper()
	s := openStore(tb, filepath.Join(tb.TempDir(), "archive.db"), store.Options{})
	tb.Cleanup(func() { verify(tb, s) })
	return s
}

// openStore opens path and closes the Store at the end of the test.
func openStore(tb testing.TB, path string, opts store.Options) *store.Store {
	tb.Helper()
	s, err := store.Open(path, opts)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// verify fails the test unless the archive passes Verify.
func verify(tb testing.TB, s *store.Store) {
	tb.Helper()
	if err := s.Verify(); err != nil {
		tb.Errorf("Verify: %v", err)
	}
}

// mustSave saves snap with a capture of raw and returns the check.
func mustSave(tb testing.TB, s *store.Store, snap *strata.Snapshot, raw []byte) strata.Check {
	tb.Helper()
	check, err := s.Save(snap, captureOf(snap, raw))
	if err != nil {
		tb.Fatalf("Save(%s): %v", snap.URL, err)
	}
	return check
}

// mustStats returns the archive's counts.
func mustStats(tb testing.TB, s *store.Store) store.Stats {
	tb.Helper()
	st, err := s.Stats()
	if err != nil {
		tb.Fatalf("Stats: %v", err)
	}
	return st
}

// captureOf builds the capture snap could have been extracted from.
func captureOf(snap *strata.Snapshot, raw []byte) *strata.Capture {
	return &strata.Capture{
		URL:       snap.URL,
		FinalURL:  snap.URL,
		Status:    http.StatusOK,
		Header:    http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {`"abc"`}},
		Body:      raw,
		FetchedAt: snap.FetchedAt,
	}
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// testSnapshot returns a small but complete snapshot of url.
func testSnapshot(url string) *strata.Snapshot {
	ist := time.FixedZone("", 5*3600+1800)
	published := time.Date(2026, 2, 28, 9, 30, 0, 0, ist)
	posted := time.Date(2026, 2, 28, 10, 0, 0, 123456789, time.FixedZone("", -5*3600))
	declared, score := 2, 7
	return &strata.Snapshot{
		URL:          url,
		CanonicalURL: url,
		FetchedAt:    t0,
		Status:       200,
		Changes:      []string{},
		Title:        "A title",
		Authors:      []string{"Ann Author"},
		PublishedAt:  &published,
		SiteName:     "Example",
		Language:     "en",
		Description:  "About things.",
		Image:        "https://example.com/i.png",
		Categories:   []string{"news"},
		Tags:         []string{"go", "bbolt"},
		BodyText:     "First paragraph.\n\nSecond paragraph.",
		BodyHTML:     "<p>First paragraph.</p><p>Second paragraph.</p>",

		CommentSystem:        "wordpress",
		CommentCountDeclared: &declared,
		CommentsComplete:     true,
		Comments: []strata.Comment{
			{ID: "1", Author: "Bob", PostedAt: &posted, PostedAtText: "1 hour ago", Text: "First!", HTML: "<p>First!</p>", Score: &score, Type: strata.CommentTypeComment, Label: "Guest"},
			{ID: "2", ParentID: "1", Author: "Cy", AuthorURL: "https://cy.example", Text: "Reply", HTML: "<p>Reply</p>", Type: strata.CommentTypeComment, Depth: 1},
		},
		FinalURL:     url,
		CommentsNote: "",
	}
}

// clone deep-copies a snapshot through its JSON form.
func clone(tb testing.TB, s *strata.Snapshot) *strata.Snapshot {
	tb.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		tb.Fatal(err)
	}
	var c strata.Snapshot
	if err := json.Unmarshal(data, &c); err != nil {
		tb.Fatal(err)
	}
	return &c
}

// sameJSON fails the test unless want and got have the same JSON form, which
// covers every exported field, time offsets and nil versus empty lists.
func sameJSON(tb testing.TB, what string, want, got any) {
	tb.Helper()
	w, err := json.Marshal(want)
	if err != nil {
		tb.Fatal(err)
	}
	g, err := json.Marshal(got)
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.Equal(w, g) {
		tb.Errorf("%s differs:\nwant %s\ngot  %s", what, w, g)
	}
}

// realisticSnapshot returns a snapshot with about 8 KB of body text and 50
// comments, and a raw page of about 60 KB, both made of pseudo-random words
// so that they compress like text.
func realisticSnapshot(url string, seed uint64) (*strata.Snapshot, []byte) {
	r := rand.New(rand.NewPCG(seed, 42))
	words := strings.Fields(`the archive keeps every version of an article and its comment thread
		when a page changes strata stores a new snapshot with the parts that differ readers
		disagree about moderation quoted replies nested threads timestamps links votes editors
		policy history update correction source evidence report council budget river school`)
	text := func(n int) string {
		var sb strings.Builder
		for sb.Len() < n {
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(words[r.IntN(len(words))])
		}
		return sb.String()
	}
	snap := testSnapshot(url)
	var body []string
	for range 16 {
		body = append(body, text(500))
	}
	snap.BodyText = strings.Join(body, "\n\n")
	snap.BodyHTML = "<p>" + strings.Join(body, "</p><p>") + "</p>"
	snap.Comments = nil
	for i := range 50 {
		at := t0.Add(-time.Duration(i) * time.Hour)
		c := strata.Comment{
			ID: fmt.Sprint(1000 + i), Author: "Reader " + text(8), PostedAt: &at,
			PostedAtText: fmt.Sprintf("%d hours ago", i), Type: strata.CommentTypeComment,
		}
		if i%3 != 0 {
			c.ParentID, c.Depth = fmt.Sprint(1000+i-1), 1
		}
		c.Text = text(300)
		c.HTML = "<p>" + c.Text + "</p>"
		snap.Comments = append(snap.Comments, c)
	}
	declared := len(snap.Comments)
	snap.CommentCountDeclared = &declared

	var raw strings.Builder
	raw.WriteString("<!doctype html><html><head><title>A title</title></head><body>")
	for raw.Len() < 60_000 {
		fmt.Fprintf(&raw, `<div class="c-%d"><p>%s</p></div>`, r.IntN(1000), text(200))
	}
	raw.WriteString("</body></html>")
	return snap, []byte(raw.String())
}
