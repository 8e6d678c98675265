package testsite

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Paths of the comment-system pages. Each serves one article whose thread
// the site holds in full (see Site.Thread) and shows or serves the way the
// system does: the first part in the page, the rest only through the
// system's own pages, REST, AJAX or API.
const (
	// NativePagedPath: native WordPress, html5 walker, comments paged 4
	// top-level threads a page with the newest page shown first and only
	// older/newer links, max_depth 3 (deeper replies flattened in the
	// markup), pings in full format; REST API served.
	NativePagedPath = "/threads/wp-native/"
	// NativeNoRESTPath: the same kind of thread with the REST API
	// advertised but answering 401 rest_forbidden.
	NativeNoRESTPath = "/threads/wp-native-norest/"
	// NativePlainPath: a native thread without pretty permalinks: the
	// article is NativePlainPath?p=4103 and its comment pages ?cpage=N.
	NativePlainPath = "/threads/wp-plain/"
	// WpDiscuzPath: wpDiscuz 7.6.63, newest first, 3 top-level threads a
	// batch, replies collapsed behind "View Replies (N)"; the nonce of
	// wpdGetNonce is required in the POST field; REST API blocked (403).
	WpDiscuzPath = "/threads/wpdiscuz/"
	// WpDiscuzRESTPath: wpDiscuz 7.6.63 with the REST API served, and a
	// pingback only in a later batch.
	WpDiscuzRESTPath = "/threads/wpdiscuz-rest/"
	// WpDiscuzCookiePath: wpDiscuz 7.6.45, which reads the nonce from the
	// cookie that wpdGetNonce sets; no REST API advertised.
	WpDiscuzCookiePath = "/threads/wpdiscuz-cookie/"
	// WpDiscuz5Path: wpDiscuz 5.3.5 (wc-comm markup, loadMoreComments
	// without nonce, raw JSON replies); no REST API advertised.
	WpDiscuz5Path = "/threads/wpdiscuz5/"
	// WpDiscuzBigPath: wpDiscuz 7 with 200 comments in batches of one
	// top-level thread, for the request cap; no REST API advertised.
	WpDiscuzBigPath = "/threads/wpdiscuz-big/"
	// WpDiscuzRobotsPath: wpDiscuz 7 whose AJAX URL is disallowed by
	// robots.txt; no REST API advertised.
	WpDiscuzRobotsPath = "/threads/wpdiscuz-robots/"
)

// threadState is what the site holds for one comment-system page.
type threadState struct {
	path   string
	kind   string
	postID int
	title  string
	thread Thread
	// rest is the REST API's behaviour for the post: "ok", an HTTP
	// status ("401", "403", "404") for a blocked API, "" when the page
	// does not advertise it.
	rest string
	// native WordPress
	perPage, maxDepth int
	plain             bool
	// wpDiscuz
	version   string
	batch     int
	collapsed bool
	nonce     string // "field", "cookie" or ""
	ajaxPath  string
	// services
	extra map[string]string
}

func (s *Site) addThreadRoutes() {
	s.routes = append(s.routes,
		route{"/wp-json/", s.serveREST},
		route{"/wp-admin/admin-ajax.php", s.serveAJAX},
	)
	s.addNative()
	s.addWpDiscuz()
	s.addServices()
}

// register adds a comment-system page served by h.
func (s *Site) register(st *threadState, h func(http.ResponseWriter, *http.Request, *threadState)) {
	s.threads[st.path] = st
	s.routes = append(s.routes, route{st.path, func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		cp := *st
		s.mu.Unlock()
		h(w, r, &cp)
	}})
}

// Thread returns the full thread of the comment-system page at path.
func (s *Site) Thread(path string) Thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.threads[path]
	if !ok {
		panic("testsite: no thread at " + path)
	}
	return st.thread
}

// SetThread replaces the thread of the comment-system page at path.
func (s *Site) SetThread(path string, th Thread) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.threads[path]
	if !ok {
		panic("testsite: no thread at " + path)
	}
	st.thread = th
}

// stateByPost finds the page of a WordPress post ID.
func (s *Site) stateByPost(id string) *threadState {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.threads {
		if fmt.Sprint(st.postID) == strings.TrimSpace(id) {
			cp := *st
			return &cp
		}
	}
	return nil
}

// articleHead is the <head> of a WordPress article page of the site.
func (s *Site) articleHead(st *threadState, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<title>%s | Strata Test Blog</title>
<link rel="canonical" href="%s%s">
<link rel='shortlink' href='%s/?p=%d'>
`, esc(st.title), s.URL, st.path, s.URL, st.postID)
	if st.rest != "" {
		fmt.Fprintf(&b, `<link rel="https://api.w.org/" href="%s/wp-json/">
<link rel="alternate" type="application/json" href="%s/wp-json/wp/v2/posts/%d">
`, s.URL, s.URL, st.postID)
	}
	fmt.Fprintf(&b, `<meta property="og:title" content="%s">
<meta property="article:published_time" content="2016-03-01T15:07:41+01:00">
<meta property="article:modified_time" content="2016-03-01T15:20:02+01:00">
%s</head>
`, esc(st.title), extra)
	return b.String()
}

// articleBody is the article itself, before the comment area.
func articleBody(st *threadState) string {
	return fmt.Sprintf(`<body class="post-template-default single single-post postid-%d single-format-standard">
<div id="page" class="site"><main id="main" class="site-main">
<article id="post-%d" class="post-%d post type-post status-publish format-standard hentry category-news">
<header class="entry-header"><h1 class="entry-title">%s</h1>
<div class="entry-meta"><span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/vaska/">Vaska</a></span></span>
<time class="entry-date published" datetime="2016-03-01T15:07:41+01:00">March 1, 2016</time></div></header>
<div class="entry-content">
<p>This article exists so that its comment thread can be archived. The thread below is the point of the page, and every comment of it must end up in the archive exactly once.</p>
<p>Comment systems show only part of a long thread in the page and serve the rest on other pages, through an API or through AJAX calls that a browser would make.</p>
</div>
</article>
`, st.postID, st.postID, st.postID, esc(st.title))
}

const pageEnd = "</main></div>\n</body>\n</html>\n"

// wpDate is a local date as WordPress's default formats show it.
func wpDate(t time.Time) string {
	return local(t).Format("January 2, 2006") + " at " + strings.ToLower(local(t).Format("3:04 pm"))
}

func writeHTML(w http.ResponseWriter, st *threadState, body string) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	if st != nil && st.rest != "" {
		w.Header().Set("Link", "<"+"/wp-json/"+`>; rel="https://api.w.org/"`)
	}
	fmt.Fprint(w, body)
}

// SetREST changes how the REST API answers for the article at path: "ok",
// an HTTP status such as "403" for a blocked API, or "" for an API the
// page does not advertise.
func (s *Site) SetREST(path, mode string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.threads[path].rest = mode
}
