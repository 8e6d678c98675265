// Package discover finds the URLs a crawl of one site visits, and tells
// articles from the pages that list them.
//
// # Basics
//
// Robots reads the Sitemap lines and the Crawl-delay of a site's
// robots.txt (allow and deny are the fetcher's business); DefaultSitemaps
// names the conventional locations to try when it lists none. Sitemap
// walks a sitemap or sitemap index (XML, gzip, plain text, or a feed),
// streaming page URLs to a callback; Feed reads an RSS, Atom or JSON Feed;
// FeedLinks finds the feeds a page announces and Links the links it holds.
// Every URL comes out as an Entry, absolute and normalised as the archive
// keys URLs (strata.NormalizeURL), so that discovery by different routes
// deduplicates.
//
// Scope holds a site's hosts and patterns: Allowed says what a crawl may
// fetch at all, Follow what is worth fetching as a page, IsArticle what
// the site's article patterns call an article. Without patterns,
// GuessArticleURL judges a URL before fetching and LooksLikeArticle a
// fetched page by its own signals (body classes, og:type, JSON-LD,
// microdata, <article> count, pagination).
//
// Every request goes through the *fetch.Fetcher given, so robots.txt,
// per-host politeness, retries and the body size cap hold for discovery
// as for articles.
//
// # Caveats
//
// Memory: a sitemap is read as a token stream from the fetched body, so
// what a walk holds is one body (at most the fetcher's size cap, 50 MB
// uncompressed at most) and the list of child sitemaps of the indexes
// being walked, never the entries. Each file stops after the protocol's
// 50,000 entries; a walk stops after SitemapOptions.MaxURLs (50,000 by
// default) and MaxSitemaps files (1,000).
//
// Scope is not applied by Sitemap, Feed, FeedLinks or Links themselves,
// except through SitemapOptions.Filter for child sitemaps: callers check
// every URL, the first sitemap included, with Scope.Allowed or Follow.
// Redirects are followed by the fetcher and may leave the site.
//
// The package does not fetch pages, keep a frontier or remember what was
// seen between calls: that is the crawl's job.
package discover
