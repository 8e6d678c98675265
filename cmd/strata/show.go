package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
)

func newShowCommand(g *globals) *cobra.Command {
	var (
		version int
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "show URL",
		Short: "Show one archived version of a URL (the latest by default)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(g, args[0], version, asJSON)
		},
	}
	cmd.Flags().IntVar(&version, "version", 0, "version number (default: the latest)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the snapshot as JSON (the export format)")
	return cmd
}

func runShow(g *globals, rawURL string, version int, asJSON bool) error {
	if version < 0 {
		return fmt.Errorf("--version must be 1 or more")
	}
	st, key, err := g.openURL(rawURL)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := st.Snapshot(key, version)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(g.stdout, snap)
	}
	printSnapshot(g.stdout, snap)
	return nil
}

// printSnapshot writes a snapshot for a person to read.
func printSnapshot(w io.Writer, s *strata.Snapshot) {
	fmt.Fprintf(w, "%s\n%s\n\n", s.Title, strings.Repeat("=", min(len([]rune(s.Title)), 78)))
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-12s %s\n", name+":", value)
		}
	}
	field("URL", s.URL)
	if s.CanonicalURL != s.URL {
		field("Canonical", s.CanonicalURL)
	}
	field("Version", fmt.Sprintf("%d, fetched %s, HTTP %d", s.Version, s.FetchedAt.UTC().Format(time.RFC3339), s.Status))
	if len(s.Changes) > 0 {
		field("Changed", strings.Join(s.Changes, ", "))
	}
	field("Site", s.SiteName)
	field("Authors", strings.Join(s.Authors, ", "))
	field("Published", timeText(s.PublishedAt))
	field("Modified", timeText(s.ModifiedAt))
	field("Language", s.Language)
	field("Categories", strings.Join(s.Categories, ", "))
	field("Tags", strings.Join(s.Tags, ", "))
	if s.Truncated {
		field("Warning", "the page was larger than the size cap and is truncated")
	}
	fmt.Fprintf(w, "\n%s\n", s.BodyText)

	count := fmt.Sprintf("%d", len(s.Comments))
	if s.CommentCountDeclared != nil {
		count += fmt.Sprintf(" of %d declared", *s.CommentCountDeclared)
	}
	if !s.CommentsComplete {
		count += ", incomplete"
	}
	system := s.CommentSystem
	if system == "" {
		system = "none found"
	}
	fmt.Fprintf(w, "\n--- Comments (%s; system: %s) ---\n", count, system)
	if s.CommentsNote != "" {
		fmt.Fprintf(w, "note: %s\n", s.CommentsNote)
	}
	for _, c := range s.Comments {
		indent := strings.Repeat("    ", c.Depth)
		when := c.PostedAtText
		if c.PostedAt != nil {
			when = c.PostedAt.UTC().Format(time.RFC3339)
		}
		head := fmt.Sprintf("#%s %s, %s", c.ID, c.Author, when)
		if c.Type != strata.CommentTypeComment {
			head += " [" + c.Type + "]"
		}
		if c.Score != nil {
			head += fmt.Sprintf(" (%+d)", *c.Score)
		}
		fmt.Fprintf(w, "\n%s%s\n", indent, head)
		for _, line := range strings.Split(c.Text, "\n") {
			fmt.Fprintf(w, "%s  %s\n", indent, line)
		}
	}
}

func timeText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339)
}
