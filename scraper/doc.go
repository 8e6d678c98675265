// Package scraper fetches web pages with colly and turns them into
// snapshots with goquery.
//
// # Basics
//
// A Fetcher does the HTTP side: an honest User-Agent, robots.txt, per-host
// parallelism and delay, timeouts at dial, TLS, header and whole-request
// level, redirects (the final URL is kept), and a body size cap that marks a
// capture as truncated instead of cutting it silently. It keeps the raw bytes
// exactly as the server sent them, so that a later extractor can be re-run on
// them.
//
// Extract turns a capture into a snapshot without touching the network: it
// decodes the charset (BOM, then Content-Type, then <meta>), refuses what is
// not HTML, parses the comment thread (package comments) and then the article
// (package extract).
//
// A Scraper joins the two, and Scraper.Archive runs a list of URLs through
// them into a strata.Archive with a bounded number of workers.
//
// # Caveats
//
// colly v2.3.0 reads robots.txt outside the request context and without the
// per-host limits; its result is cached for the Fetcher's life, so make a new
// Fetcher per run. Cancelling the context stops requests in flight at once,
// but a request that already finished still waits out its host's delay.
//
// The package does not store anything: it hands snapshots to a
// strata.Archive.
package scraper
