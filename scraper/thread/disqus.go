package thread

import (
	"net/url"
	"strconv"

	"github.com/strata-archive/strata/scraper/comments"
)

// disqusPageSize is the page size asked of threads/listPostsThreaded
// (the API's maximum).
const disqusPageSize = 100

// disqus fetches a Disqus thread: the embed page's first batch, then the
// API's further pages while the cursor says there are more.
func (j *job) disqus(t comments.Thread) result {
	// Until Disqus answers, what the page showed (a noscript fallback)
	// stands.
	r := result{comments: t.Comments, handled: []string{comments.SystemDisqus}}
	d, ok := comments.FindDisqus(j.doc, j.pageURL)
	if !ok {
		r.miss("disqus thread not fetched: the page names no Disqus shortname")
		return r
	}
	q := url.Values{}
	q.Set("base", "default")
	q.Set("f", d.Shortname)
	if d.Identifier != "" {
		q.Set("t_i", d.Identifier)
	}
	q.Set("t_u", d.URL)
	if d.Title != "" {
		q.Set("t_d", d.Title)
		q.Set("t_t", d.Title)
	}
	q.Set("s_o", "default")
	base := j.c.opts.DisqusBase
	capture, err := j.get(base+"/embed/comments/?"+q.Encode(), "")
	if err != nil {
		r.miss("disqus thread not fetched (%s)", j.why(err))
		return r
	}
	first, err := comments.ParseDisqusEmbed(capture.Body)
	if err != nil {
		r.miss("disqus thread unreadable (%v)", err)
		return r
	}
	all := first.Comments
	r.declared = first.Total
	key := j.c.opts.DisqusAPIKey
	if key == "" {
		key = first.APIKey
	}
	order := first.Order
	if order == "" {
		order = "desc"
	}
	cursor, more := first.Next, first.HasNext
	for pages := 1; more; pages++ {
		if key == "" {
			r.miss("disqus thread cut after its first page: further pages need a Disqus API key ([comments] disqus_api_key)")
			break
		}
		if first.ThreadID == "" {
			r.miss("disqus thread cut after its first page: the embed names no thread ID")
			break
		}
		q := url.Values{}
		q.Set("forum", d.Shortname)
		q.Set("thread", first.ThreadID)
		q.Set("limit", strconv.Itoa(disqusPageSize))
		q.Set("order", order)
		q.Set("cursor", cursor)
		q.Set("api_key", key)
		capture, err := j.get(base+"/api/3.0/threads/listPostsThreaded.json?"+q.Encode(), "application/json")
		if err != nil {
			r.miss("disqus page %d not fetched (%s)", pages+1, j.why(err))
			break
		}
		p, err := comments.ParseDisqusPosts(capture.Body)
		if err != nil {
			r.miss("disqus page %d unreadable (%v)", pages+1, err)
			break
		}
		all = comments.Merge(all, p.Comments)
		if p.HasNext && p.Next == cursor {
			r.miss("disqus cursor did not advance after page %d", pages+1)
			break
		}
		cursor, more = p.Next, p.HasNext
	}
	r.comments = comments.Merge(all, nil)
	return r
}
