package crawl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/discover"
	"github.com/strata-archive/strata/scraper/fetch"
)

// Options configure a Run.
type Options struct {
	// Site is the site to crawl.
	Site Site
	// Frontier holds the pages and the run records.
	Frontier strata.Frontier
	// Fetch are the fetch settings of the site (user agent, robots,
	// parallelism and delay per host, timeouts, retries). The delay is
	// raised to robots.txt's Crawl-delay when that is longer.
	Fetch fetch.Options
	// NewScraper builds the pipeline from the settled fetch options; nil
	// means scraper.New.
	NewScraper func(fetch.Options) *scraper.Scraper
	// MaxPages overrides Site.MaxPages when positive.
	MaxPages int
	// Previous is the site's last completed run that read the sitemaps,
	// if any: sitemaps are read again once Policy.ListingEvery has passed
	// since it started, and then only the child sitemaps changed since.
	Previous *strata.Run
	// DryRun reads robots.txt, sitemaps and feeds but fetches no page and
	// writes nothing: Report gets each page that is due.
	DryRun bool
	Report func(strata.Page)
	// Now is the clock of due times (time.Now when nil). Politeness
	// always runs on the real clock.
	Now func() time.Time
	// Logger gets the run's events (nothing when nil).
	Logger *slog.Logger
	// Progress, when set, is called after each visit is committed.
	Progress func(Progress)
	// CommitEvery and CommitInterval bound a commit batch: it is written
	// once it holds CommitEvery visits (16) or its first visit is
	// CommitInterval old (1s).
	CommitEvery    int
	CommitInterval time.Duration
	// ShutdownGrace is how long a stopped run waits for its workers (3s).
	ShutdownGrace time.Duration
	// MaxCrawlDelay caps the Crawl-delay of robots.txt (1m).
	MaxCrawlDelay time.Duration
	// Workers overrides the number of workers (parallelism × hosts, at
	// most 16).
	Workers int
}

// Progress is a run's state after one more visit.
type Progress struct {
	// URL and Outcome describe the visit just committed.
	URL, Outcome string
	// Done counts the visits committed; Total is what the run expects to
	// make (due pages found so far, within the budget).
	Done, Total int
}

// Defaults of Options.
const (
	DefaultCommitEvery    = 16
	DefaultCommitInterval = time.Second
	DefaultShutdownGrace  = 3 * time.Second
	DefaultMaxCrawlDelay  = time.Minute
	maxWorkers            = 16
	// feedChunk is how many due pages the feeder reads at a time.
	feedChunk = 64
	// addChunk is how many discovered pages are added at a time.
	addChunk = 500
)

// crawler is the state of one run.
type crawler struct {
	opts   Options
	site   Site
	fr     strata.Frontier
	log    *slog.Logger
	now    func() time.Time
	start  time.Time // the run's start on opts.Now: the due cutoff
	budget int
	scope  *discover.Scope
	sc     *scraper.Scraper
	f      *fetch.Fetcher
	fetch  fetch.Options // as settled, for logs and tests

	quit      chan struct{} // closed when the committer stops listening
	committed chan struct{} // signalled after each commit

	mu       sync.Mutex
	inflight map[string]bool // pages handed out and not yet committed
	// recent holds the pages committed since the feeder last read the
	// frontier: the chunk it holds may still list them as due.
	recent     map[string]bool
	dispatched int             // pages handed out, less those abandoned
	stopped    map[string]bool // hosts over the error budget
	failures   map[string]int  // failures in a row per host
	total      int
	done       int
}

