package strata_test

import (
	"slices"
	"testing"
	"time"

	"github.com/strata-archive/strata"
)

func TestCompareThreads(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	later := at.Add(time.Minute)
	c := func(id, parent, author, text string, posted *time.Time) strata.Comment {
		return strata.Comment{ID: id, ParentID: parent, Author: author, Text: text, PostedAt: posted}
	}
	prev := &strata.Snapshot{CommentsComplete: true, Comments: []strata.Comment{
		c("1", "", "Ann", "first", &at),
		c("2", "1", "Bo", "reply", &at),
		c("3", "", "Cy", "gone soon", nil),
		c("", "", "Anon", "no id", nil),
	}}
	// Same instant in another zone: not an edit.
	shifted := at.In(time.FixedZone("", 3600))
	tests := []struct {
		name                            string
		next                            []strata.Comment
		complete                        bool
		added, removed, notSeen, edited []string
		fields                          [][]string
	}{
		{"unchanged", prev.Comments, true, nil, nil, nil, nil, nil},
		{"zone only", []strata.Comment{c("1", "", "Ann", "first", &shifted), prev.Comments[1], prev.Comments[2], prev.Comments[3]}, true, nil, nil, nil, nil, nil},
		{"edited", []strata.Comment{c("1", "", "Ann", "first (edited)", &later), c("2", "", "Bob", "reply", &at), prev.Comments[2], prev.Comments[3]}, true,
			nil, nil, nil, []string{"1", "2"}, [][]string{{"text", "posted_at"}, {"author", "parent_id"}}},
		{"removed from a complete thread", []strata.Comment{prev.Comments[0], prev.Comments[1], c("4", "", "Dee", "new", nil)}, true,
			[]string{"4"}, []string{"3", ""}, nil, nil, nil},
		{"missing from an incomplete thread", []strata.Comment{prev.Comments[0]}, false,
			nil, nil, []string{"2", "3", ""}, nil, nil},
		{"anonymous comment edited: removed and added", []strata.Comment{prev.Comments[0], prev.Comments[1], prev.Comments[2], c("", "", "Anon", "no id, edited", nil)}, true,
			[]string{""}, []string{""}, nil, nil, nil},
	}
	ids := func(cs []strata.Comment) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tc := strata.CompareThreads(prev, &strata.Snapshot{CommentsComplete: tt.complete, Comments: tt.next})
			var edited []string
			var fields [][]string
			for _, e := range tc.Edited {
				edited = append(edited, e.New.ID)
				fields = append(fields, e.Fields)
			}
			if !slices.Equal(ids(tc.Added), tt.added) || !slices.Equal(ids(tc.Removed), tt.removed) ||
				!slices.Equal(ids(tc.NotSeen), tt.notSeen) || !slices.Equal(edited, tt.edited) {
				t.Errorf("added %q removed %q not seen %q edited %q; want %q %q %q %q",
					ids(tc.Added), ids(tc.Removed), ids(tc.NotSeen), edited, tt.added, tt.removed, tt.notSeen, tt.edited)
			}
			for i := range fields {
				if !slices.Equal(fields[i], tt.fields[i]) {
					t.Errorf("edit %d fields %v, want %v", i, fields[i], tt.fields[i])
				}
			}
			d := tc.Delta(true)
			if d.Added != len(tt.added) || d.Removed != len(tt.removed) || d.NotSeen != len(tt.notSeen) || d.Edited != len(tt.edited) || !d.PrevComplete {
				t.Errorf("delta %+v", d)
			}
		})
	}

	first := strata.CompareThreads(nil, prev)
	if len(first.Added) != 4 || first.Delta(false) != (strata.CommentDelta{Added: 4}) {
		t.Errorf("first version: %+v", first.Delta(false))
	}

	// Repeated ids are matched by occurrence rather than merged.
	dup := &strata.Snapshot{CommentsComplete: true, Comments: []strata.Comment{c("9", "", "A", "x", nil), c("9", "", "A", "y", nil)}}
	if tc := strata.CompareThreads(dup, dup); len(tc.Added)+len(tc.Removed)+len(tc.Edited) != 0 {
		t.Errorf("duplicate ids: %+v", tc)
	}
}
