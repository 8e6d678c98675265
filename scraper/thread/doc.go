// Package thread fetches the parts of a comment thread that the article
// page does not show: further comment pages, the WordPress REST API,
// wpDiscuz's AJAX batches, the Disqus embed and API, and the endpoints of
// the other systems below. It holds the order in which each system's
// sources are tried and how their comments are merged; it does not parse
// (package comments does) and does not store anything.
//
// # Basics
//
// A Completer wraps the scraper's fetch.Fetcher, so every extra request
// keeps the rules of article fetches: robots.txt, per-host delay and
// parallelism, retries with backoff and Retry-After, and the User-Agent.
// Complete takes the thread comments.Parse read from the page and returns
// it completed. It never fails: what it could not fetch goes into Note,
// and Complete is true only when every page, batch or API page was
// fetched and the declared count, if any, is not above the number of
// comments captured. Options.MaxRequests (per article, overridable per
// site) caps the extra requests; a thread cut by the cap says so.
//
// # Systems
//
//   - WordPress and wpDiscuz: the REST API first, when the page advertises
//     it and shows a post ID (/wp-json/wp/v2/comments?post=ID, 100 a page,
//     by ascending ID, until X-WP-TotalPages). It gives every approved
//     comment with its true parent (WordPress prints replies beyond
//     max_depth beside their parent), the full text and the UTC time.
//     The HTML sources follow unless REST plus the page's pings already
//     account for the declared count: other comment pages (/comment-page-N/
//     or ?cpage=N, discovered page by page from the pagination links), and
//     for wpDiscuz the load-more batches (wpdLoadMoreComments with the
//     lastParentId keyset, or loadMoreComments for 4/5), after
//     wpdGetNonce when the version may need it, and the replies folded
//     behind "View Replies" (wpdShowReplies) when REST did not give them.
//     REST values win (parent, text, time, author); the HTML adds pings,
//     votes, role labels and the shown dates. A blocked API (401, 403,
//     404, rest_… errors) only leaves a note.
//   - Drupal: the other pages of Drupal's comment pager (?page=N),
//     discovered page by page from the pager links like WordPress's
//     comment pages, and merged in page order. A page that fails (an
//     HTTP error, a timeout, a block page) stops the walk: the comments
//     already read are kept and the note names the page. A Drupal
//     thread without other pages comes back as the page showed it.
//   - Disqus: the embed page's disqus-threadData, then
//     threads/listPostsThreaded while the cursor has more; the API needs
//     a public key (Options.DisqusAPIKey).
//   - Blogger: the per-post Atom comment feed, when the page shows fewer
//     comments than it declares.
//   - Discourse: the topic's JSON (/t/{id}.json, found through
//     embed/comments when the page gives no topicId), then posts.json for
//     the posts it leaves out.
//   - Hacker News: the item's "More" pages; the API
//     (/v0/item/{id}.json, one request per comment) only when the item
//     page shows no comments although it counts some.
//   - Reddit: the thread's .json (oldest first), then /api/morechildren
//     for the "more" stubs and the parent's page for "continue this
//     thread".
//   - Commento (/api/comment/list), Remark42 (/api/v1/find), Substack
//     (/api/v1/post/{id}/comments) and Ghost (members comments API, then
//     each comment's /replies/).
//
// Facebook, Hyvor Talk, Utterances and Giscus have no endpoint a plain
// client can read: their threads are reported as not fetchable without a
// browser.
//
// # Order and time
//
// Comments are merged by ID (comments.Merge), so batches that overlap
// while people post add no duplicates, and Depth follows ParentID. A
// WordPress thread is put into a fixed order that does not depend on
// which sources answered: siblings by numeric ID, top-level comments in
// the direction the page lists them (newest first when its HTML runs
// mostly in descending ID order), replies oldest first unless the page
// lists them the other way. Other systems keep their source's order, asked
// for by age where the API allows it (Reddit sort=old, Substack
// oldest_first), so that votes do not reorder an unchanged thread.
//
// The zone-less dates WordPress pages show (wpDiscuz titles, xhtml dates)
// of comments REST does not list are read at the site's UTC offset that
// REST reveals (date minus date_gmt) for the REST comment nearest in ID.
//
// # Caveats
//
// The raw replies of the extra requests are not kept: the archive stores
// one raw capture per version, the article page. The field names of the
// Substack and Ghost replies beyond those the reference gives, and the
// Blogger feed's rel="related" parent link, are as those services are
// commonly documented, not checked against their source. wpDiscuz's
// "read more" cut is only undone through REST.
package thread
