package thread

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
)

// bloggerPageSize is the max-results asked of a Blogger comment feed.
const bloggerPageSize = 200

// blogger completes a Blogger thread from the post's Atom comment feed
// when the page shows fewer comments than it declares.
func (j *job) blogger(t comments.Thread) result {
	r := result{comments: t.Comments}
	if t.Declared == nil || *t.Declared <= len(t.Comments) {
		return r
	}
	b := comments.FindBlogger(j.doc, j.pageURL)
	if b.FeedURL == "" {
		r.miss("the page names no Blogger comment feed for the comments it does not show")
		return r
	}
	var feed []strata.Comment
	start := 1
	next := ""
	for page := 1; ; page++ {
		u := next
		if u == "" {
			q := url.Values{}
			q.Set("orderby", "published")
			q.Set("reverse", "false")
			q.Set("max-results", strconv.Itoa(bloggerPageSize))
			q.Set("start-index", strconv.Itoa(start))
			u = b.FeedURL + "?" + q.Encode()
		}
		capture, err := j.get(u, "application/atom+xml")
		if err != nil {
			r.miss("Blogger comment feed page %d not fetched (%s)", page, j.why(err))
			break
		}
		f, err := comments.ParseBloggerFeed(capture.Body)
		if err != nil {
			r.miss("Blogger comment feed page %d unreadable (%v)", page, err)
			break
		}
		feed = append(feed, f.Comments...)
		start += len(f.Comments)
		next = f.Next
		if len(f.Comments) == 0 || (next == "" && (f.Total == nil || start > *f.Total)) {
			break
		}
	}
	r.comments = comments.Merge(t.Comments, feed)
	return r
}

// hackerNews follows the "More" pages of a Hacker News item and, when the
// item page shows no comments at all although it counts some, walks the
// item's tree through the API.
func (j *job) hackerNews(t comments.Thread) result {
	r := result{comments: t.Comments}
	all := t.Comments
	visited := map[string]bool{j.pageURL.String(): true}
	queue := append([]string(nil), t.MorePages...)
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if visited[u] {
			continue
		}
		visited[u] = true
		capture, err := j.get(u, "")
		if err != nil {
			r.miss("Hacker News page %s not fetched (%s)", u, j.why(err))
			break
		}
		doc, pu, err := parseHTML(capture)
		if err != nil {
			r.miss("Hacker News page %s unreadable (%v)", u, err)
			break
		}
		th := comments.Parse(doc, pu, comments.Options{FetchedAt: capture.FetchedAt})
		all = comments.Merge(all, th.Comments)
		queue = append(queue, th.MorePages...)
	}
	r.comments = all
	id := comments.HNItemID(j.pageURL)
	if len(all) > 0 || id == 0 || t.Declared == nil || *t.Declared == 0 {
		return r
	}
	api := j.c.opts.HackerNewsAPI
	profile := j.pageURL.Scheme + "://" + j.pageURL.Host + "/user?id="
	var cs []strata.Comment
	queueIDs := []int{id}
	for len(queueIDs) > 0 {
		n := queueIDs[0]
		queueIDs = queueIDs[1:]
		capture, err := j.get(fmt.Sprintf("%s/v0/item/%d.json", api, n), "application/json")
		if err != nil {
			r.miss("Hacker News item %d not fetched (%s)", n, j.why(err))
			break
		}
		it, err := comments.ParseHNItem(capture.Body)
		if err != nil {
			r.miss("Hacker News item %d unreadable (%v)", n, err)
			break
		}
		if n != id && !it.Dead {
			cs = append(cs, it.Comment(id, profile))
		}
		queueIDs = append(queueIDs, it.Kids...)
	}
	r.comments = comments.Merge(cs, nil)
	return r
}

// redditMoreBatch is how many hidden comments one morechildren call asks for.
const redditMoreBatch = 100

