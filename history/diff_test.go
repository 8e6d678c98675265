package history_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/history"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const testURL = "https://example.com/2026/03/article"

func ptr[T any](v T) *T { return &v }

// older returns version 1 of a small article with a complete thread.
func older() *strata.Snapshot {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	posted := func(h int) *time.Time { return ptr(t0.Add(-time.Duration(h) * time.Hour)) }
	s := &strata.Snapshot{
		URL: testURL, CanonicalURL: testURL, Version: 1, FetchedAt: t0, Status: 200,
		Changes: []string{}, Title: "Council approves river budget",
		Authors: []string{"Ann Author"}, PublishedAt: ptr(time.Date(2026, 2, 28, 9, 30, 0, 0, time.FixedZone("", 3600))),
		SiteName: "Example News", Language: "en", Description: "The council voted on Tuesday.",
		Categories: []string{"news"}, Tags: []string{"council"},
		BodyText: "The council approved the river budget on Tuesday.\n\n" +
			"Critics said the plan ignores the school.\n\n" +
			"The vote was seven to two.\n\n" +
			"A second reading follows in April.",
		CommentSystem: "wordpress", CommentCountDeclared: ptr(3), CommentsComplete: true,
		Comments: []strata.Comment{
			{ID: "101", Author: "Bob", PostedAt: posted(3), Text: "About time.", Type: "comment"},
			{ID: "102", ParentID: "101", Author: "Cy", PostedAt: posted(2), Text: "Not everyone agrees.\nSee the minutes.", Type: "comment", Depth: 1},
			{ID: "103", Author: "Dee", PostedAt: posted(1), Text: "Who paid for this?", Type: "comment"},
		},
		FinalURL: testURL,
	}
	s.ContentHash = strata.ContentHash(s)
	return s
}

// newer returns version 2: the headline softened, an author added, a
// paragraph rewritten, one comment edited, one removed and one added.
func newer(complete bool) *strata.Snapshot {
	s := older()
	s.Version = 2
	s.FetchedAt = s.FetchedAt.Add(26 * time.Hour)
	s.Title = "Council backs river budget"
	s.Authors = []string{"Ann Author", "Bo Editor"}
	s.ModifiedAt = ptr(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	s.BodyText = "The council approved the river budget on Tuesday.\n\n" +
		"Some critics said the plan overlooks the school.\n\n" +
		"The vote was seven to two.\n\n" +
		"A second reading follows in April.\n\n" +
		"Correction: an earlier version misstated the vote."
	s.CommentCountDeclared = ptr(3)
	s.CommentsComplete = complete
	s.Comments = []strata.Comment{
		{ID: "101", Author: "Bob", PostedAt: s.Comments[0].PostedAt, Text: "About time, frankly.", Type: "comment"},
		{ID: "102", ParentID: "101", Author: "Cy", PostedAt: s.Comments[1].PostedAt, Text: "Not everyone agrees.\nSee the minutes.", Type: "comment", Depth: 1},
		{ID: "104", ParentID: "102", Author: "Eve", PostedAt: ptr(s.FetchedAt.Add(-time.Hour)), Text: "The minutes are not online yet.", Type: "comment", Depth: 2},
	}
	if !complete {
		s.CommentsNote = "only the first page of comments was captured"
	}
	s.Changes = strata.Changes(older(), s)
	s.ContentHash = strata.ContentHash(s)
	return s
}

// TestDiffGolden compares the text, coloured and JSON forms of diffs with
// the golden files in testdata/. Run with -update to rewrite them.
func TestDiffGolden(t *testing.T) {
	tests := []struct {
		name     string
		from, to *strata.Snapshot
	}{
		{"changed", older(), newer(true)},
		{"incomplete", older(), newer(false)},
		{"unchanged", older(), older()},
		{"reverse", newer(true), older()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := history.Compare(tt.from, tt.to)
			var plain, color bytes.Buffer
			if err := d.WriteText(&plain, history.TextOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := d.WriteText(&color, history.TextOptions{Color: true}); err != nil {
				t.Fatal(err)
			}
			js, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".txt", plain.Bytes())
			golden(t, tt.name+".color.txt", color.Bytes())
			golden(t, tt.name+".json", append(js, '\n'))
			if strings.Contains(plain.String(), "\x1b") {
				t.Error("plain output holds ANSI escapes")
			}
		})
	}
}

// golden compares got with testdata/name, or writes it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update if the change is intended)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestDiffFields(t *testing.T) {
	d := history.Compare(older(), newer(true))
	var fields []string
	for _, m := range d.Metadata {
		fields = append(fields, m.Field)
	}
	if got, want := strings.Join(fields, ","), "title,authors,modified_at"; got != want {
		t.Errorf("metadata fields = %s, want %s", got, want)
	}
	c := d.Comments
	if len(c.Added) != 1 || c.Added[0].ID != "104" || len(c.Removed) != 1 || c.Removed[0].ID != "103" ||
		len(c.Edited) != 1 || c.Edited[0].ID != "101" || len(c.NotSeen) != 0 {
		t.Errorf("comments = %+v", c)
	}
	if !d.Body.Changed || d.Body.InsertedWords == 0 || d.Body.DeletedWords == 0 {
		t.Errorf("body = %+v", d.Body)
	}

	// The same instant in another offset is not a change.
	a, b := older(), older()
	b.PublishedAt = ptr(a.PublishedAt.UTC())
	if d := history.Compare(a, b); len(d.Metadata) != 0 {
		t.Errorf("offset-only change reported: %+v", d.Metadata)
	}
}

// TestWordDiffRebuilds checks on random texts that the edits rebuild both
// texts and never split a word.
func TestWordDiffRebuilds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the council river budget school vote critics said plan überall 東京 naïve don't 2026 — , . \n\n")
	text := func() string {
		var sb strings.Builder
		for range r.IntN(60) {
			sb.WriteString(words[r.IntN(len(words))])
			if r.IntN(4) > 0 {
				sb.WriteString(" ")
			}
		}
		return sb.String()
	}
	for i := range 500 {
		old, cur := text(), text()
		if i%3 == 0 {
			cur = old[:len(old)/2] + " inserted words " + old[len(old)/2:]
		}
		edits := history.WordDiff(old, cur)
		var a, b strings.Builder
		for _, e := range edits {
			if e.Text == "" {
				t.Fatalf("empty edit in %+v", edits)
			}
			if e.Op != history.OpInsert {
				a.WriteString(e.Text)
			}
			if e.Op != history.OpDelete {
				b.WriteString(e.Text)
			}
		}
		if a.String() != old || b.String() != cur {
			t.Fatalf("edits do not rebuild the texts:\nold %q\ncur %q\nedits %+v", old, cur, edits)
		}
	}
	if got := history.WordDiff("", ""); len(got) != 0 {
		t.Errorf("WordDiff of empty texts = %+v", got)
	}
	got := history.WordDiff("demanding life", "seeking life")
	want := []history.Edit{{Op: "delete", Text: "demanding"}, {Op: "insert", Text: "seeking"}, {Op: "equal", Text: " life"}}
	if !equalEdits(got, want) {
		t.Errorf("WordDiff = %+v, want %+v", got, want)
	}
}

func equalEdits(a, b []history.Edit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