// Run makes one run of opts.Site and returns its record, which is also
// stored (unless DryRun). The error is nil for a run that completed; one
// wrapping ctx's error for a stopped run (status interrupted); otherwise
// the error that stopped it (status failed). Failures of single pages are
// not errors: they are counted in the record.
func Run(ctx context.Context, opts Options) (*strata.Run, error) {
	c, err := newCrawler(opts)
	if err != nil {
		return nil, err
	}
	run := &strata.Run{Site: c.site.Name, Start: c.start, Status: strata.RunRunning}
	if !opts.DryRun {
		if err := c.fr.PutRun(run); err != nil {
			return nil, fmt.Errorf("crawl %s: %w", c.site.Name, err)
		}
	}
	c.log.Info("crawl started", "site", c.site.Name, "run", run.ID, "budget", c.budget)
	err = c.crawl(ctx, run)
	run.End = c.now().UTC()
	switch {
	case err == nil:
		run.Status = strata.RunCompleted
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		run.Status = strata.RunInterrupted
	default:
		run.Status = strata.RunFailed
		run.Error = err.Error()
	}
	if !opts.DryRun {
		if perr := c.fr.PutRun(run); perr != nil && err == nil {
			err = fmt.Errorf("crawl %s: %w", c.site.Name, perr)
		}
	}
	c.log.Info("crawl ended", "site", c.site.Name, "run", run.ID, "status", run.Status,
		"pages", run.Pages, "new", run.Outcomes[strata.OutcomeNew], "unchanged", run.Outcomes[strata.OutcomeUnchanged],
		"not_modified", run.Outcomes[strata.OutcomeNotModified], "failed", run.Outcomes[strata.OutcomeFailed],
		"discovered", run.Discovered, "duration", run.End.Sub(run.Start).Round(time.Millisecond))
	return run, err
}

