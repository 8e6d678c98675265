package comments_test

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/comments"
)

func TestParseDrupal(t *testing.T) {
	tests := []struct {
		name string
		file string // a page in testdata, or
		html string // a page written here
		url  string
		want threadWant
	}{
		{
			name: "drupal 7 core, replies in indented blocks", file: "drupal7.html", url: "https://drupal.example/node/42",
			want: threadWant{
				system: "drupal", declared: intp(4), complete: true,
				comments: []want{
					// The subject the commenter wrote opens the text; the
					// signature and the links list are left out.
					{ID: "101", Author: "JPA", URL: "https://jpa.example/", Type: "comment",
						PostedAt: "2020-05-07T10:38:00Z", PostedAtText: "Thu, 05/07/2020 - 12:38",
						Text: "A subject of my own\n\nWhy blame the harpists?\nThey played well.\n\nSecond paragraph."},
					// Subjects Drupal made up from the text are dropped;
					// numeric dates with slashes are not read.
					{ID: "102", Parent: "101", Depth: 1, Author: "Editor", Type: "comment",
						PostedAtText: "Thu, 05/07/2020 - 13:05", Text: "Because they pluck at our nerves."},
					{ID: "103", Parent: "102", Depth: 2, Author: "BINH", Type: "comment",
						PostedAtText: "Thu, 05/07/2020 - 15:39", Text: "Nerves of steel, then."},
					{ID: "104", Author: "Zoé", Type: "comment",
						PostedAt: "2020-05-08T07:10:00Z", PostedAtText: "8 mai 2020 - 09:10", Text: "Un second fil."},
				},
			},
		},
		{
			name: "drupal 7 ajax-comment-wrapper theme", file: "drupal7-ajax.html", url: "https://journal.example/edition/glyphes-186859",
			want: threadWant{
				system: "drupal", complete: true,
				comments: []want{
					{ID: "63671", Author: "Bruno Gobin", Type: "comment",
						PostedAt: "2019-05-15T06:07:00Z", PostedAtText: "mercredi 15 mai 2019 à 08h07",
						Text: "Exception.\n\nSauf sur une forme rarissime de lymphome. Que signifie cette exception ?"},
					{ID: "63676", Parent: "63671", Depth: 1, Author: "Jean le Roux", Type: "comment",
						PostedAt: "2019-05-15T07:23:00Z", PostedAtText: "mercredi 15 mai 2019 à 09h23",
						Text: "Il faut lire le rapport du CIRC avant de parler."},
				},
			},
		},
		{
			name: "drupal 8+ article.comment", file: "drupal8.html", url: "https://drupal.example/node/7",
			want: threadWant{
				system: "drupal", complete: true,
				comments: []want{
					// No site offset and a numeric date: the "new"
					// marker's timestamp.
					{ID: "12", Author: "Anne", Type: "comment",
						PostedAt: "2020-05-07T12:38:00Z", PostedAtText: "Thu, 05/07/2020 - 12:38",
						Text: "Top-level comment with a list:\n\nfirst point\nsecond point"},
					{ID: "13", Parent: "12", Depth: 1, Author: "editor", URL: "https://drupal.example/user/3", Type: "comment",
						PostedAt: "2020-05-07T12:00:00Z", PostedAtText: "Thu, 05/07/2020 - 14:00",
						Text: "Thanks\n\nGlad you liked it."},
					{ID: "14", Author: "Ben", Type: "comment",
						PostedAt: "2020-05-07T16:46:40Z", PostedAtText: "Thu, 05/07/2020 - 18:46", Text: "Second thread."},
				},
			},
		},
		{
			name: "wordpress ids comment-N on comment elements stay wordpress", url: "https://blog.example/2021/06/01/p/",
			html: `<div id="comments"><ol class="comment-list">
				<li id="li-comment-5" class="comment depth-1"><article id="comment-5" class="comment">
					<footer class="comment-meta"><b class="fn">Ann</b> <time datetime="2021-06-01T10:15:30+01:00">June 1, 2021</time></footer>
					<div class="comment-content"><p>Hi.</p></div></article>
					<ol class="children"><li id="comment-6" class="comment depth-2"><article id="div-comment-6" class="comment-body">
						<b class="fn">Bob</b><div class="comment-content"><p>Reply.</p></div></article></li></ol>
				</li></ol></div>`,
			want: threadWant{
				system: "wordpress", complete: true,
				comments: []want{
					{ID: "5", Author: "Ann", Type: "comment", PostedAt: "2021-06-01T09:15:30Z", PostedAtText: "June 1, 2021", Text: "Hi."},
					{ID: "6", Parent: "5", Depth: 1, Author: "Bob", Type: "comment", Text: "Reply."},
				},
			},
		},
		{
			name: "empty anchors not followed by a comment element", url: "https://site.example/node/1",
			html: `<div id="comments"><a id="comment-1"></a><p>Not a comment, only a paragraph.</p>
				<a id="comment-2"></a> loose text <div class="comment">Text after loose text</div>
				<a id="comment-3"></a></div>`,
			want: threadWant{complete: true},
		},
		{
			name: "a drupal comment element with nothing in it", url: "https://site.example/node/1",
			html: `<a id="comment-9"></a><div class="comment"><ul class="links"><li><a href="/comment/reply/1/9">reply</a></li></ul></div>`,
			want: threadWant{system: "drupal", complete: true},
		},
		{
			name: "a blank parent is dropped, its reply kept as an orphan", url: "https://site.example/node/1",
			html: `<a id="comment-1"></a><div class="comment"><div class="content"></div></div>
				<div class="indented"><a id="comment-2"></a><div class="comment"><div class="submitted">by <span class="username">Bo</span></div></div></div>`,
			want: threadWant{system: "drupal", complete: true, comments: []want{
				{ID: "2", Parent: "1", Depth: 1, Author: "Bo", Type: "comment"},
			}},
		},
		{
			name: "drupal 7 comment pager: another page, not complete", url: "https://site.example/node/1",
			html: `<div id="comments" class="comment-wrapper"><a id="comment-1"></a><div class="comment"><div class="submitted">by <span class="username">Ann</span></div><div class="content"><p>First.</p></div></div>
				<div class="item-list"><ul class="pager"><li class="pager-current">1</li><li class="pager-item"><a href="/node/1?page=1">2</a></li><li class="pager-next"><a href="/node/1?page=1">next ›</a></li></ul></div></div>`,
			want: threadWant{system: "drupal", note: "more comments are on 1 other comment page", comments: []want{
				{ID: "1", Author: "Ann", Type: "comment", Text: "First."},
			}},
		},
		{
			name: "drupal 8 comment pager in a comments section", url: "https://site.example/node/1",
			html: `<section class="comments"><article data-comment-user-id="0" id="comment-1" class="comment js-comment"><footer><span class="username">Ann</span></footer><div class="comment__content"><p>First.</p></div></article>
				<nav class="pager" role="navigation"><ul class="pager__items js-pager__items"><li class="pager__item"><a href="?page=1">Next</a></li></ul></nav></section>`,
			want: threadWant{system: "drupal", note: "more comments are on 1 other comment page", comments: []want{
				{ID: "1", Author: "Ann", Type: "comment", Text: "First."},
			}},
		},
		{
			name: "the site's article pager outside the comments is not a comment pager", url: "https://site.example/node/1",
			html: `<ul class="pager"><li><a href="/news?page=2">older news</a></li></ul><div id="comments"><a id="comment-1"></a><div class="comment"><div class="submitted">by <span class="username">Ann</span></div><div class="content"><p>First.</p></div></div></div>`,
			want: threadWant{system: "drupal", complete: true, comments: []want{
				{ID: "1", Author: "Ann", Type: "comment", Text: "First."},
			}},
		},
		{
			name: "a reply at the top of a comment page: the rdf module names its parent on the page before", url: "https://site.example/node/1?page=1",
			html: `<div id="comments" class="comment-wrapper"><h2 class="title">Comments</h2>
				<div class="indented"><a id="comment-7"></a><div class="comment" about="/comment/7#comment-7" typeof="sioc:Post sioct:Comment">
					<div class="submitted">by <span class="username">Bo</span></div>
					<div class="content"><span rel="sioc:reply_of" resource="/node/1" class="rdf-meta element-hidden"></span><span rel="sioc:reply_of" resource="/comment/4#comment-4" class="rdf-meta element-hidden"></span><p>Across the page break.</p></div></div>
					<div class="indented"><a id="comment-8"></a><div class="comment"><div class="submitted">by <span class="username">Cy</span></div>
						<div class="content"><span rel="sioc:reply_of" resource="/node/1" class="rdf-meta element-hidden"></span><span rel="sioc:reply_of" resource="/comment/7#comment-7" class="rdf-meta element-hidden"></span><p>Below it.</p></div></div></div></div>
				<a id="comment-9"></a><div class="comment"><div class="submitted">by <span class="username">Di</span></div>
					<div class="content"><span rel="sioc:reply_of" resource="/node/1" class="rdf-meta element-hidden"></span><p>A new thread.</p></div></div></div>`,
			want: threadWant{system: "drupal", complete: true, comments: []want{
				{ID: "7", Parent: "4", Depth: 1, Author: "Bo", Type: "comment", Text: "Across the page break."},
				{ID: "8", Parent: "7", Depth: 2, Author: "Cy", Type: "comment", Text: "Below it."},
				{ID: "9", Author: "Di", Type: "comment", Text: "A new thread."},
			}},
		},
		{
			name: "drupal comment form without comments", url: "https://site.example/node/1",
			html: `<form class="comment-form" action="/comment/reply/1" method="post"><textarea></textarea></form>`,
			want: threadWant{system: "drupal", complete: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.html
			if tt.file != "" {
				src = readPage(t, filepath.Join("testdata", tt.file), "")
			}
			th := comments.Parse(mustDoc(t, src), mustURL(t, tt.url), comments.Options{FetchedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
			w := tt.want
			checkThreadHead(t, th, w)
			checkComments(t, th.Comments, w.comments)
		})
	}
}

func TestDrupalCommentPages(t *testing.T) {
	// pager is a Drupal 7 comment area holding one comment and a pager
	// whose list items are given.
	pager := func(lis string) string {
		return `<div id="comments" class="comment-wrapper"><a id="comment-1"></a><div class="comment"><div class="submitted">by <span class="username">Ann</span></div><div class="content"><p>First.</p></div></div>
			<div class="item-list"><ul class="pager">` + lis + `</ul></div></div>`
	}
	// d7first is the pager of a node's first comment page out of three.
	d7first := pager(`<li class="pager-current first">1</li>
		<li class="pager-item"><a title="Go to page 2" href="/node/1?page=1">2</a></li>
		<li class="pager-item"><a title="Go to page 3" href="/node/1?page=2#comments">3</a></li>
		<li class="pager-next"><a href="/node/1?page=1">next ›</a></li>
		<li class="pager-last last"><a href="/node/1?page=2">last »</a></li>`)
	tests := []struct {
		name   string
		url    string
		html   string
		urls   []string
		number int
		note   string
	}{
		{name: "first of three pages", url: "https://site.example/node/1", html: d7first,
			urls:   []string{"https://site.example/node/1?page=1", "https://site.example/node/1?page=2"},
			number: 1, note: "more comments are on 2 other comment pages"},
		{name: "second page: the first has no page parameter", url: "https://site.example/node/1?page=1",
			html: pager(`<li class="pager-first first"><a href="/node/1">« first</a></li>
				<li class="pager-previous"><a href="/node/1">‹ previous</a></li>
				<li class="pager-item"><a href="/node/1">1</a></li>
				<li class="pager-current">2</li>
				<li class="pager-item"><a href="/node/1?page=2">3</a></li>`),
			urls:   []string{"https://site.example/node/1", "https://site.example/node/1?page=2"},
			number: 2, note: "more comments are on 2 other comment pages"},
		{name: "drupal 8 relative ?page=N links", url: "https://site.example/node/1",
			html: `<section class="comments"><article data-comment-user-id="0" id="comment-1" class="comment js-comment"><footer><span class="username">Ann</span></footer><div class="comment__content"><p>First.</p></div></article>
				<nav class="pager" role="navigation"><ul class="pager__items js-pager__items"><li class="pager__item is-active"><a href="?page=0">1</a></li><li class="pager__item"><a href="?page=1">2</a></li></ul></nav></section>`,
			urls: []string{"https://site.example/node/1?page=1"}, number: 1, note: "more comments are on 1 other comment page"},
		{name: "other paths, hosts and queries are not comment pages", url: "https://site.example/node/1",
			html: pager(`<li><a href="/news?page=1">older news</a></li><li><a href="https://other.example/node/1?page=1">mirror</a></li>
				<li><a href="/node/1?page=1&amp;sort=new">2</a></li><li><a href="/node/1?page=2">3</a></li>`),
			urls: []string{"https://site.example/node/1?page=2"}, number: 1, note: "more comments are on 1 other comment page"},
		{name: "only page=0,1 links: not followed, said so", url: "https://site.example/node/1",
			html:   pager(`<li><a href="/node/1?page=0,1">2</a></li><li><a href="/node/1?page=0%2C2">3</a></li>`),
			number: 1, note: "more comments are on further pages of Drupal's comment pager, whose links strata cannot follow"},
		{name: "no pager", url: "https://site.example/node/1", html: pager(""), note: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := comments.Parse(mustDoc(t, tt.html), mustURL(t, tt.url), comments.Options{})
			if th.System != "drupal" {
				t.Fatalf("System = %q, want drupal", th.System)
			}
			if tt.urls == nil {
				tt.urls = []string{}
			}
			if !reflect.DeepEqual(th.PageURLs, tt.urls) {
				t.Errorf("PageURLs = %q, want %q", th.PageURLs, tt.urls)
			}
			if th.PageNumber != tt.number {
				t.Errorf("PageNumber = %d, want %d", th.PageNumber, tt.number)
			}
			if th.Note != tt.note || th.Complete != (tt.note == "") {
				t.Errorf("Complete %v, Note %q, want note %q", th.Complete, th.Note, tt.note)
			}
		})
	}
}

func TestDrupalPageNumber(t *testing.T) {
	for raw, want := range map[string]int{
		"https://s.example/node/1":          1,
		"https://s.example/node/1?page=0":   1,
		"https://s.example/node/1?page=2":   3,
		"https://s.example/node/1?page=0,1": 0,
		"https://s.example/node/1?page=x":   0,
		"https://s.example/node/1?page=-1":  0,
	} {
		if got := comments.DrupalPageNumber(mustURL(t, raw)); got != want {
			t.Errorf("DrupalPageNumber(%s) = %d, want %d", raw, got, want)
		}
	}
}
