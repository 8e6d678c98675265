package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

func newRawCommand(g *globals) *cobra.Command {
	var (
		version int
		out     string
	)
	cmd := &cobra.Command{
		Use:   "raw URL",
		Short: "Write the raw HTML that produced a version, byte for byte",
		Long: `raw writes the bytes of the capture that a version of URL was extracted from
(the latest version by default), exactly as the server sent them (transfer
encoding removed, charset untouched), to standard output or to --out. They
are checked against the version's raw_sha256 first.

With --out the file is written whole or not at all.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRaw(g, args[0], version, out)
		},
	}
	cmd.Flags().IntVar(&version, "version", 0, "version number (default: the latest)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	return cmd
}

func runRaw(g *globals, rawURL string, version int, out string) error {
	if version < 0 {
		return fmt.Errorf("--version must be 1 or more")
	}
	st, key, err := g.openURL(rawURL)
	if err != nil {
		return err
	}
	defer st.Close()
	capture, err := st.Capture(key, version)
	if err != nil {
		return err
	}
	if capture.Body == nil {
		return fmt.Errorf("raw %s: the version has no raw capture", key)
	}
	write := func(w io.Writer) error {
		if _, err := w.Write(capture.Body); err != nil {
			return fmt.Errorf("raw: %w", err)
		}
		return nil
	}
	if out == "" || out == "-" {
		return write(g.stdout)
	}
	return writeFileAtomic(out, write)
}
