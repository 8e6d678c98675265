package comments_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
)

// brief renders comments as "ID<PARENT author|text|time" for compact
// comparisons.
func brief(cs []strata.Comment) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		at := ""
		if c.PostedAt != nil {
			at = c.PostedAt.UTC().Format(time.RFC3339)
		}
		out[i] = c.ID + "<" + c.ParentID + " " + c.Author + "|" + c.Text + "|" + at
	}
	return out
}

func sameList(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestParseWPREST(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    []string
		offset  string
		errCode string
		err     error
	}{
		{name: "comments with true parents and UTC times",
			body: `[{"id":7,"parent":0,"author_name":"Ann &amp; Bo","author_url":"https://ann.example/","date":"2016-03-01T17:00:00","date_gmt":"2016-03-01T16:00:00","content":{"rendered":"<p>One</p>\n<p>Two &amp; three</p>\n"},"type":"comment"},` +
				`{"id":9,"parent":7,"author_name":"Cy","date":"2016-07-01T18:00:00","date_gmt":"2016-07-01T16:00:00","content":{"rendered":"<p>Reply</p>"},"type":"comment"}]`,
			want:   []string{"7< Ann & Bo|One\n\nTwo & three|2016-03-01T16:00:00Z", "9<7 Cy|Reply|2016-07-01T16:00:00Z"},
			offset: "1h0m0s 2h0m0s"},
		{name: "error object", body: `{"code":"rest_forbidden","message":"Sorry","data":{"status":401}}`, errCode: "rest_forbidden"},
		{name: "html error page", body: "<!doctype html><title>404</title>", err: comments.ErrNotJSON},
		{name: "empty list", body: "[]", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := comments.ParseWPREST([]byte(tt.body), nil)
			var re *comments.RESTError
			switch {
			case tt.errCode != "":
				if !errors.As(err, &re) || re.Code != tt.errCode || re.Status != 401 {
					t.Fatalf("error %v, want REST error %s", err, tt.errCode)
				}
				return
			case tt.err != nil:
				if !errors.Is(err, tt.err) {
					t.Fatalf("error %v, want %v", err, tt.err)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			cs := make([]strata.Comment, len(rs))
			var offs []string
			for i, r := range rs {
				cs[i] = r.Comment
				if r.Offset != nil {
					offs = append(offs, r.Offset.String())
				}
				if r.PostedAtText != "" {
					t.Errorf("comment %s: PostedAtText %q, want none from REST", r.ID, r.PostedAtText)
				}
			}
			sameList(t, brief(cs), tt.want)
			if got := strings.Join(offs, " "); got != tt.offset {
				t.Errorf("offsets %q, want %q", got, tt.offset)
			}
		})
	}
}

func TestRESTDiscovery(t *testing.T) {
	page := mustURL(t, "https://blog.example/2024/01/02/post/")
	doc := mustDoc(t, `<head><link rel="https://api.w.org/" href="https://blog.example/wp-json/"></head>`)
	if got := comments.RESTRoot(doc, nil, page); got != "https://blog.example/wp-json/" {
		t.Errorf("root from link: %q", got)
	}
	h := http.Header{}
	h.Add("Link", `<https://blog.example/wp-json/>; rel="https://api.w.org/", <https://blog.example/?p=5>; rel=shortlink`)
	if got := comments.RESTRoot(mustDoc(t, ""), h, page); got != "https://blog.example/wp-json/" {
		t.Errorf("root from header: %q", got)
	}
	if got := comments.RESTRoot(mustDoc(t, ""), nil, page); got != "" {
		t.Errorf("root without signal: %q", got)
	}
	for root, want := range map[string]string{
		"https://blog.example/wp-json/":              "https://blog.example/wp-json/wp/v2/comments?order=asc&orderby=id&page=2&per_page=100&post=42",
		"https://blog.example/?rest_route=/":         "https://blog.example/?order=asc&orderby=id&page=2&per_page=100&post=42&rest_route=%2Fwp%2Fv2%2Fcomments",
		"https://blog.example/sub/index.php/wp-json": "https://blog.example/sub/index.php/wp-json/wp/v2/comments?order=asc&orderby=id&page=2&per_page=100&post=42",
	} {
		if got := comments.RESTCommentsURL(root, "42", 2, 100); got != want {
			t.Errorf("RESTCommentsURL(%q) = %q, want %q", root, got, want)
		}
	}
}

func TestWpDiscuzAJAX(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		html  string
		more  bool
		last  string
		count string
		err   error
	}{
		{name: "v7 load more", body: `{"success":true,"data":{"comment_list":"<div id='wpd-comm-5_0'></div>","is_show_load_more":true,"last_parent_id":"5","comments_count":12}}`,
			html: "<div id='wpd-comm-5_0'></div>", more: true, last: "5", count: "12"},
		{name: "v7, numbers as strings", body: `{"success":true,"data":{"comment_list":"x","is_show_load_more":"0","last_parent_id":3}}`, html: "x", last: "3"},
		{name: "v5 raw", body: `{"code":1,"comment_list":"<div id='wc-comm-4_0'></div>","is_show_load_more":1,"last_parent_id":"4","loadLastCommentId":"9"}`,
			html: "<div id='wc-comm-4_0'></div>", more: true, last: "4"},
		{name: "show replies", body: `{"success":true,"data":{"comment_list":"<div id='wpd-comm-6_5'></div>","callbackFunctions":[]}}`, html: "<div id='wpd-comm-6_5'></div>"},
		{name: "nonce refused", body: "Nonce is invalid.", err: comments.ErrWpdNonce},
		{name: "nonce refused in the wrapper", body: `{"success":false,"data":"Nonce is invalid"}`, err: comments.ErrWpdNonce},
		{name: "unknown action", body: "0", err: comments.ErrWpdUnknownAction},
		{name: "html", body: "<html>", err: comments.ErrNotJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := comments.ParseWpdAJAX([]byte(tt.body))
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("error %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			count := ""
			if b.Count != nil {
				count = formatInt(b.Count)
			}
			if b.HTML != tt.html || b.More != tt.more || b.LastParentID != tt.last || count != tt.count {
				t.Errorf("got %+v (count %q)", b, count)
			}
		})
	}
	if n, err := comments.ParseWpdNonce([]byte(`{"success":true,"data":{"wpdiscuz_nonce":"a1b2"}}`)); n != "a1b2" || err != nil {
		t.Errorf("nonce %q %v", n, err)
	}
	if _, err := comments.ParseWpdNonce([]byte("0")); !errors.Is(err, comments.ErrWpdUnknownAction) {
		t.Errorf("nonce of an old version: %v", err)
	}
}

