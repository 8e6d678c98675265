package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

type runsOptions struct {
	site   string
	limit  int
	asJSON bool
}

func newRunsCommand(g *globals) *cobra.Command {
	var opts runsOptions
	cmd := &cobra.Command{
		Use:   "runs [--site NAME] [--limit N] [--json]",
		Short: "List the crawl runs, newest first",
		Long: `runs lists the crawl runs recorded in the archive, newest first: when each
started and how long it took, its status, the pages it visited and what they
gave (new versions, unchanged, not modified, failed, by reason), and the hosts
it stopped fetching from after too many failures in a row.

A status is completed, interrupted (stopped by a signal, after committing what
was fetched), failed (stopped by an error, shown), running, or died: the
process ended without closing its record (SIGKILL, a crash, a power cut); its
pages stay due and the next crawl resumes them.

--json prints a list of run objects: id, site, start, end, updated, status,
pages, outcomes {outcome: count}, failures {reason: count}, discovered,
sitemaps_walked, sitemap_entries, stopped_hosts, error.

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRuns(g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.site, "site", "", "only the runs of the [[site]] called NAME")
	f.IntVar(&opts.limit, "limit", 20, "show at most N runs (0: all)")
	f.BoolVar(&opts.asJSON, "json", false, "print JSON")
	return cmd
}

func runRuns(g *globals, opts runsOptions) error {
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	st, err := g.openStore(cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()
	runs, err := st.Runs(store.RunsOptions{Site: opts.site, Limit: opts.limit})
	if err != nil {
		return err
	}
	// A record still "running" while no crawl holds the lock belongs to a
	// process that died.
	if !crawlRunning(cfg.DBPath(g.db)) {
		for i := range runs {
			if runs[i].Status == strata.RunRunning {
				runs[i].Status = strata.RunDied
			}
		}
	}
	if opts.asJSON {
		return writeJSON(g.stdout, runs)
	}
	if len(runs) == 0 {
		fmt.Fprintln(g.stdout, "no crawl runs yet")
		return nil
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSITE\tSTARTED\tTOOK\tSTATUS\tPAGES\tNEW\tUNCHANGED\t304\tFAILED\tDISCOVERED\tNOTES")
	for _, r := range runs {
		o := r.Outcomes
		took := "-"
		switch {
		case !r.End.IsZero():
			took = r.End.Sub(r.Start).Round(time.Second).String()
		case !r.Updated.IsZero():
			took = "≥" + r.Updated.Sub(r.Start).Round(time.Second).String()
		}
		notes := ""
		if len(r.Failures) > 0 {
			notes = countsText(r.Failures)
		}
		if len(r.StoppedHosts) > 0 {
			notes = join(notes, fmt.Sprintf("stopped %v", r.StoppedHosts))
		}
		if r.Error != "" {
			notes = join(notes, r.Error)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.ID, r.Site,
			r.Start.Local().Format("2006-01-02 15:04:05"), took, r.Status, r.Pages,
			o[strata.OutcomeNew], o[strata.OutcomeUnchanged], o[strata.OutcomeNotModified], o[strata.OutcomeFailed],
			r.Discovered, notes)
	}
	return tw.Flush()
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
