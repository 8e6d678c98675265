package testsite

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Paths of the pages with third-party comment systems.
const (
	// DisqusPath embeds the Disqus thread of forum DisqusForum with a
	// disqus_config function; the thread is served by a Disqus fake.
	DisqusPath = "/threads/disqus/"
	// FacebookPath embeds only Facebook's comments plugin.
	FacebookPath = "/threads/facebook/"
)

// DisqusForum is the shortname of the test site's Disqus forum.
const DisqusForum = "strata-test"

// DisqusAPIKey is the public API key the Disqus fake accepts.
const DisqusAPIKey = "TestPublicKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL"

func (s *Site) addDisqus() {
	s.register(&threadState{
		path: DisqusPath, kind: "disqus", postID: 6101, title: "An article with Disqus comments",
		thread: NewThread(ThreadOptions{FirstID: 3300001, N: 23, Seed: 9}),
	}, s.serveDisqusPage)
	s.register(&threadState{
		path: FacebookPath, kind: "facebook", postID: 6102, title: "An article with Facebook comments",
	}, s.serveFacebookPage)
}

// disqusIdentifier is the identifier the WordPress plugin gives a post.
func (s *Site) disqusIdentifier(st *threadState) string {
	return fmt.Sprintf("%d %s/?p=%d", st.postID, s.URL, st.postID)
}

func (s *Site) serveDisqusPage(w http.ResponseWriter, r *http.Request, st *threadState) {
	if r.URL.Path != st.path {
		http.NotFound(w, r)
		return
	}
	var b strings.Builder
	b.WriteString(s.articleHead(st, ""))
	b.WriteString(articleBody(st))
	fmt.Fprintf(&b, `<div id="comments" class="comments-area"><div id="disqus_thread"></div></div>
<script>
var disqus_config = function () {
  this.page.url = '%s%s';
  this.page.identifier = '%s';
  this.page.title = '%s';
};
(function() {
  var d = document, s = d.createElement('script');
  s.src = 'https://%s.disqus.com/embed.js';
  s.setAttribute('data-timestamp', +new Date());
  (d.head || d.body).appendChild(s);
})();
</script>
<noscript>Please enable JavaScript to view the <a href="https://disqus.com/?ref_noscript">comments powered by Disqus.</a></noscript>
`, s.URL, st.path, strings.ReplaceAll(s.disqusIdentifier(st), "/", `\/`), st.title, DisqusForum)
	b.WriteString(pageEnd)
	writeHTML(w, st, b.String())
}

func (s *Site) serveFacebookPage(w http.ResponseWriter, r *http.Request, st *threadState) {
	if r.URL.Path != st.path {
		http.NotFound(w, r)
		return
	}
	var b strings.Builder
	b.WriteString(s.articleHead(st, ""))
	b.WriteString(articleBody(st))
	fmt.Fprintf(&b, `<div id="fb-root"></div>
<script async defer crossorigin="anonymous" src="https://connect.facebook.net/en_GB/sdk.js#xfbml=1&version=v18.0"></script>
<div class="fb-comments" data-href="%s%s" data-width="100%%" data-numposts="10"></div>
`, s.URL, st.path)
	b.WriteString(pageEnd)
	writeHTML(w, st, b.String())
}

// Disqus is a fake of disqus.com on its own server: the embed page
// /embed/comments/ with its disqus-threadData, and the API's
// /api/3.0/threads/listPostsThreaded.json, which wants DisqusAPIKey.
type Disqus struct {
	*httptest.Server
	site *Site
	// PageSize is the number of posts per page, embed and API alike.
	PageSize int

	mu   sync.Mutex
	reqs []Request
}

// NewDisqus starts a Disqus fake serving the Disqus threads of site.
func NewDisqus(tb testing.TB, site *Site) *Disqus {
	tb.Helper()
	d := &Disqus{site: site, PageSize: 8}
	d.Server = httptest.NewServer(http.HandlerFunc(d.serve))
	tb.Cleanup(d.Close)
	return d
}

// RequestLog returns the requests received so far.
func (d *Disqus) RequestLog() []Request {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Request(nil), d.reqs...)
}

// disqusThreadID is the Disqus thread ID of a post.
func disqusThreadID(st *threadState) string { return strconv.Itoa(7780000 + st.postID) }

// find returns the thread of the site's Disqus page matching the forum
// and the identifier, URL or thread ID.
func (d *Disqus) find(forum, ident, link, thread string) *threadState {
	if forum != DisqusForum {
		return nil
	}
	d.site.mu.Lock()
	defer d.site.mu.Unlock()
	for _, st := range d.site.threads {
		if st.kind != "disqus" {
			continue
		}
		if ident == d.site.disqusIdentifier(st) || link == d.site.URL+st.path || thread == disqusThreadID(st) {
			cp := *st
			return &cp
		}
	}
	return nil
}

