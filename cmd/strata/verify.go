package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// errDamaged is returned by verify for an archive with faults; the report
// has been printed, so run prints nothing more (exit status 1).
var errDamaged = fmt.Errorf("archive is damaged: %w", errSomeFailed)

func newVerifyCommand(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check every page and record of the archive",
		Long: `verify checks the archive file: bbolt's own consistency check of its pages,
then every record: each URL record and version decodes, version numbers run
1, 2, 3… without a gap, each version points to a raw capture that exists,
each raw capture decompresses to bytes that match its SHA-256, and each check
names a version that exists. It reads the whole file.

It prints "ok" and the counts, or each fault on a line of its own naming the
URL and version (or the key) and what is wrong, and exits with status 1.
--json prints {path, urls, versions, checks, blobs, problems: [...],
unlisted} (unlisted counts faults beyond the first 100).

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(g, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

func runVerify(g *globals, asJSON bool) error {
	st, err := g.openReader()
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := st.Examine()
	if err != nil {
		return err
	}
	if asJSON {
		if err := writeJSON(g.stdout, r); err != nil {
			return err
		}
	} else if r.OK() {
		fmt.Fprintf(g.stdout, "ok: %s: %d URLs, %d versions, %d checks, %d raw captures verified\n", r.Path, r.URLs, r.Versions, r.Checks, r.Blobs)
	} else {
		fmt.Fprintf(g.stdout, "DAMAGED: %s: %d fault(s) in %d URLs, %d versions, %d checks, %d raw captures\n", r.Path, r.Faults(), r.URLs, r.Versions, r.Checks, r.Blobs)
		for _, p := range r.Problems {
			fmt.Fprintf(g.stdout, "  %s\n", p)
		}
		if r.Unlisted > 0 {
			fmt.Fprintf(g.stdout, "  … and %d more\n", r.Unlisted)
		}
	}
	if !r.OK() {
		fmt.Fprintf(g.stderr, "strata: %s is damaged: %d fault(s)\n", r.Path, r.Faults())
		return errDamaged
	}
	return nil
}
