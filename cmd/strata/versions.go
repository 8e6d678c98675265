package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

func newVersionsCommand(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "versions URL",
		Short: "List the archived versions of a URL and its checks",
		Long: `versions lists every version of URL, oldest first: when it was fetched, its
HTTP status, its comment count with what changed in the thread since the
previous version (+added −removed ~edited, and ?not seen when the thread
was captured incomplete), the parts that changed, and its title. Then the
number of checks and the last one.

A comment missing from a complete thread is removed; one missing from an
incomplete thread is only "not seen". Versions archived before strata kept
these counts show the comment count alone.

--json prints {"url", "versions": [...], "checks": [...]}; each version has
version, fetched_at, status, changes, content_hash, comments, title and
comment_delta: {added, removed, edited, not_seen, prev_complete}, or null
when unknown. For version 1 every comment counts as added.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVersions(g, args[0], asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: {url, versions:[…], checks:[…]}")
	return cmd
}

func runVersions(g *globals, rawURL string, asJSON bool) error {
	st, key, err := g.openURL(rawURL)
	if err != nil {
		return err
	}
	defer st.Close()
	versions, err := st.Versions(key)
	if err != nil {
		return err
	}
	checks, err := st.Checks(key)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(g.stdout, struct {
			URL      string              `json:"url"`
			Versions []store.VersionInfo `json:"versions"`
			Checks   []strata.Check      `json:"checks"`
		}{key, versions, checks})
	}
	fmt.Fprintf(g.stdout, "%s\n\n", key)
	if len(versions) == 0 {
		fmt.Fprintln(g.stdout, "no version archived yet: every check failed (see below)")
	} else {
		tw := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "VERSION\tFETCHED (UTC)\tSTATUS\tCOMMENTS\tCHANGES\tTITLE")
		for _, v := range versions {
			changes := strings.Join(v.Changes, ",")
			if v.Version == 1 {
				changes = "(first)"
			}
			fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", v.Version, v.FetchedAt.UTC().Format(time.DateTime), v.Status, commentsCell(v), changes, clip(v.Title, 60))
		}
		tw.Flush()
	}
	if n := len(checks); n > 0 {
		last := checks[n-1]
		fmt.Fprintf(g.stdout, "\n%d check(s); last %s: %s", n, last.At.UTC().Format(time.DateTime), last.Outcome)
		if last.Error != "" {
			fmt.Fprintf(g.stdout, " (%s)", last.Error)
		}
		fmt.Fprintln(g.stdout)
	}
	return nil
}

// commentsCell shows a version's comment count and, after the first
// version, how the thread changed: "6 (+1 −0 ~1)", with "?2" when
// comments were not seen.
func commentsCell(v store.VersionInfo) string {
	cell := strconv.Itoa(v.Comments)
	d := v.CommentDelta
	if d == nil || v.Version == 1 {
		return cell
	}
	cell += fmt.Sprintf(" (+%d −%d ~%d", d.Added, d.Removed, d.Edited)
	if d.NotSeen > 0 {
		cell += fmt.Sprintf(" ?%d", d.NotSeen)
	}
	return cell + ")"
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
