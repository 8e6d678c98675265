// Command bench measures strata against its baselines and writes one
// markdown table: the crawl pipeline against bare colly on a simulated
// WordPress site (package crawltest), the unchanged re-crawl, extraction
// against go-trafilatura (module bench/trafilatura), the store, the JSONL
// export and the peak memory of crawls of growing sites.
//
//	go run ./bench -out bench-results.md          # the full run (10,000 articles; memory up to 100,000)
//	go run ./bench -quick -out bench-quick.md     # a smoke run of a minute or two
//
// Ratios are measured side by side in the same run. Crawls run in a child
// process (this program started again with -child-crawl), so that their
// peak RSS leaves out the simulated site; the export runs the strata
// binary, built for the purpose. The figures of the store and the export
// of small snapshots come from the go test benchmarks of packages store
// and cmd/strata, run and parsed here.
//
// It is a program, not a test: go test ./... does not run it.
package main
