package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

type exportOptions struct {
	format      string
	allVersions bool
	out         string
}

func newExportCommand(g *globals) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write snapshots as JSON or JSON Lines",
		Long: `export streams snapshots from the archive: the latest version of each URL, or
every version with --all-versions, in URL order. The fields are described by
the JSON Schema that 'strata schema' prints.

With --out the file is written whole or not at all: a temporary file beside
it is renamed into place only when the export is complete.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "jsonl", "json (one array) or jsonl (one snapshot per line)")
	f.BoolVar(&opts.allVersions, "all-versions", false, "every version, not only the latest of each URL")
	f.StringVarP(&opts.out, "out", "o", "", "write to this file instead of standard output")
	return cmd
}

func runExport(ctx context.Context, g *globals, opts exportOptions) error {
	if opts.format != "json" && opts.format != "jsonl" {
		return fmt.Errorf("--format %q: use json or jsonl", opts.format)
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	st, err := g.openStore(cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()
	write := func(w io.Writer) error {
		return exportSnapshots(ctx, st, w, opts)
	}
	if opts.out == "" || opts.out == "-" {
		return write(g.stdout)
	}
	return writeFileAtomic(opts.out, write)
}

// exportSnapshots streams the archive to w, one snapshot at a time.
func exportSnapshots(ctx context.Context, st *store.Store, w io.Writer, opts exportOptions) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	if opts.format == "json" {
		bw.WriteString("[")
	}
	err := st.Each(store.EachOptions{AllVersions: opts.allVersions}, func(s *strata.Snapshot) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if opts.format == "json" {
			if n > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n")
		}
		n++
		return enc.Encode(s)
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if opts.format == "json" {
		if n > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("]\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// writeFileAtomic writes path through a temporary file in the same
// directory that is synced and renamed into place only when write succeeds;
// otherwise the temporary file is removed and path is left as it was.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename into %s: %w", path, err)
	}
	return nil
}
