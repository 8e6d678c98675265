package config

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
)

// Site is one [[site]] table: the rules for one web site, used when its
// pages are extracted and when it is crawled.
type Site struct {
	// Name identifies the site in commands (crawl --site NAME) and errors.
	Name string `toml:"name"`
	// Hosts are the host names the site's rules apply to, and the only
	// hosts a crawl of it may fetch ("example.org" also covers
	// "www.example.org").
	Hosts []string `toml:"hosts"`

	// Crawling.

	// StartURLs are fetched first and their links followed.
	StartURLs []string `toml:"start_urls"`
	// Sitemaps and Feeds list article URLs; more are discovered.
	Sitemaps []string `toml:"sitemaps"`
	Feeds    []string `toml:"feeds"`
	// ArticlePatterns are regular expressions an article URL matches;
	// ExcludePatterns are never fetched.
	ArticlePatterns []string `toml:"article_patterns"`
	ExcludePatterns []string `toml:"exclude_patterns"`
	// Depth is how many links away from the start URLs a crawl goes.
	Depth int `toml:"depth"`
	// MaxPages is the page budget of one run.
	MaxPages int `toml:"max_pages"`
	// Delay, Parallelism, UserAgent and Robots override [fetch] for the site.
	Delay       Duration `toml:"delay"`
	Parallelism int      `toml:"parallelism"`
	UserAgent   string   `toml:"user_agent"`
	Robots      *bool    `toml:"robots"`
	// Schedule is a cron expression for `strata schedule`.
	Schedule string `toml:"schedule"`
	// MaxCommentRequests caps the extra requests (comment pages, REST,
	// AJAX, embeds) made for one article's thread.
	MaxCommentRequests int `toml:"max_comment_requests"`
	// SiteCrawl holds the other crawl keys (config/crawl.go).
	SiteCrawl

	// Extraction.

	// Selectors override the extractor for this site's pages.
	Selectors Selectors `toml:"selectors"`
}

// Selectors are CSS selectors that override automatic extraction. Empty
// ones leave the automatic rules in place.
type Selectors struct {
	Title      string `toml:"title"`
	Body       string `toml:"body"`
	Date       string `toml:"date"`
	Authors    string `toml:"authors"`
	Categories string `toml:"categories"`
	Tags       string `toml:"tags"`
	Comments   string `toml:"comments"`
	// Strip lists elements removed from the body before it is read.
	Strip []string `toml:"strip"`
}

// validate checks one site; errors name the site and the key.
func (s *Site) validate(i int) error {
	name := s.Name
	if name == "" {
		return fmt.Errorf("site #%d: name is required", i+1)
	}
	fail := func(key, format string, args ...any) error {
		return fmt.Errorf("site %q: %s: %s", name, key, fmt.Sprintf(format, args...))
	}
	for _, h := range s.Hosts {
		if h == "" || strings.ContainsAny(h, "/: ") {
			return fail("hosts", "%q is not a host name (write example.org, not a URL)", h)
		}
	}
	for key, list := range map[string][]string{"article_patterns": s.ArticlePatterns, "exclude_patterns": s.ExcludePatterns} {
		for _, p := range list {
			if _, err := regexp.Compile(p); err != nil {
				return fail(key, "bad regular expression %q: %v", p, err)
			}
		}
	}
	sel := s.Selectors
	for key, v := range map[string]string{
		"selectors.title": sel.Title, "selectors.body": sel.Body, "selectors.date": sel.Date,
		"selectors.authors": sel.Authors, "selectors.categories": sel.Categories,
		"selectors.tags": sel.Tags, "selectors.comments": sel.Comments,
	} {
		if err := checkSelector(v); err != nil {
			return fail(key, "%v", err)
		}
	}
	for _, v := range sel.Strip {
		if err := checkSelector(v); err != nil {
			return fail("selectors.strip", "%v", err)
		}
	}
	switch {
	case s.Depth < 0:
		return fail("depth", "must not be negative")
	case s.MaxPages < 0:
		return fail("max_pages", "must not be negative")
	case s.Parallelism < 0:
		return fail("parallelism", "must not be negative")
	case s.Delay.Duration < 0:
		return fail("delay", "must not be negative")
	case s.MaxCommentRequests < 0:
		return fail("max_comment_requests", "must not be negative")
	}
	return s.validateCrawl(fail)
}

func checkSelector(sel string) error {
	if sel == "" {
		return nil
	}
	if _, err := cascadia.ParseGroup(sel); err != nil {
		return fmt.Errorf("bad CSS selector %q: %v", sel, err)
	}
	return nil
}

// SiteFor returns the site whose hosts include host (or a parent domain
// of it), or nil.
func (c *Config) SiteFor(host string) *Site {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	for i := range c.Sites {
		for _, h := range c.Sites[i].Hosts {
			h = strings.ToLower(h)
			if host == h || strings.HasSuffix(host, "."+h) {
				return &c.Sites[i]
			}
		}
	}
	return nil
}

// Site returns the site called name, or nil.
func (c *Config) Site(name string) *Site {
	for i := range c.Sites {
		if c.Sites[i].Name == name {
			return &c.Sites[i]
		}
	}
	return nil
}