func (d *Disqus) serve(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	d.reqs = append(d.reqs, Request{Method: r.Method, URI: r.URL.RequestURI(), UserAgent: r.UserAgent(), At: time.Now()})
	d.mu.Unlock()
	q := r.URL.Query()
	switch r.URL.Path {
	case "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /admin/\n")
	case "/embed/comments/":
		st := d.find(q.Get("f"), q.Get("t_i"), q.Get("t_u"), "")
		if st == nil {
			http.NotFound(w, r)
			return
		}
		posts, next, more := d.page(st, 0, d.PageSize)
		data := map[string]any{
			"code":   0,
			"cursor": map[string]any{"hasPrev": false, "prev": nil, "total": nil, "hasNext": more, "id": "1:0:0", "next": next, "more": more},
			"response": map[string]any{
				"order": "desc",
				"posts": posts,
				"thread": map[string]any{
					"id": disqusThreadID(st), "forum": DisqusForum, "posts": st.thread.Count(),
					"identifiers": []string{d.site.disqusIdentifier(st)}, "link": d.site.URL + st.path,
					"title": st.title, "clean_title": st.title,
				},
			},
		}
		js, _ := json.Marshal(data)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Disqus Comments</title></head>
<body><div id="postCompatContainer"></div>
<script type="text/json" id="disqus-forumData">{"session":{"canModerate":false},"forum":{"id":"%s","name":"Strata Test"}}</script>
<script type="text/json" id="disqus-threadData">%s</script>
<script src="https://c.disquscdn.com/next/embed/lounge.load.js"></script></body></html>`, DisqusForum, js)
	case "/api/3.0/threads/listPostsThreaded.json", "/api/3.0/threads/listPostsThreaded":
		w.Header().Set("Content-Type", "application/json")
		if q.Get("api_key") != DisqusAPIKey {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"code":5,"response":"Invalid API key"}`)
			return
		}
		st := d.find(q.Get("forum"), "", "", q.Get("thread"))
		if st == nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"code":2,"response":"Invalid argument, 'thread': Unable to find thread"}`)
			return
		}
		start := 0
		if c := q.Get("cursor"); c != "" {
			start, _ = strconv.Atoi(strings.Split(c, ":")[0])
		}
		limit, _ := strconv.Atoi(q.Get("limit"))
		if limit <= 0 || limit > 100 {
			limit = 25
		}
		limit = min(limit, d.PageSize)
		posts, next, more := d.page(st, start, limit)
		json.NewEncoder(w).Encode(map[string]any{
			"cursor":   map[string]any{"hasPrev": start > 0, "prev": nil, "total": nil, "hasNext": more, "id": fmt.Sprintf("%d:0:0", start), "next": next, "more": more},
			"code":     0,
			"response": posts,
		})
	default:
		http.NotFound(w, r)
	}
}

// page returns the posts from start in threaded order (top-level newest
// first, each followed by its replies), the next cursor and whether more
// follow.
func (d *Disqus) page(st *threadState, start, limit int) ([]map[string]any, string, bool) {
	var flat []Comment
	for _, t := range st.thread.TopLevel(true) {
		flat = append(flat, t)
		flat = append(flat, st.thread.Descendants(t.ID)...)
	}
	start = min(max(start, 0), len(flat))
	end := min(start+limit, len(flat))
	var out []map[string]any
	for _, c := range flat[start:end] {
		var parent any
		if c.Parent != 0 {
			parent = c.Parent
		}
		author := map[string]any{"name": c.Author, "isAnonymous": true, "profileUrl": "", "url": ""}
		if c.AuthorURL != "" {
			author = map[string]any{"name": c.Author, "username": strings.ToLower(asciiName(c.Author)), "isAnonymous": false, "profileUrl": c.AuthorURL, "url": ""}
		}
		out = append(out, map[string]any{
			"id": strconv.Itoa(c.ID), "parent": parent, "depth": st.thread.Depth(c.ID),
			"createdAt": c.At.UTC().Format("2006-01-02T15:04:05"), "message": c.HTML(), "raw_message": c.Text(),
			"likes": max(c.Votes, 0), "dislikes": max(-c.Votes, 0), "points": c.Votes,
			"isDeleted": false, "isEdited": false, "isSpam": false, "isApproved": true, "isHighlighted": false,
			"author": author, "thread": disqusThreadID(st), "forum": DisqusForum, "media": []any{},
		})
	}
	return out, fmt.Sprintf("%d:0:0", end), end < len(flat)
}
