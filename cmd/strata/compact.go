package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata/store"
)

func newCompactCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "compact",
		Short: "Rewrite the archive file to give back unused space",
		Long: `compact rewrites the archive into a new file beside it with the same records
in as few pages as possible, verifies the new file, syncs it and renames it
over the archive. On any failure the archive is left untouched. bbolt never
shrinks a file by itself; 'strata stats' shows how much compact would free.

It needs the archive to itself: while any other strata process has it open
(reading or writing) it waits a second and exits with status 11.

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompact(g)
		},
	}
	return cmd
}

func runCompact(g *globals) error {
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	path := cfg.DBPath(g.db)
	start := time.Now()
	res, err := store.Compact(path, store.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "compacted %s: %s → %s in %s\n", path, humanBytes(res.Before), humanBytes(res.After), time.Since(start).Round(time.Millisecond))
	return nil
}
