package thread

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
	"github.com/strata-archive/strata/scraper/fetch"
)

// DefaultMaxRequests is the default cap on the extra requests made for
// one article's thread.
const DefaultMaxRequests = 50

// Default origins of the third-party comment services.
const (
	DefaultDisqusBase    = "https://disqus.com"
	DefaultHackerNewsAPI = "https://hacker-news.firebaseio.com"
	DefaultRedditBase    = "https://www.reddit.com"
)

// Options configures a Completer. Zero values take the defaults noted.
type Options struct {
	// MaxRequests caps the extra requests (comment pages, REST pages,
	// AJAX batches, embeds, API calls) made for one article
	// (DefaultMaxRequests). A thread cut by the cap is marked incomplete.
	MaxRequests int
	// MaxRequestsFor, when set, returns the cap for the article at u,
	// such as a per-site setting; 0 means MaxRequests.
	MaxRequestsFor func(u *url.URL) int
	// DisqusBase is the origin of Disqus's embed pages and API
	// (DefaultDisqusBase).
	DisqusBase string
	// DisqusAPIKey is the public API key for Disqus's
	// threads/listPostsThreaded, needed for the pages after the first. When
	// empty, a key named in the embed page is used if there is one;
	// otherwise only the first page is captured, and the note says so.
	DisqusAPIKey string
	// HackerNewsAPI is the origin of the Hacker News API
	// (DefaultHackerNewsAPI), used when an item page shows no comments.
	HackerNewsAPI string
	// RedditBase is the origin whose .json threads are read for Reddit
	// pages (DefaultRedditBase).
	RedditBase string
	// CommentoBase, Remark42Base and DiscourseBase replace the origin the
	// page names for these services; empty means the page's.
	CommentoBase  string
	Remark42Base  string
	DiscourseBase string
}

func (o *Options) defaults() {
	if o.MaxRequests <= 0 {
		o.MaxRequests = DefaultMaxRequests
	}
	if o.DisqusBase == "" {
		o.DisqusBase = DefaultDisqusBase
	}
	if o.HackerNewsAPI == "" {
		o.HackerNewsAPI = DefaultHackerNewsAPI
	}
	if o.RedditBase == "" {
		o.RedditBase = DefaultRedditBase
	}
	for _, p := range []*string{&o.DisqusBase, &o.HackerNewsAPI, &o.RedditBase, &o.CommentoBase, &o.Remark42Base, &o.DiscourseBase} {
		*p = strings.TrimSuffix(*p, "/")
	}
}

// Completer fetches the parts of comment threads that article pages do
// not show. It is safe for concurrent use.
type Completer struct {
	f    *fetch.Fetcher
	opts Options
}

// New returns a Completer whose requests go through f, so that they keep
// the same robots.txt rules, per-host delay and parallelism, retries and
// User-Agent as the article fetches.
func New(f *fetch.Fetcher, opts Options) *Completer {
	opts.defaults()
	return &Completer{f: f, opts: opts}
}

// Complete returns t, the thread comments.Parse read from the article
// page, completed with what the comment system serves elsewhere: further
// comment pages, the WordPress REST API, wpDiscuz batches, the Disqus
// embed and API, and the other systems the package documentation lists.
//
// doc is the parsed article page and page its capture. Complete never
// fails: what it could not fetch is said in the returned Note, and
// Complete is true only when the whole thread was captured. A thread of a
// system it does not fetch comes back unchanged.
func (c *Completer) Complete(ctx context.Context, doc *goquery.Document, page *strata.Capture, t comments.Thread) comments.Thread {
	if page == nil || doc == nil {
		return t
	}
	raw := page.FinalURL
	if raw == "" {
		raw = page.URL
	}
	pageURL, err := url.Parse(raw)
	if err != nil {
		return t
	}
	sys := t.System
	if sys == "" {
		sys = detect(doc, pageURL)
	}
	run, ok := systems[sys]
	if !ok || nothingToFetch(sys, t) {
		return t
	}
	j := &job{
		c:       c,
		ctx:     ctx,
		doc:     doc,
		page:    page,
		pageURL: pageURL,
		budget:  c.opts.MaxRequests,
	}
	if c.opts.MaxRequestsFor != nil {
		if n := c.opts.MaxRequestsFor(pageURL); n > 0 {
			j.budget = n
		}
	}
	r := run(j, t)
	t.System = sys
	return j.finish(t, r)
}

// systems maps a comment system to the procedure that completes it.
var systems = map[string]func(*job, comments.Thread) result{
	comments.SystemWordPress:  (*job).wordpress,
	comments.SystemWpDiscuz:   (*job).wordpress,
	comments.SystemDisqus:     (*job).disqus,
	comments.SystemBlogger:    (*job).blogger,
	comments.SystemDiscourse:  (*job).discourse,
	comments.SystemHackerNews: (*job).hackerNews,
	comments.SystemReddit:     (*job).reddit,
	comments.SystemCommento:   (*job).commento,
	comments.SystemRemark42:   (*job).remark42,
	comments.SystemSubstack:   (*job).substack,
	comments.SystemGhost:      (*job).ghost,
	comments.SystemDrupal:     (*job).drupal,
}

// nothingToFetch reports whether t, of system sys, leaves nothing to
// fetch, so that Complete returns it as Parse read it: a Drupal thread
// without other comment pages.
func nothingToFetch(sys string, t comments.Thread) bool {
	return sys == comments.SystemDrupal && len(t.PageURLs) == 0
}

