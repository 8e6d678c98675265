package comments

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
)

// countHeadings are where themes print "5 Comments", "5 thoughts on …",
// "One response to …", in the order they are tried.
var countHeadings = []string{
	"#comments .comments-title", ".comments-title", "#comments-title", "h2#comments", "h3#comments",
	".comments-header .comment-reply-title", "#comments > h2", "#comments > h3",
	".comments-area > h2", ".comments-area > h3", "#comments > h4",
}

// countHeadingSels match countHeadings each; qCountHeadings any of them.
var countHeadingSels = compileAll(countHeadings)

func compileAll(sels []string) []cascadia.Selector {
	out := make([]cascadia.Selector, len(sels))
	for i, s := range sels {
		out[i] = cascadia.MustCompile(s)
	}
	return out
}

var (
	countWords  = regexp.MustCompile(`(?i)comment|kommentar|thought|gedanke|response|repl(?:y|ies)|antwort|réponse|reponse|commentaire|reaktion`)
	countNumber = regexp.MustCompile(`\d{1,3}(?:[.,\x{a0}\x{202f} ]\d{3})+|\d+`)
	jsonLDCount = regexp.MustCompile(`"commentCount"\s*:\s*"?(\d+)`)
	wpdPostID   = regexp.MustCompile(`"wc_post_id"\s*:\s*"?(\d+)`)
	restPostID  = regexp.MustCompile(`/wp/v2/posts/(\d+)`)
	commentPage = regexp.MustCompile(`^(.*?)/comment-page-(\d+)/?$`)
)

// declaredCount returns the comment count the page states: wpDiscuz's
// data-comments-count (v7) or its header counter (v4/v5), a theme heading,
// else JSON-LD commentCount.
func declaredCount(f finder) *int {
	if v, ok := f.find(qWpdCount).First().Attr("data-comments-count"); ok {
		if n, ok := smallInt(v); ok {
			return &n
		}
	}
	if v := f.find(qWpdHeaderCount).First(); v.Length() > 0 {
		if n, ok := smallInt(v.Text()); ok {
			return &n
		}
	}
	// One walk finds every candidate heading; the selectors then rank them.
	candidates := f.find(qCountHeadings)
	for _, sel := range countHeadingSels {
		if candidates.Length() == 0 {
			break
		}
		var found *int
		candidates.FilterMatcher(sel).EachWithBreak(func(_ int, h *goquery.Selection) bool {
			if h.ClosestMatcher(respondArea).Length() > 0 {
				return true
			}
			if n, ok := headingCount(h.Text()); ok {
				found = &n
				return false
			}
			return true
		})
		if found != nil {
			return found
		}
	}
	var found *int
	f.find(qJSONLD).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if m := jsonLDCount.FindStringSubmatch(s.Text()); m != nil {
			if n, ok := smallInt(m[1]); ok {
				found = &n
				return false
			}
		}
		return true
	})
	return found
}

// headingCount reads the count of a comments heading: digits ("12
// Comments", "1,234 thoughts on …") or a leading word for one or none
// ("One response to …", "Ein Kommentar", "No Comments"). The title quoted
// after the count is ignored.
func headingCount(text string) (int, bool) {
	t := collapseLine(text)
	if i := strings.IndexAny(t, "“\"„«‘”»"); i >= 0 {
		t = t[:i]
	}
	if !countWords.MatchString(t) {
		return 0, false
	}
	if m := countNumber.FindString(t); m != "" {
		return smallInt(strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, m))
	}
	first, _, _ := strings.Cut(strings.ToLower(t), " ")
	switch first {
	case "one", "ein", "eine", "einen", "un", "une":
		return 1, true
	case "no", "keine", "aucun", "aucune":
		return 0, true
	}
	return 0, false
}

// smallInt parses a non-negative count of at most nine digits.
func smallInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if !isDigits(s) || len(s) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// postID returns the WordPress post ID the page reveals, or "".
func postID(f finder, s *scan) string {
	if href, ok := f.find(qShortlink).First().Attr("href"); ok {
		if u, err := url.Parse(strings.TrimSpace(href)); err == nil {
			if p := u.Query().Get("p"); isDigits(p) {
				return p
			}
		}
	}
	for _, c := range strings.Fields(f.find(qBody).First().AttrOr("class", "")) {
		if p, ok := strings.CutPrefix(c, "postid-"); ok && isDigits(p) {
			return p
		}
	}
	var id string
	f.find(qPostArticle).EachWithBreak(func(_ int, a *goquery.Selection) bool {
		if p := strings.TrimPrefix(a.AttrOr("id", ""), "post-"); isDigits(p) {
			id = p
			return false
		}
		return true
	})
	if id != "" {
		return id
	}
	f.find(qRESTPostLink).EachWithBreak(func(_ int, l *goquery.Selection) bool {
		if m := restPostID.FindStringSubmatch(l.AttrOr("href", "")); m != nil {
			id = m[1]
			return false
		}
		return true
	})
	if id != "" {
		return id
	}
	for _, q := range qPostIDHolders {
		if p := strings.TrimSpace(f.find(q).First().AttrOr("data-postid", "")); isDigits(p) {
			return p
		}
	}
	if p := strings.TrimSpace(f.find(qCommentPostID).First().AttrOr("value", "")); isDigits(p) {
		return p
	}
	return s.scriptMatch(wpdPostID)
}