// reddit reads a Reddit thread from its .json, then the comments behind
// its "more" stubs.
func (j *job) reddit(t comments.Thread) result {
	var r result
	base := j.c.opts.RedditBase
	u := comments.RedditJSONURL(j.pageURL, base)
	if u == "" {
		r.comments = t.Comments
		r.miss("not a Reddit thread URL")
		return r
	}
	capture, err := j.get(u, "application/json")
	if err != nil {
		r.comments = t.Comments
		r.miss("Reddit thread JSON not fetched (%s)", j.why(err))
		return r
	}
	p, err := comments.ParseRedditThread(capture.Body, j.pageURL)
	if err != nil {
		r.comments = t.Comments
		r.miss("Reddit thread JSON unreadable (%v)", err)
		return r
	}
	r.declared = p.Declared
	all := p.Comments
	more := p.More
	postPath := strings.TrimSuffix(strings.SplitN(strings.TrimPrefix(u, base), ".json", 2)[0], "/") + "/"
	for len(more) > 0 {
		m := more[0]
		more = more[1:]
		var next comments.RedditPage
		if len(m.Children) == 0 {
			parent, ok := strings.CutPrefix(m.Parent, "t1_")
			if !ok {
				continue
			}
			capture, err := j.get(base+postPath+parent+"/.json?raw_json=1&sort=old", "application/json")
			if err != nil {
				r.miss("Reddit replies below %s not fetched (%s)", parent, j.why(err))
				break
			}
			if next, err = comments.ParseRedditThread(capture.Body, j.pageURL); err != nil {
				r.miss("Reddit replies below %s unreadable (%v)", parent, err)
				break
			}
		} else {
			// One call takes up to redditMoreBatch IDs, from any stubs.
			ids := m.Children
			var rest []comments.RedditMore
			for _, o := range more {
				if len(o.Children) > 0 && len(ids) < redditMoreBatch {
					ids = append(ids, o.Children...)
					continue
				}
				rest = append(rest, o)
			}
			if len(ids) > redditMoreBatch {
				rest = append([]comments.RedditMore{{Parent: m.Parent, Children: ids[redditMoreBatch:]}}, rest...)
				ids = ids[:redditMoreBatch]
			}
			more = rest
			q := url.Values{}
			q.Set("api_type", "json")
			q.Set("link_id", p.LinkID)
			q.Set("children", strings.Join(ids, ","))
			q.Set("sort", "old")
			q.Set("raw_json", "1")
			capture, err := j.get(base+"/api/morechildren.json?"+q.Encode(), "application/json")
			if err != nil {
				r.miss("%d hidden Reddit comments not fetched (%s)", len(ids), j.why(err))
				break
			}
			if next, err = comments.ParseRedditMore(capture.Body, j.pageURL); err != nil {
				r.miss("%d hidden Reddit comments unreadable (%v)", len(ids), err)
				break
			}
		}
		all = comments.Merge(all, next.Comments)
		more = append(more, next.More...)
	}
	r.comments = comments.Merge(all, t.Comments)
	return r
}

// commento asks a Commento server for the page's comments.
func (j *job) commento(t comments.Thread) result {
	r := result{comments: t.Comments, handled: []string{comments.SystemCommento}}
	c, ok := comments.FindCommento(j.doc, j.pageURL)
	if j.c.opts.CommentoBase != "" {
		c.Origin, ok = j.c.opts.CommentoBase, ok || c.Domain != ""
	}
	if !ok {
		r.miss("commento thread not fetched: the page names no Commento server")
		return r
	}
	capture, err := j.postJSON(c.Origin+"/api/comment/list", comments.CommentoRequest(c))
	if err != nil {
		r.miss("commento thread not fetched (%s)", j.why(err))
		return r
	}
	cs, err := comments.ParseCommento(capture.Body)
	if err != nil {
		r.miss("commento thread unreadable (%v)", err)
		return r
	}
	r.comments = cs
	return r
}

// remark42 asks a Remark42 server for the page's comment tree.
func (j *job) remark42(t comments.Thread) result {
	r := result{comments: t.Comments, handled: []string{comments.SystemRemark42}}
	rk, ok := comments.FindRemark42(j.doc, j.pageURL)
	if j.c.opts.Remark42Base != "" && rk.SiteID != "" {
		rk.Host, ok = j.c.opts.Remark42Base, true
	}
	if !ok {
		r.miss("remark42 thread not fetched: the page names no Remark42 host")
		return r
	}
	q := url.Values{}
	q.Set("site", rk.SiteID)
	q.Set("url", rk.URL)
	q.Set("sort", "time")
	q.Set("format", "tree")
	capture, err := j.get(rk.Host+"/api/v1/find?"+q.Encode(), "application/json")
	if err != nil {
		r.miss("remark42 thread not fetched (%s)", j.why(err))
		return r
	}
	cs, count, err := comments.ParseRemark42(capture.Body)
	if err != nil {
		r.miss("remark42 thread unreadable (%v)", err)
		return r
	}
	r.comments, r.declared = cs, count
	return r
}

// substack reads a Substack post's comments from the publication's API.
func (j *job) substack(t comments.Thread) result {
	r := result{comments: t.Comments}
	s := comments.FindSubstack(j.doc, j.pageURL)
	if s.PostID == "" {
		r.miss("substack comments not fetched: the page shows no post ID")
		return r
	}
	r.declared = s.Declared
	capture, err := j.get(s.Origin+"/api/v1/post/"+s.PostID+"/comments?all_comments=true&sort=oldest_first", "application/json")
	if err != nil {
		r.miss("substack comments not fetched (%s)", j.why(err))
		return r
	}
	cs, err := comments.ParseSubstack(capture.Body)
	if err != nil {
		r.miss("substack comments unreadable (%v)", err)
		return r
	}
	r.comments = cs
	return r
}

// ghostPageSize is the page size asked of Ghost's comments API.
const ghostPageSize = 100

