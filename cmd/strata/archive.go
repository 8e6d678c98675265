package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/config"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/fetch"
)

type archiveOptions struct {
	userAgent    string
	ignoreRobots bool
	timeout      time.Duration
	workers      int
}

func newArchiveCommand(g *globals) *cobra.Command {
	var opts archiveOptions
	cmd := &cobra.Command{
		Use:   "archive URL [URL...]",
		Short: "Fetch URLs and archive a new version of each that changed",
		Long: `archive fetches each URL, extracts the article and its comment thread, and
stores a new version when anything changed since the latest one (title,
metadata, categories, body or comments). An unchanged page only records the
check. It prints one line per URL.

` + exitCodesHelp,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runArchive(cmd.Context(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.userAgent, "user-agent", "", "User-Agent header (default from config, else strata's own)")
	f.BoolVar(&opts.ignoreRobots, "ignore-robots", false, "do not obey robots.txt")
	f.DurationVar(&opts.timeout, "timeout", 0, "time limit of one request (default from config, 30s)")
	f.IntVar(&opts.workers, "workers", 4, "URLs fetched at once (per-host limits still apply)")
	return cmd
}

// fetchOptions merges the config file's fetch settings with flags.
func fetchOptions(cfg config.Fetch, userAgent string, ignoreRobots bool, timeout time.Duration) fetch.Options {
	fo := fetch.Options{
		UserAgent:      cfg.UserAgent,
		IgnoreRobots:   !cfg.ObeyRobots(),
		Timeout:        cfg.Timeout.Duration,
		ConnectTimeout: cfg.ConnectTimeout.Duration,
		HeaderTimeout:  cfg.HeaderTimeout.Duration,
		MaxBodySize:    cfg.MaxBodySize,
		Parallelism:    cfg.Parallelism,
		Delay:          cfg.Delay.Duration,
		RetryBackoff:   cfg.RetryBackoff.Duration,
		MaxRetryAfter:  cfg.MaxRetryAfter.Duration,
	}
	if cfg.Retries != nil {
		fo.Retries = *cfg.Retries
		fo.NoRetries = *cfg.Retries == 0
	}
	if userAgent != "" {
		fo.UserAgent = userAgent
	}
	if ignoreRobots {
		fo.IgnoreRobots = true
	}
	if timeout > 0 {
		fo.Timeout = timeout
	}
	return fo
}

func runArchive(ctx context.Context, g *globals, opts archiveOptions, urls []string) error {
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	st, err := g.openStore(cfg, false)
	if err != nil {
		return err
	}
	defer st.Close()

	s := scraper.New(fetchOptions(cfg.Fetch, opts.userAgent, opts.ignoreRobots, opts.timeout), threadsOption(cfg))
	s.SiteRules = siteRules(cfg)
	var newVersions, unchanged, failed int
	err = s.Archive(ctx, urls, st, opts.workers, func(r scraper.Result) {
		switch {
		case r.Err != nil:
			failed++
			fmt.Fprintf(g.stdout, "failed     %s: %v\n", r.URL, r.Err)
		case r.Check.Outcome == strata.OutcomeNew:
			newVersions++
			what := "first version"
			if len(r.Check.Changes) > 0 {
				what = "changed: " + strings.Join(r.Check.Changes, ", ")
			}
			fmt.Fprintf(g.stdout, "version %-3d %s (%s)\n", r.Check.Version, r.URL, what)
		default:
			unchanged++
			fmt.Fprintf(g.stdout, "unchanged  %s (still version %d)\n", r.URL, r.Check.Version)
		}
	})
	fmt.Fprintf(g.stderr, "%d new version(s), %d unchanged, %d failed\n", newVersions, unchanged, failed)
	if cerr := st.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close archive: %w", cerr)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}
