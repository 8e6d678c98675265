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

	"github.com/strata-archive/strata/store"
)

type exportOptions struct {
	format      string
	allVersions bool
	out         string
	filter      filterOptions
}

func newExportCommand(g *globals) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write snapshots as JSON, JSON Lines or WARC",
		Long: `export streams snapshots from the archive in URL order: the latest version of
each URL, or every version with --all-versions. The fields are described by
the JSON Schema that 'strata schema' prints.

Filters select versions and combine (all must hold):
  --site HOST        the URL's host is HOST, with or without "www." (a port
                     must match only if HOST names one)
  --url-prefix P     the URL starts with P (an http or https URL, normalised
                     like archived URLs)
  --since T          fetched at or after T
  --until T          fetched at or before T
  --changed-only     the version changed something (its "changes" is not
                     empty; first versions are left out)
T is RFC 3339 (2026-03-01T12:00:00Z) or a date (2026-03-01, UTC); a date for
--until includes that whole day. Without --all-versions the newest selected
version of each URL is written: --until 2026-01-01 alone exports the archive
as it stood on that day.

--format warc writes WARC/1.1, each record gzipped on its own (a .warc.gz
file): a warcinfo record, then per version a request record (rebuilt: strata
keeps no request headers), a response record holding the stored raw capture
and its response header, and a metadata record holding the snapshot's JSON
(application/json, WARC-Refers-To the response). Digests are SHA-1 (base 32).
The response header is as stored, except that Content-Length gives the
length of the stored body and Transfer-Encoding is dropped (the originals
are kept as X-Archive-Orig-*); a capture cut at the size cap is marked
WARC-Truncated: length.

Memory use does not grow with the archive: snapshots are read and written
one at a time. With --out the file is written whole or not at all: a
temporary file beside it is renamed into place only when the export is
complete, and an interrupted export leaves nothing behind.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "jsonl", "json (one array), jsonl (one snapshot per line) or warc")
	f.BoolVar(&opts.allVersions, "all-versions", false, "every selected version, not only the newest of each URL")
	f.StringVarP(&opts.out, "out", "o", "", "write to this file instead of standard output")
	opts.filter.addFlags(f)
	return cmd
}

func runExport(ctx context.Context, g *globals, opts exportOptions) error {
	if opts.format != "json" && opts.format != "jsonl" && opts.format != "warc" {
		return fmt.Errorf("--format %q: use json, jsonl or warc", opts.format)
	}
	toStdout := opts.out == "" || opts.out == "-"
	if opts.format == "warc" && toStdout && isTerminal(g.stdout) {
		return fmt.Errorf("--format warc writes gzipped binary data: give --out FILE or redirect standard output")
	}
	walk, err := opts.filter.walkOptions()
	if err != nil {
		return err
	}
	walk.AllVersions = opts.allVersions
	st, err := g.openReader()
	if err != nil {
		return err
	}
	defer st.Close()
	write := func(w io.Writer) error {
		if opts.format == "warc" {
			name := ""
			if !toStdout {
				name = filepath.Base(opts.out)
			}
			return exportWARC(ctx, st, w, walk, name)
		}
		return exportSnapshots(ctx, st, w, walk, opts.format)
	}
	if toStdout {
		return write(g.stdout)
	}
	return writeFileAtomic(opts.out, write)
}

// exportSnapshots streams the selected snapshots to w as JSON (one array)
// or JSON Lines, one at a time.
func exportSnapshots(ctx context.Context, st *store.Store, w io.Writer, walk store.WalkOptions, format string) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	if format == "json" {
		bw.WriteString("[")
	}
	err := st.Walk(walk, func(v *store.Version) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if format == "json" {
			if n > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n")
		}
		n++
		return enc.Encode(v.Snapshot)
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if format == "json" {
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
