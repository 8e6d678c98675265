// Package scraper fetches web pages with colly and turns them into
// snapshots with goquery.
//
// # Basics
//
// The HTTP side is package fetch. Its sub-packages extract (the article)
// and comments (the thread in the page) do the reading.
//
// Extract turns a capture into a snapshot without touching the network: it
// decodes the charset (BOM, then Content-Type, then <meta>), refuses what is
// not HTML, parses the comment thread (package comments) and then the article
// (package extract).
//
// A Scraper joins the two, and Scraper.Archive runs a list of URLs through
// them into a strata.Archive with a bounded number of workers. Between
// parsing the comments and extracting the article, a Scraper completes
// the comment thread with the requests package thread makes through the
// same fetcher (WithThreads sets its options, WithoutThreads turns it
// off; Extract alone never makes a request), and leaves the comments
// found by their markup alone (comments.Thread.Elements) out of the
// article.
//
// # Caveats
//
// The package does not store anything: it hands snapshots to a
// strata.Archive.
package scraper
