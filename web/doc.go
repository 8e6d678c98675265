// Package web is strata's archive viewer: a read-only web site, served by
// `strata serve`, that shows the archive's sites and articles, each version
// of an article as clean reading text with its comment thread, a timeline
// of the versions, and the diff of any two versions with the changed words
// and the added, edited and deleted comments marked in the thread.
//
// It renders HTML on the server from html/template templates and one small
// stylesheet, both embedded in the binary; it sends no JavaScript at all.
// It reads the archive through the store package and compares versions
// with the history package; it never writes.
//
// # Basics
//
// [New] returns a [Server], an http.Handler. Its routes:
//
//	/                       sites and articles: search (?q=), filters
//	                        (?site=, ?category=, ?show=changed|edited|deleted),
//	                        order (?sort=newest|changed|checked|versions), paging
//	/article?url=U&v=N      version N (default: the latest) of U
//	/diff?url=U&from=A&to=B&mode=inline|side
//	/raw?url=U&v=N          the raw capture, as text/plain (download=1: as a file)
//	/json?url=U&v=N         the version's snapshot JSON
//	/static/style.css       the stylesheet
//
// The home page lists articles from an in-memory index (URL, site, title,
// categories, dates, number of versions, last check, and the "body edited"
// and "comments deleted" badges) so that it stays fast on a large archive.
// [Server.Refresh] builds or updates the index; [Server.Run] keeps it up to
// date, refreshing it when the archive file's size or modification time
// changes. A refresh only reads all the versions of articles that have a
// new latest version; for the others it reads the latest version and the
// checks. The other pages read the archive on each request.
//
// # Security
//
//   - Archived HTML (bodies, comments) goes through a bluemonday policy
//     built on its UGC policy: no scripts, event handlers, styles, forms,
//     frames or embedded content; only http, https and mailto links, which
//     get rel="nofollow noreferrer" and open in a new tab. Relative links
//     are resolved against the article's URL. Images are replaced by their
//     alt text: loading them would tell the archived site that someone is
//     reading the archive.
//   - Every page sends [PageCSP], which forbids scripts entirely, and
//     nosniff, no-referrer and frame-denying headers.
//   - Raw captures are sent as text/plain (or as a download) with nosniff
//     and a sandboxing CSP ([RawCSP]), so archived scripts never run in the
//     viewer's origin.
//   - Only GET and HEAD are answered. Unless [Options.Public] is set,
//     requests must name a loopback host (localhost, 127.0.0.1, [::1]),
//     which defeats DNS rebinding.
//
// # Caveats
//
//   - The viewer opens the archive read-only for each request, and for
//     each burst of an index refresh (about 250 ms, then a 60 ms pause),
//     and closes it again, waiting at most [Options.LockTimeout] for the
//     file lock. A crawl that
//     holds the archive only during its short write transactions can thus
//     write while the viewer runs. A writer that keeps the file open the
//     whole time keeps the viewer out: pages then answer 503 after the
//     timeout, and the home page shows the last index it built.
//   - The index holds about 0.5 KB per article. A refresh on an
//     archive that changes reads every article's latest version and checks
//     (a few seconds at 100,000 snapshots), so refreshes are spaced at least
//     twice as long as the last one took.
//   - Versions saved before strata kept comment deltas do not count towards
//     the "comments deleted" badge.
//   - A removed comment's disappearance is dated by reading the versions in
//     between (at most 50 of them).
package web
