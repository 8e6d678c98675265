package comments_test

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata/scraper/comments"
	"golang.org/x/net/html"
)

func TestParseSeed(t *testing.T) {
	doc := mustDoc(t, readPage(t, seedPath, seedBase))
	th := comments.Parse(doc, mustURL(t, seedURL), comments.Options{FetchedAt: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)})

	if th.System != "wpdiscuz" || !th.Complete || th.Note != "" {
		t.Errorf("System %q, Complete %v, Note %q; want wpdiscuz, true, empty", th.System, th.Complete, th.Note)
	}
	if th.Declared == nil || *th.Declared != 5 {
		t.Errorf("Declared = %s, want 5", formatInt(th.Declared))
	}
	if th.PostID != "63374" {
		t.Errorf("PostID = %q, want 63374", th.PostID)
	}
	if th.LoadMore || th.LastParentID != "" || len(th.PageURLs) != 0 {
		t.Errorf("LoadMore %v, LastParentID %q, PageURLs %v; want none", th.LoadMore, th.LastParentID, th.PageURLs)
	}
	checkComments(t, th.Comments, []want{
		{ID: "1188851", Author: "Siem Reap Mirror", Type: "pingback",
			URL:      "https://siemreapmirror.wordpress.com/2016/03/02/leaked-telephone-transcripts-show-turkey-is-helping-isis-in-syria/",
			PostedAt: "2016-03-02T01:15:00Z", PostedAtText: "Mar 2, 2016 1:15 AM",
			Text: "Reblogged this on Siem Reap Mirror."},
		{ID: "1188849", Author: "Maria Kowalski", Type: "comment", Score: intp(4), Label: "Guest",
			PostedAt: "2016-03-02T01:13:00Z", PostedAtText: "Mar 2, 2016 1:13 AM",
			Text: "I am glad that more and more evidence is coming up to light. That Erdogan’s family are a Career Criminal pack."},
		{ID: "1188830", Author: "James Carless", Type: "comment", Score: intp(12), Label: "Guest",
			PostedAt: "2016-03-02T00:23:00Z", PostedAtText: "Mar 2, 2016 12:23 AM",
			TextHas: "interests ?\nThere will be blowback which will go beyond ending the mutual casting of high votes between Germany and Turkey in the Eurovision song contest !"},
		{ID: "1188790", Author: "Grübelstübchen", Type: "pingback",
			URL:      "https://grubelstubchen.wordpress.com/2016/03/01/leaked-telephone-transcripts/",
			PostedAt: "2016-03-01T19:44:00Z", PostedAtText: "Mar 1, 2016 7:44 PM",
			Text: "Reblogged this on Grübelstübchen."},
		{ID: "1188772", Author: "mukul chand", URL: "http://mukulchand.blogspot.com", Type: "comment",
			Score: intp(-2), Label: "Guest", PostedAt: "2016-03-01T17:22:00Z", PostedAtText: "Mar 1, 2016 5:22 PM",
			Text: "this is no longer a secret."},
	})
	if c := th.Comments[2]; !strings.HasPrefix(c.Text, "One wonders how far Erdogan") || strings.Count(c.Text, "\n") != 1 {
		t.Errorf("James Carless text = %q, want two lines", c.Text)
	}
	if h := th.Comments[0].HTML; !strings.HasPrefix(h, "<p>Reblogged this on <a href=") || !strings.HasSuffix(h, "</p>") {
		t.Errorf("HTML = %q, want the trimmed inner HTML of the text block", h)
	}
}

// threadWant is the expected thread of a fixture.
type threadWant struct {
	system       string
	declared     *int
	complete     bool
	note         string
	postID       string
	pageURLs     []string
	loadMore     bool
	lastParentID string
	comments     []want
}