func newCrawler(opts Options) (*crawler, error) {
	if opts.Frontier == nil {
		return nil, errors.New("crawl: no frontier")
	}
	site := opts.Site
	site.Hosts = append([]string(nil), site.Hosts...)
	if err := site.normalize(); err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	scope, err := discover.NewScope(site.Hosts, site.ArticlePatterns, site.ExcludePatterns)
	if err != nil {
		return nil, fmt.Errorf("crawl %s: %w", site.Name, err)
	}
	c := &crawler{
		opts:      opts,
		site:      site,
		fr:        opts.Frontier,
		log:       opts.Logger,
		now:       opts.Now,
		scope:     scope,
		budget:    site.MaxPages,
		quit:      make(chan struct{}),
		committed: make(chan struct{}, 1),
		inflight:  map[string]bool{},
		recent:    map[string]bool{},
		stopped:   map[string]bool{},
		failures:  map[string]int{},
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if opts.MaxPages > 0 {
		c.budget = opts.MaxPages
	}
	if c.opts.CommitEvery <= 0 {
		c.opts.CommitEvery = DefaultCommitEvery
	}
	if c.opts.CommitInterval <= 0 {
		c.opts.CommitInterval = DefaultCommitInterval
	}
	if c.opts.ShutdownGrace <= 0 {
		c.opts.ShutdownGrace = DefaultShutdownGrace
	}
	if c.opts.MaxCrawlDelay <= 0 {
		c.opts.MaxCrawlDelay = DefaultMaxCrawlDelay
	}
	c.start = c.now().UTC()
	return c, nil
}

// crawl runs the steps of a run.
func (c *crawler) crawl(ctx context.Context, run *strata.Run) error {
	robots := c.readRobots(ctx)
	if err := ctx.Err(); err != nil {
		return err
	}
	fo := c.opts.Fetch
	if d := min(robots.CrawlDelay, c.opts.MaxCrawlDelay); d > fo.Delay {
		c.log.Info("robots.txt asks for a longer delay", "site", c.site.Name, "crawl_delay", robots.CrawlDelay, "delay", d)
		fo.Delay = d
	}
	c.fetch = fo
	if c.opts.NewScraper != nil {
		c.sc = c.opts.NewScraper(fo)
	} else {
		c.sc = scraper.New(fo)
	}
	c.f = c.sc.Fetcher()

	if err := c.seed(run); err != nil {
		return err
	}
	if err := c.walkSitemaps(ctx, run, robots.Sitemaps); err != nil {
		return err
	}
	if c.opts.DryRun {
		return c.report(ctx)
	}
	// The record now shows what discovery found.
	if err := c.fr.PutRun(run); err != nil {
		return fmt.Errorf("crawl %s: %w", c.site.Name, err)
	}
	due, err := c.fr.CountDue(c.site.Name, c.start)
	if err != nil {
		return fmt.Errorf("crawl %s: %w", c.site.Name, err)
	}
	c.total = min(due, c.budget)
	c.log.Info("pages due", "site", c.site.Name, "due", due, "budget", c.budget)
	return c.loop(ctx, run)
}

// readRobots reads robots.txt of each origin for its sitemaps and the
// longest Crawl-delay. Failures are logged: the fetcher applies robots.txt
// on its own.
func (c *crawler) readRobots(ctx context.Context) discover.RobotsInfo {
	var info discover.RobotsInfo
	if c.opts.Fetch.IgnoreRobots && !c.site.Discover {
		return info
	}
	fo := c.opts.Fetch
	fo.IgnoreRobots = true // the fetch of robots.txt itself
	f := fetch.New(fo)
	ua := fo.UserAgent
	if ua == "" {
		ua = "strata"
	}
	for _, origin := range c.site.origins() {
		ri, err := discover.Robots(ctx, f, origin, ua)
		if err != nil {
			if ctx.Err() == nil {
				c.log.Warn("robots.txt unreadable", "site", c.site.Name, "origin", origin, "err", err)
			}
			continue
		}
		for _, sm := range ri.Sitemaps {
			info.Sitemaps = appendNew(info.Sitemaps, sm)
		}
		if !c.opts.Fetch.IgnoreRobots {
			info.CrawlDelay = max(info.CrawlDelay, ri.CrawlDelay)
		}
	}
	return info
}

// seed adds the start URLs and the configured feeds to the frontier.
func (c *crawler) seed(run *strata.Run) error {
	var pages []strata.Page
	add := func(raw, kind, source string) {
		u, err := strata.NormalizeURL(raw)
		if err != nil || !c.scope.Allowed(u) {
			c.log.Warn("seed out of scope, skipped", "site", c.site.Name, "url", raw)
			return
		}
		if kind == strata.KindListing {
			if article, known := c.scope.IsArticle(u); known && article {
				kind = strata.KindArticle
			}
		}
		p := strata.Page{URL: u, Site: c.site.Name, Source: source, Kind: kind, DiscoveredAt: c.start}
		fresh(&p)
		pages = append(pages, p)
	}
	for _, raw := range c.site.StartURLs {
		add(raw, strata.KindListing, strata.SourceStart)
	}
	for _, raw := range c.site.Feeds {
		add(raw, strata.KindFeed, strata.SourceFeed)
	}
	if c.opts.DryRun || len(pages) == 0 {
		return nil
	}
	n, err := c.fr.AddPages(pages, nil)
	if err != nil {
		return fmt.Errorf("crawl %s: %w", c.site.Name, err)
	}
	run.Discovered += n
	return nil
}

// walkSitemaps reads the sitemaps (configured, from robots.txt, else the
// usual places) into the frontier, unless the last walk is more recent
// than Policy.ListingEvery.
func (c *crawler) walkSitemaps(ctx context.Context, run *strata.Run, fromRobots []string) error {
	var since time.Time
	if prev := c.opts.Previous; prev != nil && prev.SitemapsWalked {
		if c.start.Sub(prev.Start) < c.site.Policy.ListingEvery {
			return nil
		}
		// An hour of slack for clocks and lastmods that disagree.
		since = prev.Start.Add(-time.Hour)
	}
	sitemaps := append([]string(nil), c.site.Sitemaps...)
	if c.site.Discover {
		for _, sm := range fromRobots {
			sitemaps = appendNew(sitemaps, sm)
		}
	}
	tryDefaults := c.site.Discover && len(sitemaps) == 0
	if tryDefaults {
		for _, origin := range c.site.origins() {
			sitemaps = append(sitemaps, discover.DefaultSitemaps(origin)...)
		}
	}
	var batch []strata.Page
	flush := func() error {
		if len(batch) == 0 || c.opts.DryRun {
			batch = batch[:0]
			return nil
		}
		n, err := c.fr.AddPages(batch, c.mergeFound)
		batch = batch[:0]
		if err != nil {
			return fmt.Errorf("crawl %s: %w", c.site.Name, err)
		}
		run.Discovered += n
		return nil
	}
	readOne := map[string]bool{} // origins whose usual sitemap was read
	for _, sm := range sitemaps {
		origin := originOf(sm)
		if tryDefaults && readOne[origin] {
			continue
		}
		entries := 0
		// The filter also sees child sitemaps, which Follow would refuse.
		err := discover.Sitemap(ctx, c.f, sm, discover.SitemapOptions{Filter: c.scope.Allowed, ModifiedSince: since, MaxURLs: sitemapURLs}, func(e discover.Entry) error {
			if !c.scope.Follow(e.URL) {
				return nil
			}
			entries++
			batch = append(batch, c.foundPage(e.URL, strata.SourceSitemap, e.LastMod))
			if len(batch) >= addChunk {
				return flush()
			}
			return nil
		})
		if ferr := flush(); err == nil {
			err = ferr
		}
		run.SitemapEntries += entries
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil && errors.Is(err, strata.ErrLocked):
			return err
		case err != nil && entries == 0:
			if !tryDefaults {
				c.log.Warn("sitemap unreadable", "site", c.site.Name, "sitemap", sm, "err", err)
			}
			continue
		case err != nil:
			c.log.Warn("sitemap partly read", "site", c.site.Name, "sitemap", sm, "entries", entries, "err", err)
		}
		readOne[origin] = true
		run.SitemapsWalked = true
		c.log.Info("sitemap read", "site", c.site.Name, "sitemap", sm, "entries", entries)
	}
	return nil
}

