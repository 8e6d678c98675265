package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/block"
	"github.com/strata-archive/strata/scraper/comments"
	"github.com/strata-archive/strata/scraper/discover"
	"github.com/strata-archive/strata/scraper/fetch"
)

// seen is what the pipeline's Skip and Inspect hooks learnt of a page before
// extraction.
type seen struct {
	capture *strata.Capture
	sum     string // hex SHA-256 of the body
	// outcome is set when extraction was skipped: not modified,
	// unchanged, listing.
	outcome string
	blocked string // block.Detect's reason
	kind    string
	found   []strata.Page
}

// visit fetches one page and returns what to commit. It never returns an
// error: a failure is a failed visit, a stop an abandoned one.
func (c *crawler) visit(ctx context.Context, p strata.Page) result {
	begin := time.Now()
	if p.Kind == strata.KindFeed {
		r := c.visitFeed(ctx, p)
		r.took = time.Since(begin)
		return r
	}
	var s seen
	opts := scraper.ScrapeOptions{
		Header: conditional(p),
		Skip:   func(capture *strata.Capture) bool { return c.skip(&s, p, capture) },
		Inspect: func(capture *strata.Capture, doc *goquery.Document, base *url.URL) bool {
			return c.inspect(&s, p, doc, base)
		},
		Allow: c.scope.AllowedURL,
	}
	snap, capture, err := c.sc.ScrapeWith(ctx, p.URL, opts)
	at := c.now().UTC() // for due times
	// Checks carry the time of the fetch, as versions do.
	fetchedAt := time.Now().UTC().Truncate(time.Second)
	if capture != nil && !capture.FetchedAt.IsZero() {
		fetchedAt = capture.FetchedAt.UTC()
	}
	r := result{page: p, host: hostOf(p.URL), took: time.Since(begin)}
	if err != nil && ctx.Err() != nil {
		r.abandoned = true
		return r
	}
	next := p
	next.LastFetchAt = at
	if capture != nil {
		next.LastStatus = capture.Status
	} else {
		next.LastStatus = 0
	}
	if s.kind != "" {
		next.Kind = s.kind
	}
	status := next.LastStatus
	v := strata.Visit{Found: s.found}
	var sf scheduleFacts

	switch {
	case err != nil && errors.Is(err, scraper.ErrBlocked):
		// The pipeline's own check, on the page it parsed.
		s.blocked = strings.TrimPrefix(err.Error(), scraper.ErrBlocked.Error()+": ")
	case err != nil && capture != nil && len(capture.Body) > 0:
		// A block page may come with an error status (403, 503).
		s.blocked = block.Detect(capture, nil)
	}
	switch {
	case s.blocked != "":
		r.hostFault, sf.transient = true, true
		r.err = errors.New("blocked: " + s.blocked)
		c.fail(&v, &next, fetchedAt, status, ReasonBlocked, r.err)
	case err != nil && errors.Is(err, fetch.ErrRobots):
		// Never fetched: not a failure of the page nor of the host.
		r.err = err
		v.Outcome, v.Reason = strata.OutcomeSkipped, ReasonRobots
		next.Failures = 0
		next.LastStatus = 0
		sf.park = true // until robots.txt changes
	case err != nil:
		reason, hostFault := classify(err)
		r.hostFault, sf.transient = hostFault, hostFault
		r.hostOK = !hostFault && capture != nil
		r.err = err
		if reason == ReasonNotHTML && next.Kind != strata.KindArticle {
			sf.park = true // a document or an image: nothing to read
		}
		c.fail(&v, &next, fetchedAt, status, reason, err)
	case s.outcome == strata.OutcomeNotModified:
		r.hostOK = true
		next.Failures = 0
		c.record(&v, &next, strata.Check{At: fetchedAt, Status: status, Outcome: strata.OutcomeNotModified})
	case s.outcome == strata.OutcomeUnchanged:
		r.hostOK = true
		next.Failures = 0
		setValidators(&next, capture)
		c.record(&v, &next, strata.Check{At: fetchedAt, Status: status, Outcome: strata.OutcomeUnchanged})
	case s.outcome == strata.OutcomeListing:
		r.hostOK = true
		next.Failures = 0
		next.RawSHA256 = s.sum
		setValidators(&next, capture)
		v.Outcome = strata.OutcomeListing
	default:
		r.hostOK = true
		next.Failures = 0
		next.Kind = strata.KindArticle
		next.RawSHA256 = s.sum
		setValidators(&next, capture)
		if snap.PublishedAt != nil {
			next.PublishedAt = snap.PublishedAt.UTC()
		}
		noteComments(&next, &p, snap, at)
		next.FullExtract = threadBeyondPage(snap)
		v.Snapshot, v.Capture = snap, capture
	}
	c.site.Policy.schedule(&next, at, c.start, c.site.Depth, sf)
	v.Page = next
	r.visit = v
	return r
}