func TestParseFixtures(t *testing.T) {
	const html5URL = "https://blog.example/2021/06/01/threads-in-html5/"
	const pagedURL = "https://blog.example/2019/05/20/long-thread/"
	pagedWant := threadWant{
		system: "wordpress", declared: intp(25), postID: "612",
		note:     "page shows 3 of 25 declared comments; the rest are on 2 other comment pages",
		pageURLs: []string{pagedURL + "comment-page-1/", pagedURL + "comment-page-3/"},
		comments: []want{
			{ID: "501", Author: "Uma", Type: "comment", PostedAt: "2019-05-21T08:00:00Z", PostedAtText: "May 21, 2019 at 8:00 am", Text: "Eleventh thread."},
			{ID: "502", Author: "Vic", Type: "comment", PostedAt: "2019-05-21T09:00:00Z", PostedAtText: "May 21, 2019 at 9:00 am", Text: "Twelfth thread."},
			{ID: "503", Author: "Wes", Type: "comment", PostedAt: "2019-05-21T10:00:00Z", PostedAtText: "May 21, 2019 at 10:00 am", Text: "Thirteenth thread."},
		},
	}
	tests := []struct {
		name, file, url string
		want            threadWant
	}{
		{
			name: "wpdiscuz 7 nested replies and load more", file: "wpdiscuz7-nested.html",
			url: "https://forum.example/2024/05/10/nested-replies/",
			want: threadWant{
				system: "wpdiscuz", declared: intp(14), postID: "5150", loadMore: true, lastParentID: "8985",
				note: "page shows 7 of 14 declared comments; the rest load by AJAX (wpDiscuz)",
				comments: []want{
					{ID: "9001", Author: "Anna Berg", URL: "https://forum.example/author/anna/", Type: "comment",
						Score: intp(1234), Label: "Subscriber", PostedAt: "2024-05-10T09:32:00Z", PostedAtText: "May 10, 2024 11:32 AM",
						Text: "Top-level comment with a list:\n\nfirst point\nsecond point"},
					{ID: "9002", Parent: "9001", Depth: 1, Author: "Ben Okafor", URL: "https://ben.example/", Type: "comment",
						Score: intp(0), Label: "Guest", PostedAt: "2024-05-10T10:05:00Z", PostedAtText: "May 10, 2024 12:05 PM",
						Text: "Reply to Anna. Tom & Jerry agree."},
					{ID: "9003", Parent: "9002", Depth: 2, Author: "Anna Berg", URL: "https://forum.example/author/anna/", Type: "comment",
						Score: intp(1), Label: "Subscriber", PostedAt: "2024-05-10T10:40:00Z", PostedAtText: "May 10, 2024 12:40 PM",
						Text: "Third level."},
					// Printed beside 9003 (max depth reached); the id suffix knows better.
					{ID: "9004", Parent: "9003", Depth: 3, Author: "Ben Okafor", Type: "comment", Label: "Guest",
						PostedAt: "2024-05-10T11:02:00Z", PostedAtText: "May 10, 2024 1:02 PM",
						Text: "Fourth level, printed at the maximum depth beside its parent."},
					// Printed inside 9003, but a reply to 9001.
					{ID: "9005", Parent: "9001", Depth: 1, Author: "Dana", Type: "comment", Label: "Guest",
						PostedAt: "2024-05-11T06:00:00Z", PostedAtText: "May 11, 2024 8:00 AM",
						Text: "A reply to Anna, printed deeper than it belongs."},
					{ID: "8990", Author: "Carl", Type: "comment", Score: intp(-1), Label: "Guest",
						PostedAt: "2024-05-10T08:15:00Z", PostedAtText: "May 10, 2024 10:15 AM", Text: "Not convinced."},
					{ID: "8985", Author: "Elsewhere – Linked post", URL: "https://elsewhere.example/2024/05/10/linked/", Type: "pingback",
						PostedAt: "2024-05-10T07:45:00Z", PostedAtText: "May 10, 2024 9:45 AM", Text: "[…] as discussed here […]"},
				},
			},
		},
		{
			name: "wpdiscuz 7 collapsed replies, like/dislike votes, German dates", file: "wpdiscuz7-collapsed.html",
			url: "https://zeitung.example/2012/12/10/nur-hauptkommentare/",
			want: threadWant{
				system: "wpdiscuz", declared: intp(6), postID: "880",
				note: "page shows 3 of 6 declared comments; replies to comment 7001 are collapsed and load by AJAX (wpDiscuz View Replies)",
				comments: []want{
					{ID: "7001", Author: "Petra", Type: "comment", Score: intp(3), Label: "Gast",
						PostedAt: "2012-12-11T10:07:00Z", PostedAtText: "11. Dezember 2012 11:07", Text: "Erster Kommentar mit Antworten."},
					{ID: "7002", Author: "Klaus", URL: "https://klaus.example/blog", Type: "comment", Score: intp(0), Label: "Gast",
						PostedAt: "2012-12-10T22:59:00Z", PostedAtText: "10. Dezember 2012 23:59",
						Text: "Zweiter Kommentar.\nZweite Zeile.\n\nZweiter Absatz."},
					{ID: "7003", Author: "Anonym", Type: "comment", Score: intp(2),
						PostedAt: "2012-12-10T08:15:00Z", PostedAtText: "10. Dezember 2012 9:15", Text: "Nur Likes, keine Dislikes."},
				},
			},
		},
		{
			name: "wpdiscuz 5", file: "wpdiscuz5.html",
			url: "https://baking.example/2016/02/28/wpdiscuz-5/",
			want: threadWant{
				system: "wpdiscuz", declared: intp(9), postID: "4711", loadMore: true, lastParentID: "5099",
				note: "page shows 4 of 9 declared comments; the rest load by AJAX (wpDiscuz)",
				comments: []want{
					{ID: "5101", Author: "Hanna", URL: "https://hanna.example", Type: "comment", Score: intp(7), Label: "Guest",
						PostedAt: "2016-03-01T22:22:00Z", PostedAtText: "March 1, 2016 5:22 pm", Text: "Can I use spelt flour instead?"},
					{ID: "5102", Parent: "5101", Depth: 1, Author: "Baker", Type: "comment", Score: intp(2), Label: "Author",
						PostedAtText: "2 years ago", Text: "Yes, add a little more water."},
					{ID: "5100", Author: "Ole", Type: "comment", Score: intp(-3), Label: "Guest",
						PostedAt: "2016-02-29T13:00:00Z", PostedAtText: "February 29, 2016 8:00 am", Text: "Tried it twice. Too sweet for me."},
					{ID: "5099", Author: "Crumbs » Spelt week", URL: "https://crumbs.example/spelt/", Type: "pingback",
						PostedAt: "2016-02-28T20:00:00Z", PostedAtText: "February 28, 2016 3:00 pm", Text: "[…] see the original recipe […]"},
				},
			},
		},
		{
			name: "native html5 with ol.children and a pingback", file: "wp-html5.html", url: html5URL,
			want: threadWant{
				system: "wordpress", declared: intp(5), complete: true, postID: "321",
				comments: []want{
					{ID: "11", Author: "Alice", URL: "https://alice.example/", Type: "comment",
						PostedAt: "2021-06-01T09:15:30Z", PostedAtText: "June 1, 2021 at 10:15 am",
						Text: "First paragraph & more.\n\nSecond paragraph, line one\nline two."},
					{ID: "12", Parent: "11", Depth: 1, Author: "Bob", Type: "comment",
						PostedAt: "2021-06-01T10:00:00Z", PostedAtText: "June 1, 2021 at 11:00 am", Text: "Thanks, Alice."},
					{ID: "13", Parent: "12", Depth: 2, Author: "Carol", URL: "http://carol.example", Type: "comment",
						PostedAt: "2021-06-01T23:30:00Z", PostedAtText: "June 2, 2021 at 12:30 am", Text: "Late to the party."},
					{ID: "14", Author: "Other Blog » A post", URL: "https://other.example/post/", Type: "pingback",
						Text: "Pingback: Other Blog » A post"},
					{ID: "15", Author: "Dave", Type: "comment",
						PostedAt: "2021-06-03T08:00:00Z", PostedAtText: "June 3, 2021 at 9:00 am", Text: "Nice :)"},
				},
			},
		},
		{
			name: "native xhtml with ul.children and DATE at TIME", file: "wp-xhtml.html",
			url: "http://old.example/2016/03/01/an-old-post/",
			want: threadWant{
				system: "wordpress", declared: intp(3), complete: true, postID: "88",
				comments: []want{
					{ID: "101", Author: "Ed", URL: "http://ed.example", Type: "comment",
						PostedAt: "2016-03-01T22:22:00Z", PostedAtText: "March 1, 2016 at 5:22 pm",
						Text: "Loose paragraph one.\n\nLoose paragraph two."},
					{ID: "102", Parent: "101", Depth: 1, Author: "Fay", Type: "comment",
						PostedAt: "2016-03-02T14:05:00Z", PostedAtText: "March 2, 2016 at 9:05 am", Text: "Reply text."},
					{ID: "103", Author: "Trackback Site", URL: "http://tb.example/x", Type: "trackback",
						Text: "Pingback: Trackback Site"},
				},
			},
		},
		{
			name: "theme callback li#li-comment-N > article#comment-N", file: "wp-callback.html",
			url: "https://beispielblog.example/2012/12/10/duerfen/",
			want: threadWant{
				system: "wordpress", declared: intp(3), complete: true, postID: "339",
				comments: []want{
					{ID: "158", Author: "Leser", URL: "http://leser.example", Type: "comment",
						PostedAt: "2012-12-11T11:57:50Z", PostedAtText: "11. Dezember 2012 um 12:57", Text: "Schöner Text, „genau so“."},
					{ID: "159", Parent: "158", Depth: 1, Author: "Autor", URL: "https://beispielblog.example", Type: "comment",
						PostedAt: "2012-12-11T12:10:02Z", PostedAtText: "11. Dezember 2012 um 13:10", Text: "Danke!"},
					{ID: "160", Author: "Eine Antwort | Anderer Blog", URL: "https://anderer.example/2012/12/12/antwort/", Type: "pingback",
						Text: "Pingback: Eine Antwort | Anderer Blog"},
				},
			},
		},
		{
			name: "native html5 with style=div nesting", file: "wp-div.html",
			url: "https://div.example/2020/01/15/divs/",
			want: threadWant{
				system: "wordpress", declared: intp(3), complete: true, postID: "77",
				comments: []want{
					{ID: "31", Author: "Quinn", Type: "comment", PostedAt: "2020-01-15T20:00:00Z", PostedAtText: "January 15, 2020 at 1:00 pm", Text: "Top."},
					{ID: "32", Parent: "31", Depth: 1, Author: "Rae", Type: "comment", PostedAt: "2020-01-15T21:00:00Z", PostedAtText: "January 15, 2020 at 2:00 pm", Text: "Middle."},
					{ID: "33", Parent: "32", Depth: 2, Author: "Sam", Type: "comment", PostedAt: "2020-01-15T22:00:00Z", PostedAtText: "January 15, 2020 at 3:00 pm", Text: "Bottom."},
				},
			},
		},
		{
			name: "German dates, xhtml style=div", file: "wp-german.html",
			url: "https://blog.example.de/2012/12/10/beitrag/",
			want: threadWant{
				system: "wordpress", declared: intp(2), complete: true, postID: "1201",
				comments: []want{
					{ID: "201", Author: "Jürgen", Type: "comment",
						PostedAt: "2012-12-11T10:07:00Z", PostedAtText: "11. Dezember 2012 um 11:07", Text: "Guter Beitrag, danke!"},
					{ID: "202", Parent: "201", Depth: 1, Author: "Redaktion", URL: "https://blog.example.de", Type: "comment",
						PostedAt: "2012-12-11T13:30:00Z", PostedAtText: "11. Dezember 2012 um 14:30", Text: "Gern geschehen."},
				},
			},
		},
		{name: "comment page 2 of 3", file: "wp-paginated.html", url: pagedURL + "comment-page-2/", want: pagedWant},
		{name: "comment page shown at the bare URL", file: "wp-paginated.html", url: pagedURL, want: pagedWant},
		{
			name: "disqus", file: "disqus.html", url: "https://disq.example/2023/01/02/a-disqus-post/",
			want: threadWant{system: "disqus", postID: "662601", note: "disqus thread not fetched"},
		},
		{
			name: "facebook", file: "facebook.html", url: "https://news.example/nota/123",
			want: threadWant{system: "facebook", note: "facebook comments are loaded by JavaScript: not fetchable without a browser"},
		},
		{
			name: "no comments", file: "none.html", url: "https://none.example/2022/02/02/no-comments/",
			want: threadWant{complete: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustDoc(t, readPage(t, filepath.Join("testdata", tt.file), ""))
			th := comments.Parse(doc, mustURL(t, tt.url), comments.Options{FetchedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
			w := tt.want
			checkThreadHead(t, th, w)
			if th.PostID != w.postID {
				t.Errorf("PostID = %q, want %q", th.PostID, w.postID)
			}
			if w.pageURLs == nil {
				w.pageURLs = []string{}
			}
			if !reflect.DeepEqual(th.PageURLs, w.pageURLs) {
				t.Errorf("PageURLs = %q, want %q", th.PageURLs, w.pageURLs)
			}
			if th.LoadMore != w.loadMore || th.LastParentID != w.lastParentID {
				t.Errorf("LoadMore %v, LastParentID %q; want %v, %q", th.LoadMore, th.LastParentID, w.loadMore, w.lastParentID)
			}
			if th.Comments == nil {
				t.Error("Comments is nil, want an empty list")
			}
			checkComments(t, th.Comments, w.comments)
		})
	}
}

// TestParseMarkers covers the signals that need no full page.
func TestParseMarkers(t *testing.T) {
	const page = "https://site.example/2024/01/01/post/"
	tests := []struct {
		name         string
		url          string
		html         string
		system       string
		complete     bool
		noteHas      string
		loadMore     bool
		lastParentID string
		pageURLs     []string
		comments     int
	}{
		{name: "fb:comments tag", html: `<fb:comments href="https://site.example/x" xid="12"></fb:comments>`,
			system: "facebook", noteHas: "facebook comments are loaded by JavaScript"},
		{name: "giscus", html: `<script src="https://giscus.app/client.js" data-repo="o/r" async></script>`,
			system: "giscus", noteHas: "giscus comments are loaded by JavaScript"},
		{name: "utterances", html: `<script src="https://utteranc.es/client.js" repo="o/r" issue-term="pathname" async></script>`,
			system: "utterances", noteHas: "not fetchable without a browser"},
		{name: "discourse", html: `<div id="discourse-comments"></div><script>DiscourseEmbed = { discourseUrl: 'https://forum.example/', discourseEmbedUrl: 'https://site.example/x' };</script>`,
			system: "discourse", noteHas: "discourse thread not fetched"},
		{name: "hyvor talk v3", html: `<hyvor-talk-comments website-id="1" page-id="x"></hyvor-talk-comments><script async src="https://talk.hyvor.com/embed/embed.js" type="module"></script>`,
			system: "hyvor", noteHas: "hyvor comments"},
		{name: "remark42", html: `<div id="remark42"></div><script>var remark_config = {host: "https://remark.example", site_id: "s"};</script>`,
			system: "remark42", noteHas: "remark42"},
		{name: "commento", html: `<div id="commento"></div><script defer src="https://cdn.commento.io/js/commento.js"></script>`,
			system: "commento", noteHas: "commento"},
		{name: "disqus loader only", html: `<script>var disqus_shortname = 'x'; (function(){var s=document.createElement('script');s.src='//x.disqus.com/embed.js';})();</script>`,
			system: "disqus", noteHas: "disqus thread not fetched"},
		{name: "disqus comment counts only", html: `<script id="dsq-count-scr" src="//x.disqus.com/count.js" async></script><a href="/p/#disqus_thread">Comments</a>`,
			complete: true},
		{name: "wordpress form, no comments yet",
			html:   `<div id="comments" class="comments-area"><div id="respond"><form action="https://site.example/wp-comments-post.php" method="post" id="commentform"></form></div></div>`,
			system: "wordpress", complete: true},
		{name: "wpdiscuz loads the first batch by AJAX",
			html: `<div id="wpdcom"><div class="wpd-thread-info" data-comments-count="8"></div><div class="wpd-thread-list">` +
				`<div class="wpdiscuz-comment-pagination" style='display:none;'><div class="wpd-load-more-submit-wrap"><button name="submit" data-lastparentid="0" class="wpd-load-more-submit wpd-loaded wpd-prim-button">Load More</button></div>` +
				`<input id="wpdiscuzHasMoreComments" type="hidden" value="0" /></div></div></div><script>var wpdiscuzAjaxObj = {"firstLoadWithAjax":"1","wc_post_id":42};</script>`,
			system: "wpdiscuz", loadMore: true, lastParentID: "0", noteHas: "page shows 0 of 8 declared comments; the comments are not in the page; wpDiscuz loads them by AJAX"},
		{name: "wpdiscuz 4 no-JS load-more link",
			html: `<div id="wpcomm"><div id="wcThreadWrapper" class="wc-thread-wrapper"><div id="wc-comm-803140_0" class="wc-comment"><div id="comment-803140" class="wc-comment-right"><div class="wc-comment-author">Ann</div><div class="wc-comment-text"><p>Hi</p></div></div></div>` +
				`<div class="wpdiscuz-comment-pagination"><a class="wc-load-more-link" href="https://site.example/2024/01/01/post/?wpdParentID=803135"><button class="wc-load-more-submit wc-loaded button">Load More</button></a><input id="wpdiscuzHasMoreComments" type="hidden" value="1" /></div></div></div>`,
			system: "wpdiscuz", loadMore: true, lastParentID: "803135", noteHas: "more comments load by AJAX (wpDiscuz)", comments: 1},
		{name: "cpage links of the same post only", url: "https://site.example/?p=77&cpage=2",
			html: `<ol class="comment-list"><li id="comment-1" class="comment"><div class="comment-content"><p>x</p></div></li></ol>` +
				`<div class="nav-links"><a class="page-numbers" href="https://site.example/?p=77&cpage=1#comments">1</a><a class="page-numbers" href="/?p=77&amp;cpage=3#comments">3</a></div>` +
				`<a href="https://site.example/?p=99&cpage=2#comment-5">other post</a>`,
			system: "wordpress", noteHas: "more comments are on 2 other comment pages", comments: 1,
			pageURLs: []string{"https://site.example/?p=77&cpage=1", "https://site.example/?p=77&cpage=3"}},
		{name: "declared count without any system",
			html:    `<script type="application/ld+json">{"@type":"Article","commentCount":4}</script><p>Text</p>`,
			noteHas: "page shows 0 of 4 declared comments"},
		{name: "native comments plus a facebook widget",
			html:   `<ol class="commentlist"><li id="comment-9" class="comment"><div class="comment-body"><p>Hi</p></div></li></ol><div class="fb-comments" data-href="x"></div>`,
			system: "wordpress", noteHas: "the page also embeds facebook comments", comments: 1},
		{name: "wpdiscuz replies collapsed under several comments",
			html: `<div id="wpdcom"><div class="wpd-thread-list">` +
				`<div id="wpd-comm-1_0" class="wpd-comment"><div class="wpd-comment-text">t</div><div class="wpd-toggle"><span class='wpd-view-replies'><span class='wpd-view-replies-text'>View Replies</span> (2)</span></div></div>` +
				`<div id="wpd-comm-2_0" class="wpd-comment"><div class="wpd-comment-text">t</div><div class="wpd-toggle"><span class='wpd-view-replies'>View Replies (1)</span></div>` +
				`<div id="wpd-comm-3_2" class="wpd-comment"><div class="wpd-comment-text">t</div></div></div>` +
				`<div id="wpd-comm-4_0" class="wpd-comment"><div class="wpd-comment-text">t</div><div class="wpd-toggle"><span class='wpd-view-replies'>View Replies (5)</span></div></div>` +
				`</div></div>`,
			system: "wpdiscuz", noteHas: "replies to comments 1 and 4 are collapsed", comments: 4},
		{name: "wpdiscuz scripts without a comment area",
			html:     `<script>var wpdiscuzAjaxObj = {"wc_post_id":42,"firstLoadWithAjax":"0"};</script><script src="https://site.example/wp-content/plugins/wpdiscuz/assets/js/wpdiscuz-combo.min.js?ver=7.6.10"></script>`,
			complete: true},
		{name: "wpdiscuz self-parent and cycle",
			html: `<div id="wpd-comm-5_5" class="wpd-comment"><div class="wpd-comment-text">a</div></div>` +
				`<div id="wpd-comm-6_7" class="wpd-comment"><div class="wpd-comment-text">b</div></div>` +
				`<div id="wpd-comm-7_6" class="wpd-comment"><div class="wpd-comment-text">c</div></div>`,
			system: "wpdiscuz", complete: true, comments: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.url
			if u == "" {
				u = page
			}
			doc := mustDoc(t, "<!DOCTYPE html><html><head><title>t</title></head><body>"+tt.html+"</body></html>")
			th := comments.Parse(doc, mustURL(t, u), comments.Options{})
			if th.System != tt.system || th.Complete != tt.complete {
				t.Errorf("System %q, Complete %v; want %q, %v (note %q)", th.System, th.Complete, tt.system, tt.complete, th.Note)
			}
			if !strings.Contains(th.Note, tt.noteHas) || (tt.noteHas == "") != (th.Note == "") {
				t.Errorf("Note = %q, want it to contain %q", th.Note, tt.noteHas)
			}
			if th.LoadMore != tt.loadMore || th.LastParentID != tt.lastParentID {
				t.Errorf("LoadMore %v, LastParentID %q; want %v, %q", th.LoadMore, th.LastParentID, tt.loadMore, tt.lastParentID)
			}
			if tt.pageURLs == nil {
				tt.pageURLs = []string{}
			}
			if !reflect.DeepEqual(th.PageURLs, tt.pageURLs) {
				t.Errorf("PageURLs = %q, want %q", th.PageURLs, tt.pageURLs)
			}
			if len(th.Comments) != tt.comments {
				t.Errorf("got %d comments, want %d", len(th.Comments), tt.comments)
			}
			checkThread(t, th.Comments)
		})
	}
}

func TestParseDeclaredHeadings(t *testing.T) {
	tests := []struct {
		heading string
		want    *int
	}{
		{"5 Comments", intp(5)},
		{"5 thoughts on &ldquo;Top 10 lists&rdquo;", intp(5)},
		{"One response to &#8220;2016 in review&#8221;", intp(1)},
		{"5 Kommentare", intp(5)},
		{"Ein Gedanke zu &bdquo;Titel&ldquo;", intp(1)},
		{"12 commentaires sur « Titre »", intp(12)},
		{"No Comments", intp(0)},
		{"1,234 Comments", intp(1234)},
		{"Comments (7)", intp(7)},
		{"Leave a Reply", nil},
		{"Comments", nil},
	}
	for _, tt := range tests {
		t.Run(tt.heading, func(t *testing.T) {
			doc := mustDoc(t, `<html><body><div id="comments"><h2 class="comments-title">`+tt.heading+`</h2></div></body></html>`)
			th := comments.Parse(doc, nil, comments.Options{})
			if formatInt(th.Declared) != formatInt(tt.want) {
				t.Errorf("Declared = %s, want %s", formatInt(th.Declared), formatInt(tt.want))
			}
		})
	}
}

func TestParseDoesNotModifyDoc(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	files = append(files, seedPath)
	for _, f := range files {
		doc := mustDoc(t, readPage(t, f, seedBase))
		before := render(t, doc)
		comments.Parse(doc, mustURL(t, seedURL), comments.Options{})
		if after := render(t, doc); after != before {
			t.Errorf("%s: Parse changed the document", f)
		}
	}
}

func TestParseNil(t *testing.T) {
	th := comments.Parse(nil, nil, comments.Options{})
	if !th.Complete || th.System != "" || len(th.Comments) != 0 {
		t.Errorf("Parse(nil) = %+v, want an empty complete thread", th)
	}
	th = comments.Parse(&goquery.Document{}, nil, comments.Options{})
	if !th.Complete || len(th.Comments) != 0 {
		t.Errorf("Parse(empty document) = %+v, want an empty complete thread", th)
	}
}

func render(t *testing.T, doc *goquery.Document) string {
	t.Helper()
	var b bytes.Buffer
	for _, n := range doc.Nodes {
		if err := html.Render(&b, n); err != nil {
			t.Fatalf("render: %v", err)
		}
	}
	return b.String()
}

// TestParseDropsBlankComments checks the guard that every system passes
// through: an element that shows neither author nor text is no comment,
// and its replies are kept as orphans.
func TestParseDropsBlankComments(t *testing.T) {
	tests := []struct {
		name, html string
		want       []want
	}{
		{
			name: "wordpress item without author or text",
			html: `<ol class="comment-list"><li id="comment-7" class="comment"><div class="comment-body"><div class="reply"></div></div>
				<ol class="children"><li id="comment-8" class="comment"><b class="fn">Ann</b><div class="comment-content"><p>Hi.</p></div></li></ol>
				</li><li id="comment-10" class="comment"><div class="comment-content"><p>No name, but a text.</p></div></li></ol>`,
			want: []want{
				{ID: "8", Parent: "7", Depth: 1, Author: "Ann", Type: "comment", Text: "Hi."},
				{ID: "10", Type: "comment", Text: "No name, but a text."},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := comments.Parse(mustDoc(t, tt.html), mustURL(t, "https://site.example/p/"), comments.Options{})
			checkComments(t, th.Comments, tt.want)
		})
	}
}