func TestFindWpDiscuz(t *testing.T) {
	page := mustURL(t, "https://site.example/a/")
	tests := []struct {
		name, html string
		want       comments.WpDiscuz
		nonce      bool
	}{
		{name: "v7 object", html: `<script>var wpdiscuzAjaxObj = {"url":"https:\/\/site.example\/wp-admin\/admin-ajax.php","version":"7.6.63"};</script><span class="wpdiscuz-sort-button wpdiscuz-sort-button-active" data-sorting="oldest"></span>`,
			want: comments.WpDiscuz{AjaxURL: "https://site.example/wp-admin/admin-ajax.php", Version: "7.6.63", Order: "asc"}, nonce: true},
		{name: "v7.6.44 needs no nonce", html: `<script>var wpdiscuzAjaxObj = {"version":"7.6.44"};</script>`,
			want: comments.WpDiscuz{AjaxURL: "https://site.example/wp-admin/admin-ajax.php", Version: "7.6.44"}},
		{name: "v5 object", html: `<script>var wpdiscuzAjaxObj = {"url":"https:\/\/site.example\/wp-admin\/admin-ajax.php","wpdiscuz_options":{"version":"5.1.5"}};</script>`,
			want: comments.WpDiscuz{AjaxURL: "https://site.example/wp-admin/admin-ajax.php", Version: "5.1.5", Legacy: true}},
		{name: "version from the script URL", html: `<script src="/wp-content/plugins/wpdiscuz/assets/js/wpdiscuz.js?ver=4.1.4"></script>`,
			want: comments.WpDiscuz{AjaxURL: "https://site.example/wp-admin/admin-ajax.php", Version: "4.1.4", Legacy: true}},
		{name: "nothing known", html: `<div id="wpd-comm-1_0"></div>`,
			want: comments.WpDiscuz{AjaxURL: "https://site.example/wp-admin/admin-ajax.php"}, nonce: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := comments.FindWpDiscuz(mustDoc(t, tt.html), page)
			if got != tt.want || got.NeedsNonce() != tt.nonce {
				t.Errorf("got %+v (nonce %v), want %+v (nonce %v)", got, got.NeedsNonce(), tt.want, tt.nonce)
			}
		})
	}
}