// commentNav holds the comment pagination of core themes and of wpDiscuz
// with WordPress paging on.
const commentNav = ".comment-navigation, .comments-pagination, .wpdiscuz-comment-pagination, .comment-nav, #comment-nav-above, #comment-nav-below"

var (
	commentNavMatcher = cascadia.MustCompile(commentNav)
	respondArea       = cascadia.MustCompile("#respond, .comment-respond")
)

// commentPages returns the absolute URLs of the other comment pages of
// this post (/comment-page-N/ or ?cpage=N), ordered by page number,
// without the page shown, and the number of the page shown (0 when
// unknown).
//
// A link counts when it leads to the same post as pageURL or the canonical
// URL, or sits in a comment navigation block on the same host; this keeps
// out the comment links of other posts in "Recent Comments" widgets. The
// page shown is read from pageURL, else from the current page marker of
// the navigation.
func commentPages(f finder, pageURL *url.URL) ([]string, int) {
	var bases []string
	host := ""
	current := 0
	if pageURL != nil {
		b, n := commentPageOf(pageURL)
		bases = append(bases, b)
		current = n
		host = strings.ToLower(pageURL.Hostname())
	}
	if href, ok := f.find(qCanonical).First().Attr("href"); ok {
		if u, err := url.Parse(resolve(pageURL, href)); err == nil && u.Host != "" {
			b, _ := commentPageOf(u)
			bases = append(bases, b)
			if host == "" {
				host = strings.ToLower(u.Hostname())
			}
		}
	}
	// The navigation is looked for once: most pages have none.
	nav := f.find(qCommentNav)
	if current == 0 && nav.Length() > 0 {
		within(nav, qNavCurrent).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if n, ok := smallInt(s.Text()); ok {
				current = n
				return false
			}
			return true
		})
	}

	if current == 0 && nav.Length() > 0 {
		// Only "older"/"newer" links (the_comments_navigation): the page
		// shown lies between them.
		within(nav, qNavPrevious).EachWithBreak(func(_ int, a *goquery.Selection) bool {
			if u, err := url.Parse(resolve(pageURL, a.AttrOr("href", ""))); err == nil {
				if _, n := commentPageOf(u); n > 0 {
					current = n + 1
					return false
				}
			}
			return true
		})
	}
	if current == 0 && nav.Length() > 0 {
		within(nav, qNavNext).EachWithBreak(func(_ int, a *goquery.Selection) bool {
			if u, err := url.Parse(resolve(pageURL, a.AttrOr("href", ""))); err == nil {
				if _, n := commentPageOf(u); n > 1 {
					current = n - 1
					return false
				}
			}
			return true
		})
	}

	type page struct {
		n   int
		url string
	}
	byNumber := map[int]string{}
	for _, a := range f.nodes(qLinks) {
		href := firstAttr(a, "href")
		if !strings.Contains(href, "comment-page-") && !strings.Contains(href, "cpage") {
			continue
		}
		abs := resolve(pageURL, href)
		if abs == "" {
			continue
		}
		u, err := url.Parse(abs)
		if err != nil {
			continue
		}
		b, n := commentPageOf(u)
		if n <= 0 || n == current {
			continue
		}
		if _, dup := byNumber[n]; dup {
			continue
		}
		ok := false
		for _, base := range bases {
			ok = ok || b == base
		}
		if !ok && closest(a, commentNavMatcher) {
			ok = host == "" || strings.EqualFold(u.Hostname(), host)
		}
		if ok {
			u.Fragment = ""
			byNumber[n] = u.String()
		}
	}
	pages := make([]page, 0, len(byNumber))
	for n, u := range byNumber {
		pages = append(pages, page{n, u})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].n < pages[j].n })
	urls := make([]string, len(pages))
	for i, p := range pages {
		urls[i] = p.url
	}
	return urls, current
}

// commentPageOf splits u into the post it belongs to (host without www.,
// path and query without the comment page) and its comment page number,
// 0 when u is no comment page.
func commentPageOf(u *url.URL) (string, int) {
	path := u.Path
	q := u.Query()
	n := 0
	if m := commentPage.FindStringSubmatch(path); m != nil {
		path = m[1]
		n, _ = smallInt(m[2])
	} else if v := q.Get("cpage"); v != "" {
		n, _ = smallInt(v)
	}
	q.Del("cpage")
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	return host + strings.TrimSuffix(path, "/") + "?" + q.Encode(), n
}

// CommentPageNumber returns the comment page number of u
// (/comment-page-N/ or ?cpage=N), 0 when u is no comment page.
func CommentPageNumber(u *url.URL) int {
	if u == nil {
		return 0
	}
	_, n := commentPageOf(u)
	return n
}
