package testsite

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

func (s *Site) addNative() {
	s.register(&threadState{
		path: NativePagedPath, kind: "native", postID: 4101, title: "A paged native WordPress thread",
		thread: NewThread(ThreadOptions{FirstID: 41001, N: 31, Seed: 1, Pings: []int{9, 17}, Chain: 5}),
		rest:   "ok", perPage: 4, maxDepth: 3,
	}, s.serveNative)
	s.register(&threadState{
		path: NativePlainPath, kind: "native", postID: 4103, title: "A native thread with plain permalinks",
		thread: NewThread(ThreadOptions{FirstID: 43001, N: 14, Seed: 20, Pings: []int{3}}),
		rest:   "ok", perPage: 3, maxDepth: 5, plain: true,
	}, s.serveNative)
	s.register(&threadState{
		path: NativeNoRESTPath, kind: "native", postID: 4102, title: "A native thread without REST",
		thread: NewThread(ThreadOptions{FirstID: 42001, N: 23, Seed: 2, Pings: []int{5}}),
		rest:   "401", perPage: 5, maxDepth: 10,
	}, s.serveNative)
}

var commentPageRe = regexp.MustCompile(`^(.*/)comment-page-(\d+)/$`)

// serveNative serves a native WordPress article and its comment pages
// /comment-page-N/: the bare URL shows the newest page (the default
// "newest" setting), and the navigation has only older/newer links.
func (s *Site) serveNative(w http.ResponseWriter, r *http.Request, st *threadState) {
	path := r.URL.Path
	page := 0
	if st.plain {
		if r.URL.Query().Get("p") != strconv.Itoa(st.postID) {
			http.NotFound(w, r)
			return
		}
		page, _ = strconv.Atoi(r.URL.Query().Get("cpage"))
	} else if m := commentPageRe.FindStringSubmatch(path); m != nil {
		if m[1] != st.path {
			http.NotFound(w, r)
			return
		}
		page, _ = strconv.Atoi(m[2])
	} else if path != st.path {
		http.NotFound(w, r)
		return
	}
	tops := st.thread.TopLevel(false)
	pages := (len(tops) + st.perPage - 1) / st.perPage
	if pages == 0 {
		pages = 1
	}
	if page == 0 {
		page = pages
	}
	if page > pages {
		http.NotFound(w, r)
		return
	}
	shown := tops[(page-1)*st.perPage : min(page*st.perPage, len(tops))]
	var b strings.Builder
	b.WriteString(s.articleHead(st, ""))
	b.WriteString(articleBody(st))
	fmt.Fprintf(&b, `<div id="comments" class="comments-area">
<h2 class="comments-title">%d thoughts on &ldquo;%s&rdquo;</h2>
<ol class="comment-list">
`, st.thread.Count(), esc(st.title))
	odd := false
	for _, c := range shown {
		s.nativeItem(&b, st, c, 1, page, &odd)
	}
	b.WriteString("</ol>\n")
	nav := func(n int, rel, label string) {
		fmt.Fprintf(&b, `<div class="nav-%s"><a href="%s">%s</a></div>`, rel, s.commentPageURL(st, n), label)
	}
	if pages > 1 {
		b.WriteString(`<nav class="navigation comment-navigation" aria-label="Comments"><h2 class="screen-reader-text">Comments navigation</h2><div class="nav-links">`)
		if page > 1 {
			nav(page-1, "previous", "Older comments")
		}
		if page < pages {
			nav(page+1, "next", "Newer comments")
		}
		b.WriteString("</div></nav>\n")
	}
	fmt.Fprintf(&b, `<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="%s/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-form-comment"><textarea id="comment" name="comment"></textarea></p>
<input type='hidden' name='comment_post_ID' value='%d' id='comment_post_ID'><input type='hidden' name='comment_parent' id='comment_parent' value='0'></form></div>
</div>
`, s.URL, st.postID)
	b.WriteString(pageEnd)
	writeHTML(w, st, b.String())
}

// commentPageURL is the URL of comment page n: /comment-page-N/ with
// pretty permalinks, ?p=ID&cpage=N without.
func (s *Site) commentPageURL(st *threadState, n int) string {
	if st.plain {
		return fmt.Sprintf("%s%s?p=%d&amp;cpage=%d#comments", s.URL, st.path, st.postID, n)
	}
	return fmt.Sprintf("%s%scomment-page-%d/#comments", s.URL, st.path, n)
}

