package testsite

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Paths of the pages of the other comment systems. Each system's own
// endpoints are served by the same site, under the paths its page names
// (or, for Reddit and Hacker News, under the page's own origin: point
// thread.Options.RedditBase and HackerNewsAPI at the site).
const (
	// BloggerPath: a Blogger post showing the first 8 of its comments in
	// the threaded layout; the rest are in the Atom comment feed
	// /feeds/{postId}/comments/default, 5 entries a page.
	BloggerPath = "/2016/03/a-blogger-post.html"
	// DiscoursePath embeds a Discourse topic by URL (no topicId): the
	// forum at /forum/ serves embed/comments, the topic JSON with its
	// first 6 posts, and posts.json for the rest.
	DiscoursePath = "/threads/discourse/"
	// HNPath is a Hacker News item page (HNItem), 10 comments a page with
	// "More" links; HNEmptyItem's page shows no comments, whose tree is
	// then in the API at /hn-api/v0/item/{id}.json.
	HNPath = "/item"
	// RedditPath is a Reddit thread page (no comments in the HTML); its
	// .json has "more" stubs for /api/morechildren.json and a "continue
	// this thread" stub.
	RedditPath = "/r/strata/comments/abc123/a_reddit_thread/"
	// CommentoPath embeds Commento served by the site
	// (POST /api/comment/list).
	CommentoPath = "/threads/commento/"
	// Remark42Path embeds Remark42 at /remark (/remark/api/v1/find).
	Remark42Path = "/threads/remark42/"
	// SubstackPath is a Substack post (/api/v1/post/{id}/comments).
	SubstackPath = "/p/a-substack-post"
	// GhostPath is a Ghost post with native comments at
	// /ghost-site/members/api/comments/, 5 a page, 3 replies inline.
	GhostPath = "/threads/ghost/"
)

// Item IDs of the Hacker News fake.
const (
	HNItem      = 40000000
	HNEmptyItem = 41000000
)

// SubstackPostID is the post ID of SubstackPath.
const SubstackPostID = 123456

// GhostPostID is the post ID of GhostPath.
const GhostPostID = "65f1c0ffee0ddba11a5e0001"

var handles = []string{"pg", "dang", "tptacek", "patio11", "jacquesm", "user_42", "kragen", "dredmorbius"}

func (s *Site) addServices() {
	s.addDisqus()
	s.register(&threadState{path: BloggerPath, kind: "blogger", postID: 7001, title: "A Blogger post",
		thread: NewThread(ThreadOptions{FirstID: 7704569152969066000, N: 18, Seed: 11, MaxDepth: 1})}, s.serveBlogger)
	s.routes = append(s.routes, route{"/feeds/", s.serveBloggerFeed})
	s.register(&threadState{path: DiscoursePath, kind: "discourse", postID: 7002, title: "An article discussed on Discourse",
		thread: NewThread(ThreadOptions{FirstID: 880001, N: 27, Seed: 12, Authors: handles})}, s.serveDiscoursePage)
	s.routes = append(s.routes, route{"/forum/", s.serveForum})
	s.register(&threadState{path: HNPath, kind: "hackernews", postID: HNItem, title: "Show HN: an archiver of comment threads",
		thread: NewThread(ThreadOptions{FirstID: HNItem + 1, N: 26, Seed: 13, Authors: handles, ReplyShare: 0.6, MaxDepth: 6})}, s.serveHN)
	s.threads["hn-empty"] = &threadState{path: "hn-empty", kind: "hackernews", postID: HNEmptyItem, title: "Ask HN: a thread only the API shows",
		thread: NewThread(ThreadOptions{FirstID: HNEmptyItem + 1, N: 9, Seed: 14, Authors: handles})}
	s.routes = append(s.routes, route{"/hn-api/", s.serveHNAPI})
	s.register(&threadState{path: RedditPath, kind: "reddit", postID: 7004, title: "A Reddit thread",
		thread: NewThread(ThreadOptions{FirstID: 9001, N: 34, Seed: 15, Authors: handles, ReplyShare: 0.6, MaxDepth: 6})}, s.serveReddit)
	s.routes = append(s.routes, route{"/api/morechildren.json", s.serveRedditMore})
	s.register(&threadState{path: CommentoPath, kind: "commento", postID: 7005, title: "An article with Commento",
		thread: NewThread(ThreadOptions{FirstID: 5501, N: 12, Seed: 16})}, s.serveWidgetPage)
	s.routes = append(s.routes, route{"/api/comment/list", s.serveCommento})
	s.register(&threadState{path: Remark42Path, kind: "remark42", postID: 7006, title: "An article with Remark42",
		thread: NewThread(ThreadOptions{FirstID: 6601, N: 14, Seed: 17})}, s.serveWidgetPage)
	s.routes = append(s.routes, route{"/remark/", s.serveRemark42})
	s.register(&threadState{path: SubstackPath, kind: "substack", postID: SubstackPostID, title: "A Substack post",
		thread: NewThread(ThreadOptions{FirstID: 44000001, N: 16, Seed: 18})}, s.serveSubstackPage)
	s.routes = append(s.routes, route{"/api/v1/post/", s.serveSubstack})
	s.register(&threadState{path: GhostPath, kind: "ghost", postID: 7008, title: "A Ghost post",
		thread: NewThread(ThreadOptions{FirstID: 770001, N: 21, Seed: 19, MaxDepth: 1, ReplyShare: 0.6})}, s.serveWidgetPage)
	s.routes = append(s.routes, route{"/ghost-site/", s.serveGhost})
}

