package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
)

func newVersionsCommand(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "versions URL",
		Short: "List the archived versions of a URL and its checks",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVersions(g, args[0], asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: {url, versions:[…], checks:[…]}")
	return cmd
}

func runVersions(g *globals, rawURL string, asJSON bool) error {
	key, err := strata.NormalizeURL(rawURL)
	if err != nil {
		return err
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
	versions, err := st.Versions(key)
	if err != nil {
		return err
	}
	checks, err := st.Checks(key)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			URL      string         `json:"url"`
			Versions any            `json:"versions"`
			Checks   []strata.Check `json:"checks"`
		}{key, versions, checks})
	}
	fmt.Fprintf(g.stdout, "%s\n\n", key)
	tw := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tFETCHED (UTC)\tSTATUS\tCOMMENTS\tCHANGES\tTITLE")
	for _, v := range versions {
		changes := strings.Join(v.Changes, ",")
		if v.Version == 1 {
			changes = "(first)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%s\t%s\n", v.Version, v.FetchedAt.UTC().Format(time.DateTime), v.Status, v.Comments, changes, clip(v.Title, 60))
	}
	tw.Flush()
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

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
