package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

func newBackupCommand(g *globals) *cobra.Command {
	var noVerify bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Copy the archive to FILE, consistently, while others read it",
		Long: `backup writes a consistent copy of the archive to FILE: the archive as it was
when the backup began, taken in one read transaction. The copy is written to
a temporary file beside FILE, synced, verified (as 'strata verify' does;
--no-verify skips that) and only then renamed over FILE, so FILE is always
either the previous backup or a complete new one.

Other readers (show, export, another backup) may run meanwhile. A running
'strata archive' holds the archive for writing, and no other process can open
it then, not even to read: backup then waits a second and exits with status
11. Take backups between crawls (for example in the same cron job, after the
crawl). Within one process, store.Store.Backup copies while other goroutines
keep writing.

` + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBackup(g, args[0], noVerify)
		},
	}
	cmd.Flags().BoolVar(&noVerify, "no-verify", false, "do not verify the copy before putting it in place")
	return cmd
}

func runBackup(g *globals, path string, noVerify bool) error {
	st, err := g.openReader()
	if errors.Is(err, strata.ErrLocked) {
		return fmt.Errorf("%w (a crawl is writing to it; back up when it has finished)", err)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.BackupFile(path, store.BackupOptions{NoVerify: noVerify})
	if err != nil {
		return err
	}
	what := "verified"
	if noVerify {
		what = "not verified"
	}
	fmt.Fprintf(g.stdout, "backed up %s to %s (%s, %s)\n", st.Path(), path, humanBytes(n), what)
	return nil
}
