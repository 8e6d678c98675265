// Command strata-quality scores strata's extraction on a corpus of pages
// with hand-written expectations; see package quality for the rules.
//
//	go run ./cmd/strata-quality -corpus ../shared/corpus/trafilatura-dev [-failures text,date] [-split heldout]
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/strata-archive/strata/scraper/extract/quality"
)

func main() {
	os.Exit(run())
}

func run() int {
	corpus := flag.String("corpus", "", "corpus directory (evaldata.json and html/)")
	failures := flag.String("failures", "", "list failing pages of these kinds: all, or a comma-separated subset of "+strings.Join(quality.FailureKinds, ","))
	split := flag.String("split", "all", "pages whose failures are listed: all, dev or heldout")
	workers := flag.Int("workers", 0, "pages extracted at once (default GOMAXPROCS)")
	flag.Parse()
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "strata-quality: -corpus is required")
		return 2
	}
	c, err := quality.Load(*corpus)
	if err != nil {
		fmt.Fprintf(os.Stderr, "strata-quality: %v\n", err)
		return 2
	}
	keep := map[string]func(*quality.Page) bool{
		"all":     nil,
		"dev":     func(p *quality.Page) bool { return !p.HeldOut() },
		"heldout": func(p *quality.Page) bool { return p.HeldOut() },
	}
	k, ok := keep[*split]
	if !ok {
		fmt.Fprintf(os.Stderr, "strata-quality: -split must be all, dev or heldout\n")
		return 2
	}
	start := time.Now()
	results := quality.Run(c, *workers)
	elapsed := time.Since(start)
	if *failures != "" {
		kinds := quality.FailureKinds
		if *failures != "all" {
			kinds = strings.Split(*failures, ",")
		}
		quality.WriteFailures(os.Stdout, results, kinds, k)
		fmt.Println()
	}
	quality.WriteTable(os.Stdout,
		quality.Summarize("all", results, nil),
		quality.Summarize("dev", results, keep["dev"]),
		quality.Summarize("held-out", results, keep["heldout"]))
	fmt.Fprintf(os.Stderr, "%d pages in %v\n", len(results), elapsed.Round(time.Millisecond))
	return 0
}