// ghost reads a Ghost post's native comments: the pages of top-level
// comments, then the replies each page leaves out.
func (j *job) ghost(t comments.Thread) result {
	r := result{comments: t.Comments}
	g := comments.FindGhost(j.doc, j.pageURL)
	if g.PostID == "" {
		r.miss("ghost comments not fetched: the page shows no post ID")
		return r
	}
	api := g.Base + "/members/api/comments/"
	var all []strata.Comment
	replies := map[string]int{}
	var order []string
	for page := 1; ; page++ {
		capture, err := j.get(fmt.Sprintf("%spost/%s/?limit=%d&page=%d", api, url.PathEscape(g.PostID), ghostPageSize, page), "application/json")
		if err != nil {
			r.miss("ghost comments page %d not fetched (%s)", page, j.why(err))
			break
		}
		p, err := comments.ParseGhostComments(capture.Body)
		if err != nil {
			r.miss("ghost comments page %d unreadable (%v)", page, err)
			break
		}
		all = comments.Merge(all, p.Comments)
		for _, c := range p.Comments {
			if n, ok := p.Replies[c.ID]; ok {
				replies[c.ID] = n
				order = append(order, c.ID)
			}
		}
		if page >= p.Pages {
			break
		}
	}
	for _, id := range order {
		last := ""
		for _, c := range all {
			if c.ParentID == id {
				last = c.ID
			}
		}
		for {
			u := fmt.Sprintf("%s%s/replies/?limit=%d", api, url.PathEscape(id), ghostPageSize)
			if last != "" {
				u += "&filter=" + url.QueryEscape("id:>'"+last+"'")
			}
			capture, err := j.get(u, "application/json")
			if err != nil {
				r.miss("ghost replies to %s not fetched (%s)", id, j.why(err))
				break
			}
			p, err := comments.ParseGhostComments(capture.Body)
			if err != nil {
				r.miss("ghost replies to %s unreadable (%v)", id, err)
				break
			}
			if len(p.Comments) == 0 {
				break
			}
			all = comments.Merge(all, p.Comments)
			last = p.Comments[len(p.Comments)-1].ID
			if p.Pages <= 1 {
				break
			}
		}
	}
	r.comments = comments.Merge(all, nil)
	return r
}

// discourseChunk is how many posts one posts.json call asks for.
const discourseChunk = 20

// discourse reads the topic an article embeds from the forum's JSON: the
// topic, then the posts its first reply leaves out.
func (j *job) discourse(t comments.Thread) result {
	r := result{comments: t.Comments, handled: []string{comments.SystemDiscourse}}
	d, ok := comments.FindDiscourse(j.doc, j.pageURL)
	if !ok {
		r.miss("discourse thread not fetched: the page names no discourseUrl")
		return r
	}
	if j.c.opts.DiscourseBase != "" {
		d.Base = j.c.opts.DiscourseBase + "/"
	}
	topic := d.TopicID
	if topic == "" {
		embed := d.EmbedURL
		if embed == "" {
			embed = j.pageURL.String()
		}
		capture, err := j.get(d.Base+"embed/comments?embed_url="+url.QueryEscape(embed), "")
		if err != nil {
			r.miss("discourse embed not fetched (%s)", j.why(err))
			return r
		}
		if topic = comments.DiscourseTopicID(capture.Body); topic == "" {
			r.miss("discourse embed names no topic")
			return r
		}
	}
	capture, err := j.get(d.Base+"t/"+topic+".json", "application/json")
	if err != nil {
		r.miss("discourse topic %s not fetched (%s)", topic, j.why(err))
		return r
	}
	tp, err := comments.ParseDiscourseTopic(capture.Body, d.Base)
	if err != nil {
		r.miss("discourse topic %s unreadable (%v)", topic, err)
		return r
	}
	posts := tp.Posts
	have := map[string]bool{}
	for _, p := range posts {
		have[p.ID] = true
	}
	var missing []string
	for _, id := range tp.Stream {
		if s := strconv.Itoa(id); !have[s] {
			missing = append(missing, s)
		}
	}
	for len(missing) > 0 {
		n := min(discourseChunk, len(missing))
		q := url.Values{}
		for _, id := range missing[:n] {
			q.Add("post_ids[]", id)
		}
		missing = missing[n:]
		capture, err := j.get(d.Base+"t/"+topic+"/posts.json?"+q.Encode(), "application/json")
		if err != nil {
			r.miss("discourse posts not fetched (%s)", j.why(err))
			break
		}
		more, err := comments.ParseDiscoursePosts(capture.Body, d.Base)
		if err != nil {
			r.miss("discourse posts unreadable (%v)", err)
			break
		}
		posts = append(posts, more...)
	}
	r.comments = comments.DiscourseThread(posts)
	if tp.Count > 0 {
		n := tp.Count - 1
		r.declared = &n
	}
	return r
}