// sitemapURLs bounds the page URLs one sitemap walk adds to the frontier:
// as many as the walk's files may hold (discover's default of 50,000
// would leave the rest of a bigger site undiscovered for good, since later
// runs skip child sitemaps not modified since). Entries reach the frontier
// in chunks, so memory does not grow with them.
const sitemapURLs = discover.DefaultMaxSitemaps * discover.MaxSitemapEntries

// foundPage is the page of a URL listed by a sitemap or feed: a leaf
// (its links are not followed: the sitemap lists them all), an article
// unless the patterns say otherwise.
func (c *crawler) foundPage(u, source string, lastMod time.Time) strata.Page {
	kind := strata.KindUnknown
	if article, known := c.scope.IsArticle(u); known {
		kind = kindOf(article)
	} else if source == strata.SourceFeed {
		kind = strata.KindArticle
	}
	p := strata.Page{URL: u, Site: c.site.Name, Source: source, Depth: c.site.Depth, Kind: kind,
		DiscoveredAt: c.start, LastMod: lastMod.UTC()}
	fresh(&p)
	return p
}

func kindOf(article bool) string {
	if article {
		return strata.KindArticle
	}
	return strata.KindListing
}

// mergeFound updates a known page that a sitemap or feed lists again with
// a later modification time: it is due at once, so that an edit is seen
// without waiting for its tier's pace.
func (c *crawler) mergeFound(stored *strata.Page, found strata.Page) bool {
	if found.LastMod.IsZero() || !found.LastMod.After(stored.LastMod) {
		return false
	}
	stored.LastMod = found.LastMod
	if stored.LastFetchAt.IsZero() {
		if stored.Kind == strata.KindUnknown {
			stored.Kind = found.Kind
		}
		fresh(stored) // newest first among the pages never fetched
		return true
	}
	if !stored.LastFetchAt.IsZero() && found.LastMod.After(stored.LastFetchAt) && stored.NextDue.After(c.start) {
		stored.NextDue = c.start
	}
	return true
}

// report lists the due pages of a dry run.
func (c *crawler) report(ctx context.Context) error {
	cursor := ""
	n := 0
	for n < c.budget {
		pages, next, err := c.fr.DuePages(c.site.Name, c.start, cursor, feedChunk)
		if err != nil {
			return fmt.Errorf("crawl %s: %w", c.site.Name, err)
		}
		if len(pages) == 0 {
			return nil
		}
		cursor = next
		for _, p := range pages {
			if n == c.budget || ctx.Err() != nil {
				return ctx.Err()
			}
			if c.opts.Report != nil {
				c.opts.Report(p)
			}
			n++
		}
	}
	return nil
}

// originOf returns scheme://host of raw.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// hostOf returns the host (with port) of raw, in lower case: the unit of
// politeness and of the error budget.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