// fail makes v a failed visit. An article records a failed check; other
// pages are not in the archive and only count in the run.
func (c *crawler) fail(v *strata.Visit, next *strata.Page, at time.Time, status int, reason string, err error) {
	next.Failures++
	v.Reason = reason
	if next.Kind == strata.KindArticle {
		v.Check = &strata.Check{At: at, Status: status, Outcome: strata.OutcomeFailed, Error: err.Error()}
		return
	}
	v.Outcome = strata.OutcomeFailed
}

// record makes v a visit that records check: an article's, or for any
// other page only a count.
func (c *crawler) record(v *strata.Visit, next *strata.Page, check strata.Check) {
	if next.Kind == strata.KindArticle {
		v.Check = &check
		return
	}
	v.Outcome = check.Outcome
}

// skip is the Skip hook: it sees the capture before it is parsed and
// answers a 304 and an unchanged body without reading the page.
func (c *crawler) skip(s *seen, p strata.Page, capture *strata.Capture) bool {
	s.capture = capture
	if capture.Status == http.StatusNotModified {
		s.outcome = strata.OutcomeNotModified
		return true
	}
	sum := sha256.Sum256(capture.Body)
	s.sum = hex.EncodeToString(sum[:])
	if p.RawSHA256 == s.sum && p.Kind != strata.KindUnknown && !(p.Kind == strata.KindArticle && p.FullExtract) {
		s.outcome = strata.OutcomeUnchanged
		if p.Kind == strata.KindListing {
			s.outcome = strata.OutcomeListing
		}
		return true
	}
	return false
}

// inspect is the Inspect hook: it sees the page the pipeline parsed (HTML,
// no block page: the pipeline checked), collects the links (and, on start
// pages, the feeds), tells an article from a listing and whether to
// extract it.
func (c *crawler) inspect(s *seen, p strata.Page, doc *goquery.Document, base *url.URL) bool {
	if p.Depth < c.site.Depth {
		for _, u := range discover.Links(doc, base) {
			if np, ok := c.linkPage(u, p); ok {
				s.found = append(s.found, np)
			}
		}
	}
	if c.site.Discover && p.Source == strata.SourceStart {
		for _, u := range discover.FeedLinks(doc, base) {
			if n, err := strata.NormalizeURL(u); err == nil && c.scope.Allowed(n) {
				fp := strata.Page{URL: n, Site: c.site.Name, Source: strata.SourceFeed, Kind: strata.KindFeed, DiscoveredAt: c.start}
				fresh(&fp)
				s.found = append(s.found, fp)
			}
		}
	}
	s.kind = p.Kind
	if s.kind == strata.KindUnknown {
		s.kind = kindOf(discover.GuessArticleURL(p.URL) || discover.LooksLikeArticle(doc)) // the cheap test first
	}
	if s.kind == strata.KindListing {
		s.outcome = strata.OutcomeListing
		return true
	}
	return false
}

// linkPage is the page of a link found on from, if the crawl follows it.
func (c *crawler) linkPage(u string, from strata.Page) (strata.Page, bool) {
	depth := from.Depth + 1
	if depth > c.site.Depth || !c.scope.Follow(u) {
		return strata.Page{}, false
	}
	kind := strata.KindUnknown
	if article, known := c.scope.IsArticle(u); known {
		kind = kindOf(article)
	}
	if kind == strata.KindListing && depth >= c.site.Depth {
		return strata.Page{}, false // its links would not be followed
	}
	p := strata.Page{URL: u, Site: c.site.Name, Source: strata.SourceLink, Depth: depth, Kind: kind, DiscoveredAt: c.start}
	fresh(&p)
	return p, true
}

