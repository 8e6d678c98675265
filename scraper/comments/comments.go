package comments

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
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
	// (/comment-page-N/ or ?cpage=N; Drupal's ?page=N), by page number.
	PageURLs []string
	// LoadMore reports that wpDiscuz says more batches exist (or that the
	// first batch itself loads by AJAX).
	LoadMore bool
	// LastParentID is wpDiscuz's data-lastparentid: the lastParentId of the
	// next wpdLoadMoreComments call.
	LastParentID string
	// Collapsed lists, in thread order, the comments whose "View Replies
	// (N)" toggle announces more replies than the page holds: their
	// replies load by wpDiscuz's wpdShowReplies.
	Collapsed []string
	// PageNumber is the number of the comment page shown (from the URL or
	// the current marker of the comment navigation), 0 when unknown.
	// Drupal's pages count from 1 here too: ?page=N is page N+1.
	PageNumber int
	// Widgets lists the JavaScript-loaded comment systems found on the
	// page, in page order; System is among them when it is one.
	Widgets []string
	// Elements are the page elements of the comments that were read by
	// their markup alone (SystemGeneric, or the fallback of a known system
	// whose own markup is missing), top-level ones with their replies
	// inside, for the article extractor to leave out. Parse does not
	// remove them.
	Elements []*html.Node
	// MorePages lists pages of a paged thread that are not comment pages
	// in the WordPress sense, such as the "More" pages of a Hacker News
	// item, in order.
	MorePages []string
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
	f := finder{doc: doc}
	if len(doc.Nodes) == 1 {
		f.ix = s.ix
	}
	d := dater{site: siteLocation(f)}
	if !opts.FetchedAt.IsZero() {
		d.latest = opts.FetchedAt.Add(24 * time.Hour)
	}

	var collapsed map[string]int
	var ajaxFirst bool
	var hnDeclared *int
	switch {
	case len(s.wpd) > 0 || s.wpdArea:
		t.System = SystemWpDiscuz
		var cs []strata.Comment
		cs, collapsed = wpdComments(s.wpd, pageURL, d)
		t.Comments = Merge(cs, nil)
		t.LoadMore, t.LastParentID, ajaxFirst = wpdBatches(f, s)
	case len(s.drupal) > 0 || (s.drupalArea && len(s.native) == 0 && !s.wpArea):
		t.System = SystemDrupal
		cs := drupalThread(s.drupal, pageURL, d)
		if len(cs) == 0 {
			// Drupal's comment form but no comment anchors: a theme's
			// own list.
			var tops []*html.Node
			cs, tops = genericThread(doc.Nodes[0], pageURL, d)
			t.Elements = removable(doc.Nodes[0], tops)
		}
		t.Comments = Merge(cs, nil)
	case len(s.native) > 0 || s.wpArea:
		t.System = SystemWordPress
		cs := make([]strata.Comment, 0, len(s.native))
		for _, it := range s.native {
			cs = append(cs, nativeComment(it, pageURL, d))
		}
		if len(cs) == 0 {
			// A comment form but no comment-N items: a theme's own list.
			var tops []*html.Node
			cs, tops = genericThread(doc.Nodes[0], pageURL, d)
			t.Elements = removable(doc.Nodes[0], tops)
		}
		t.Comments = Merge(cs, nil)
	default:
		t.System, t.Comments, hnDeclared = otherSystems(f, pageURL, s, &t)
	}
	t.Comments = dropBlank(t.Comments)

	t.Declared = declaredCount(f)
	if t.Declared == nil {
		t.Declared = hnDeclared
	}
	t.PostID = postID(f, s)
	if t.System == SystemDrupal {
		t.PageURLs, t.PageNumber = drupalPages(s.drupal, pageURL)
	} else {
		t.PageURLs, t.PageNumber = commentPages(f, pageURL)
	}
	if ajaxFirst && len(s.wpd) == 0 && (t.Declared == nil || *t.Declared > 0) {
		t.LoadMore = true
	}

	t.Collapsed = folded(t.Comments, collapsed)
	t.Widgets = append([]string(nil), s.widgets...)
	if t.Comments == nil {
		t.Comments = []strata.Comment{}
	}
	t.Note = incompleteness(&t, s, ajaxFirst)
	t.Complete = t.Note == ""
	return t
}

