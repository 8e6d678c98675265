package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata/store"
)

func newStatsCommand(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count what the archive holds and the room it takes",
		Long: `stats counts the URLs, versions, checks, comments and raw captures of the
archive, and the bytes they take by kind, with how much storing each
distinct raw capture once saves (dedupe) and how well records compress.
It reads every version record, so it takes a while on a large archive.

--json prints the counts with the ratios:
  {urls, urls_with_versions, versions, checks, blobs, comments,
   comments_all_versions, bytes: {urls, versions, checks, blobs}, blob_bytes,
   raw_bytes, raw_bytes_referenced, version_bytes, version_json_bytes, size,
   file_size, free_bytes, dedupe_ratio, blob_compression_ratio,
   version_compression_ratio}`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStats(g, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the counts as JSON")
	return cmd
}

func runStats(g *globals, asJSON bool) error {
	st, err := g.openReader()
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats()
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(g.stdout, struct {
			store.Stats
			DedupeRatio             float64 `json:"dedupe_ratio"`
			BlobCompressionRatio    float64 `json:"blob_compression_ratio"`
			VersionCompressionRatio float64 `json:"version_compression_ratio"`
		}{s, round2(s.DedupeRatio()), round2(s.BlobCompressionRatio()), round2(s.VersionCompressionRatio())})
	}
	w := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "archive\t%s\n", st.Path())
	fmt.Fprintf(w, "file\t%s (%s in use; %s free, which compact gives back)\n", humanBytes(s.FileSize), humanBytes(s.Size), humanBytes(s.FreeBytes))
	fmt.Fprintf(w, "urls\t%d (%d with versions, %d with only failed checks)\n", s.URLs, s.URLsWithVersions, s.URLs-s.URLsWithVersions)
	fmt.Fprintf(w, "versions\t%d\n", s.Versions)
	fmt.Fprintf(w, "checks\t%d\n", s.Checks)
	fmt.Fprintf(w, "comments\t%d in the latest versions, %d over all versions\n", s.Comments, s.CommentsAllVersions)
	fmt.Fprintf(w, "raw captures\t%d distinct: %s raw, %s stored (compression %.1f×)\n", s.Blobs, humanBytes(s.RawBytes), humanBytes(s.BlobBytes), s.BlobCompressionRatio())
	fmt.Fprintf(w, "dedupe\t%s of raw captures behind the versions, stored as %s (%.2f×)\n", humanBytes(s.RawBytesReferenced), humanBytes(s.RawBytes), s.DedupeRatio())
	fmt.Fprintf(w, "version records\t%s stored, %s as JSON (compression %.1f×)\n", humanBytes(s.VersionBytes), humanBytes(s.VersionJSONBytes), s.VersionCompressionRatio())
	fmt.Fprintf(w, "bytes by kind\turls %s, versions %s, checks %s, raw %s (keys and values)\n",
		humanBytes(s.Bytes["urls"]), humanBytes(s.Bytes["versions"]), humanBytes(s.Bytes["checks"]), humanBytes(s.Bytes["blobs"]))
	return w.Flush()
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// humanBytes writes n in B, KiB, MiB or GiB.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, suffix := float64(n)/unit, "KiB"
	for _, s := range []string{"MiB", "GiB", "TiB"} {
		if f < unit {
			break
		}
		f, suffix = f/unit, s
	}
	return fmt.Sprintf("%.1f %s", f, suffix)
}
