// Package fetch makes strata's HTTP requests through colly: an honest
// User-Agent, robots.txt (obeyed by default), per-host parallelism and
// delay, timeouts at dial, TLS, header and whole-request level, redirects
// (the final URL is kept, loops are errors, only http and https targets
// are followed, and Request.Allow keeps a crawl's within its site),
// retries of transient failures with exponential backoff and jitter,
// Retry-After, and a body size cap that marks a capture as truncated
// instead of cutting it silently (gzip bodies are capped after
// decompression, so a bomb stops at the cap).
//
// # Basics
//
// New makes a Fetcher; Fetcher.Get and Fetcher.Do return a strata.Capture
// holding the bytes exactly as the server sent them (transfer encoding
// removed, charset untouched), so that a later extractor can be re-run on
// them. Every request of a strata run, article pages and the extra
// requests for comment threads alike, goes through one Fetcher so that the
// politeness rules hold across all of them.
//
// # Caveats
//
// colly v2.3.0 reads robots.txt outside the request context and without the
// per-host limits, and caches it for the Fetcher's life: make one Fetcher
// per run. Per-host parallelism and delay are the Fetcher's own (colly's
// LimitRule is racy when rules are added during a run, and its waits ignore
// the context): cancelling the context stops requests in flight and those
// waiting for their host at once.
//
// The package does not parse or store anything.
package fetch
