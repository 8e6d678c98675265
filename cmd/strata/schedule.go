package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/spf13/cobra"

	"github.com/strata-archive/strata/config"
	"github.com/strata-archive/strata/store"
)

type scheduleOptions struct {
	wait      bool
	grace     time.Duration
	logFormat string
	logLevel  string
	lockWait  time.Duration
}

func newScheduleCommand(g *globals) *cobra.Command {
	var opts scheduleOptions
	cmd := &cobra.Command{
		Use:   "schedule [--grace DURATION] [--wait]",
		Short: "Run each site's crawl on its cron schedule, until stopped",
		Long: `schedule runs as a long-lived process (a container, a systemd service) and
crawls each [[site]] that has a schedule key (a cron expression: five fields
such as "0 * * * *", or @hourly, "@every 30m") whenever it comes due, in the
local time zone unless the expression starts with CRON_TZ=. A site's run that
is still going when its next time comes is not started twice: that time is
skipped. Sites run side by side.

It holds the archive's crawl lock for its whole life, so a crawl started by
cron meanwhile exits with status 12 (or waits, with --wait); start schedule with
--wait to have it wait for a running crawl. Readers keep working throughout.

SIGTERM or Ctrl-C stops the scheduling at once and lets the running crawls
finish for up to --grace; crawls still running then stop as crawl does on a
signal, committing what was fetched. It then exits with status 0.

Every site's schedule is checked at start: an invalid one is an error that
names the site. Logs go to standard error (--log-format, --log-level), one
summary line per run to standard output.

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSchedule(cmd.Context(), g, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.wait, "wait", false, "wait for a running crawl to end instead of exiting with status 12")
	f.DurationVar(&opts.grace, "grace", 30*time.Second, "how long running crawls may go on after SIGTERM")
	f.StringVar(&opts.logFormat, "log-format", "text", "log format on standard error: text or json")
	f.StringVar(&opts.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	f.DurationVar(&opts.lockWait, "lock-timeout", store.DefaultSharedTimeout, "how long a commit waits for readers to let go of the archive")
	return cmd
}

func runSchedule(ctx context.Context, g *globals, opts scheduleOptions) error {
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	logger, err := newLogger(g.stderr, opts.logFormat, opts.logLevel)
	if err != nil {
		return err
	}
	var sites []*config.Site
	for i := range cfg.Sites {
		s := &cfg.Sites[i]
		if s.Schedule == "" {
			logger.Info("site has no schedule; schedule leaves it out", "site", s.Name)
			continue
		}
		// Config validation parsed it already; this names the site again
		// should the two parsers ever disagree.
		if _, err := config.ParseSchedule(s.Schedule); err != nil {
			return fmt.Errorf("site %q: schedule: %w", s.Name, err)
		}
		sites = append(sites, s)
	}
	if len(sites) == 0 {
		return errors.New("no [[site]] has a schedule key: nothing to schedule (give one, such as schedule = \"0 * * * *\")")
	}

	path := cfg.DBPath(g.db)
	lock, err := lockCrawl(ctx, path, opts.wait)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	st, err := store.Open(path, store.Options{Shared: true, Timeout: opts.lockWait})
	if err != nil {
		return err
	}
	defer st.Close()
	if n, err := st.MarkDied(); err != nil {
		return err
	} else if n > 0 {
		logger.Warn("earlier crawl runs ended without closing their record; marked died", "runs", n)
	}

	// Crawls outlive ctx by the grace period.
	runCtx, stopRuns := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRuns()
	// Sites run side by side: one summary line at a time.
	out := &lockedWriter{w: g.stdout}
	c := &crawler{cfg: cfg, st: st, log: logger, stdout: out, stderr: g.stderr, bar: "never"}
	s, err := gocron.NewScheduler(gocron.WithLocation(time.Local), gocron.WithStopTimeout(opts.grace+5*time.Second))
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	for _, site := range sites {
		task := func() {
			if runCtx.Err() != nil {
				return
			}
			if _, err := c.crawlSite(runCtx, site, 0, false); err != nil && runCtx.Err() == nil {
				logger.Error("crawl failed", "site", site.Name, "err", err)
			}
		}
		job, err := s.NewJob(gocron.CronJob(site.Schedule, false), gocron.NewTask(task),
			gocron.WithName(site.Name), gocron.WithSingletonMode(gocron.LimitModeReschedule))
		if err != nil {
			_ = s.Shutdown()
			return fmt.Errorf("site %q: schedule %q: %w", site.Name, site.Schedule, err)
		}
		next, _ := job.NextRun()
		logger.Info("site scheduled", "site", site.Name, "schedule", site.Schedule, "next", next)
	}
	s.Start()
	logger.Info("schedule started", "sites", len(sites), "archive", path)

	<-ctx.Done()
	logger.Info("stopping: no new runs; running crawls may finish", "grace", opts.grace)
	stopped := make(chan error, 1)
	go func() { stopped <- s.Shutdown() }()
	select {
	case err = <-stopped:
	case <-time.After(opts.grace):
		logger.Warn("grace period over: stopping the running crawls")
		stopRuns()
		err = <-stopped
	}
	if err != nil && !errors.Is(err, gocron.ErrStopJobsTimedOut) {
		return fmt.Errorf("scheduler: %w", err)
	}
	if err := st.Close(); err != nil {
		return err
	}
	logger.Info("schedule stopped")
	return nil
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