// visitFeed reads a feed and adds its articles to the frontier.
func (c *crawler) visitFeed(ctx context.Context, p strata.Page) result {
	entries, err := discover.Feed(ctx, c.f, p.URL, c.scope.Allowed)
	r := result{page: p, host: hostOf(p.URL)}
	if err != nil && ctx.Err() != nil {
		r.abandoned = true
		return r
	}
	at := c.now().UTC()
	next := p
	next.LastFetchAt = at
	v := strata.Visit{Outcome: strata.OutcomeListing}
	var pages []strata.Page
	for _, e := range entries {
		if c.scope.Follow(e.URL) {
			pages = append(pages, c.foundPage(e.URL, strata.SourceFeed, e.LastMod))
		}
	}
	if len(pages) > 0 {
		n, aerr := c.fr.AddPages(pages, c.mergeFound)
		if aerr != nil {
			// The archive's failure: the commit that follows meets it too.
			err = errors.Join(err, aerr)
		}
		r.added = n
	}
	var sf scheduleFacts
	if err != nil && len(entries) == 0 {
		reason, hostFault := classify(err)
		r.hostFault, sf.transient = hostFault, hostFault
		r.err = err
		c.fail(&v, &next, time.Now().UTC().Truncate(time.Second), 0, reason, err)
	} else {
		r.hostOK = true
		next.Failures = 0
		next.LastStatus = http.StatusOK
	}
	c.site.Policy.schedule(&next, at, c.start, c.site.Depth, sf)
	v.Page = next
	r.visit = v
	return r
}

// conditional returns the validators of p's last archived response as a
// conditional request's headers.
func conditional(p strata.Page) http.Header {
	if p.Kind == strata.KindUnknown || (p.ETag == "" && p.LastModified == "") {
		return nil
	}
	if p.Kind == strata.KindArticle && p.FullExtract {
		// Its thread lives beyond the page (an embed, further comment
		// pages): a 304 would skip the extraction that reads it.
		return nil
	}
	h := http.Header{}
	if p.ETag != "" {
		h.Set("If-None-Match", p.ETag)
	}
	if p.LastModified != "" {
		h.Set("If-Modified-Since", p.LastModified)
	}
	return h
}

// setValidators keeps the ETag and Last-Modified of a capture.
func setValidators(p *strata.Page, c *strata.Capture) {
	if c == nil || c.Header == nil {
		return
	}
	p.ETag = c.Header.Get("ETag")
	p.LastModified = c.Header.Get("Last-Modified")
}

// noteComments keeps the comment count and, when it grew, the time. At
// the first extraction the newest comment's time tells whether the thread
// is alive.
func noteComments(next, prev *strata.Page, snap *strata.Snapshot, at time.Time) {
	n := len(snap.Comments)
	if prev.RawSHA256 == "" || prev.Kind != strata.KindArticle {
		for _, cm := range snap.Comments {
			if cm.PostedAt != nil && cm.PostedAt.After(next.CommentsAt) && !cm.PostedAt.After(at) {
				next.CommentsAt = cm.PostedAt.UTC()
			}
		}
	} else if n > prev.Comments {
		next.CommentsAt = at
	}
	next.Comments = n
}

// threadBeyondPage reports whether a snapshot's thread comes from
// requests beyond the page itself (an embed, an API), which an identical
// page body does not rule out having changed.
//
// A Drupal thread with comments may: Drupal lists comments oldest first
// and pages them (?page=N), so a comment posted on the last page leaves
// the first page's body unchanged (a full node shows no count). The
// snapshot does not say whether its thread spanned pages, so every
// Drupal thread with comments is extracted again; a thread of one page
// costs that extraction only, nothing is fetched for it. One without
// comments has no further pages: its first comment changes the body.
func threadBeyondPage(snap *strata.Snapshot) bool {
	switch snap.CommentSystem {
	case "", comments.SystemWordPress, comments.SystemWpDiscuz:
		return false
	case comments.SystemDrupal:
		return len(snap.Comments) > 0
	}
	return true
}
