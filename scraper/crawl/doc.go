// Package crawl crawls one site into the archive: it finds the site's
// articles (sitemaps, feeds, links within scope), fetches what is due,
// newest first and within a page budget, and commits each visit's
// outcome and the page's new state together, so that a run killed at any
// moment resumes where it stopped.
//
// # Basics
//
// [Run] makes one run of one [Site]. The frontier (the pages known and
// when each is due) and the run records live in a [strata.Frontier],
// which store.Store implements; nothing is kept in memory beyond the
// pages in flight, so memory does not grow with the site.
//
// A run reads robots.txt (its Crawl-delay raises the per-host delay),
// walks the sitemaps, adds the start URLs and feeds, and then loops: it
// pulls due pages from the frontier in due order (feeds, listing pages,
// pages never fetched newest first, then known articles by age tier) and
// hands them to a small pool of workers, whose fetches share one
// fetch.Fetcher and so its per-host parallelism, delay, robots.txt rules,
// retries and Retry-After pauses. Articles go through the scraper's
// pipeline (scraper.Scraper.ScrapeWith): a conditional request from the
// page's validators (not for an article whose thread lives beyond the
// page, an embed or further comment pages); a 304 records a check and
// nothing else; a body equal to the last one is not extracted again,
// unless the thread lives beyond the page; a block page (package block) is
// a failed check, never a version. A committer writes the visits in
// batches, each in one transaction with the run's record.
//
// A host that fails ErrorBudget times in a row (timeouts, 5xx, refused
// connections, block pages) is left alone for the rest of the run.
//
// When a page is due again is the [Policy]'s business: by age tier, at the
// first tier's pace while comments keep arriving, listing pages every run.
//
// # Caveats
//
//   - The package fetches and decides; the frontier stores. One crawl of an
//     archive at a time: the caller holds the crawl lock.
//   - A stop (ctx cancelled) commits what was fetched and abandons the
//     pages in flight, which stay due. Workers stuck in a fetcher's delay
//     are given Options.ShutdownGrace and then left behind.
//   - Discovery and block detection are packages discover and block; the
//     crawl only calls them.
package crawl
