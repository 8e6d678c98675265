package main

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata/history"
)

type diffOptions struct {
	asJSON bool
	color  string
}

func newDiffCommand(g *globals) *cobra.Command {
	var opts diffOptions
	cmd := &cobra.Command{
		Use:   "diff URL [A [B]]",
		Short: "Show what changed between two versions of a URL",
		Long: `diff compares two versions of URL: with no version, the last two; with one,
version A with the one before it (what version A changed); with two, A with B.

It shows the metadata fields that changed (old → new), the paragraphs of the
body that changed with the words marked, and the comments added (+), removed
(-), edited (~) and not seen (?), by id, with author and time. A comment
missing from a complete thread is removed; one missing from an incomplete
thread is only not seen.

Deleted words are marked [-like this-] and inserted ones {+like this+}, or
shown in red and green when standard output is a terminal (--color=auto, the
default; NO_COLOR in the environment turns colours off).

--json prints:
  {"url", "from": {version, fetched_at, content_hash, comments, comments_complete},
   "to": {...}, "changes": [parts],
   "metadata": [{"field", "old", "new"}],
   "body": {"changed", "deleted_words", "inserted_words",
            "edits": [{"op": "equal"|"delete"|"insert", "text"}]},
   "comments": {"added": [c], "removed": [c], "edited": [c + {"changes": [{"field",
                "old", "new"}], "text_edits": [edits]}], "not_seen": [c]}}
where c is {"id", "parent_id", "author", "posted_at", "text"}. The equal and
delete edits spell the older body, the equal and insert edits the newer.`,
		Args: cobra.RangeArgs(1, 3),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(g, args, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.asJSON, "json", false, "print the diff as JSON")
	cmd.Flags().StringVar(&opts.color, "color", "auto", "colour the diff: auto (on a terminal), always or never")
	return cmd
}

func runDiff(g *globals, args []string, opts diffOptions) error {
	color, err := useColor(opts.color, g.stdout)
	if err != nil {
		return err
	}
	var nums []int
	for _, a := range args[1:] {
		n, err := strconv.Atoi(a)
		if err != nil || n < 1 {
			return fmt.Errorf("version %q: give a version number, 1 or more", a)
		}
		nums = append(nums, n)
	}
	st, key, err := g.openURL(args[0])
	if err != nil {
		return err
	}
	defer st.Close()

	var from, to int
	switch len(nums) {
	case 0:
		versions, err := st.Versions(key)
		if err != nil {
			return err
		}
		if len(versions) < 2 {
			return fmt.Errorf("%s has %d version(s): nothing to compare", key, len(versions))
		}
		from, to = len(versions)-1, len(versions)
	case 1:
		if nums[0] == 1 {
			return fmt.Errorf("version 1 has no version before it: give two versions to compare")
		}
		from, to = nums[0]-1, nums[0]
	default:
		from, to = nums[0], nums[1]
	}
	a, err := st.Snapshot(key, from)
	if err != nil {
		return err
	}
	b, err := st.Snapshot(key, to)
	if err != nil {
		return err
	}
	d := history.Compare(a, b)
	if opts.asJSON {
		return writeJSON(g.stdout, d)
	}
	return d.WriteText(g.stdout, history.TextOptions{Color: color})
}

// useColor decides from --color whether to write ANSI colours to w: always,
// never, or (auto) when w is a terminal and NO_COLOR is not set.
func useColor(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
			return false, nil
		}
		return isTerminal(w), nil
	}
	return false, fmt.Errorf("--color %q: use auto, always or never", mode)
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