func TestFindDisqus(t *testing.T) {
	page := mustURL(t, "https://site.example/2024/post/")
	tests := []struct {
		name, html string
		want       comments.Disqus
		ok         bool
	}{
		{name: "classic variables", ok: true,
			html: `<script>var disqus_shortname = 'shorty'; var disqus_identifier = '42 https://site.example/?p=42'; var disqus_url = 'https://site.example/2024/post/';</script>`,
			want: comments.Disqus{Shortname: "shorty", Identifier: "42 https://site.example/?p=42", URL: "https://site.example/2024/post/"}},
		{name: "disqus_config", ok: true,
			html: `<script>var disqus_config = function () { this.page.url = PAGE_URL; this.page.identifier = "post-7"; };(function(){var s = d.createElement('script'); s.src = 'https://shorty.disqus.com/embed.js';})();</script><link rel="canonical" href="https://site.example/canon/">`,
			want: comments.Disqus{Shortname: "shorty", Identifier: "post-7", URL: "https://site.example/canon/"}},
		{name: "WordPress plugin embedVars", ok: true,
			html: `<script>var embedVars = {"disqusConfig":{},"disqusIdentifier":"662601 https:\/\/site.example\/?p=662601","disqusShortname":"shorty","disqusTitle":"T","disqusUrl":"https:\/\/site.example\/2024\/post\/","postId":"662601"};</script>`,
			want: comments.Disqus{Shortname: "shorty", Identifier: "662601 https://site.example/?p=662601", URL: "https://site.example/2024/post/", Title: "T"}},
		{name: "legacy loader", ok: true, html: `<div id="disqus_thread"></div><script src="https://disqus.com/forums/oldie/embed.js"></script>`,
			want: comments.Disqus{Shortname: "oldie", URL: "https://site.example/2024/post/"}},
		{name: "none", html: `<div id="disqus_thread"></div>`, want: comments.Disqus{URL: "https://site.example/2024/post/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := comments.FindDisqus(mustDoc(t, tt.html), page)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %+v %v, want %+v %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseDisqus(t *testing.T) {
	embed := `<html><body><script type="text/json" id="disqus-threadData">{"code":0,"cursor":{"hasNext":true,"next":"1:0:0"},"response":{"thread":{"id":"77","posts":3},"order":"popular","posts":[` +
		`{"id":"1","parent":null,"createdAt":"2020-01-02T03:04:05","message":"<p>Top</p>","likes":3,"dislikes":1,"author":{"name":"Ann","profileUrl":"https://disqus.com/by/ann/"}},` +
		`{"id":"2","parent":1,"createdAt":"2020-01-02T04:00:00","message":"<p>Re</p>","isDeleted":false,"author":{"name":"Bo","isAnonymous":true}},` +
		`{"id":"3","parent":1,"isDeleted":true,"message":"","author":{}}]}}</script></body></html>`
	p, err := comments.ParseDisqusEmbed([]byte(embed))
	if err != nil {
		t.Fatal(err)
	}
	if p.ThreadID != "77" || *p.Total != 3 || !p.HasNext || p.Next != "1:0:0" || p.Order != "popular" {
		t.Errorf("page %+v", p)
	}
	sameList(t, brief(comments.Merge(p.Comments, nil)), []string{"1< Ann|Top|2020-01-02T03:04:05Z", "2<1 Bo|Re|2020-01-02T04:00:00Z", "3<1 ||"})
	if s := p.Comments[0].Score; s == nil || *s != 2 {
		t.Errorf("score %v", s)
	}
	if _, err := comments.ParseDisqusEmbed([]byte("<html></html>")); !errors.Is(err, comments.ErrNoThreadData) {
		t.Errorf("embed without data: %v", err)
	}
	if _, err := comments.ParseDisqusPosts([]byte(`{"code":5,"response":"Invalid API key"}`)); err == nil || !strings.Contains(err.Error(), "Invalid API key") {
		t.Errorf("API error: %v", err)
	}
}

func TestParseBloggerFeed(t *testing.T) {
	feed := `<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:gd='http://schemas.google.com/g/2005'>
<link rel='next' type='application/atom+xml' href='https://b.example/feeds/9/comments/default?start-index=3&amp;max-results=2'/><openSearch:totalResults>4</openSearch:totalResults>
<entry><id>tag:blogger.com,1999:blog-1.post-101</id><published>2015-06-06T10:23:05.419+02:00</published><content type='html'>Huhu&lt;br /&gt;&lt;br /&gt;Interessant!</content><author><name>Sana</name><uri>https://www.blogger.com/profile/1</uri></author><gd:extendedProperty name='blogger.displayTime' value='6. Juni 2015 um 10:23'/></entry>
<entry><id>tag:blogger.com,1999:blog-1.post-102</id><published>2015-06-06T11:00:00.000+02:00</published><content type='html'>Danke</content><link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/1/9/comments/default/101'/><author><name>Sanne</name></author></entry>
</feed>`
	f, err := comments.ParseBloggerFeed([]byte(feed))
	if err != nil {
		t.Fatal(err)
	}
	sameList(t, brief(comments.Merge(f.Comments, nil)), []string{"101< Sana|Huhu\n\nInteressant!|2015-06-06T08:23:05Z", "102<101 Sanne|Danke|2015-06-06T09:00:00Z"})
	if f.Next == "" || f.Total == nil || *f.Total != 4 || f.Comments[0].PostedAtText != "6. Juni 2015 um 10:23" {
		t.Errorf("feed %+v", f)
	}
}

func TestParseServices(t *testing.T) {
	site := mustURL(t, "https://www.reddit.com/r/x/comments/abc/t/")
	tests := []struct {
		name  string
		parse func() ([]strata.Comment, error)
		want  []string
	}{
		{"hacker news item", func() ([]strata.Comment, error) {
			it, err := comments.ParseHNItem([]byte(`{"id":12,"by":"pg","time":1175714200,"text":"First<p>Second &amp; more","parent":10,"type":"comment"}`))
			return []strata.Comment{it.Comment(10, "")}, err
		}, []string{"12< pg|First\n\nSecond & more|2007-04-04T19:16:40Z"}},
		{"reddit thread", func() ([]strata.Comment, error) {
			p, err := comments.ParseRedditThread([]byte(`[{"kind":"Listing","data":{"children":[{"kind":"t3","data":{"name":"t3_abc","num_comments":3}}]}},{"kind":"Listing","data":{"children":[`+
				`{"kind":"t1","data":{"id":"c1","parent_id":"t3_abc","author":"u1","body_html":"&lt;div class=\"md\"&gt;&lt;p&gt;hi&lt;/p&gt;&lt;/div&gt;","created_utc":1500000000.0,"score":4,"replies":{"kind":"Listing","data":{"children":[`+
				`{"kind":"t1","data":{"id":"c2","parent_id":"t1_c1","author":"[deleted]","body_html":"<p>[deleted]</p>","created_utc":1500000100,"replies":""}},`+
				`{"kind":"more","data":{"parent_id":"t1_c1","children":["c3"]}}]}}}}]}}]`), site)
			if err == nil && (p.LinkID != "t3_abc" || *p.Declared != 3 || len(p.More) != 1 || p.More[0].Children[0] != "c3") {
				t.Errorf("reddit page %+v", p)
			}
			return p.Comments, err
		}, []string{"c1< u1|hi|2017-07-14T02:40:00Z", "c2<c1 [deleted]|[deleted]|2017-07-14T02:41:40Z"}},
		{"commento", func() ([]strata.Comment, error) {
			return comments.ParseCommento([]byte(`{"success":true,"comments":[{"commentHex":"b","parentHex":"a","commenterHex":"anonymous","html":"<p>re</p>","creationDate":"2020-01-02T00:00:00Z","state":"approved"},` +
				`{"commentHex":"a","parentHex":"root","commenterHex":"x","html":"<p>top</p>","creationDate":"2020-01-01T00:00:00Z"},{"commentHex":"c","parentHex":"root","state":"unapproved"}],"commenters":{"x":{"name":"Xe","link":"undefined"}}}`))
		}, []string{"a< Xe|top|2020-01-01T00:00:00Z", "b<a Anonymous|re|2020-01-02T00:00:00Z"}},
		{"remark42", func() ([]strata.Comment, error) {
			cs, _, err := comments.ParseRemark42([]byte(`{"comments":[{"comment":{"id":"r1","pid":"","text":"<p>t</p>","time":"2020-01-01T00:00:00Z","user":{"name":"u"}},"replies":[{"comment":{"id":"r2","pid":"r1","text":"<p>x</p>","delete":true,"time":"2020-01-01T01:00:00Z","user":{"name":"v"}},"replies":[]}]}],"info":{"count":2}}`))
			return cs, err
		}, []string{"r1< u|t|2020-01-01T00:00:00Z", "r2<r1 v||2020-01-01T01:00:00Z"}},
		{"substack", func() ([]strata.Comment, error) {
			return comments.ParseSubstack([]byte(`{"comments":[{"id":1,"name":"N","body":"a\n\nb <c>","date":"2020-01-01T00:00:00.000Z","reactions":{"❤":2},"children":[{"id":2,"name":"M","body":"d","date":"2020-01-02T00:00:00.000Z","children":[]}]}]}`))
		}, []string{"1< N|a\n\nb <c>|2020-01-01T00:00:00Z", "2<1 M|d|2020-01-02T00:00:00Z"}},
		{"ghost", func() ([]strata.Comment, error) {
			p, err := comments.ParseGhostComments([]byte(`{"comments":[{"id":"g1","parent_id":null,"status":"published","html":"<p>x</p>","created_at":"2020-01-01T00:00:00.000Z","member":{"name":"M"},"count":{"replies":5,"likes":1},"replies":[{"id":"g2","parent_id":"g1","status":"published","html":"<p>y</p>","created_at":"2020-01-02T00:00:00.000Z","member":null}]}],"meta":{"pagination":{"pages":3,"total":11}}}`))
			if err == nil && (p.Pages != 3 || p.Replies["g1"] != 5) {
				t.Errorf("ghost page %+v", p)
			}
			return p.Comments, err
		}, []string{"g1< M|x|2020-01-01T00:00:00Z", "g2<g1 |y|2020-01-02T00:00:00Z"}},
		{"discourse", func() ([]strata.Comment, error) {
			tp, err := comments.ParseDiscourseTopic([]byte(`{"id":7,"posts_count":4,"post_stream":{"posts":[{"id":10,"post_number":1,"cooked":"<p>article</p>"},`+
				`{"id":11,"post_number":2,"username":"ann","created_at":"2020-01-01T00:00:00.000Z","cooked":"<p>a</p>","post_type":1},`+
				`{"id":12,"post_number":3,"name":"Bo","username":"bo","reply_to_post_number":2,"created_at":"2020-01-02T00:00:00.000Z","cooked":"<p>b</p>","post_type":1},`+
				`{"id":13,"post_number":4,"post_type":3,"cooked":"closed"}],"stream":[10,11,12,13]}}`), "https://forum.example/")
			if err == nil && (tp.Count != 4 || len(tp.Stream) != 4) {
				t.Errorf("topic %+v", tp)
			}
			return comments.DiscourseThread(tp.Posts), err
		}, []string{"11< ann|a|2020-01-01T00:00:00Z", "12<11 Bo|b|2020-01-02T00:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := tt.parse()
			if err != nil {
				t.Fatal(err)
			}
			sameList(t, brief(comments.Merge(cs, nil)), tt.want)
		})
	}
}

func TestFindServices(t *testing.T) {
	page := mustURL(t, "https://news.example/2024/post/")
	if d, ok := comments.FindDiscourse(mustDoc(t, `<script>DiscourseEmbed = { discourseUrl: 'https://forum.example', topicId: 123 };</script>`), page); !ok || d.Base != "https://forum.example/" || d.TopicID != "123" {
		t.Errorf("discourse %+v %v", d, ok)
	}
	if c, ok := comments.FindCommento(mustDoc(t, `<script defer src="https://cdn.commento.io/js/commento.js" data-page-id="/custom"></script>`), page); !ok || c.Origin != "https://commento.io" || c.Path != "/custom" || c.Domain != "news.example" {
		t.Errorf("commento %+v %v", c, ok)
	}
	if r, ok := comments.FindRemark42(mustDoc(t, `<script>var remark_config = { host: "https://remark.example", site_id: 'news' }</script>`), page); !ok || r.Host != "https://remark.example" || r.SiteID != "news" || r.URL != "https://news.example/2024/post/" {
		t.Errorf("remark42 %+v %v", r, ok)
	}
	if s := comments.FindSubstack(mustDoc(t, `<link href="https://substackcdn.com"><script>window._preloads = JSON.parse("{\"post\":{\"audience\":\"everyone\",\"comment_count\":7,\"id\":9876}}")</script>`), page); s.PostID != "9876" || s.Declared == nil || *s.Declared != 7 {
		t.Errorf("substack %+v", s)
	}
	if g := comments.FindGhost(mustDoc(t, `<script src="https://cdn.jsdelivr.net/ghost/comments-ui@~0.17/umd/comments-ui.min.js" data-ghost-comments="https://news.example/" data-post-id="65f0"></script>`), page); g.PostID != "65f0" || g.Base != "https://news.example" {
		t.Errorf("ghost %+v", g)
	}
	if !comments.IsRedditPage(nil, mustURL(t, "https://old.reddit.com/r/golang/comments/abc123/title/")) ||
		comments.IsRedditPage(mustDoc(t, ""), mustURL(t, "https://mirror.example/r/golang/comments/abc123/")) ||
		!comments.IsRedditPage(mustDoc(t, `<meta property="og:site_name" content="Reddit">`), mustURL(t, "https://mirror.example/r/golang/comments/abc123/")) {
		t.Error("IsRedditPage")
	}
}

func TestParseGeneric(t *testing.T) {
	const article = `<html><body><article><h1>Title</h1><div class="entry-content"><p>` +
		`The article has far more text than its comments, as articles with a few comments do. It goes on for a while, sentence after sentence, so that the comments are clearly something else.` +
		` And a second sentence makes the point even clearer, with some more words.</p></div></article>`
	tests := []struct {
		name   string
		html   string
		system string
		want   []string
		remove int
	}{
		{name: "kommentar items with replies", system: "generic", remove: 2,
			html: article + `<div class="kommentare"><div class="kommentar-item" id="k101"><div class="benutzer">Harzer66</div><div class="datum">31.10.2023</div><div class="kommentar-text">Es gab dieses Jahr echt Regen.</div>` +
				`<div class="kommentar-item" id="k102"><div class="benutzer">Lena</div><div class="kommentar-text">Stimmt, sehr viel Regen.</div></div></div>` +
				`<div class="kommentar-item" id="k103"><div class="benutzer">Tom</div><div class="kommentar-text">Im Süden nicht so sehr.</div></div></div></body></html>`,
			want: []string{"101< Harzer66|Es gab dieses Jahr echt Regen.|", "102<101 Lena|Stimmt, sehr viel Regen.|", "103< Tom|Im Süden nicht so sehr.|"}},
		{name: "camelCase classes", system: "generic", remove: 2,
			html: article + `<div class="MtnComments"><div class="MtnComment"><span class="MtnUser">a</span><div class="MtnCommentText">A comment with enough text.</div></div>` +
				`<div class="MtnComment"><span class="MtnUser">b</span><div class="MtnCommentText">Another comment with enough text.</div></div></div></body></html>`,
			want: []string{"g1< a|A comment with enough text.|", "g2< b|Another comment with enough text.|"}},
		{name: "a lone notice is no comment", system: "",
			html: article + `<div class="comments"><div class="comment-item">Log in to comment on this article, please.</div></div></body></html>`},
		{name: "latest-comments teasers are links", system: "",
			html: article + `<ul><li class="comment"><a href="/a">Someone on another article said this</a></li><li class="comment"><a href="/b">And someone else on a third article</a></li></ul></body></html>`},
		{name: "forum posts are kept in the page", system: "generic", remove: 0,
			html: `<html><body><div class="forum-thread"><div class="post-comment" id="c101"><span class="user">a</span><p>The question of this thread, asked at some length.</p></div>` +
				`<div class="post-comment" id="c102"><span class="user">b</span><p>An answer to it, also at some length.</p></div></div></body></html>`,
			want: []string{"101< a|The question of this thread, asked at some length.|", "102< b|An answer to it, also at some length.|"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := comments.Parse(mustDoc(t, tt.html), mustURL(t, "https://site.example/a/"), comments.Options{})
			if th.System != tt.system {
				t.Fatalf("system %q, want %q", th.System, tt.system)
			}
			sameList(t, brief(th.Comments), tt.want)
			if len(th.Elements) != tt.remove {
				t.Errorf("%d elements to leave out of the article, want %d", len(th.Elements), tt.remove)
			}
			if tt.system == "generic" && (th.Complete || !strings.Contains(th.Note, "not recognised")) {
				t.Errorf("complete %v note %q", th.Complete, th.Note)
			}
			checkThread(t, th.Comments)
		})
	}
}
