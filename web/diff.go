package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/history"
	"github.com/strata-archive/strata/store"
)

// Layouts of the body diff.
const (
	modeInline = "inline"
	modeSide   = "side"
)

// maxGoneLookups caps the versions read to tell when a removed comment
// disappeared; past it the diff only says "between A and B".
const maxGoneLookups = 50

// diffData is what the diff template shows.
type diffData struct {
	URL      string
	Title    string
	From, To store.VersionInfo
	Versions []store.VersionInfo
	Mode     string
	Diff     *history.Diff
	// Body is the body diff by paragraph, unchanged runs folded.
	Body []bodyBlock
	// Metadata is Diff.Metadata with its values as text.
	Metadata []fieldText
	Thread   []*commentView
	Pings    []*commentView
	Count    int
	// Changed lists the marked comments, for the jump links; Only says
	// whether the thread shows only them and what they reply to.
	Changed []*commentView
	Only    bool
	Links   struct{ Inline, Side, Swap, From, To, All, Only string }
}

// fieldText is a changed field with its values as text.
type fieldText struct{ Field, Old, New string }

func (s *Server) diff(w http.ResponseWriter, r *http.Request) {
	raw, err := target(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	from, ferr := versionParam(r, "from")
	to, terr := versionParam(r, "to")
	if err := errors.Join(ferr, terr); err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	mode := r.URL.Query().Get("mode")
	if mode != modeSide {
		mode = modeInline
	}
	var (
		key      string
		versions []store.VersionInfo
		a, b     *strata.Snapshot
		gone     map[strata.Comment]string
	)
	err = s.withStore(func(st *store.Store) error {
		var err error
		if key, versions, err = resolveURL(st, raw); err != nil {
			return err
		}
		n := len(versions)
		switch {
		case n < 2:
			return fmt.Errorf("%s has %d version(s): nothing to compare: %w", key, n, strata.ErrNotFound)
		case to == 0 && from == 0:
			from, to = n-1, n
		case to == 0:
			to = min(from+1, n)
			if from == to {
				from = to - 1
			}
		case from == 0:
			from = max(to-1, 1)
		}
		if from > n || to > n {
			return fmt.Errorf("version %d: %w", max(from, to), strata.ErrNotFound)
		}
		if a, err = st.Snapshot(key, from); err != nil {
			return err
		}
		if b, err = st.Snapshot(key, to); err != nil {
			return err
		}
		gone, err = goneTimes(st, key, versions, a, b)
		return err
	})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if key != raw {
		http.Redirect(w, r, diffLink(key, from, to, mode), http.StatusSeeOther)
		return
	}
	d := &diffData{
		URL: key, Title: b.Title, Versions: versions, Mode: mode,
		From: versions[from-1], To: versions[to-1],
		Diff: history.Compare(a, b),
	}
	d.Body = bodyBlocks(d.Diff.Body.Edits)
	for _, m := range d.Diff.Metadata {
		d.Metadata = append(d.Metadata, fieldText{m.Field, valueText(m.Old), valueText(m.New)})
	}
	d.Links.Inline = diffLink(key, from, to, modeInline)
	d.Links.Side = diffLink(key, from, to, modeSide)
	d.Links.Swap = diffLink(key, to, from, mode)
	d.Links.From = articleLink(key, from)
	d.Links.To = articleLink(key, to)
	marked := s.markedThread(a, b, gone)
	for _, cv := range marked {
		if cv.Mark != "" {
			d.Changed = append(d.Changed, cv)
		}
	}
	d.Thread, d.Pings, d.Count = nest(marked)
	d.Only = r.URL.Query().Get("comments") == "changed"
	if d.Only {
		d.Thread, d.Pings = changedOnly(d.Thread), changedOnly(d.Pings)
	}
	d.Links.All = diffLink(key, from, to, mode) + "#comments"
	d.Links.Only = diffLink(key, from, to, mode) + "&comments=changed#comments"
	s.render(w, r, "diff", page{Title: "Changes: " + b.Title, Data: d})
}

// markedThread returns the thread of b with what changed since a marked
// in it: comments added and edited, and the comments of a that b lacks
// (removed or not seen), each placed after the comment it followed in a.
func (s *Server) markedThread(a, b *strata.Snapshot, gone map[strata.Comment]string) []*commentView {
	tc := strata.CompareThreads(a, b)
	// Added and Edited follow b's order, Removed and NotSeen a's: walk
	// both threads alongside them. Comments are compared whole (their
	// pointers included), so a copy matches only its original.
	var out []*commentView
	added, edited := tc.Added, tc.Edited
	for i, c := range b.Comments {
		cv := s.commentView(c, i, b.URL)
		switch {
		case len(added) > 0 && added[0] == c:
			cv.Mark, added = markAdded, added[1:]
		case len(edited) > 0 && edited[0].New == c:
			e := edited[0]
			edited = edited[1:]
			cv.Mark, cv.Fields = markEdited, e.Fields
			if e.Old.Text != e.New.Text {
				cv.TextEdits = history.WordDiff(e.Old.Text, e.New.Text)
			}
		}
		out = append(out, cv)
	}
	// Put each missing comment of a after the comment it followed there.
	removed, notSeen := tc.Removed, tc.NotSeen
	pos := map[strata.Comment]int{} // comments of a that b kept → index in out
	bi := map[string]int{}
	for i, c := range b.Comments {
		if c.ID != "" {
			if _, ok := bi[c.ID]; !ok {
				bi[c.ID] = i
			}
		}
	}
	for _, c := range a.Comments {
		if i, ok := bi[c.ID]; ok && c.ID != "" {
			pos[c] = i
		}
	}
	// The missing comments that follow each comment of out (-1: the start).
	inserts := map[int][]*commentView{}
	after := -1
	for j, c := range a.Comments {
		var mark string
		switch {
		case len(removed) > 0 && removed[0] == c:
			mark, removed = markRemoved, removed[1:]
		case len(notSeen) > 0 && notSeen[0] == c:
			mark, notSeen = markNotSeen, notSeen[1:]
		default:
			if i, ok := pos[c]; ok {
				after = i
			}
			continue
		}
		cv := s.commentView(c, len(b.Comments)+j, a.URL)
		cv.Mark, cv.Gone = mark, gone[c]
		inserts[after] = append(inserts[after], cv)
	}
	if len(inserts) == 0 {
		return out
	}
	merged := make([]*commentView, 0, len(out)+len(a.Comments))
	merged = append(merged, inserts[-1]...)
	for i, cv := range out {
		merged = append(merged, cv)
		merged = append(merged, inserts[i]...)
	}
	return merged
}

// changedOnly prunes a thread to its marked comments and the comments
// they reply to.
func changedOnly(thread []*commentView) []*commentView {
	var out []*commentView
	for _, c := range thread {
		c.Children = changedOnly(c.Children)
		if c.Mark != "" || len(c.Children) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// goneTimes tells, for each comment of a missing from b, in which version
// it was first missing (for good): the version after a, when b follows a,
// and otherwise found by reading the versions in between whose comments
// changed, at most maxGoneLookups of them.
func goneTimes(st *store.Store, key string, versions []store.VersionInfo, a, b *strata.Snapshot) (map[strata.Comment]string, error) {
	tc := strata.CompareThreads(a, b)
	missing := append(append([]strata.Comment(nil), tc.Removed...), tc.NotSeen...)
	gone := make(map[strata.Comment]string, len(missing))
	if len(missing) == 0 || a.Version >= b.Version {
		return gone, nil
	}
	say := func(v store.VersionInfo) string {
		return fmt.Sprintf("missing since version %d (%s)", v.Version, fmtTime(v.FetchedAt))
	}
	var candidates []store.VersionInfo
	for _, v := range versions[a.Version : b.Version-1] {
		if d := v.CommentDelta; d == nil || d.Added+d.Removed+d.NotSeen > 0 {
			candidates = append(candidates, v)
		}
	}
	if len(candidates) > maxGoneLookups {
		for _, c := range missing {
			gone[c] = fmt.Sprintf("missing between versions %d and %d", a.Version, b.Version)
		}
		return gone, nil
	}
	first := map[strata.Comment]int{} // comment of a → version it went missing
	for _, v := range candidates {
		snap, err := st.Snapshot(key, v.Version)
		if err != nil {
			return nil, err
		}
		at := strata.CompareThreads(a, snap)
		absent := map[strata.Comment]bool{}
		for _, c := range append(at.Removed, at.NotSeen...) {
			absent[c] = true
		}
		for _, c := range missing {
			switch {
			case !absent[c]:
				delete(first, c)
			case first[c] == 0:
				first[c] = v.Version
			}
		}
	}
	for _, c := range missing {
		v := b.Version
		if n := first[c]; n > 0 {
			v = n
		}
		gone[c] = say(versions[v-1])
	}
	return gone, nil
}

// valueText shows a metadata value of a diff.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		if x == "" {
			return "(empty)"
		}
		return x
	case []string:
		if len(x) == 0 {
			return "(none)"
		}
		return strings.Join(x, ", ")
	case []any:
		if len(x) == 0 {
			return "(none)"
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = valueText(e)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

// bodyRow is one paragraph of a body diff: the edits within it.
type bodyRow struct {
	Edits   []history.Edit
	Changed bool
}

// bodyBlock is a run of paragraphs, shown or folded away.
type bodyBlock struct {
	Rows   []bodyRow
	Folded bool
}

// foldContext is the number of unchanged paragraphs kept in view on each
// side of a changed one; longer runs of unchanged paragraphs are folded.
const foldContext = 1

// bodyBlocks splits body edits into paragraphs (at blank lines) and folds
// the runs of unchanged paragraphs away from the changes.
func bodyBlocks(edits []history.Edit) []bodyBlock {
	var rows []bodyRow
	var cur bodyRow
	for _, e := range edits {
		for i, part := range strings.Split(e.Text, "\n\n") {
			if i > 0 && len(cur.Edits) > 0 {
				rows = append(rows, cur)
				cur = bodyRow{}
			}
			if strings.TrimSpace(part) == "" && e.Op == history.OpEqual {
				continue
			}
			cur.Edits = append(cur.Edits, history.Edit{Op: e.Op, Text: part})
			cur.Changed = cur.Changed || e.Op != history.OpEqual
		}
	}
	if len(cur.Edits) > 0 {
		rows = append(rows, cur)
	}
	keep := make([]bool, len(rows))
	for i, r := range rows {
		if r.Changed {
			for j := max(0, i-foldContext); j <= min(len(rows)-1, i+foldContext); j++ {
				keep[j] = true
			}
		}
	}
	var blocks []bodyBlock
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && keep[j] == keep[i] {
			j++
		}
		// A single unchanged paragraph is not worth folding.
		folded := !keep[i] && j-i > 1
		if n := len(blocks); n > 0 && !folded && !blocks[n-1].Folded {
			blocks[n-1].Rows = append(blocks[n-1].Rows, rows[i:j]...)
		} else {
			blocks = append(blocks, bodyBlock{Rows: rows[i:j], Folded: folded})
		}
		i = j
	}
	return blocks
}

// sides splits edits into the old text (equal and deleted runs) and the
// new one (equal and inserted runs), for the side-by-side layout.
func sides(edits []history.Edit) (old, cur []history.Edit) {
	for _, e := range edits {
		if e.Op != history.OpInsert {
			old = append(old, e)
		}
		if e.Op != history.OpDelete {
			cur = append(cur, e)
		}
	}
	return old, cur
}

// editsHTML renders word edits: deleted runs in <del>, inserted in <ins>.
func editsHTML(edits []history.Edit) template.HTML {
	var b strings.Builder
	for _, e := range edits {
		t := template.HTMLEscapeString(e.Text)
		switch e.Op {
		case history.OpDelete:
			b.WriteString("<del>" + t + "</del>")
		case history.OpInsert:
			b.WriteString("<ins>" + t + "</ins>")
		default:
			b.WriteString(t)
		}
	}
	return template.HTML(b.String()) // #nosec: escaped above
}
