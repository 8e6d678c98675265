package discover

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/strata-archive/strata/scraper/fetch"
)

// RobotsInfo is what robots.txt says beyond allow and deny, which the
// fetcher already obeys.
type RobotsInfo struct {
	// Sitemaps are the absolute URLs of the Sitemap lines, in file order,
	// without duplicates. Sitemap lines belong to no group: all count.
	Sitemaps []string
	// CrawlDelay is the Crawl-delay of the group that applies to the user
	// agent (the most specific one, else "*"); zero when none is given.
	// It is returned as written: callers cap absurd values.
	CrawlDelay time.Duration
}

// Robots reads siteURL's /robots.txt through f. A 4xx answer means no
// robots.txt: empty info, no error. So does a robots.txt that forbids its
// own URL (the fetcher then refuses to fetch it). Other failures, such as
// a 5xx answer (which the fetcher takes as "disallow all"), are errors.
//
// userAgent should be the fetcher's User-Agent: groups are chosen the way
// the fetcher chooses them for allow and deny, by case-insensitive prefix
// ("User-agent: strata" applies to "strata/1.0 (+mailto:…)").
func Robots(ctx context.Context, f *fetch.Fetcher, siteURL string, userAgent string) (RobotsInfo, error) {
	u, err := url.Parse(siteURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return RobotsInfo{}, fmt.Errorf("robots.txt: %q is not an http(s) URL", siteURL)
	}
	robotsURL := u.Scheme + "://" + u.Host + "/robots.txt"
	c, err := get(ctx, f, robotsURL, acceptRobots, nil)
	if err != nil {
		var se *fetch.StatusError
		switch {
		case errors.As(err, &se) && se.Status >= 400 && se.Status < 500:
			return RobotsInfo{}, nil
		case errors.Is(err, fetch.ErrRobots):
			return RobotsInfo{}, nil
		}
		return RobotsInfo{}, fmt.Errorf("robots.txt %s: %w", robotsURL, err)
	}
	return ParseRobots(c.Body, finalURL(c), userAgent), nil
}

// ParseRobots reads the Sitemap lines and the Crawl-delay for userAgent
// from a robots.txt body fetched from robotsURL (relative Sitemap URLs
// resolve against it). A file the strict parser rejects still gives its
// Sitemap lines.
func ParseRobots(body []byte, robotsURL, userAgent string) RobotsInfo {
	var info RobotsInfo
	var sitemaps []string
	if data, err := robotstxt.FromBytes(body); err == nil {
		sitemaps = data.Sitemaps
		if g := data.FindGroup(userAgent); g != nil {
			info.CrawlDelay = g.CrawlDelay
		}
	} else {
		sitemaps = sitemapLines(body)
	}
	base, _ := url.Parse(robotsURL)
	seen := map[string]bool{}
	for _, s := range sitemaps {
		n, ok := resolve(base, s)
		if !ok || seen[n] {
			continue
		}
		seen[n] = true
		info.Sitemaps = append(info.Sitemaps, n)
	}
	return info
}

// sitemapLines finds the Sitemap lines of a robots.txt by hand.
func sitemapLines(body []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 64<<10)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), "sitemap") {
			out = append(out, strings.TrimSpace(v))
		}
	}
	return out
}

// DefaultSitemaps are the conventional sitemap locations of siteURL's
// host, tried when robots.txt names none: /wp-sitemap.xml (WordPress
// core), /sitemap.xml, /sitemap_index.xml (Yoast, Rank Math). Try them in
// order and stop at the first that reads: /sitemap.xml often redirects to
// one of the others.
func DefaultSitemaps(siteURL string) []string {
	u, err := url.Parse(siteURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	root := strings.ToLower(u.Scheme + "://" + u.Host)
	return []string{root + "/wp-sitemap.xml", root + "/sitemap.xml", root + "/sitemap_index.xml"}
}
