package comments_test

import (
	"testing"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
)

// Fuzz targets of the parsers of API replies. Each must never panic, and
// what it returns as a thread must keep the thread-order contract. Run
// one with, for example, go test -fuzz FuzzParseAPIReplies ./scraper/comments.

// apiSeeds are replies of each shape, valid and broken.
var apiSeeds = []string{
	"", "null", "0", "-1", "[]", "{}", "Nonce is invalid.", "<html>error</html>",
	`[{"id":5,"parent":0,"author_name":"A","date":"2016-03-01T17:00:00","date_gmt":"2016-03-01T16:00:00","content":{"rendered":"<p>x</p>"},"type":"comment"},{"id":"6","parent":5,"content":{"rendered":"<p>y"}}]`,
	`{"code":"rest_forbidden","message":"no","data":{"status":401}}`,
	`{"success":true,"data":{"comment_list":"<div id='wpd-comm-2_1'><div id='wpd-comm-1_0'></div></div>","is_show_load_more":"1","last_parent_id":7,"comments_count":"12"}}`,
	`{"comment_list":"<div id='wc-comm-3_0'></div>","is_show_load_more":false,"last_parent_id":"3"}`,
	`{"success":false,"data":"Nonce is invalid."}`,
	`{"success":true,"data":{"wpdiscuz_nonce":"abc"}}`,
	`{"code":0,"cursor":{"hasNext":true,"next":"1:0:0"},"response":[{"id":"1","parent":null,"createdAt":"2020-01-01T00:00:00","message":"<p>m</p>","likes":2,"dislikes":1,"author":{"name":"n"}},{"id":"2","parent":1}]}`,
	`<script type="text/json" id="disqus-threadData">{"cursor":{"hasNext":false},"response":{"thread":{"id":"9","posts":"2"},"posts":[{"id":"1","parent":2},{"id":"2","parent":1}]}}</script>`,
	`<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><id>tag:blogger.com,1999:blog-1.post-22</id><published>2020-01-01T10:00:00.000-08:00</published><content type='html'>&lt;b&gt;x&lt;/b&gt;</content><link rel='related' href='https://www.blogger.com/feeds/1/2/comments/default/21'/><author><name>A</name></author></entry></feed>`,
	`{"id":8863,"by":"dhouston","time":1175714200,"kids":[8952,9224],"text":"a<p>b","parent":1,"type":"comment"}`,
	`[{"kind":"Listing","data":{"children":[{"kind":"t3","data":{"name":"t3_x","num_comments":3}}]}},{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"id":"a","parent_id":"t3_x","author":"u","body_html":"&lt;p&gt;hi&lt;/p&gt;","created_utc":1.5e9,"replies":{"kind":"Listing","data":{"children":[{"kind":"more","data":{"parent_id":"t1_a","children":["b","c"]}}]}}}}]}}]`,
	`{"json":{"errors":[],"data":{"things":[{"kind":"t1","data":{"id":"b","parent_id":"t1_a","replies":""}}]}}}`,
	`{"success":true,"comments":[{"commentHex":"h1","parentHex":"root","commenterHex":"c","html":"<p>x</p>","creationDate":"2020-01-01T00:00:00Z"},{"commentHex":"h2","parentHex":"h1"}],"commenters":{"c":{"name":"N","link":"undefined"}}}`,
	`{"comments":[{"comment":{"id":"r1","pid":"","text":"<p>t</p>","time":"2020-01-01T00:00:00Z","user":{"name":"u"}},"replies":[{"comment":{"id":"r2","pid":"r1"},"replies":[]}]}],"info":{"count":2}}`,
	`{"comments":[{"id":1,"name":"n","body":"a\n\nb","date":"2020-01-01T00:00:00.000Z","children":[{"id":2,"children":null}]}]}`,
	`{"comments":[{"id":"g1","html":"<p>x</p>","created_at":"2020-01-01T00:00:00.000Z","count":{"replies":5},"replies":[{"id":"g2","parent_id":"g1"}]}],"meta":{"pagination":{"pages":2,"total":7}}}`,
	`{"id":7,"posts_count":3,"post_stream":{"posts":[{"id":1,"post_number":1},{"id":2,"post_number":2,"reply_to_post_number":3},{"id":3,"post_number":3,"reply_to_post_number":2}],"stream":[1,2,3]}}`,
}

func FuzzParseAPIReplies(f *testing.F) {
	for _, s := range apiSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		check := func(name string, cs []strata.Comment) {
			t.Helper()
			if p := threadProblem(cs); p != "" {
				t.Errorf("%s: %s", name, p)
			}
		}
		if rs, err := comments.ParseWPREST(body, nil); err == nil {
			cs := make([]strata.Comment, len(rs))
			for i, r := range rs {
				cs[i] = r.Comment
			}
			check("wp rest", comments.Merge(cs, nil))
		}
		if b, err := comments.ParseWpdAJAX(body); err == nil {
			cs, _ := comments.ParseWpDiscuzBatch(b.HTML, nil, nil)
			check("wpdiscuz batch", cs)
		}
		_, _ = comments.ParseWpdNonce(body)
		if p, err := comments.ParseDisqusEmbed(body); err == nil {
			check("disqus embed", comments.Merge(p.Comments, nil))
		}
		if p, err := comments.ParseDisqusPosts(body); err == nil {
			check("disqus posts", comments.Merge(p.Comments, nil))
		}
		if p, err := comments.ParseBloggerFeed(body); err == nil {
			check("blogger feed", comments.Merge(p.Comments, nil))
		}
		if it, err := comments.ParseHNItem(body); err == nil {
			_ = it.Comment(1, "https://news.example/user?id=")
		}
		if p, err := comments.ParseRedditThread(body, nil); err == nil {
			check("reddit thread", comments.Merge(p.Comments, nil))
		}
		if p, err := comments.ParseRedditMore(body, nil); err == nil {
			check("reddit more", comments.Merge(p.Comments, nil))
		}
		if cs, err := comments.ParseCommento(body); err == nil {
			check("commento", cs)
		}
		if cs, _, err := comments.ParseRemark42(body); err == nil {
			check("remark42", cs)
		}
		if cs, err := comments.ParseSubstack(body); err == nil {
			check("substack", cs)
		}
		if p, err := comments.ParseGhostComments(body); err == nil {
			check("ghost", comments.Merge(p.Comments, nil))
		}
		if tp, err := comments.ParseDiscourseTopic(body, "https://forum.example/"); err == nil {
			check("discourse", comments.DiscourseThread(tp.Posts))
		}
		if ps, err := comments.ParseDiscoursePosts(body, ""); err == nil {
			check("discourse posts", comments.DiscourseThread(ps))
		}
		_ = comments.DiscourseTopicID(body)
		_, _ = comments.FragmentText(string(body))
	})
}
