package thread_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/strata-archive/strata/scraper/comments"
	"github.com/strata-archive/strata/scraper/fetch"
	"github.com/strata-archive/strata/scraper/testsite"
	"github.com/strata-archive/strata/scraper/thread"
)

// drupalComment is one comment of the Drupal 7 test node. A comment
// without id stands for a parent on an earlier page: only its replies
// are printed, in an indented block at the top of the page, as Drupal 7
// continues a thread across the page break.
type drupalComment struct {
	id, parent, author, text string
	replies                  []drupalComment
}

// drupalPages are the three comment pages of node 42, as Drupal 7 splits
// a threaded list: page 1 at /node/42, then ?page=1 and ?page=2.
var drupalPages = [][]drupalComment{
	{
		{id: "101", author: "Ann", text: "Why blame the harpists?", replies: []drupalComment{
			{id: "102", parent: "101", author: "Editor", text: "Because they pluck at our nerves.", replies: []drupalComment{
				{id: "103", parent: "102", author: "Binh", text: "Nerves of steel, then."},
			}},
		}},
		{id: "104", author: "Zoé", text: "Un second fil."},
	},
	{
		{replies: []drupalComment{
			{id: "110", parent: "104", author: "Hana", text: "Replying to Zoé across the page break."},
		}},
		{id: "105", author: "Carl", text: "The third thread starts on page two.", replies: []drupalComment{
			{id: "106", parent: "105", author: "Dora", text: "And its reply stays with it."},
		}},
		{id: "107", author: "Eve", text: "A lone comment on page two."},
	},
	{
		{id: "108", author: "Finn", text: "Last page, first comment.", replies: []drupalComment{
			{id: "109", parent: "108", author: "Gus", text: "Last page, last word."},
		}},
	},
}

// drupal7Comment prints c the way Drupal 7's Bartik theme does: an empty
// anchor, the comment, and its replies in a div.indented after it. The
// rdf module links each comment to the node and a reply to its parent.
func drupal7Comment(b *strings.Builder, c drupalComment, minute int) {
	if c.id == "" {
		b.WriteString(`<div class="indented">`)
		for i, r := range c.replies {
			drupal7Comment(b, r, minute+i+1)
		}
		b.WriteString("</div>\n")
		return
	}
	replyOf := ""
	if c.parent != "" {
		replyOf = fmt.Sprintf(`<span rel="sioc:reply_of" resource="/comment/%[1]s#comment-%[1]s" class="rdf-meta element-hidden"></span>`, c.parent)
	}
	fmt.Fprintf(b, `<a id="comment-%[1]s"></a>
<div class="comment comment-by-anonymous clearfix" about="/comment/%[1]s#comment-%[1]s" typeof="sioc:Post sioct:Comment">
  <div class="attribution">
    <div class="comment-submitted">
      <p class="commenter-name"><span rel="sioc:has_creator"><span class="username" xml:lang="" typeof="sioc:UserAccount" property="foaf:name" datatype="">%[2]s</span> (not verified)</span></p>
      <p class="comment-time"><span property="dc:date dc:created" content="2020-05-07T12:%02[4]d:00+02:00" datatype="xsd:dateTime">Thu, 05/07/2020 - 12:%02[4]d</span></p>
      <p class="comment-permalink"><a href="/comment/%[1]s#comment-%[1]s" class="permalink" rel="bookmark">Permalink</a></p>
    </div>
  </div>
  <div class="comment-text">
    <div class="comment-arrow"></div>
    <h3 property="dc:title" datatype=""><a href="/comment/%[1]s#comment-%[1]s" class="permalink" rel="bookmark">%[3]s</a></h3>
    <div class="content"><span rel="sioc:reply_of" resource="/node/42" class="rdf-meta element-hidden"></span>%[5]s
      <div class="field field-name-comment-body field-type-text-long field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded"><p>%[3]s</p></div></div></div>
    </div>
  </div>
  <ul class="links inline"><li class="comment-reply first last"><a href="/comment/reply/42/%[1]s">reply</a></li></ul>
</div>
`, c.id, c.author, c.text, minute, replyOf)
	if len(c.replies) > 0 {
		b.WriteString(`<div class="indented">`)
		for i, r := range c.replies {
			drupal7Comment(b, r, minute+i+1)
		}
		b.WriteString("</div>\n")
	}
}