// kindState returns a copy of the state of the first page of a kind.
func (s *Site) kindState(kind string) *threadState {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.threads {
		if st.kind == kind && st.path != "hn-empty" {
			cp := *st
			return &cp
		}
	}
	return nil
}

// simplePage is an article page with extra markup after the body.
func (s *Site) simplePage(st *threadState, head, after string) string {
	var b strings.Builder
	b.WriteString(s.articleHead(st, head))
	b.WriteString(articleBody(st))
	b.WriteString(after)
	b.WriteString(pageEnd)
	return b.String()
}

// --- Blogger ---

const bloggerShown = 8

func (s *Site) serveBlogger(w http.ResponseWriter, r *http.Request, st *threadState) {
	shown := map[int]bool{}
	for i, c := range st.thread.Comments {
		if i < bloggerShown {
			shown[c.ID] = true
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class='comments' id='comments'><a name='comments'></a><h4>%d comments:</h4><div class='comments-content'><div id='comment-holder'><div class="comment-thread toplevel-thread"><ol id="top-ra">`, st.thread.Count())
	var item func(c Comment)
	item = func(c Comment) {
		user := esc(c.Author)
		if c.AuthorURL != "" {
			user = fmt.Sprintf(`<a href="%s" rel="nofollow">%s</a>`, esc(c.AuthorURL), user)
		}
		fmt.Fprintf(&b, `<li class="comment" id="c%d"><div class="avatar-image-container"><img src="//resources.blogblog.com/img/blank.gif" alt=""/></div><div class="comment-block"><div class="comment-header"><cite class="user">%s</cite><span class="icon user "></span><span class="datetime secondary-text"><a rel="nofollow" href="%s%s?showComment=%d#c%d">%s</a></span></div><p class="comment-content">%s</p><span class="comment-actions secondary-text"><a class="comment-reply" target="_self" data-comment-id="%d">Reply</a></span></div>`,
			c.ID, user, s.URL, st.path, c.At.UnixMilli(), c.ID, local(c.At).Format("January 2, 2006 at 3:04 PM"), strings.Join(escAll(c.Paragraphs), "<br><br>"), c.ID)
		fmt.Fprintf(&b, `<div class="comment-replies"><div id="c%d-rt" class="comment-thread inline-thread"><ol id="c%d-ra" class="thread-chrome thread-expanded"><div>`, c.ID, c.ID)
		for _, k := range st.thread.Children(c.ID) {
			if shown[k.ID] {
				item(k)
			}
		}
		fmt.Fprintf(&b, `</div></ol></div></div><div class="comment-replybox-single" id="c%d-ce"></div></li>`, c.ID)
	}
	for _, c := range st.thread.TopLevel(false) {
		if shown[c.ID] {
			item(c)
		}
	}
	b.WriteString(`</ol></div></div><div class="loadmore"><a target="_self">Load more...</a></div></div></div>`)
	head := fmt.Sprintf(`<link rel="alternate" type="application/atom+xml" title="A Blogger post - Atom" href="%s/feeds/%d/comments/default">
<meta content='%d' itemprop='postId'/>
`, s.URL, st.postID, st.postID)
	writeHTML(w, nil, s.simplePage(st, head, b.String()))
}

func escAll(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = esc(p)
	}
	return out
}

var feedPath = regexp.MustCompile(`^/feeds/(\d+)/comments/default$`)

// serveBloggerFeed serves the Atom comment feed, at most 5 entries a page
// whatever max-results asks, oldest first.
func (s *Site) serveBloggerFeed(w http.ResponseWriter, r *http.Request) {
	m := feedPath.FindStringSubmatch(r.URL.Path)
	st := s.kindState("blogger")
	if m == nil || st == nil || m[1] != strconv.Itoa(st.postID) {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	start, _ := strconv.Atoi(q.Get("start-index"))
	start = max(start, 1)
	per, _ := strconv.Atoi(q.Get("max-results"))
	per = min(max(per, 1), 5)
	all := st.thread.Comments
	end := min(start-1+per, len(all))
	blog := "3257097735108709678"
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr='http://purl.org/syndication/thread/1.0'><id>tag:blogger.com,1999:blog-%s.post%d..comments</id><updated>2016-03-09T10:00:00.000-08:00</updated><title type='text'>Comments on A Blogger post</title><link rel='self' type='application/atom+xml' href='%s%s'/>`, blog, st.postID, s.URL, r.URL.RequestURI())
	if end < len(all) {
		fmt.Fprintf(&b, `<link rel='next' type='application/atom+xml' href='%s/feeds/%d/comments/default?start-index=%d&amp;max-results=%d'/>`, s.URL, st.postID, end+1, per)
	}
	fmt.Fprintf(&b, `<openSearch:totalResults>%d</openSearch:totalResults><openSearch:startIndex>%d</openSearch:startIndex><openSearch:itemsPerPage>%d</openSearch:itemsPerPage>`, len(all), start, per)
	for _, c := range all[min(start-1, len(all)):end] {
		var content strings.Builder
		xml.EscapeText(&content, []byte(strings.Join(escAll(c.Paragraphs), "<br><br>")))
		var name strings.Builder
		xml.EscapeText(&name, []byte(c.Author))
		fmt.Fprintf(&b, `<entry><id>tag:blogger.com,1999:blog-%s.post-%d</id><published>%s</published><updated>%s</updated><title type='text'>x</title><content type='html'>%s</content>`,
			blog, c.ID, local(c.At).Format("2006-01-02T15:04:05.000-07:00"), local(c.At).Format("2006-01-02T15:04:05.000-07:00"), content.String())
		fmt.Fprintf(&b, `<link rel='alternate' type='text/html' href='%s%s?showComment=%d#c%d' title=''/>`, s.URL, st.path, c.At.UnixMilli(), c.ID)
		if c.Parent != 0 {
			fmt.Fprintf(&b, `<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/%s/%d/comments/default/%d'/>`, blog, st.postID, c.Parent)
		}
		fmt.Fprintf(&b, `<author><name>%s</name>`, name.String())
		if c.AuthorURL != "" {
			fmt.Fprintf(&b, `<uri>%s</uri>`, c.AuthorURL)
		}
		fmt.Fprintf(&b, `<email>noreply@blogger.com</email></author><thr:in-reply-to xmlns:thr='http://purl.org/syndication/thread/1.0' href='%s%s' ref='tag:blogger.com,1999:blog-%s.post-%d' source='https://www.blogger.com/feeds/%s/posts/default/%d' type='text/html'/><gd:extendedProperty name='blogger.itemClass' value='pid-1'/><gd:extendedProperty name='blogger.displayTime' value='%s'/></entry>`,
			s.URL, st.path, blog, st.postID, blog, st.postID, local(c.At).Format("January 2, 2006 at 3:04 PM"))
	}
	b.WriteString("</feed>")
	w.Header().Set("Content-Type", "application/atom+xml; charset=UTF-8")
	fmt.Fprint(w, b.String())
}

// --- Discourse ---

const discourseTopic = 777

func (s *Site) serveDiscoursePage(w http.ResponseWriter, r *http.Request, st *threadState) {
	after := fmt.Sprintf(`<div id="discourse-comments"></div>
<meta name="discourse-username" content="strata">
<script type="text/javascript">
  DiscourseEmbed = {
    discourseUrl: '%s/forum/',
    discourseEmbedUrl: '%s%s',
  };
  (function() {
    var d = document.createElement('script'); d.type = 'text/javascript'; d.async = true;
    d.src = DiscourseEmbed.discourseUrl + 'javascripts/embed.js';
    (document.getElementsByTagName('head')[0] || document.getElementsByTagName('body')[0]).appendChild(d);
  })();
</script>
`, s.URL, s.URL, st.path)
	writeHTML(w, nil, s.simplePage(st, "", after))
}

// discoursePosts returns the topic's posts: post 1 is the article, then
// one post per comment.
func (s *Site) discoursePosts(st *threadState) []map[string]any {
	number := map[int]int{}
	for i, c := range st.thread.Comments {
		number[c.ID] = i + 2
	}
	posts := []map[string]any{{
		"id": 880000, "name": "Strata Test Blog", "username": "system", "created_at": "2016-03-01T14:07:41.000Z",
		"cooked": "<p>This is a companion discussion topic for the original entry</p>", "post_number": 1,
		"reply_to_post_number": nil, "post_type": 1, "deleted_at": nil, "hidden": false, "like_count": 0,
	}}
	for i, c := range st.thread.Comments {
		var reply any
		if c.Parent != 0 {
			reply = number[c.Parent]
		}
		posts = append(posts, map[string]any{
			"id": c.ID, "name": c.Author, "username": c.Author, "created_at": c.At.UTC().Format("2006-01-02T15:04:05.000Z"),
			"cooked": c.HTML(), "post_number": i + 2, "reply_to_post_number": reply, "post_type": 1,
			"deleted_at": nil, "hidden": false, "like_count": max(c.Votes, 0),
		})
	}
	return posts
}

func (s *Site) serveForum(w http.ResponseWriter, r *http.Request) {
	st := s.kindState("discourse")
	path := strings.TrimPrefix(r.URL.Path, "/forum")
	switch {
	case path == "/robots.txt":
		http.NotFound(w, r)
	case path == "/embed/comments":
		if r.URL.Query().Get("embed_url") != s.URL+st.path {
			http.Error(w, "embed_url not allowed", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Discussion</title></head><body><header><a class="button" href="%s/forum/t/an-article-discussed-on-discourse/%d" target="_blank">Continue discussion</a></header><div class="posts">`, s.URL, discourseTopic)
		for _, c := range st.thread.Comments[:min(3, len(st.thread.Comments))] {
			fmt.Fprintf(w, `<article class="post" id="post-%d"><div class="author"><img src="/user_avatar.png"></div><div class="cooked"><h3 class="username"><a href="%s/forum/u/%s">%s</a></h3>%s</div></article>`, c.ID, s.URL, c.Author, c.Author, c.HTML())
		}
		fmt.Fprint(w, `</div></body></html>`)
	case path == fmt.Sprintf("/t/%d.json", discourseTopic):
		posts := s.discoursePosts(st)
		stream := make([]int, len(posts))
		for i, p := range posts {
			stream[i] = p["id"].(int)
		}
		writeJSON(w, map[string]any{
			"id": discourseTopic, "title": st.title, "posts_count": len(posts),
			"post_stream": map[string]any{"posts": posts[:min(6, len(posts))], "stream": stream},
		})
	case path == fmt.Sprintf("/t/%d/posts.json", discourseTopic):
		want := map[int]bool{}
		for _, v := range r.URL.Query()["post_ids[]"] {
			n, _ := strconv.Atoi(v)
			want[n] = true
		}
		if len(want) > 20 {
			http.Error(w, "too many post_ids", http.StatusBadRequest)
			return
		}
		var out []map[string]any
		for _, p := range s.discoursePosts(st) {
			if want[p["id"].(int)] {
				out = append(out, p)
			}
		}
		writeJSON(w, map[string]any{"post_stream": map[string]any{"posts": out}})
	default:
		http.NotFound(w, r)
	}
}

// --- Hacker News ---

const hnPerPage = 10

// hnFlat lists a thread in page order: top level oldest first, each
// followed by its replies.
func hnFlat(th Thread) []Comment {
	var flat []Comment
	for _, t := range th.TopLevel(false) {
		flat = append(flat, t)
		flat = append(flat, th.Descendants(t.ID)...)
	}
	return flat
}

func hnText(c Comment) string {
	ps := escAll(c.Paragraphs)
	return ps[0] + strings.Join(prefixAll(ps[1:], "<p>"), "")
}

func prefixAll(ss []string, p string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}

func (s *Site) serveHN(w http.ResponseWriter, r *http.Request, st *threadState) {
	q := r.URL.Query()
	id, _ := strconv.Atoi(q.Get("id"))
	empty := false
	switch id {
	case HNItem:
	case HNEmptyItem:
		s.mu.Lock()
		cp := *s.threads["hn-empty"]
		s.mu.Unlock()
		st, empty = &cp, true
	default:
		http.NotFound(w, r)
		return
	}
	page, _ := strconv.Atoi(q.Get("p"))
	page = max(page, 1)
	flat := hnFlat(st.thread)
	start := min((page-1)*hnPerPage, len(flat))
	end := min(start+hnPerPage, len(flat))
	var b strings.Builder
	fmt.Fprintf(&b, `<html lang="en" op="item"><head><meta name="referrer" content="origin"><meta name="viewport" content="width=device-width, initial-scale=1.0"><link rel="stylesheet" type="text/css" href="news.css?x"><title>%s | Hacker News</title></head><body><center><table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%%" bgcolor="#f6f6ef">
<tr><td bgcolor="#ff6600"><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b></span></td></tr>
<tr id="bigbox"><td><table class="fatitem" border="0"><tr class="athing submission" id="%d"><td class="title"><span class="titleline"><a href="https://example.org/strata">%s</a></span></td></tr>
<tr><td colspan="2"></td><td class="subtext"><span class="subline"><span class="score" id="score_%d">120 points</span> by <a href="user?id=founder" class="hnuser">founder</a> <span class="age" title="2016-03-01T15:00:00 1456844400"><a href="item?id=%d">9 years ago</a></span> | <a href="item?id=%d">%d&nbsp;comments</a></span></td></tr></table><br>
<table border="0" class='comment-tree'>
`, esc(st.title), st.postID, esc(st.title), st.postID, st.postID, st.postID, st.thread.Count())
	if !empty {
		for i, c := range flat[start:end] {
			d := st.thread.Depth(c.ID)
			nav := ""
			if c.Parent != 0 {
				nav += fmt.Sprintf(` | <a href="#%d" class="clicky" aria-hidden="true">parent</a>`, c.Parent)
			}
			if start+i+1 < len(flat) {
				nav += fmt.Sprintf(` | <a href="#%d" class="clicky" aria-hidden="true">next</a>`, flat[start+i+1].ID)
			}
			fmt.Fprintf(&b, `<tr class='athing comtr' id='%d'><td><table border='0'><tr><td class='ind' indent='%d'><img src="s.gif" height="1" width="%d"></td><td valign="top" class="votelinks"><center><a id='up_%d' href='vote?id=%d&amp;how=up&amp;goto=item%%3Fid%%3D%d'><div class='votearrow' title='upvote'></div></a></center></td><td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead"><a href="user?id=%s" class="hnuser">%s</a> <span class="age" title="%s %d"><a href="item?id=%d">9 years ago</a></span> <span id="unv_%d"></span><span class="navs">%s <a class="togg clicky" id="%d" n="1" href="javascript:void(0)">[–]</a></span></span></div><br><div class="comment"><div class="commtext c00">%s</div><div class='reply'><p><font size="1"><u><a href="reply?id=%d&amp;goto=item%%3Fid%%3D%d%%23%d" rel="nofollow">reply</a></u></font></p></div></div></td></tr></table></td></tr>
`, c.ID, d, d*40, c.ID, c.ID, st.postID, c.Author, c.Author, c.At.UTC().Format("2006-01-02T15:04:05"), c.At.Unix(), c.ID, c.ID, nav, c.ID, hnText(c), c.ID, st.postID, c.ID)
		}
	}
	b.WriteString("</table>\n")
	if !empty && end < len(flat) {
		fmt.Fprintf(&b, `<a href="item?id=%d&amp;p=%d" class="morelink" rel="next">More</a>`, st.postID, page+1)
	}
	b.WriteString("</td></tr></table></center></body></html>\n")
	writeHTML(w, nil, b.String())
}

var hnItemPath = regexp.MustCompile(`^/hn-api/v0/item/(\d+)\.json$`)

func (s *Site) serveHNAPI(w http.ResponseWriter, r *http.Request) {
	m := hnItemPath.FindStringSubmatch(r.URL.Path)
	if m == nil {
		http.NotFound(w, r)
		return
	}
	id, _ := strconv.Atoi(m[1])
	s.mu.Lock()
	var st *threadState
	for _, t := range s.threads {
		if t.kind == "hackernews" && (t.postID == id || t.postID < id && id < t.postID+1000000) {
			cp := *t
			st = &cp
		}
	}
	s.mu.Unlock()
	if st == nil {
		writeJSON(w, nil)
		return
	}
	kidsOf := func(parent int) []int {
		var out []int
		for _, c := range st.thread.Comments {
			if c.Parent == parent {
				out = append(out, c.ID)
			}
		}
		return out
	}
	if id == st.postID {
		writeJSON(w, map[string]any{"id": id, "by": "founder", "time": 1456844400, "title": st.title, "type": "story",
			"descendants": st.thread.Count(), "kids": kidsOf(0), "score": 120})
		return
	}
	c, ok := st.thread.Get(id)
	if !ok {
		writeJSON(w, nil)
		return
	}
	parent := c.Parent
	if parent == 0 {
		parent = st.postID
	}
	item := map[string]any{"id": c.ID, "by": c.Author, "time": c.At.Unix(), "text": hnText(c), "parent": parent, "type": "comment"}
	if k := kidsOf(c.ID); len(k) > 0 {
		item["kids"] = k
	}
	writeJSON(w, item)
}

// --- Reddit ---

// redditDepth is the depth below which the thread JSON replaces replies
// with a "continue this thread" stub.
const redditDepth = 3

// redditInline is how many top-level comments the thread JSON carries
// before a "more" stub.
const redditInline = 6

func (s *Site) serveReddit(w http.ResponseWriter, r *http.Request, st *threadState) {
	rest := strings.TrimPrefix(r.URL.Path, st.path)
	switch {
	case rest == "":
		head := `<meta property="og:site_name" content="Reddit">` + "\n"
		after := `<shreddit-comment-tree id="comment-tree" totalcomments="` + strconv.Itoa(st.thread.Count()) + `"></shreddit-comment-tree><p>View the full thread with JavaScript.</p>`
		writeHTML(w, nil, s.simplePage(st, head, after))
	case rest == ".json":
		var top []any
		tops := st.thread.TopLevel(false)
		for i, c := range tops {
			if i == redditInline {
				var ids []string
				for _, k := range tops[i:] {
					ids = append(ids, strconv.Itoa(k.ID))
				}
				top = append(top, redditMoreThing("t3_abc123", ids, 0))
				break
			}
			top = append(top, s.redditThing(st, c, 0, true))
		}
		writeJSON(w, []any{s.redditPost(st), listing(top)})
	case strings.HasSuffix(rest, "/.json"):
		id, err := strconv.Atoi(strings.TrimSuffix(rest, "/.json"))
		c, ok := st.thread.Get(id)
		if err != nil || !ok {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, []any{s.redditPost(st), listing([]any{s.redditThing(st, c, 0, true)})})
	default:
		http.NotFound(w, r)
	}
}

func listing(children []any) map[string]any {
	if children == nil {
		children = []any{}
	}
	return map[string]any{"kind": "Listing", "data": map[string]any{"after": nil, "before": nil, "children": children}}
}

func (s *Site) redditPost(st *threadState) map[string]any {
	return listing([]any{map[string]any{"kind": "t3", "data": map[string]any{
		"id": "abc123", "name": "t3_abc123", "title": st.title, "num_comments": st.thread.Count(),
		"permalink": st.path, "subreddit": "strata", "created_utc": 1456844400.0,
	}}})
}

func redditMoreThing(parent string, ids []string, depth int) map[string]any {
	id := "_"
	if len(ids) > 0 {
		id = ids[0]
	}
	return map[string]any{"kind": "more", "data": map[string]any{"count": len(ids), "name": "t1_" + id, "id": id, "parent_id": parent, "depth": depth, "children": ids}}
}

// redditThing renders a comment with its replies down to redditDepth
// levels below depth 0 of this listing; the second reply of a comment
// with several is left to a "more" stub when nested is true.
func (s *Site) redditThing(st *threadState, c Comment, depth int, nested bool) map[string]any {
	parent := "t3_abc123"
	if c.Parent != 0 {
		parent = "t1_" + strconv.Itoa(c.Parent)
	}
	var paras []string
	for _, p := range escAll(c.Paragraphs) {
		paras = append(paras, "<p>"+p+"</p>")
	}
	data := map[string]any{
		"id": strconv.Itoa(c.ID), "name": "t1_" + strconv.Itoa(c.ID), "parent_id": parent, "link_id": "t3_abc123",
		"author": c.Author, "body": c.Text(), "body_html": `<div class="md">` + strings.Join(paras, "\n") + `</div>`,
		"created_utc": float64(c.At.Unix()), "score": c.Votes, "depth": depth, "replies": "",
	}
	if nested {
		kids := st.thread.Children(c.ID)
		var things []any
		switch {
		case len(kids) == 0:
		case depth+1 >= redditDepth:
			things = append(things, redditMoreThing("t1_"+strconv.Itoa(c.ID), nil, depth+1))
		default:
			for i, k := range kids {
				if i == 1 && len(kids) > 2 {
					var ids []string
					for _, m := range kids[1:] {
						ids = append(ids, strconv.Itoa(m.ID))
					}
					things = append(things, redditMoreThing("t1_"+strconv.Itoa(c.ID), ids, depth+1))
					break
				}
				things = append(things, s.redditThing(st, k, depth+1, true))
			}
		}
		if len(things) > 0 {
			data["replies"] = listing(things)
		}
	}
	return map[string]any{"kind": "t1", "data": data}
}

// serveRedditMore answers /api/morechildren.json: the asked comments, flat,
// each with its replies as further stubs.
func (s *Site) serveRedditMore(w http.ResponseWriter, r *http.Request) {
	st := s.kindState("reddit")
	q := r.URL.Query()
	if q.Get("api_type") != "json" || q.Get("link_id") != "t3_abc123" {
		writeJSON(w, map[string]any{"json": map[string]any{"errors": []any{[]string{"INVALID_ARGUMENT", "bad request"}}}})
		return
	}
	ids := strings.Split(q.Get("children"), ",")
	if len(ids) > 100 {
		http.Error(w, "too many children", http.StatusBadRequest)
		return
	}
	var things []any
	for _, v := range ids {
		n, _ := strconv.Atoi(v)
		c, ok := st.thread.Get(n)
		if !ok {
			continue
		}
		things = append(things, s.redditThing(st, c, st.thread.Depth(c.ID), false))
		var kids []string
		for _, k := range st.thread.Children(c.ID) {
			kids = append(kids, strconv.Itoa(k.ID))
		}
		if len(kids) > 0 {
			things = append(things, redditMoreThing("t1_"+strconv.Itoa(c.ID), kids, st.thread.Depth(c.ID)+1))
		}
	}
	writeJSON(w, map[string]any{"json": map[string]any{"errors": []any{}, "data": map[string]any{"things": things}}})
}

// --- Commento, Remark42 and Ghost pages ---

func (s *Site) serveWidgetPage(w http.ResponseWriter, r *http.Request, st *threadState) {
	if r.URL.Path != st.path {
		http.NotFound(w, r)
		return
	}
	var head, after string
	switch st.kind {
	case "commento":
		after = fmt.Sprintf(`<div id="commento"></div><script defer src="%s/js/commento.js"></script>`, s.URL)
	case "remark42":
		after = fmt.Sprintf(`<div id="remark42"></div>
<script>
  var remark_config = {
    host: '%s/remark',
    site_id: 'strata',
    url: '%s%s',
    components: ['embed'],
  };
</script>
<script>!function(e,n){for(var o=0;o<e.length;o++){var r=n.createElement("script"),c=".js",d=n.head||n.body;"noModule"in r?(r.type="module",c=".mjs"):r.async=!0,r.defer=!0,r.src=remark_config.host+"/web/"+e[o]+c,d.appendChild(r)}}(remark_config.components||["embed"],document);</script>
`, s.URL, s.URL, st.path)
	case "ghost":
		head = `<meta name="generator" content="Ghost 5.80">` + "\n"
		after = fmt.Sprintf(`<section class="article-comments gh-canvas"><script defer src="https://cdn.jsdelivr.net/ghost/comments-ui@~0.17/umd/comments-ui.min.js" data-ghost-comments="%s/ghost-site/" data-api="%s/ghost-site/ghost/api/content/" data-admin="%s/ghost-site/ghost/" data-key="22444f78447824223cefc48062" data-title="" data-count="true" data-post-id="%s" data-color-scheme="auto" data-avatar-saturation="60" data-accent-color="#FF1A75" data-comments-enabled="all" data-publication="Strata Ghost" crossorigin="anonymous"></script></section>`, s.URL, s.URL, s.URL, GhostPostID)
	}
	writeHTML(w, nil, s.simplePage(st, head, after))
}

func (s *Site) serveCommento(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Token  *string `json:"commenterToken"`
		Domain *string `json:"domain"`
		Path   *string `json:"path"`
	}
	st := s.kindState("commento")
	if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&req) != nil || req.Token == nil || req.Domain == nil || req.Path == nil {
		writeJSON(w, map[string]any{"success": false, "message": "Missing field"})
		return
	}
	if *req.Domain != strings.TrimPrefix(s.URL, "http://") || *req.Path != st.path {
		writeJSON(w, map[string]any{"success": false, "message": "This domain is not registered with Commento."})
		return
	}
	var list []map[string]any
	commenters := map[string]any{}
	for _, c := range st.thread.Comments {
		parent := "root"
		if c.Parent != 0 {
			parent = strconv.Itoa(c.Parent)
		}
		hex := fmt.Sprintf("%064x", c.ID)
		link := c.AuthorURL
		if link == "" {
			link = "undefined"
		}
		commenters[hex] = map[string]any{"commenterHex": hex, "name": c.Author, "link": link, "photo": "undefined", "provider": "commento", "isModerator": false}
		list = append(list, map[string]any{
			"commentHex": strconv.Itoa(c.ID), "commenterHex": hex, "markdown": c.Text(), "html": c.HTML(),
			"parentHex": parent, "score": c.Votes, "state": "approved", "direction": 0, "deleted": false,
			"creationDate": c.At.UTC().Format("2006-01-02T15:04:05.000000Z"),
		})
	}
	// Commento sorts by score on the client; the list itself is unordered.
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	writeJSON(w, map[string]any{"success": true, "requireIdentification": false, "isModerator": false, "isFrozen": false,
		"comments": list, "commenters": commenters, "attributes": map[string]any{}})
}

func (s *Site) serveRemark42(w http.ResponseWriter, r *http.Request) {
	st := s.kindState("remark42")
	q := r.URL.Query()
	if r.URL.Path != "/remark/api/v1/find" || q.Get("site") != "strata" || q.Get("url") != s.URL+st.path {
		http.NotFound(w, r)
		return
	}
	var node func(c Comment) map[string]any
	node = func(c Comment) map[string]any {
		pid := ""
		if c.Parent != 0 {
			pid = strconv.Itoa(c.Parent)
		}
		replies := []any{}
		for _, k := range st.thread.Children(c.ID) {
			replies = append(replies, node(k))
		}
		return map[string]any{"comment": map[string]any{
			"id": strconv.Itoa(c.ID), "pid": pid, "text": c.HTML(), "orig": c.Text(),
			"user":    map[string]any{"name": c.Author, "id": "anonymous_" + strconv.Itoa(c.ID), "picture": "", "admin": false},
			"locator": map[string]any{"site": "strata", "url": s.URL + st.path}, "score": c.Votes, "vote": 0,
			"time": c.At.UTC().Format(time.RFC3339Nano), "delete": false,
		}, "replies": replies}
	}
	var tree []any
	for _, c := range st.thread.TopLevel(false) {
		tree = append(tree, node(c))
	}
	writeJSON(w, map[string]any{"comments": tree, "info": map[string]any{"url": s.URL + st.path, "count": st.thread.Count(), "read_only": false}})
}

// --- Substack ---

func (s *Site) serveSubstackPage(w http.ResponseWriter, r *http.Request, st *threadState) {
	if r.URL.Path != st.path {
		http.NotFound(w, r)
		return
	}
	pre, _ := json.Marshal(map[string]any{
		"isEU": false, "base_url": s.URL, "stripe_publishable_key": "pk_live_x",
		"post": map[string]any{"id": SubstackPostID, "slug": "a-substack-post", "title": st.title, "comment_count": st.thread.Count(), "canonical_url": s.URL + st.path},
	})
	quoted, _ := json.Marshal(string(pre))
	head := `<link rel="preconnect" href="https://substackcdn.com"><meta property="og:site_name" content="Strata Letters">` + "\n"
	after := fmt.Sprintf(`<div class="comments-section"></div><script>window._preloads = JSON.parse(%s)</script><script src="https://substackcdn.com/bundle/static/js/main.js"></script>`, quoted)
	writeHTML(w, nil, s.simplePage(st, head, after))
}

func (s *Site) serveSubstack(w http.ResponseWriter, r *http.Request) {
	st := s.kindState("substack")
	if r.URL.Path != fmt.Sprintf("/api/v1/post/%d/comments", SubstackPostID) {
		http.NotFound(w, r)
		return
	}
	var node func(c Comment) map[string]any
	node = func(c Comment) map[string]any {
		kids := []any{}
		for _, k := range st.thread.Children(c.ID) {
			kids = append(kids, node(k))
		}
		return map[string]any{"id": c.ID, "body": strings.Join(c.Paragraphs, "\n\n"), "name": c.Author, "user_id": c.ID * 7,
			"date": c.At.UTC().Format("2006-01-02T15:04:05.000Z"), "deleted": false, "reactions": map[string]int{"❤": max(c.Votes, 0)},
			"children": kids, "ancestor_path": ""}
	}
	var list []any
	for _, c := range st.thread.TopLevel(false) {
		list = append(list, node(c))
	}
	writeJSON(w, map[string]any{"comments": list, "more": false})
}

// --- Ghost ---

const ghostPerPage = 5

func ghostComment(c Comment, replies []any, count int) map[string]any {
	var parent any
	if c.Parent != 0 {
		parent = strconv.Itoa(c.Parent)
	}
	return map[string]any{
		"id": strconv.Itoa(c.ID), "parent_id": parent, "status": "published", "html": c.HTML(),
		"created_at": c.At.UTC().Format("2006-01-02T15:04:05.000Z"), "edited_at": nil, "liked": false,
		"member": map[string]any{"id": "m" + strconv.Itoa(c.ID), "name": c.Author, "expertise": nil, "avatar_image": nil},
		"count":  map[string]any{"likes": max(c.Votes, 0), "replies": count}, "replies": replies,
	}
}

func (s *Site) serveGhost(w http.ResponseWriter, r *http.Request) {
	st := s.kindState("ghost")
	path := strings.TrimPrefix(r.URL.Path, "/ghost-site")
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	paged := func(all []Comment, render func(Comment) map[string]any) {
		pages := max((len(all)+ghostPerPage-1)/ghostPerPage, 1)
		start := min((page-1)*ghostPerPage, len(all))
		var out []any
		for _, c := range all[start:min(start+ghostPerPage, len(all))] {
			out = append(out, render(c))
		}
		var next any
		if page < pages {
			next = page + 1
		}
		writeJSON(w, map[string]any{"comments": out, "meta": map[string]any{"pagination": map[string]any{
			"page": page, "limit": ghostPerPage, "pages": pages, "total": len(all), "next": next}}})
	}
	if path == "/members/api/comments/post/"+GhostPostID+"/" {
		paged(st.thread.TopLevel(true), func(c Comment) map[string]any {
			kids := st.thread.Children(c.ID)
			var inline []any
			for _, k := range kids[:min(3, len(kids))] {
				inline = append(inline, ghostComment(k, []any{}, 0))
			}
			return ghostComment(c, inline, len(kids))
		})
		return
	}
	var id int
	if _, err := fmt.Sscanf(path, "/members/api/comments/%d/replies/", &id); err != nil {
		http.NotFound(w, r)
		return
	}
	after := 0
	if f := q.Get("filter"); f != "" {
		if _, err := fmt.Sscanf(f, "id:>'%d'", &after); err != nil {
			http.Error(w, "bad filter", http.StatusBadRequest)
			return
		}
	}
	var rest []Comment
	for _, k := range st.thread.Children(id) {
		if k.ID > after {
			rest = append(rest, k)
		}
	}
	paged(rest, func(c Comment) map[string]any { return ghostComment(c, []any{}, 0) })
}

// HNEmptyThread returns the thread of HNEmptyItem, which only the API
// serves.
func (s *Site) HNEmptyThread() Thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.threads["hn-empty"].thread
}