// detect names a system that comments.Parse leaves unnamed because its
// page holds no comment markup: Reddit threads, Substack and Ghost posts.
func detect(doc *goquery.Document, pageURL *url.URL) string {
	switch {
	case comments.IsRedditPage(doc, pageURL):
		return comments.SystemReddit
	case comments.FindSubstack(doc, pageURL).PostID != "":
		return comments.SystemSubstack
	case comments.FindGhost(doc, pageURL).PostID != "":
		return comments.SystemGhost
	}
	return ""
}

// result is what a system's procedure found.
type result struct {
	// comments is the thread in thread order.
	comments []strata.Comment
	// declared is the count the comment system states, used when the page
	// states none.
	declared *int
	// missing says why the thread is not whole; empty when it is.
	missing []string
	// notes say what could not be fetched without making the thread
	// incomplete.
	notes []string
	// handled names the systems of Thread.Widgets this procedure covered.
	handled []string
}

func (r *result) miss(format string, args ...any) {
	r.missing = append(r.missing, fmt.Sprintf(format, args...))
}

func (r *result) note(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
}

// job is the completion of one article's thread.
type job struct {
	c       *Completer
	ctx     context.Context
	doc     *goquery.Document
	page    *strata.Capture
	pageURL *url.URL
	// site is the page's UTC offset, read on first use (siteLocation):
	// most threads need none.
	site     *time.Location
	siteRead bool

	budget, used int
	capped       bool
}

// siteLocation returns the site's UTC offset as the page reveals it
// (comments.SiteLocation), or nil.
func (j *job) siteLocation() *time.Location {
	if !j.siteRead {
		j.site = comments.SiteLocation(j.doc)
		j.siteRead = true
	}
	return j.site
}

// errCapped means the article's request budget is spent.
var errCapped = errors.New("request cap reached")

// do makes one extra request, if the budget allows.
func (j *job) do(req fetch.Request) (*strata.Capture, error) {
	if err := j.ctx.Err(); err != nil {
		return nil, err
	}
	if j.used >= j.budget {
		j.capped = true
		return nil, errCapped
	}
	j.used++
	return j.c.f.Do(j.ctx, req)
}

// get fetches rawURL, asking for accept (HTML when empty).
func (j *job) get(rawURL, accept string) (*strata.Capture, error) {
	h := http.Header{}
	if accept != "" {
		h.Set("Accept", accept)
	}
	h.Set("Referer", j.pageURL.String())
	return j.do(fetch.Request{URL: rawURL, Header: h})
}

// post sends a form, as the browser scripts of comment systems do.
func (j *job) post(rawURL string, form url.Values) (*strata.Capture, error) {
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
	h.Set("Accept", "application/json, text/javascript, */*; q=0.01")
	h.Set("X-Requested-With", "XMLHttpRequest")
	h.Set("Referer", j.pageURL.String())
	return j.do(fetch.Request{Method: http.MethodPost, URL: rawURL, Body: []byte(form.Encode()), Header: h})
}

// postJSON sends a JSON body.
func (j *job) postJSON(rawURL string, body []byte) (*strata.Capture, error) {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Accept", "application/json")
	h.Set("Referer", j.pageURL.String())
	return j.do(fetch.Request{Method: http.MethodPost, URL: rawURL, Body: body, Header: h})
}

// why describes a failed request for a note: "blocked by robots.txt",
// "HTTP 404", "stopped at the cap of 50 requests", or the error.
func (j *job) why(err error) string {
	var se *fetch.StatusError
	switch {
	case errors.Is(err, errCapped):
		return "request cap reached"
	case errors.Is(err, fetch.ErrRobots):
		return "blocked by robots.txt"
	case errors.As(err, &se):
		return fmt.Sprintf("HTTP %d", se.Status)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "interrupted"
	}
	return err.Error()
}

// parseHTML parses a fetched HTML page, decoding its charset.
func parseHTML(c *strata.Capture) (*goquery.Document, *url.URL, error) {
	body := c.Body
	if enc, name, _ := charset.DetermineEncoding(body, c.ContentType()); name != "utf-8" {
		if b, err := enc.NewDecoder().Bytes(body); err == nil {
			body = b
		}
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("parse html: %w", err)
	}
	raw := c.FinalURL
	if raw == "" {
		raw = c.URL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("parse url %q: %w", raw, err)
	}
	doc.Url = u
	return doc, u, nil
}

// finish turns a procedure's result into the completed thread.
func (j *job) finish(t comments.Thread, r result) comments.Thread {
	if r.comments == nil {
		r.comments = []strata.Comment{}
	}
	t.Comments = r.comments
	if t.Declared == nil && r.declared != nil {
		n := *r.declared
		t.Declared = &n
	}
	missing := r.missing
	if j.capped {
		missing = append([]string{fmt.Sprintf("stopped at the cap of %d extra requests for this article", j.budget)}, missing...)
	}
	if t.Declared != nil && *t.Declared > len(t.Comments) {
		missing = append(missing, fmt.Sprintf("captured %d of %d declared comments", len(t.Comments), *t.Declared))
	}
	notes := r.notes
	for _, w := range t.Widgets {
		if w == t.System || contains(r.handled, w) {
			continue
		}
		missing = append(missing, comments.WidgetNote(w, false))
	}
	t.Complete = len(missing) == 0
	t.Note = strings.Join(append(missing, notes...), "; ")
	t.LoadMore = false
	t.Collapsed = nil
	return t
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