// drupal7Pager prints Drupal 7's theme_pager for page (0-based) of n.
// The first page's links carry no page parameter; extra is added inside
// the list.
func drupal7Pager(path string, page, n int, extra string) string {
	link := func(p int) string {
		if p == 0 {
			return path
		}
		return fmt.Sprintf("%s?page=%d", path, p)
	}
	var b strings.Builder
	b.WriteString(`<h2 class="element-invisible">Pages</h2><div class="item-list"><ul class="pager">`)
	if page > 0 {
		fmt.Fprintf(&b, `<li class="pager-first first"><a title="Go to first page" href="%s">« first</a></li>`, link(0))
		fmt.Fprintf(&b, `<li class="pager-previous"><a title="Go to previous page" href="%s">‹ previous</a></li>`, link(page-1))
	}
	for p := 0; p < n; p++ {
		if p == page {
			fmt.Fprintf(&b, `<li class="pager-current">%d</li>`, p+1)
			continue
		}
		fmt.Fprintf(&b, `<li class="pager-item"><a title="Go to page %d" href="%s">%d</a></li>`, p+1, link(p), p+1)
	}
	if page < n-1 {
		fmt.Fprintf(&b, `<li class="pager-next"><a title="Go to next page" href="%s">next ›</a></li>`, link(page+1))
		fmt.Fprintf(&b, `<li class="pager-last last"><a title="Go to last page" href="%s">last »</a></li>`, link(n-1))
	}
	b.WriteString(extra + "</ul></div>\n")
	return b.String()
}

