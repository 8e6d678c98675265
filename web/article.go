package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/history"
	"github.com/strata-archive/strata/store"
)

// articleData is what the article template shows.
type articleData struct {
	Snap     *strata.Snapshot
	Host     string
	Body     template.HTML
	Latest   int
	Timeline []timelineEntry
	Checks   int
	Last     *strata.Check
	Thread   []*commentView // comments, nested
	Pings    []*commentView // pingbacks and trackbacks
	Count    int            // comments of Thread, all levels
	Prev     int            // neighbouring versions, 0 if none
	Next     int
	Raw      string
	JSON     string
	Download string
	DiffPrev string // diff with the previous version, "" for version 1
}

// timelineEntry is one version in the timeline.
type timelineEntry struct {
	store.VersionInfo
	Link     string
	DiffLink string // diff with the previous version
	Current  bool
}

// target reads the url parameter: the archived URL as stored, or a URL
// that normalises to it.
func target(r *http.Request) (string, error) {
	raw := r.URL.Query().Get("url")
	if raw == "" {
		return "", fmt.Errorf("give the archived URL as ?url=")
	}
	return raw, nil
}

// resolveURL returns the archive's key for raw: raw itself when the
// archive has it, else its normalised form.
func resolveURL(st *store.Store, raw string) (string, []store.VersionInfo, error) {
	versions, err := st.Versions(raw)
	if err == nil {
		return raw, versions, nil
	}
	key, nerr := strata.NormalizeURL(raw)
	if nerr != nil || key == raw {
		return "", nil, err
	}
	versions, err = st.Versions(key)
	return key, versions, err
}

// targetVersion reads the url and v parameters: the article and its
// version (0: the latest).
func targetVersion(r *http.Request) (string, int, error) {
	raw, err := target(r)
	if err != nil {
		return "", 0, err
	}
	v, err := versionParam(r, "v")
	if err != nil {
		return "", 0, err
	}
	return raw, v, nil
}

// versionParam reads a version number parameter; 0 when absent.
func versionParam(r *http.Request, name string) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s=%q: give a version number, 1 or more", name, s)
	}
	return n, nil
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	raw, v, err := targetVersion(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	var (
		key      string
		versions []store.VersionInfo
		snap     *strata.Snapshot
		checks   []strata.Check
	)
	err = s.withStore(func(st *store.Store) error {
		var err error
		if key, versions, err = resolveURL(st, raw); err != nil {
			return err
		}
		if len(versions) == 0 {
			return fmt.Errorf("%s has only failed checks: %w", key, strata.ErrNotFound)
		}
		if v == 0 {
			v = len(versions)
		}
		if snap, err = st.Snapshot(key, v); err != nil {
			return err
		}
		checks, err = st.Checks(key)
		return err
	})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if key != raw {
		http.Redirect(w, r, articleLink(key, v), http.StatusSeeOther)
		return
	}
	d := &articleData{
		Snap:     snap,
		Host:     siteOf(key),
		Body:     s.bodyHTML(snap),
		Latest:   len(versions),
		Timeline: timeline(key, versions, v),
		Checks:   len(checks),
		Raw:      exportLink("raw", key, v),
		JSON:     exportLink("json", key, v),
	}
	d.Download = d.Raw + "&download=1"
	if n := len(checks); n > 0 {
		d.Last = &checks[n-1]
	}
	if v > 1 {
		d.Prev = v - 1
		d.DiffPrev = diffLink(key, v-1, v, "")
	}
	if v < len(versions) {
		d.Next = v + 1
	}
	views := make([]*commentView, len(snap.Comments))
	for i, c := range snap.Comments {
		views[i] = s.commentView(c, i, snap.URL)
	}
	d.Thread, d.Pings, d.Count = nest(views)
	s.render(w, r, "article", page{Title: snap.Title, Data: d})
}

// timeline lists the versions, newest first, marking cur.
func timeline(key string, versions []store.VersionInfo, cur int) []timelineEntry {
	out := make([]timelineEntry, 0, len(versions))
	for i := len(versions) - 1; i >= 0; i-- {
		vi := versions[i]
		e := timelineEntry{VersionInfo: vi, Link: articleLink(key, vi.Version), Current: vi.Version == cur}
		if vi.Version > 1 {
			e.DiffLink = diffLink(key, vi.Version-1, vi.Version, "")
		}
		out = append(out, e)
	}
	return out
}

// bodyHTML is the article body as safe markup: the archived body HTML
// sanitised, or the body text as paragraphs when there is no HTML.
func (s *Server) bodyHTML(snap *strata.Snapshot) template.HTML {
	if h := s.san.HTML(snap.BodyHTML, snap.URL); h != "" {
		return h
	}
	return textHTML(snap.BodyText)
}

// commentView is one comment as a page shows it.
type commentView struct {
	strata.Comment
	// Anchor is the comment's id in the page.
	Anchor string
	// Body is the comment's text as safe markup.
	Body template.HTML
	// Mark says what a diff found: "", markAdded, markEdited, markRemoved
	// or markNotSeen.
	Mark string
	// TextEdits is the word diff of an edited comment's text; Fields the
	// other fields that changed.
	TextEdits []history.Edit
	Fields    []string
	// Gone says when a removed comment was first missing.
	Gone     string
	Children []*commentView
}

// Marks of commentView.
const (
	markAdded   = "added"
	markEdited  = "edited"
	markRemoved = "removed"
	markNotSeen = "not-seen"
)

func (s *Server) commentView(c strata.Comment, i int, base string) *commentView {
	cv := &commentView{Comment: c, Anchor: "c" + strconv.Itoa(i)}
	if c.ID != "" {
		cv.Anchor = "comment-" + c.ID
	}
	if cv.Body = s.san.HTML(c.HTML, base); cv.Body == "" {
		cv.Body = textHTML(c.Text)
	}
	return cv
}

// nest builds the thread from comments in thread order: each comment under
// the nearest earlier comment with its parent id, or at the top level when
// there is none. Pingbacks and trackbacks are set apart. It returns the
// top-level comments, the pingbacks, and the number of comments nested.
func nest(comments []*commentView) (top, pings []*commentView, n int) {
	byID := map[string]*commentView{}
	anchors := map[string]bool{}
	for i, c := range comments {
		if anchors[c.Anchor] {
			c.Anchor += "-" + strconv.Itoa(i) // a repeated comment id
		}
		anchors[c.Anchor] = true
		if c.Type == strata.CommentTypePingback || c.Type == strata.CommentTypeTrackback {
			pings = append(pings, c)
			continue
		}
		n++
		if p := byID[c.ParentID]; c.ParentID != "" && p != nil {
			p.Children = append(p.Children, c)
		} else {
			top = append(top, c)
		}
		if c.ID != "" {
			if _, dup := byID[c.ID]; !dup {
				byID[c.ID] = c
			}
		}
	}
	return top, pings, n
}
