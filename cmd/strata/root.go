package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/config"
	"github.com/strata-archive/strata/store"
)

// Exit codes, decided here and nowhere else.
const (
	exitOK          = 0
	exitSomeFailed  = 1   // the command ran, but some URLs failed
	exitCannotRun   = 2   // bad usage, bad config, unusable archive…
	exitLocked      = 11  // another strata process holds the archive
	exitCrawling    = 12  // another crawl is running on the archive
	exitInterrupted = 130 // stopped by Ctrl-C or SIGTERM
)

const exitCodesHelp = `Exit status:
  0    success
  1    the command ran but some URLs failed (each failure is printed)
  2    could not run at all: bad arguments, bad config, unusable archive
  11   the archive is in use by another strata process
  12   another crawl (or schedule) is running on this archive; run skipped
  130  interrupted (Ctrl-C or SIGTERM); what was saved stays saved`

// errSomeFailed marks a run in which some URLs failed.
var errSomeFailed = errors.New("some URLs failed")

// globals holds the flags every command takes.
type globals struct {
	db         string
	configPath string
	stdout     io.Writer
	stderr     io.Writer
}

// loadConfig reads the config file the flags and environment point at.
func (g *globals) loadConfig() (*config.Config, error) {
	return config.Load(g.configPath)
}

// openStore opens the archive for reading or writing.
func (g *globals) openStore(cfg *config.Config, readOnly bool) (*store.Store, error) {
	path := cfg.DBPath(g.db)
	// Readers wait out a writer's commit; writers hold the file only while
	// they commit, so that readers get in between, and wait as long.
	opts := store.Options{ReadOnly: readOnly, Shared: !readOnly, Timeout: store.DefaultReadTimeout}
	st, err := store.Open(path, opts)
	if readOnly && errors.Is(err, strata.ErrNotFound) {
		return nil, fmt.Errorf("%w: archive a page first (strata archive URL), or name the archive with --db or STRATA_DB", err)
	}
	return st, err
}

// writeJSON writes v as indented JSON, with <, > and & left as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// openURL normalises the URL a reader asks about and opens the archive
// read-only: the prelude of show, raw, versions and diff.
func (g *globals) openURL(rawURL string) (*store.Store, string, error) {
	key, err := strata.NormalizeURL(rawURL)
	if err != nil {
		return nil, "", err
	}
	st, err := g.openReader()
	if err != nil {
		return nil, "", err
	}
	return st, key, nil
}

// openReader opens the archive the config points at, read-only.
func (g *globals) openReader() (*store.Store, error) {
	cfg, err := g.loadConfig()
	if err != nil {
		return nil, err
	}
	return g.openStore(cfg, true)
}

func newRootCommand(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "strata",
		Short: "Archive web articles and their comment threads, version by version",
		Long: `strata archives web articles and the comment threads under them. It keeps
a new numbered version of a page whenever its text, metadata, categories or
comments change, and records every check in between.

The archive file is, in order: --db, $STRATA_DB, the config's db key, or
` + config.DefaultDBPath() + `.
The config file is --config, $STRATA_CONFIG, or ` + config.DefaultConfigPath() + `
(optional).

` + exitCodesHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.PersistentFlags().StringVar(&g.db, "db", "", "archive file (default: $STRATA_DB, config db, or "+config.DefaultDBPath()+")")
	root.PersistentFlags().StringVar(&g.configPath, "config", "", "config file (default: $STRATA_CONFIG or "+config.DefaultConfigPath()+")")
	root.AddCommand(
		newArchiveCommand(g),
		newVersionsCommand(g),
		newShowCommand(g),
		newExportCommand(g),
		newSchemaCommand(g),
		newDiffCommand(g),
		newRawCommand(g),
		newStatsCommand(g),
		newVerifyCommand(g),
		newBackupCommand(g),
		newCompactCommand(g),
		newExtractCommand(g),
		newServeCommand(g),
		newCrawlCommand(g),
		newRunsCommand(g),
		newScheduleCommand(g),
	)
	return root
}

// run executes the strata command line and returns its exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g := &globals{stdout: stdout, stderr: stderr}
	root := newRootCommand(g)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	code := exitCode(ctx, err)
	switch {
	case code == exitInterrupted:
		fmt.Fprintln(stderr, "strata: interrupted; what was saved before stays saved")
	case err != nil && !errors.Is(err, errSomeFailed):
		fmt.Fprintf(stderr, "strata: %v\n", err)
	}
	return code
}

// exitCode maps an error to the documented exit status.
func exitCode(ctx context.Context, err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, strata.ErrLocked):
		return exitLocked
	case errors.Is(err, errCrawlRunning):
		return exitCrawling
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return exitInterrupted
	case errors.Is(err, errSomeFailed):
		return exitSomeFailed
	}
	return exitCannotRun
}
