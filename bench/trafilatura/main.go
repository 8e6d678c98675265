// Command trafilatura compares strata's extraction with go-trafilatura's
// on a corpus, side by side in one run: throughput on one core (pages/s,
// MB/s) and the quality figures of package quality for both.
//
//	cd bench/trafilatura && go run . -corpus ../../../shared/corpus/trafilatura-dev
//
// It is a module of its own so that go-trafilatura never becomes a
// dependency of strata.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/markusmobius/go-trafilatura"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/extract/quality"
)

func main() {
	os.Exit(run())
}

// page is one corpus page decoded to UTF-8, as both extractors get it.
type page struct {
	p    *quality.Page
	url  string
	utf8 []byte
}

// extractor runs one extraction and returns its result for scoring.
type extractor struct {
	name string
	run  func(pg page) quality.Result
}

func run() int {
	corpus := flag.String("corpus", "", "corpus directory (evaldata.json and html/)")
	cpus := flag.Int("cpu", 1, "GOMAXPROCS during the run")
	flag.Parse()
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "trafilatura: -corpus is required")
		return 2
	}
	runtime.GOMAXPROCS(*cpus)
	c, err := quality.Load(*corpus)
	if err != nil {
		fmt.Fprintf(os.Stderr, "trafilatura: %v\n", err)
		return 2
	}
	// Decode every page once, the way strata does, so that both extractors
	// read the same text and neither pays for charset detection.
	var pages []page
	total := 0
	for i := range c.Pages {
		p := &c.Pages[i]
		raw, err := c.Read(p)
		if err != nil {
			fmt.Fprintf(os.Stderr, "trafilatura: %v\n", err)
			return 2
		}
		u := p.URL
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			u = "http://corpus.invalid/" + url.PathEscape(p.File)
		}
		b, err := scraper.DecodeHTML(raw, "")
		if err != nil {
			b = raw
		}
		pages = append(pages, page{p: p, url: u, utf8: b})
		total += len(b)
	}

	extractors := []extractor{
		{"strata", func(pg page) quality.Result {
			cap := &strata.Capture{URL: pg.url, FinalURL: pg.url, Status: 200, Body: pg.utf8,
				Header: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}}, FetchedAt: quality.FetchedAt}
			snap, err := scraper.Extract(cap)
			return quality.Result{Page: pg.p, Snap: snap, Err: err, Size: len(pg.utf8)}
		}},
		{"go-trafilatura", traf(false)},
		{"go-trafilatura+fallback", traf(true)},
	}
	type row struct {
		name    string
		elapsed time.Duration
		sum     quality.Summary
	}
	var rows []row
	for _, ex := range extractors {
		results := make([]quality.Result, 0, len(pages))
		runtime.GC()
		start := time.Now()
		for _, pg := range pages {
			results = append(results, ex.run(pg))
		}
		elapsed := time.Since(start)
		rows = append(rows, row{ex.name, elapsed, quality.Summarize(ex.name, results, nil)})
	}

	fmt.Printf("%d pages, %.1f MB (UTF-8), GOMAXPROCS=%d, %s\n\n", len(pages), float64(total)/1e6, runtime.GOMAXPROCS(0), runtime.Version())
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "extractor\ttime\tpages/s\tMB/s\tvs strata\tF1\tprecision\trecall\tcomments kept out\ttitle\tdate\tauthor\tcats+tags\t")
	for _, r := range rows {
		secs := r.elapsed.Seconds()
		fmt.Fprintf(tw, "%s\t%.2fs\t%.1f\t%.2f\t%.2fx\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n",
			r.name, secs, float64(len(pages))/secs, float64(total)/1e6/secs, rows[0].elapsed.Seconds()/secs,
			r.sum.Text.F1(), r.sum.Text.Precision(), r.sum.Text.Recall(), r.sum.CommentsAbsent().Share(),
			r.sum.TitleFold.Share(), r.sum.Date.Share(), r.sum.Author.Share(), r.sum.Terms().Share())
	}
	tw.Flush()
	fmt.Println("\n\"vs strata\" is strata's time divided by the extractor's: below 1 means slower than strata.")
	return 0
}

// traf returns the go-trafilatura extractor, with or without its
// readability and DOM-distiller fallback.
func traf(fallback bool) func(pg page) quality.Result {
	return func(pg page) quality.Result {
		u, _ := url.Parse(pg.url)
		res, err := trafilatura.Extract(bytes.NewReader(pg.utf8), trafilatura.Options{
			OriginalURL: u, EnableFallback: fallback,
		})
		r := quality.Result{Page: pg.p, Err: err, Size: len(pg.utf8)}
		if err != nil || res == nil {
			return r
		}
		snap := &strata.Snapshot{
			Title: res.Metadata.Title, BodyText: res.ContentText,
			Categories: res.Metadata.Categories, Tags: res.Metadata.Tags,
		}
		if res.Metadata.Author != "" {
			snap.Authors = strings.Split(res.Metadata.Author, "; ")
		}
		if !res.Metadata.Date.IsZero() {
			d := res.Metadata.Date
			snap.PublishedAt = &d
		}
		if res.CommentsText != "" {
			snap.Comments = []strata.Comment{{Text: res.CommentsText}}
		}
		r.Snap = snap
		return r
	}
}

func init() {
	// Both extractors allocate heavily; a steady GC target keeps the
	// comparison from depending on which one runs first.
	debug.SetGCPercent(100)
}
