package comments

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata"
)

// Comment systems that Parse names in Thread.System.
const (
	SystemWpDiscuz   = "wpdiscuz"
	SystemWordPress  = "wordpress"
	SystemDisqus     = "disqus"
	SystemFacebook   = "facebook"
	SystemHyvor      = "hyvor"
	SystemCommento   = "commento"
	SystemRemark42   = "remark42"
	SystemDiscourse  = "discourse"
	SystemUtterances = "utterances"
	SystemGiscus     = "giscus"
)

// Options tune Parse.
type Options struct {
	// FetchedAt is the reference time for relative dates. Parse never turns
	// relative dates into PostedAt (see the package documentation); it uses
	// FetchedAt to drop absolute dates that would lie in the future, which
	// only a misread date can do. The zero time disables that check.
	FetchedAt time.Time
}

// Thread is the comment thread found in one page.
type Thread struct {
	// System names the comment system: one of the System constants, or ""
	// when the page shows none.
	System string
	// Declared is the count the page states (wpDiscuz data-comments-count,
	// "N Comments" headings, JSON-LD commentCount), nil when it states none.
	Declared *int
	// Complete is true only when nothing suggests more comments exist than
	// were parsed.
	Complete bool
	// Note says why the thread is incomplete or what could not be fetched;
	// "" when complete.
	Note string
	// Comments holds the thread in thread order: each parent followed by its
	// descendants, Depth consistent with ParentID.
	Comments []strata.Comment

	// Hints for the stage that fetches the rest of a thread.

	// PostID is the WordPress post ID (shortlink ?p=, body class postid-N,
	// article#post-N, REST alternate link, data-postid, comment_post_ID,
	// wpdiscuzAjaxObj.wc_post_id), "" when the page shows none.
	PostID string
	// PageURLs lists the absolute URLs of the other comment pages
	// (/comment-page-N/ or ?cpage=N), by page number.
	PageURLs []string
	// LoadMore reports that wpDiscuz says more batches exist (or that the
	// first batch itself loads by AJAX).
	LoadMore bool
	// LastParentID is wpDiscuz's data-lastparentid: the lastParentId of the
	// next wpdLoadMoreComments call.
	LastParentID string
}

// Parse reads the comment thread of doc. pageURL is the page's final URL
// (when nil, doc.Url is used). Parse does not modify doc and does not
// panic: a failure inside it is reported in Note as an incomplete thread.
func Parse(doc *goquery.Document, pageURL *url.URL, opts Options) (t Thread) {
	t = Thread{Comments: []strata.Comment{}, PageURLs: []string{}}
	if doc == nil || doc.Selection == nil || len(doc.Nodes) == 0 || doc.Nodes[0] == nil {
		t.Complete = true
		return t
	}
	defer func() {
		if r := recover(); r != nil {
			t = Thread{
				Comments: []strata.Comment{},
				PageURLs: []string{},
				Note:     fmt.Sprintf("comment parser failed: %v", r),
			}
		}
	}()
	if pageURL == nil {
		pageURL = doc.Url
	}

	s := scanTree(doc.Nodes[0])
	d := dater{site: SiteLocation(doc)}
	if !opts.FetchedAt.IsZero() {
		d.latest = opts.FetchedAt.Add(24 * time.Hour)
	}

	var collapsed map[string]int
	var ajaxFirst bool
	switch {
	case len(s.wpd) > 0 || s.wpdArea:
		t.System = SystemWpDiscuz
		var cs []strata.Comment
		cs, collapsed = wpdComments(s.wpd, pageURL, d)
		t.Comments = Merge(cs, nil)
		t.LoadMore, t.LastParentID, ajaxFirst = wpdBatches(doc, s)
	case len(s.native) > 0 || s.wpArea:
		t.System = SystemWordPress
		cs := make([]strata.Comment, 0, len(s.native))
		for _, it := range s.native {
			cs = append(cs, nativeComment(it, pageURL, d))
		}
		t.Comments = Merge(cs, nil)
	case len(s.widgets) > 0:
		t.System = s.widgets[0]
	}

	t.Declared = declaredCount(doc)
	t.PostID = postID(doc, s)
	t.PageURLs = commentPages(doc, pageURL)
	if ajaxFirst && len(s.wpd) == 0 && (t.Declared == nil || *t.Declared > 0) {
		t.LoadMore = true
	}

	t.Note = incompleteness(&t, s, collapsed, ajaxFirst)
	t.Complete = t.Note == ""
	return t
}

// incompleteness returns why t is not the whole thread, "" when nothing
// suggests so.
func incompleteness(t *Thread, s *scan, collapsed map[string]int, ajaxFirst bool) string {
	parsed := len(t.Comments)
	var parts []string
	short := t.Declared != nil && *t.Declared > parsed
	if short {
		parts = append(parts, fmt.Sprintf("page shows %d of %d declared comments", parsed, *t.Declared))
	}
	rest := "more comments"
	if short {
		rest = "the rest"
	}
	switch {
	case t.LoadMore && ajaxFirst && len(s.wpd) == 0:
		parts = append(parts, "the comments are not in the page; wpDiscuz loads them by AJAX")
	case t.LoadMore:
		parts = append(parts, rest+" load by AJAX (wpDiscuz)")
	}
	if n := len(t.PageURLs); n > 0 {
		pages := "page"
		if n > 1 {
			pages = "pages"
		}
		parts = append(parts, fmt.Sprintf("%s are on %d other comment %s", rest, n, pages))
	}
	if ids := folded(t.Comments, collapsed); len(ids) > 0 {
		parts = append(parts, "replies to "+listIDs(ids)+" are collapsed and load by AJAX (wpDiscuz View Replies)")
	}
	for _, w := range s.widgets {
		switch {
		case w == SystemDisqus:
			parts = append(parts, "disqus thread not fetched")
		case w == t.System:
			parts = append(parts, w+" comments are loaded by JavaScript and cannot be fetched without a browser")
		default:
			parts = append(parts, "the page also embeds "+w+" comments, which are loaded by JavaScript and cannot be fetched without a browser")
		}
	}
	return strings.Join(parts, "; ")
}

// folded returns, in thread order, the comments whose "View Replies (N)"
// toggle announces more replies than the page holds below them.
func folded(cs []strata.Comment, collapsed map[string]int) []string {
	if len(collapsed) == 0 {
		return nil
	}
	// In thread order the descendants of cs[i] are the run after it with
	// a greater depth.
	var ids []string
	for i, c := range cs {
		want, ok := collapsed[c.ID]
		if !ok {
			continue
		}
		have := 0
		for j := i + 1; j < len(cs) && cs[j].Depth > c.Depth; j++ {
			have++
		}
		if have < want {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// listIDs names comments for a note: "comment 7", "comments 7, 8 and 9",
// or the first five and how many more.
func listIDs(ids []string) string {
	const show = 5
	switch {
	case len(ids) == 1:
		return "comment " + ids[0]
	case len(ids) <= show:
		return "comments " + strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
	default:
		return fmt.Sprintf("comments %s and %d more", strings.Join(ids[:show], ", "), len(ids)-show)
	}
}