// drupal7Node prints a Drupal 7 (Bartik) node page showing comment page
// page (0-based) of pages, with the site's own article pager outside
// the comments. pagerExtra goes into the comment pager.
func drupal7Node(path string, page int, pages [][]drupalComment, pagerExtra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en" dir="ltr" prefix="content: http://purl.org/rss/1.0/modules/content/ dc: http://purl.org/dc/terms/ foaf: http://xmlns.com/foaf/0.1/ sioc: http://rdfs.org/sioc/ns# sioct: http://rdfs.org/sioc/types#">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="Generator" content="Drupal 7 (http://drupal.org)" />
<link rel="canonical" href="%[1]s" />
<link rel="shortlink" href="%[1]s" />
<title>Harps and nerves | Drupal Example</title>
</head>
<body class="html not-front not-logged-in one-sidebar sidebar-first page-node page-node- page-node-42 node-type-article">
<div id="page-wrapper"><div id="page">
<div id="header"><div class="section clearfix"><a href="/" title="Home" rel="home" id="logo">Drupal Example</a></div></div>
<div id="main-wrapper" class="clearfix"><div id="main" class="clearfix">
<div id="content" class="column"><div class="section">
<h1 class="title" id="page-title">Harps and nerves</h1>
<div class="region region-content"><div id="block-system-main" class="block block-system"><div class="content">
<div id="node-42" class="node node-article node-promoted clearfix" about="%[1]s" typeof="sioc:Item foaf:Document">
  <div class="meta submitted"><span property="dc:date dc:created" content="2020-05-06T09:00:00+02:00" datatype="xsd:dateTime" rel="sioc:has_creator">Submitted by <span class="username" xml:lang="" about="/user/1" typeof="sioc:UserAccount" property="foaf:name" datatype="">admin</span> on Wed, 05/06/2020 - 09:00</span></div>
  <div class="content clearfix"><div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded">
    <p>The orchestra's harp section has been blamed for the audience's frayed nerves ever since the new concert hall opened its doors last spring, and the management has promised an inquiry.</p>
    <p>Musicians say the acoustics, not the harpists, carry the sound of every plucked string to the back rows, where subscribers have complained of a persistent ringing that follows them home.</p>
    <p>An acoustician hired by the city will measure the hall during three rehearsals next month and publish the results before the autumn season begins.</p>
  </div></div></div></div>
  <div class="link-wrapper"><ul class="links inline"><li class="comment-add first last"><a href="/comment/reply/42#comment-form">Add new comment</a></li></ul></div>
  <div id="comments" class="comment-wrapper">
    <h2 class="title">Comments</h2>
`, path)
	minute := 0
	for _, c := range pages[page] {
		drupal7Comment(&b, c, minute)
		minute += 5
	}
	if len(pages) > 1 {
		b.WriteString(drupal7Pager(path, page, len(pages), pagerExtra))
	}
	fmt.Fprintf(&b, `    <h2 class="title comment-form">Add new comment</h2>
    <form class="comment-form" action="/comment/reply/42" method="post" id="comment-form" accept-charset="UTF-8"><div><div class="form-item form-type-textfield form-item-name"><label for="edit-name">Your name </label><input type="text" id="edit-name" name="name" value="" size="30" maxlength="60" class="form-text" /></div><input type="submit" id="edit-submit" name="op" value="Save" class="form-submit" /></div></form>
  </div>
</div>
<h2 class="element-invisible">Pages</h2><div class="item-list"><ul class="pager"><li class="pager-previous first"><a href="/node/41?page=1">‹ previous article</a></li><li class="pager-next last"><a href="/node?page=1">more articles ›</a></li></ul></div>
</div></div></div>
</div></div>
</div></div>
<div id="footer-wrapper"><div class="section"><div id="footer" class="clearfix">Powered by Drupal</div></div></div>
</div></div>
</body>
</html>
`)
	return b.String()
}

// drupalSite serves node 42 with its comment pages. broken maps a
// request URI to how it misbehaves: "500", or "block" for a 200 bot
// challenge.
type drupalSite struct {
	*httptest.Server
	mu     sync.Mutex
	pages  map[string]string // request URI → page
	broken map[string]string
	log    []testsite.Request
}

func newDrupalSite(t *testing.T) *drupalSite {
	s := &drupalSite{pages: map[string]string{}, broken: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, testsite.Request{Method: r.Method, URI: r.URL.RequestURI(), UserAgent: r.UserAgent()})
		page, ok := s.pages[r.URL.RequestURI()]
		broken := s.broken[r.URL.RequestURI()]
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "User-agent: *\nDisallow: /admin/\n")
		case broken == "500":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, "<h1>Error</h1><p>The website encountered an unexpected error. Please try again later.</p>")
		case broken == "block":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cf-Mitigated", "challenge")
			fmt.Fprint(w, "<!DOCTYPE html><title>Just a moment...</title><p>Checking your browser before accessing the site.</p>")
		case ok:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	for p := range drupalPages {
		uri := "/node/42"
		if p > 0 {
			uri = fmt.Sprintf("/node/42?page=%d", p)
		}
		// The first page also links a page=0,1 of a second pager, which
		// names no single comment page.
		extra := ""
		if p == 0 {
			extra = `<li class="pager-item"><a href="/node/42?page=0,1">2</a></li>`
		}
		s.pages[uri] = drupal7Node("/node/42", p, drupalPages, extra)
	}
	return s
}

func (s *drupalSite) requests() []testsite.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]testsite.Request(nil), s.log...)
}

// drupalWant is a comment as the archived thread must hold it.
type drupalWant struct{ id, parent, author, text string }

// drupalWanted flattens the comment pages given, in thread order.
func drupalWanted(pages ...int) []drupalWant {
	var out []drupalWant
	var walk func(cs []drupalComment)
	walk = func(cs []drupalComment) {
		for _, c := range cs {
			if c.id != "" {
				out = append(out, drupalWant{c.id, c.parent, c.author, c.text})
			}
			walk(c.replies)
		}
	}
	for _, p := range pages {
		walk(drupalPages[p])
	}
	return out
}

func TestDrupalCommentPages(t *testing.T) {
	tests := []struct {
		name   string
		start  string            // the URI archived
		broken map[string]string // URI → "500" or "block"
		// pager replaces the node's pages: URI → page.
		pages    map[string]string
		want     []drupalWant
		complete bool
		note     string   // the whole comments_note
		fetched  []string // URIs that must be asked for once
		never    []string // URIs that must not be asked for
	}{
		{
			name: "three pages, all fetched", start: "/node/42",
			want: drupalWanted(0, 1, 2), complete: true,
			fetched: []string{"/node/42?page=1", "/node/42?page=2"},
			never:   []string{"/node/42?page=0,1", "/node/41?page=1", "/node?page=1"},
		},
		{
			name: "archived from the second page: the others in page order", start: "/node/42?page=1",
			want: drupalWanted(0, 1, 2), complete: true,
			fetched: []string{"/node/42", "/node/42?page=2"},
			never:   []string{"/node/42?page=0,1", "/node/41?page=1", "/node?page=1"},
		},
		{
			name: "page 2 answers 500: page 1 kept, note names page 2", start: "/node/42",
			broken: map[string]string{"/node/42?page=1": "500"},
			want:   drupalWanted(0),
			note:   "comment page 2 not fetched (HTTP 500)",
			never:  []string{"/node/42?page=2"},
		},
		{
			name: "page 3 is a bot challenge: pages 1 and 2 kept", start: "/node/42",
			broken: map[string]string{"/node/42?page=2": "block"},
			want:   drupalWanted(0, 1),
			note:   "comment page 3 not fetched (blocked: cloudflare challenge)",
		},
		{
			name: "only page=0,1 links and another path: nothing followed", start: "/node/43",
			pages: map[string]string{"/node/43": strings.ReplaceAll(drupal7Node("/node/43", 0, drupalPages[:1], ""),
				`<h2 class="title comment-form">`,
				`<div class="item-list"><ul class="pager"><li class="pager-current">1</li><li class="pager-item"><a href="/node/43?page=0,1">2</a></li><li class="pager-next"><a href="/comments/recent?page=1">recent comments</a></li></ul></div><h2 class="title comment-form">`)},
			want:  drupalWanted(0),
			note:  "more comments are on further pages of Drupal's comment pager, whose links strata cannot follow",
			never: []string{"/node/43?page=0,1", "/comments/recent?page=1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newDrupalSite(t)
			for k, v := range tt.broken {
				site.broken[k] = v
			}
			for k, v := range tt.pages {
				site.pages[k] = v
			}
			snap := scrape(t, site.URL+tt.start, thread.Options{})
			if snap.CommentSystem != "drupal" {
				t.Fatalf("comment_system %q, want drupal", snap.CommentSystem)
			}
			if snap.CommentsComplete != tt.complete || snap.CommentsNote != tt.note {
				t.Errorf("comments_complete %v, note %q; want %v, %q", snap.CommentsComplete, snap.CommentsNote, tt.complete, tt.note)
			}
			if p := orderProblem(snap.Comments); p != "" {
				t.Errorf("thread order: %s", p)
			}
			var got []drupalWant
			for _, c := range snap.Comments {
				got = append(got, drupalWant{c.ID, c.ParentID, c.Author, c.Text})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("comments\n got  %v\n want %v", got, tt.want)
			}
			log := site.requests()
			checkPolite(t, log, 1+len(drupalPages)) // the page and at most two more, plus a retry
			asked := map[string]int{}
			for _, r := range log {
				asked[r.URI]++
			}
			for _, u := range tt.fetched {
				if asked[u] != 1 {
					t.Errorf("%s asked for %d times, want once; log %v", u, asked[u], actions(log))
				}
			}
			for _, u := range tt.never {
				if asked[u] != 0 {
					t.Errorf("%s asked for, want never", u)
				}
			}
		})
	}
}

// TestDrupalCommentPagesCancelled checks that a cancelled context (Ctrl-C)
// stops the walk over the comment pages: no further page is asked for,
// the page's comments are kept, and the note says the walk was
// interrupted.
func TestDrupalCommentPagesCancelled(t *testing.T) {
	site := newDrupalSite(t)
	f := fetch.New(fetchOpts())
	capture, err := f.Do(context.Background(), fetch.Request{URL: site.URL + "/node/42"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(capture.Body))
	if err != nil {
		t.Fatal(err)
	}
	doc.Url, _ = url.Parse(capture.URL)
	th := comments.Parse(doc, doc.Url, comments.Options{})
	if len(th.PageURLs) != 2 {
		t.Fatalf("PageURLs %q, want two pages", th.PageURLs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := thread.New(f, thread.Options{}).Complete(ctx, doc, capture, th)
	if got.Complete || got.Note != "comment page 2 not fetched (interrupted)" {
		t.Errorf("Complete %v, Note %q; want an interrupted, incomplete thread", got.Complete, got.Note)
	}
	if len(got.Comments) != len(drupalWanted(0)) {
		t.Errorf("%d comments, want the first page's %d", len(got.Comments), len(drupalWanted(0)))
	}
	for _, r := range site.requests() {
		if strings.HasPrefix(r.URI, "/node/42?page=") {
			t.Errorf("%s asked for after the context was cancelled", r.URI)
		}
	}
}