// dropBlank leaves out the comments that show neither an author nor a
// text, whatever read them: an anchor or a placeholder, not a comment.
// The replies of a dropped comment keep their ParentID and become
// orphans (Depth 1), as Merge treats them.
func dropBlank(cs []strata.Comment) []strata.Comment {
	kept := cs[:0:0]
	for _, c := range cs {
		if strings.TrimSpace(c.Author) != "" || strings.TrimSpace(c.Text) != "" {
			kept = append(kept, c)
		}
	}
	if len(kept) == len(cs) {
		return cs
	}
	return Merge(kept, nil)
}

// incompleteness returns why t is not the whole thread, "" when nothing
// suggests so.
func incompleteness(t *Thread, s *scan, ajaxFirst bool) string {
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
	if len(t.MorePages) > 0 {
		parts = append(parts, rest+" are on further pages")
	}
	if n := len(t.PageURLs); n > 0 {
		pages := "page"
		if n > 1 {
			pages = "pages"
		}
		parts = append(parts, fmt.Sprintf("%s are on %d other comment %s", rest, n, pages))
	}
	if ids := t.Collapsed; len(ids) > 0 {
		parts = append(parts, "replies to "+listIDs(ids)+" are collapsed and load by AJAX (wpDiscuz View Replies)")
	}
	if t.System == SystemDrupal && len(t.PageURLs) == 0 && drupalPaged(s.drupal) {
		// A pager whose links name no single comment page of this node
		// (page=0,1 of pages with several pagers).
		parts = append(parts, rest+" are on further pages of Drupal's comment pager, whose links strata cannot follow")
	}
	if t.System == SystemGeneric {
		parts = append(parts, "comment system not recognised: comments read from the page markup, which may not hold them all")
	}
	if t.System == SystemReddit && parsed == 0 {
		parts = append(parts, "reddit thread not fetched")
	}
	for _, w := range s.widgets {
		parts = append(parts, WidgetNote(w, w == t.System))
	}
	return strings.Join(parts, "; ")
}

// BrowserOnly reports whether a system's comments can only be read by
// running its JavaScript: no endpoint serves them to a plain client
// (Facebook, Hyvor Talk, Utterances, Giscus).
func BrowserOnly(system string) bool {
	switch system {
	case SystemFacebook, SystemHyvor, SystemUtterances, SystemGiscus:
		return true
	}
	return false
}

// WidgetNote says that the comments of a JavaScript-loaded system were
// not captured: "facebook comments are loaded by JavaScript: not
// fetchable without a browser", "disqus thread not fetched", or, for a
// system beside the page's main one, "the page also embeds …".
func WidgetNote(system string, main bool) string {
	switch {
	case main && BrowserOnly(system):
		return system + " comments are loaded by JavaScript: not fetchable without a browser"
	case main:
		return system + " thread not fetched"
	case BrowserOnly(system):
		return "the page also embeds " + system + " comments, which are loaded by JavaScript: not fetchable without a browser"
	}
	return "the page also embeds a " + system + " thread, which was not fetched"
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

// otherSystems reads the systems that are neither wpDiscuz nor native
// WordPress: Blogger, Hacker News and Reddit markup, else the first
// JavaScript-loaded system found. It sets t.MorePages for the pages of a
// Hacker News thread and returns the count an item page declares.
func otherSystems(f finder, pageURL *url.URL, s *scan, t *Thread) (system string, cs []strata.Comment, declared *int) {
	if cs, ok := bloggerThread(f, pageURL); ok {
		return SystemBlogger, cs, nil
	}
	if cs, declared, more, ok := hnThread(f, pageURL); ok {
		t.MorePages = more
		return SystemHackerNews, cs, declared
	}
	if cs, ok := redditThread(f, pageURL); ok {
		return SystemReddit, cs, nil
	}
	if isRedditPage(f, pageURL) {
		return SystemReddit, nil, nil
	}
	d := dater{site: siteLocation(f)}
	if len(s.widgets) > 0 {
		// A server-rendered fallback (Disqus's noscript comments) is kept
		// until the system's own data replaces it.
		cs, tops := genericThread(f.doc.Nodes[0], pageURL, d)
		t.Elements = removable(f.doc.Nodes[0], tops)
		return s.widgets[0], cs, nil
	}
	if cs, tops := genericThread(f.doc.Nodes[0], pageURL, d); len(cs) > 0 {
		t.Elements = removable(f.doc.Nodes[0], tops)
		return SystemGeneric, cs, nil
	}
	return "", nil, nil
}
