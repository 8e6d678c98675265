package crawl

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Site is what a crawl needs to know of one [[site]].
type Site struct {
	// Name identifies the site in the frontier and in run records.
	Name string
	// Hosts are the hosts the crawl may fetch from. When empty, the hosts
	// of the start URLs, sitemaps and feeds.
	Hosts []string
	// StartURLs are listing pages read every run for links (the home
	// page, a section). Without start URLs, sitemaps or feeds the crawl
	// starts from the home page of the first host.
	StartURLs []string
	// Sitemaps and Feeds are read for article URLs, besides those found
	// when Discover is set.
	Sitemaps []string
	Feeds    []string
	// ArticlePatterns and ExcludePatterns are regular expressions over
	// normalised URLs (see discover.NewScope).
	ArticlePatterns []string
	ExcludePatterns []string
	// Discover looks for sitemaps (robots.txt, then the usual places)
	// and feeds (<link rel=alternate> on start pages).
	Discover bool
	// Depth is how many links away from a start page the crawl goes.
	Depth int
	// MaxPages is the page budget of one run.
	MaxPages int
	// ErrorBudget is how many failures in a row stop the run's fetching
	// from a host.
	ErrorBudget int
	// Policy says when pages are due again.
	Policy Policy
}

// Defaults of a Site's numbers.
const (
	DefaultDepth       = 2
	DefaultMaxPages    = 1000
	DefaultErrorBudget = 10
)

// normalize fills in the defaults and checks the site.
func (s *Site) normalize() error {
	if s.Name == "" {
		return errors.New("site has no name")
	}
	if s.Depth <= 0 {
		s.Depth = DefaultDepth
	}
	if s.MaxPages <= 0 {
		s.MaxPages = DefaultMaxPages
	}
	if s.ErrorBudget <= 0 {
		s.ErrorBudget = DefaultErrorBudget
	}
	def := DefaultPolicy()
	if len(s.Policy.Tiers) == 0 {
		s.Policy.Tiers = def.Tiers
	}
	if s.Policy.CommentsActive == 0 {
		s.Policy.CommentsActive = def.CommentsActive
	}
	seeds := append(append(append([]string(nil), s.StartURLs...), s.Sitemaps...), s.Feeds...)
	if len(s.Hosts) == 0 {
		for _, raw := range seeds {
			if u, err := url.Parse(raw); err == nil && u.Hostname() != "" {
				s.Hosts = appendNew(s.Hosts, strings.ToLower(u.Hostname()))
			}
		}
	}
	if len(s.Hosts) == 0 {
		return fmt.Errorf("site %s: nothing to crawl: give hosts, start URLs, sitemaps or feeds", s.Name)
	}
	if len(seeds) == 0 {
		s.StartURLs = []string{"https://" + s.Hosts[0] + "/"}
	}
	return nil
}

// origins returns the scheme://host of each start URL, sitemap and feed,
// without duplicates: where robots.txt is read.
func (s *Site) origins() []string {
	var out []string
	for _, raw := range append(append(append([]string(nil), s.StartURLs...), s.Sitemaps...), s.Feeds...) {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		out = appendNew(out, u.Scheme+"://"+u.Host)
	}
	return out
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
