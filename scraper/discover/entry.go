package discover

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/fetch"
)

// Entry is a URL found by discovery.
type Entry struct {
	// URL is absolute and normalised (strata.NormalizeURL).
	URL string
	// LastMod is when the source says the page last changed (UTC); zero
	// if unknown.
	LastMod time.Time
	// Source says where the URL was found: SourceSitemap, SourceFeed or
	// SourceLink.
	Source string
}

// Sources of an Entry.
const (
	SourceSitemap = "sitemap"
	SourceFeed    = "feed"
	SourceLink    = "link"
)

// Accept headers sent with discovery requests.
const (
	acceptSitemap = "application/xml,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
	acceptFeed    = "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5"
	acceptRobots  = "text/plain,*/*;q=0.5"
)

// get fetches rawURL through f with an Accept header. A response with a
// success status that the fetcher still reports as an error (colly
// v2.3.0 counts 203 to 299 as errors) is returned as a success: its raw
// bytes are all that is read.
// allow, when not nil, keeps redirects within a scope (fetch.Request.Allow).
func get(ctx context.Context, f *fetch.Fetcher, rawURL, accept string, allow func(string) bool) (*strata.Capture, error) {
	req := fetch.Request{URL: rawURL, Header: http.Header{"Accept": {accept}}}
	if allow != nil {
		req.Allow = func(u *url.URL) bool { return allow(u.String()) }
	}
	c, err := f.Do(ctx, req)
	if err != nil {
		var se *fetch.StatusError
		if c != nil && errors.As(err, &se) && se.Status >= 200 && se.Status < 300 {
			return c, nil
		}
		return c, err
	}
	return c, nil
}

// finalURL is the URL relative references of a capture resolve against.
func finalURL(c *strata.Capture) string {
	if c.FinalURL != "" {
		return c.FinalURL
	}
	return c.URL
}
