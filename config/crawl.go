package config

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
)

// SiteCrawl holds the [[site]] keys that only crawls read, beside the
// crawl keys of Site (start_urls, depth, max_pages, schedule…).
type SiteCrawl struct {
	// Discover looks for sitemaps (robots.txt, /wp-sitemap.xml,
	// /sitemap.xml) and feeds (<link rel=alternate>) beyond those listed
	// (true by default).
	Discover *bool `toml:"discover"`
	// ErrorBudget is how many failures in a row (timeouts, 5xx, refused
	// connections, block pages) one host may give in a run before the run
	// stops fetching from it (DefaultErrorBudget).
	ErrorBudget int `toml:"error_budget"`
	// Revisit is the [site.revisit] table: when known pages are due again.
	Revisit Revisit `toml:"revisit"`
}

// Revisit is a site's revisit policy. An article is due again after the
// Every of the first tier whose MaxAge its age does not exceed, its age
// being the time since it was published (else since a sitemap or feed
// dated it, else since it was first seen). While comments keep arriving it
// is revisited at the first tier's pace.
type Revisit struct {
	// Tiers are the [[site.revisit.tier]] tables, by increasing MaxAge;
	// the last may leave MaxAge out to cover every older article.
	Tiers []RevisitTier `toml:"tier"`
	// CommentsActive keeps an article at the first tier's pace while its
	// comment count grew within this long (DefaultCommentsActive).
	CommentsActive Duration `toml:"comments_active"`
	// ListingEvery is how often listing pages (start URLs and pages of
	// links), sitemaps and feeds are read again; zero means every run.
	ListingEvery Duration `toml:"listing_every"`
}

// RevisitTier is one age band of a revisit policy.
type RevisitTier struct {
	// MaxAge is the oldest age the tier covers; zero means no limit.
	MaxAge Duration `toml:"max_age"`
	// Every is the time between two visits.
	Every Duration `toml:"every"`
}

// Defaults of the crawl keys.
const (
	DefaultDepth          = 2
	DefaultMaxPages       = 1000
	DefaultErrorBudget    = 10
	DefaultCommentsActive = 24 * time.Hour
)

// DefaultRevisitTiers are the tiers used when a site sets none: hourly for
// two days, daily for two weeks, weekly for three months, then monthly.
func DefaultRevisitTiers() []RevisitTier {
	d := func(v time.Duration) Duration { return Duration{v} }
	return []RevisitTier{
		{MaxAge: d(48 * time.Hour), Every: d(time.Hour)},
		{MaxAge: d(14 * 24 * time.Hour), Every: d(24 * time.Hour)},
		{MaxAge: d(90 * 24 * time.Hour), Every: d(7 * 24 * time.Hour)},
		{Every: d(30 * 24 * time.Hour)},
	}
}

// AutoDiscover reports whether sitemaps and feeds are looked for.
func (s *Site) AutoDiscover() bool { return s.Discover == nil || *s.Discover }

// CrawlDepth is the link depth of a crawl: Depth, else DefaultDepth.
func (s *Site) CrawlDepth() int {
	if s.Depth > 0 {
		return s.Depth
	}
	return DefaultDepth
}

// PageBudget is the number of pages one run may fetch: MaxPages, else
// DefaultMaxPages.
func (s *Site) PageBudget() int {
	if s.MaxPages > 0 {
		return s.MaxPages
	}
	return DefaultMaxPages
}

// HostErrorBudget is ErrorBudget, else DefaultErrorBudget.
func (s *Site) HostErrorBudget() int {
	if s.ErrorBudget > 0 {
		return s.ErrorBudget
	}
	return DefaultErrorBudget
}

// RevisitPolicy returns the site's revisit policy with the defaults
// filled in.
func (s *Site) RevisitPolicy() Revisit {
	r := s.Revisit
	if len(r.Tiers) == 0 {
		r.Tiers = DefaultRevisitTiers()
	}
	if r.CommentsActive.Duration == 0 {
		r.CommentsActive.Duration = DefaultCommentsActive
	}
	return r
}

// ParseSchedule parses a cron expression as `strata schedule` reads it:
// five fields (minute, hour, day of month, month, day of week) or a
// descriptor such as @hourly, @daily or "@every 90m", optionally after
// "CRON_TZ=Europe/Paris ".
func ParseSchedule(expr string) (cron.Schedule, error) {
	return cron.ParseStandard(expr)
}

// validateCrawl checks the crawl keys of a site; fail names the site.
func (s *Site) validateCrawl(fail func(key, format string, args ...any) error) error {
	if s.Schedule != "" {
		if _, err := ParseSchedule(s.Schedule); err != nil {
			return fail("schedule", "bad cron expression %q: %v (write five fields such as \"0 * * * *\", or @hourly)", s.Schedule, err)
		}
	}
	if s.ErrorBudget < 0 {
		return fail("error_budget", "must not be negative")
	}
	r := s.Revisit
	switch {
	case r.CommentsActive.Duration < 0:
		return fail("revisit.comments_active", "must not be negative")
	case r.ListingEvery.Duration < 0:
		return fail("revisit.listing_every", "must not be negative")
	}
	var last time.Duration
	for i, t := range r.Tiers {
		key := fmt.Sprintf("revisit.tier[%d]", i+1)
		switch {
		case t.Every.Duration <= 0:
			return fail(key+".every", "must be set and positive")
		case t.MaxAge.Duration < 0:
			return fail(key+".max_age", "must not be negative")
		case t.MaxAge.Duration == 0 && i != len(r.Tiers)-1:
			return fail(key+".max_age", "only the last tier may leave max_age out")
		case t.MaxAge.Duration != 0 && t.MaxAge.Duration <= last:
			return fail(key+".max_age", "tiers must be listed by increasing max_age")
		}
		last = t.MaxAge.Duration
	}
	return nil
}