// nativeItem writes one comment as the html5 walker does, then its
// replies: inside ol.children below max_depth, after it as siblings at
// max_depth (Walker_Comment::display_element).
func (s *Site) nativeItem(b *strings.Builder, st *threadState, c Comment, depth, page int, odd *bool) {
	parity := "even"
	if *odd {
		parity = "odd alt"
	}
	*odd = !*odd
	kids := st.thread.Children(c.ID)
	class := c.Type + " " + parity
	if depth == 1 {
		class += " thread-" + strings.Fields(parity)[0]
	}
	class += fmt.Sprintf(" depth-%d", depth)
	if len(kids) > 0 {
		class += " parent"
	}
	name := esc(c.Author)
	if c.AuthorURL != "" {
		name = fmt.Sprintf(`<a href="%s" class="url" rel="ugc external nofollow">%s</a>`, esc(c.AuthorURL), name)
	}
	fmt.Fprintf(b, `<li id="comment-%d" class="%s">
<article id="div-comment-%d" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><img alt='' src='https://secure.gravatar.com/avatar/%d?s=32&#038;d=mm&#038;r=g' class='avatar avatar-32 photo' height='32' width='32' loading='lazy'><b class="fn">%s</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="%s"><time datetime="%s">%s</time></a></div>
</footer>
<div class="comment-content">%s</div>
`, c.ID, class, c.ID, c.ID, name, strings.TrimSuffix(s.commentPageURL(st, page), "#comments")+"#comment-"+strconv.Itoa(c.ID), local(c.At).Format("2006-01-02T15:04:05-07:00"), wpDate(c.At), c.HTML())
	if depth < st.maxDepth {
		fmt.Fprintf(b, `<div class="reply"><a rel="nofollow" class="comment-reply-link" href="%s%s?replytocom=%d#respond" data-commentid="%d" data-postid="%d" data-belowelement="div-comment-%d" data-respondelement="respond" data-replyto="Reply to %s" aria-label="Reply to %s">Reply</a></div>
`, s.URL, st.path, c.ID, c.ID, st.postID, c.ID, esc(c.Author), esc(c.Author))
	}
	b.WriteString("</article>\n")
	if len(kids) > 0 && depth < st.maxDepth {
		b.WriteString(`<ol class="children">` + "\n")
		for _, k := range kids {
			s.nativeItem(b, st, k, depth+1, page, odd)
		}
		b.WriteString("</ol>\n")
	}
	b.WriteString("</li><!-- #comment-## -->\n")
	if len(kids) > 0 && depth >= st.maxDepth {
		for _, k := range kids {
			s.nativeItem(b, st, k, depth, page, odd)
		}
	}
}

// serveREST answers /wp-json/wp/v2/comments?post=ID like WordPress: the
// approved comments of type comment, paged, with X-WP-Total and
// X-WP-TotalPages; pings are never listed to anonymous clients. A post
// whose API is blocked gets the error object plugins send.
func (s *Site) serveREST(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/wp-json/wp/v2/comments" {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	st := s.stateByPost(q.Get("post"))
	if st == nil || st.rest == "" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	switch st.rest {
	case "ok":
	case "401":
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"code":"rest_forbidden","message":"Sorry, you are not allowed to do that.","data":{"status":401}}`)
		return
	case "403":
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"code":"rest_cannot_access","message":"DRA: Only authenticated users can access the REST API.","data":{"status":403}}`)
		return
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}`)
		return
	}
	for _, p := range []string{"type", "status", "author", "author_email"} {
		if v := q.Get(p); v != "" && !(p == "type" && v == "comment") && !(p == "status" && v == "approve") {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"code":"rest_forbidden_param","message":"Query parameter not permitted: %s","data":{"status":401}}`, p)
			return
		}
	}
	perPage := 10
	if v, err := strconv.Atoi(q.Get("per_page")); err == nil {
		perPage = v
	}
	if perPage < 1 || perPage > 100 {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"code":"rest_invalid_param","message":"Invalid parameter(s): per_page","data":{"status":400}}`)
		return
	}
	page := 1
	if v, err := strconv.Atoi(q.Get("page")); err == nil {
		page = v
	}
	var list []Comment
	for _, c := range st.thread.Comments {
		if c.Type == "comment" {
			list = append(list, c)
		}
	}
	if q.Get("order") != "asc" {
		for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
			list[i], list[j] = list[j], list[i]
		}
	}
	total := len(list)
	pages := (total + perPage - 1) / perPage
	w.Header().Set("X-WP-Total", strconv.Itoa(total))
	w.Header().Set("X-WP-TotalPages", strconv.Itoa(pages))
	if page < 1 || (page > pages && total > 0) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"code":"rest_comment_invalid_page_number","message":"The page number requested is larger than the number of pages available.","data":{"status":400}}`)
		return
	}
	items := []map[string]any{}
	for _, c := range list[min((page-1)*perPage, len(list)):min(page*perPage, len(list))] {
		items = append(items, map[string]any{
			"id": c.ID, "post": st.postID, "parent": c.Parent, "author": 0,
			"author_name": c.Author, "author_url": c.AuthorURL,
			"date":     local(c.At).Format("2006-01-02T15:04:05"),
			"date_gmt": c.At.UTC().Format("2006-01-02T15:04:05"),
			"content":  map[string]string{"rendered": c.HTML()},
			"link":     fmt.Sprintf("%s%s#comment-%d", s.URL, st.path, c.ID),
			"status":   "approved", "type": "comment",
			"author_avatar_urls": map[string]string{"24": "https://secure.gravatar.com/avatar/?s=24&d=mm&r=g"},
			"meta":               []any{},
		})
	}
	json.NewEncoder(w).Encode(items)
}
