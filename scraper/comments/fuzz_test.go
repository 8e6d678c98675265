package comments_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata/scraper/comments"
)

// FuzzParse checks that Parse and ParseWpDiscuzHTML never panic and always
// return a well-formed thread.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range append(files, seedPath) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"",
		`<div id="wpd-comm-1_1"><div id="wpd-comm-2_1"></div></div>`,
		`<div id="wpd-comm-3_4"></div><div id="wpd-comm-4_3"></div>`,
		`<li id="comment-1"><li id="li-comment-1"><article id="comment-2"></article></li></li>`,
		`<div class="indented"><a id="comment-1"></a><div class="comment"><div class="indented"><a id="comment-1"></a><article id="comment-2" data-comment-user-id="0"><mark data-comment-timestamp="99999999999999999999"></mark></article></div></div></div><div class="indented"><a id="comment-3"></a></div>`,
		`<div class="wpd-vote-result wpd-vote-result-dislike" title="-99999999999999999999"></div>`,
		`<h2 class="comments-title">99999999999999999999 Comments</h2>`,
		`<a class="page-numbers" href="/comment-page-99999999999999999999/">x</a><div class="comment-navigation"><a href="http://[::1/comment-page-2/">y</a></div>`,
		`<div class="wpd-comment-date" title="Dezember 31, 9999 at 23:59 pm"></div>`,
		`<div id="comment-holder"><ol><li class="comment" id="c1234567"><cite class="user"><a href="x">A</a></cite><span class="datetime"><a href="?showComment=99999999999999#c1234567">d</a></span><p class="comment-content">t</p><div class="comment-replies"><li class="comment" id="c1234568"></li></div></li></ol></div>`,
		`<dl id="comments-block"><dt class="comment-author" id="c7654321">A said...</dt><dd class="comment-body">x</dd><dd class="comment-footer"><a href="?showComment=1#c7654321">d</a></dd></dl>`,
		`<table class="comment-tree"><tr class="athing comtr" id="2"><td class="ind" indent="3"></td><span class="age" title="2024-01-01T00:00:00 1"></span><span class="navs"><a href="#2">parent</a></span><div class="commtext">x<p>y</div></tr><tr class="athing comtr" id="1"><td class="ind"><img width="99999999999999999999"></td></tr></table><a class="morelink" href="item?id=1&p=2">More</a>`,
		`<shreddit-comment thingid="t1_a" parentid="t1_a" depth="0" author="u" score="x"><div slot="comment"><p>t</p></div><faceplate-timeago ts="2020-01-01T00:00:00Z"></faceplate-timeago></shreddit-comment>`,
		`<div class="thing comment" data-fullname="t1_b"><div class="child"><div class="thing comment" data-fullname="t1_c"></div></div></div>`,
		`<div id="t1_x"><span>level 3</span><div data-test-id="comment"><p>t</p></div></div><div id="t1_y"><span>level 1</span><div data-test-id="comment">u</div></div>`,
		`<script>var disqus_config = function () { this.page.url = 'https://a/b'; this.page.identifier = 'id\'x'; }; s.src = 'https://short.disqus.com/embed.js';</script>`,
		`<script>DiscourseEmbed = { discourseUrl: '//forum.example/', topicId: 12 };</script><script>var remark_config = {host: "https://r.example", site_id: 's'}</script><script src="https://cdn.commento.io/js/commento.js" data-page-id="/p"></script>`,
		`<link href="https://substackcdn.com"><script>window._preloads = JSON.parse("{\"post\":{\"id\":5,\"comment_count\":3}}")</script><script data-ghost-comments="/" data-post-id="abc"></script>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			return
		}
		th := comments.Parse(doc, mustURL(t, "https://fuzz.example/2024/01/01/post/"), comments.Options{})
		if strings.HasPrefix(th.Note, "comment parser failed") {
			t.Fatalf("Parse recovered from a panic: %s", th.Note)
		}
		if th.Complete != (th.Note == "") {
			t.Errorf("Complete %v with Note %q", th.Complete, th.Note)
		}
		if p := threadProblem(th.Comments); p != "" {
			t.Errorf("Parse: %s", p)
		}
		if p := threadProblem(comments.ParseWpDiscuzHTML(src, nil, nil)); p != "" {
			t.Errorf("ParseWpDiscuzHTML: %s", p)
		}
		u := mustURL(t, "https://fuzz.example/r/x/comments/abc/post/")
		comments.FindWpDiscuz(doc, u)
		comments.FindDisqus(doc, u)
		comments.FindBlogger(doc, u)
		comments.FindDiscourse(doc, u)
		comments.FindCommento(doc, u)
		comments.FindRemark42(doc, u)
		comments.FindSubstack(doc, u)
		comments.FindGhost(doc, u)
		comments.IsRedditPage(doc, u)
		comments.RESTRoot(doc, nil, u)
	})
}
