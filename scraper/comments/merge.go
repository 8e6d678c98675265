package comments

import (
	"github.com/strata-archive/strata"
)

// Merge joins two lists of comments of one thread, such as the first page
// and an AJAX batch, and returns them in thread order.
//
// Comments are matched by ID: a comment that appears in both lists keeps
// the values of a, and b only fills the fields that a left blank (an empty
// string, a nil time or score). No ID appears twice in the result. The
// result lists each parent followed by its descendants; siblings keep the
// order in which they were first seen (a before b). Depth is recomputed
// from ParentID.
//
// Merge(cs, nil) puts a single list into thread order. Comments without an
// ID are kept as they are, at top level.
func Merge(a, b []strata.Comment) []strata.Comment {
	all := make([]strata.Comment, 0, len(a)+len(b))
	index := make(map[string]int, len(a)+len(b))
	for _, list := range [][]strata.Comment{a, b} {
		for _, c := range list {
			if c.ID == "" {
				all = append(all, c)
				continue
			}
			if i, ok := index[c.ID]; ok {
				fillBlanks(&all[i], c)
				continue
			}
			index[c.ID] = len(all)
			all = append(all, c)
		}
	}
	return threadOrder(all, index)
}

// fillBlanks copies into dst the fields of src that dst has left blank.
func fillBlanks(dst *strata.Comment, src strata.Comment) {
	fill := func(d *string, s string) {
		if *d == "" {
			*d = s
		}
	}
	fill(&dst.ParentID, src.ParentID)
	fill(&dst.Author, src.Author)
	fill(&dst.AuthorURL, src.AuthorURL)
	fill(&dst.PostedAtText, src.PostedAtText)
	fill(&dst.Text, src.Text)
	fill(&dst.HTML, src.HTML)
	fill(&dst.Type, src.Type)
	fill(&dst.Label, src.Label)
	if dst.PostedAt == nil && src.PostedAt != nil {
		t := *src.PostedAt
		dst.PostedAt = &t
	}
	if dst.Score == nil && src.Score != nil {
		s := *src.Score
		dst.Score = &s
	}
}

// threadOrder lists all (IDs unique, index maps ID to position) with each
// parent followed by its descendants and sets Depth.
//
// A comment whose parent is not in the list (an orphan: its parent is on
// another page or in a batch not fetched) stays where it was among the top
// level, keeps its ParentID and gets Depth 1, the least depth a reply can
// have. A comment caught in a parent cycle (only broken markup makes one)
// loses its ParentID and becomes top level, so that Depth and ParentID
// always agree.
func threadOrder(all []strata.Comment, index map[string]int) []strata.Comment {
	children := make(map[string][]int, len(all))
	var roots []int
	for i, c := range all {
		_, parentKnown := index[c.ParentID]
		if c.ParentID == "" || c.ID == "" || !parentKnown {
			roots = append(roots, i)
			continue
		}
		children[c.ParentID] = append(children[c.ParentID], i)
	}

	out := make([]strata.Comment, 0, len(all))
	done := make([]bool, len(all))
	type frame struct{ i, depth int }
	visit := func(root int, depth int) {
		stack := []frame{{root, depth}}
		for len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if done[f.i] {
				continue
			}
			done[f.i] = true
			c := all[f.i]
			c.Depth = f.depth
			out = append(out, c)
			if c.ID == "" {
				continue
			}
			kids := children[c.ID]
			for k := len(kids) - 1; k >= 0; k-- {
				stack = append(stack, frame{kids[k], f.depth + 1})
			}
		}
	}
	for _, r := range roots {
		d := 0
		if all[r].ParentID != "" {
			d = 1 // orphan
		}
		visit(r, d)
	}
	// What is left hangs off a cycle: cut it at its first comment.
	for i := range all {
		if !done[i] {
			all[i].ParentID = ""
			visit(i, 0)
		}
	}
	return out
}
