package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gofrs/flock"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/config"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/crawl"
	"github.com/strata-archive/strata/scraper/fetch"
	"github.com/strata-archive/strata/store"
)

// errCrawlRunning means another crawl holds the archive's crawl lock.
var errCrawlRunning = errors.New("another crawl is running on this archive")

type crawlOptions struct {
	site      string
	maxPages  int
	dryRun    bool
	wait      bool
	logFormat string
	logLevel  string
	progress  string
	lockWait  time.Duration
}

func newCrawlCommand(g *globals) *cobra.Command {
	var opts crawlOptions
	cmd := &cobra.Command{
		Use:   "crawl [--site NAME] [--max-pages N] [--dry-run] [--wait]",
		Short: "Crawl the configured sites: find new articles, revisit what is due",
		Long: `crawl runs one crawl of each [[site]] of the config (or of --site NAME): it
reads robots.txt, the sitemaps and the feeds, follows links from the start URLs
within the site's hosts and depth, and fetches what is due, newest first, within
the page budget (max_pages, or --max-pages). Known articles are revisited by
their age and comment activity ([site.revisit]); conditional requests make an
unchanged page cheap. Each visit is committed with the page's state, so a crawl
killed at any moment resumes on the next run with nothing lost.

One crawl per archive at a time: a second one (cron firing while the last run
still goes) exits at once with status 12, or waits with --wait. Readers (show,
export, versions…) keep working while a crawl runs: it holds the archive file
only while it commits.

It prints one summary line per site; --log-level info or debug says more, as
text or JSON (--log-format) on standard error. A progress bar shows on a
terminal. Ctrl-C or SIGTERM stops within seconds, committing what was fetched.
--dry-run reads robots.txt, sitemaps and feeds and lists the pages due, fetching
no page and recording nothing. See the runs with strata runs.

Failures of single pages are counted in the run (strata runs), not in the exit
status: 0 means every run completed, 1 that a site's run stopped on an error
(printed), 12 that the crawl was skipped because another one runs.

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCrawl(cmd.Context(), g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.site, "site", "", "crawl only the [[site]] called NAME")
	f.IntVar(&opts.maxPages, "max-pages", 0, "page budget of this run (default: each site's max_pages)")
	f.BoolVar(&opts.dryRun, "dry-run", false, "list what is due without fetching pages or recording anything")
	f.BoolVar(&opts.wait, "wait", false, "wait for a running crawl of the archive to end instead of exiting with status 12")
	addLogFlags(f, &opts.logFormat, &opts.logLevel)
	f.StringVar(&opts.progress, "progress", "auto", "progress bar: auto (on a terminal), always or never")
	f.DurationVar(&opts.lockWait, "lock-timeout", store.DefaultSharedTimeout, "how long a commit waits for readers to let go of the archive before the run fails with status 11")
	return cmd
}

// addLogFlags adds --log-format and --log-level.
func addLogFlags(f interface {
	StringVar(p *string, name, value, usage string)
}, format, level *string) {
	f.StringVar(format, "log-format", "text", "log format on standard error: text or json")
	f.StringVar(level, "log-level", "warn", "log level: debug, info, warn or error")
}

// newLogger returns a logger writing to w as format says.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: use debug, info, warn or error", level)
	}
	ho := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, ho)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, ho)), nil
	}
	return nil, fmt.Errorf("--log-format %q: use text or json", format)
}

// crawlLock is the archive's crawl lock: a file beside it that one crawl
// (or schedule) process at a time holds with flock. The kernel releases
// it when the process dies, SIGKILL included.
type crawlLock struct{ fl *flock.Flock }

// crawlLockPath is the lock file of the archive at db.
func crawlLockPath(db string) string { return db + ".crawl.lock" }

// lockCrawl takes the crawl lock of the archive at db. When another
// process holds it, it fails with errCrawlRunning, or with wait keeps
// trying until ctx ends.
func lockCrawl(ctx context.Context, db string, wait bool) (*crawlLock, error) {
	path := crawlLockPath(db)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("crawl lock: %w", err)
	}
	fl := flock.New(path)
	ok, err := fl.TryLock()
	if err == nil && !ok {
		// `strata runs` tests the lock by taking it for an instant: try
		// for a moment before calling the archive busy, or without end
		// with wait.
		lctx, cancel := ctx, context.CancelFunc(func() {})
		if !wait {
			lctx, cancel = context.WithTimeout(ctx, lockGrace)
		}
		ok, err = fl.TryLockContext(lctx, 50*time.Millisecond)
		cancel()
		if !wait && errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			ok, err = false, nil
		}
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return nil, fmt.Errorf("crawl lock %s: %w", path, err)
	case !ok:
		return nil, fmt.Errorf("%w (%s is held); this run is skipped: pass --wait to wait for it", errCrawlRunning, path)
	}
	return &crawlLock{fl: fl}, nil
}

// lockGrace is how long a crawl without --wait tries for the crawl lock:
// long enough to outlast another process testing it, short enough that a
// crawl that is really running is reported at once.
const lockGrace = time.Second

// crawlRunning reports whether a crawl holds the lock of the archive at db.
func crawlRunning(db string) bool {
	fl := flock.New(crawlLockPath(db))
	ok, err := fl.TryLock()
	if err != nil {
		return false
	}
	if ok {
		_ = fl.Unlock()
		return false
	}
	return true
}

func (l *crawlLock) Unlock() { _ = l.fl.Unlock() }

// crawler runs crawls of the sites of a config into one archive.
type crawler struct {
	cfg    *config.Config
	st     *store.Store
	log    *slog.Logger
	stdout io.Writer
	stderr io.Writer
	// bar shows progress: "always", "never" or "auto".
	bar string
}

func runCrawl(ctx context.Context, g *globals, opts crawlOptions) error {
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	logger, err := newLogger(g.stderr, opts.logFormat, opts.logLevel)
	if err != nil {
		return err
	}
	sites, err := selectSites(cfg, opts.site)
	if err != nil {
		return err
	}
	path := cfg.DBPath(g.db)
	if !opts.dryRun {
		lock, err := lockCrawl(ctx, path, opts.wait)
		if err != nil {
			return err
		}
		defer lock.Unlock()
	}
	st, err := store.Open(path, store.Options{Shared: true, Timeout: opts.lockWait})
	if err != nil {
		return err
	}
	defer st.Close()
	c := &crawler{cfg: cfg, st: st, log: logger, stdout: g.stdout, stderr: g.stderr, bar: opts.progress}
	if !opts.dryRun {
		if n, err := st.MarkDied(); err != nil {
			return err
		} else if n > 0 {
			logger.Warn("earlier crawl runs ended without closing their record; marked died", "runs", n)
		}
	}
	failed := 0
	for _, site := range sites {
		run, err := c.crawlSite(ctx, site, opts.maxPages, opts.dryRun)
		if err != nil {
			return err
		}
		if run.Status == strata.RunFailed {
			failed++
		}
	}
	if err := st.Close(); err != nil {
		return err
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}

// selectSites returns the sites to crawl: all, or the one called name.
func selectSites(cfg *config.Config, name string) ([]*config.Site, error) {
	if len(cfg.Sites) == 0 {
		return nil, errors.New("the config has no [[site]] to crawl: add one (see the README)")
	}
	if name == "" {
		sites := make([]*config.Site, len(cfg.Sites))
		for i := range cfg.Sites {
			sites[i] = &cfg.Sites[i]
		}
		return sites, nil
	}
	if s := cfg.Site(name); s != nil {
		return []*config.Site{s}, nil
	}
	var names []string
	for _, s := range cfg.Sites {
		names = append(names, s.Name)
	}
	return nil, fmt.Errorf("no [[site]] called %q (the config has: %s)", name, strings.Join(names, ", "))
}

// crawlSite makes one run of site and prints its summary. The error is
// for what stops the whole command (an interrupt, the archive); a run
// that failed on its own is reported and returned with a nil error.
func (c *crawler) crawlSite(ctx context.Context, site *config.Site, maxPages int, dryRun bool) (*strata.Run, error) {
	opts := c.crawlOptions(site)
	opts.MaxPages = maxPages
	opts.DryRun = dryRun
	if dryRun {
		opts.Report = func(p strata.Page) {
			fmt.Fprintf(c.stdout, "due  %-8s %s\n", kindLabel(p.Kind), p.URL)
		}
	}
	if prev, err := c.previous(site.Name); err != nil {
		return nil, err
	} else {
		opts.Previous = prev
	}
	bar := c.progressBar(site.Name, maxPages, site)
	if bar != nil {
		opts.Progress = func(p crawl.Progress) {
			bar.ChangeMax(max(p.Total, p.Done))
			_ = bar.Set(p.Done)
		}
	}
	run, err := crawl.Run(ctx, opts)
	if bar != nil {
		_ = bar.Finish() // and clears it
	}
	if run == nil {
		return nil, err
	}
	fmt.Fprintln(c.stdout, summary(run, dryRun))
	switch {
	case err == nil, run.Status == strata.RunFailed && !errors.Is(err, strata.ErrLocked):
		return run, nil
	}
	return run, err
}

// previous returns the site's last completed run that read the sitemaps.
func (c *crawler) previous(site string) (*strata.Run, error) {
	runs, err := c.st.Runs(store.RunsOptions{Site: site, Limit: 100})
	if err != nil {
		return nil, err
	}
	for i := range runs {
		if runs[i].Status == strata.RunCompleted && runs[i].SitemapsWalked {
			return &runs[i], nil
		}
	}
	return nil, nil
}

// crawlOptions turns a [[site]] into the options of its crawl.
func (c *crawler) crawlOptions(site *config.Site) crawl.Options {
	cfg := c.cfg
	rv := site.RevisitPolicy()
	pol := crawl.Policy{CommentsActive: rv.CommentsActive.Duration, ListingEvery: rv.ListingEvery.Duration}
	for _, t := range rv.Tiers {
		pol.Tiers = append(pol.Tiers, crawl.Tier{MaxAge: t.MaxAge.Duration, Every: t.Every.Duration})
	}
	return crawl.Options{
		Site: crawl.Site{
			Name:            site.Name,
			Hosts:           site.Hosts,
			StartURLs:       site.StartURLs,
			Sitemaps:        site.Sitemaps,
			Feeds:           site.Feeds,
			ArticlePatterns: site.ArticlePatterns,
			ExcludePatterns: site.ExcludePatterns,
			Discover:        site.AutoDiscover(),
			Depth:           site.CrawlDepth(),
			MaxPages:        site.PageBudget(),
			ErrorBudget:     site.HostErrorBudget(),
			Policy:          pol,
		},
		Frontier: c.st,
		Fetch:    siteFetchOptions(cfg, site),
		NewScraper: func(fo fetch.Options) *scraper.Scraper {
			s := scraper.New(fo, threadsOption(cfg))
			s.SiteRules = siteRules(cfg)
			return s
		},
		Logger: c.log,
	}
}

// siteFetchOptions are the [fetch] settings with the site's overrides.
func siteFetchOptions(cfg *config.Config, site *config.Site) fetch.Options {
	fo := fetchOptions(cfg.Fetch, site.UserAgent, false, 0)
	if site.Parallelism > 0 {
		fo.Parallelism = site.Parallelism
	}
	if site.Delay.Duration > 0 {
		fo.Delay = site.Delay.Duration
	}
	if site.Robots != nil {
		fo.IgnoreRobots = !*site.Robots
	}
	return fo
}

// progressBar returns a bar on standard error, or nil when there should
// be none (not a terminal, --progress never).
func (c *crawler) progressBar(site string, maxPages int, s *config.Site) *progressbar.ProgressBar {
	show := c.bar == "always"
	if c.bar == "auto" {
		f, ok := c.stderr.(*os.File)
		show = ok && term.IsTerminal(int(f.Fd()))
	}
	if !show {
		return nil
	}
	budget := s.PageBudget()
	if maxPages > 0 {
		budget = maxPages
	}
	return progressbar.NewOptions(budget,
		progressbar.OptionSetWriter(c.stderr),
		progressbar.OptionSetDescription("crawl "+site),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// summary is the one line a run prints.
func summary(r *strata.Run, dryRun bool) string {
	if dryRun {
		return fmt.Sprintf("crawl %s: dry run: %d in-scope URLs in the sitemaps; nothing fetched or recorded", r.Site, r.SitemapEntries)
	}
	o := r.Outcomes
	s := fmt.Sprintf("crawl %s: run %d %s in %s: %d pages, %d new versions, %d unchanged, %d not modified, %d failed",
		r.Site, r.ID, r.Status, r.End.Sub(r.Start).Round(time.Second), r.Pages,
		o[strata.OutcomeNew], o[strata.OutcomeUnchanged], o[strata.OutcomeNotModified], o[strata.OutcomeFailed])
	if len(r.Failures) > 0 {
		s += " (" + countsText(r.Failures) + ")"
	}
	s += fmt.Sprintf(", %d discovered", r.Discovered)
	if len(r.StoppedHosts) > 0 {
		s += "; stopped hosts: " + strings.Join(r.StoppedHosts, ", ")
	}
	if r.Error != "" {
		s += ": " + r.Error
	}
	return s
}

// countsText writes counts as "a 2, b 1", largest first.
func countsText(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func kindLabel(kind string) string {
	if kind == strata.KindUnknown {
		return "page"
	}
	return kind
}
