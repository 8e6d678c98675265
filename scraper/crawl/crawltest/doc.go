// Package crawltest serves a simulated news site for crawl tests, on
// loopback only: articles with comment threads, listing pages, a sitemap
// index (one child gzipped), an RSS feed, robots.txt with a disallowed
// article that the home page links to, ETag and Last-Modified with 304
// answers, and switches that make it misbehave (429 with Retry-After, a
// challenge page instead of an article, a slow or failing second host). It
// logs every request with its times so that tests can check politeness.
// Article pages are bare, or marked up as a WordPress theme prints them
// (Options.Theme: head, menus, sidebar, footer, comment form) with a
// threaded WordPress or wpDiscuz comment list.
//
// Three servers make up the site: the main host (127.0.0.1), a second host
// of the same site (127.0.0.3, the "flaky" one) and a host outside the
// site (127.0.0.2) that nothing may fetch from. New starts a site for a
// test; Start one for a program (the benchmark), which Closes it.
package crawltest
