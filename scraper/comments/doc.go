// Package comments reads the comment thread of an article page: which
// comment system the page uses, the comments the HTML holds, in thread
// order, the count the page declares, and whether that is the whole thread.
// It works on one page already fetched and never fetches anything itself.
//
// # What it reads
//
// Parse handles these systems, in this order of precedence:
//
//   - wpDiscuz 7 (div#wpd-comm-{ID}_{PARENT}) and wpDiscuz 4/5
//     (div#wc-comm-{ID}_{PARENT}): author and its link, role label
//     ("Guest"), date, votes, type, text and HTML.
//   - Drupal 7 and 8+ (SystemDrupal): the comment element right after an
//     empty a#comment-N anchor (core, and themes that wrap both in
//     div.ajax-comment-wrapper), or an element#comment-N carrying Drupal
//     8's markers (data-comment-user-id, js-comment). Author (.username,
//     .comment__author, or the "by NAME on DATE" line: .submitted,
//     .metas, footer), date, subject, text and HTML without the links
//     list. An empty anchor followed by anything else is nothing. A
//     page with Drupal's comment form (action /comment/reply/…) but
//     neither such items nor WordPress's is named Drupal and read like
//     SystemGeneric. The other pages of Drupal's comment pager go into
//     Thread.PageURLs (see below).
//   - Native WordPress: any element whose id is comment-N, li-comment-N or
//     div-comment-N. This covers the html5 and xhtml walkers of core, with
//     ol/ul "children" lists or style=div nesting, theme callbacks such as
//     li#li-comment-N > article#comment-N, and pingbacks and trackbacks.
//   - Blogger (#comment-holder li.comment#c{ID}, and the legacy
//     dl#comments-block), with the exact time of showComment={ms} links.
//   - Hacker News item pages (tr.athing.comtr, indentation and "parent"
//     links, "More" pages in Thread.MorePages) and Reddit pages (shreddit,
//     old Reddit, the 2018 redesign).
//   - Systems whose comments only JavaScript loads: Disqus, Facebook,
//     Hyvor Talk, Commento, Remark42, Discourse, Utterances, Giscus. They
//     are named in Thread.System and Thread.Widgets with a Note; server-
//     rendered fallbacks (Disqus's noscript comments) are read.
//   - Anything else (SystemGeneric): elements whose class or id names one
//     comment ("comment-item", "kommentar-item", "MtnComment",
//     comment1234 …), the name most elements with text share, replies
//     being comments inside comments. Lone notices, link lists ("latest
//     comments") and parts of the article body are left out. The thread is
//     never called complete. Thread.Elements lists the comments' elements
//     for the article extractor to leave out, unless the page holds more
//     text inside them than outside or they belong to forum software
//     (then the posts are the page's content).
//
// ParseWpDiscuzHTML and ParseWpDiscuzBatch read the wrapper HTML that
// wpDiscuz's AJAX actions return, and Merge joins the comments of several
// sources into one thread.
//
// The parsers of each system's other endpoints live here too, for package
// thread, which fetches: ParseWPREST (/wp/v2/comments), ParseWpdAJAX and
// ParseWpdNonce (admin-ajax.php), ParseDisqusEmbed and ParseDisqusPosts,
// ParseBloggerFeed (Atom), ParseHNItem, ParseRedditThread and
// ParseRedditMore, ParseCommento, ParseRemark42, ParseSubstack,
// ParseGhostComments, ParseDiscourseTopic and ParseDiscoursePosts; and the
// readers of the settings a page gives them: RESTRoot, FindWpDiscuz,
// FindDisqus, FindBlogger, FindDiscourse, FindCommento, FindRemark42,
// FindSubstack, FindGhost, IsRedditPage. None of them panics on bad input
// (see the fuzz targets); a reply of the wrong shape is an error.
//
// # Rules
//
// IDs are the site's comment IDs. The parent of a wpDiscuz comment is the
// _{PARENT} suffix of its id (0 for top level), not its place in the DOM:
// WordPress prints replies beyond max_depth beside their parent instead of
// inside it. A native comment's parent is the nearest enclosing comment
// element, the only signal its markup gives, so replies flattened at the
// maximum depth hang off their grandparent. REST data (its parent field)
// corrects that when it is passed to Merge first, since the first source's
// values win.
//
// A Drupal reply sits in a div.indented printed right after its parent
// (or after the wrapper holding it): its parent is the comment just
// before that block. When no comment comes before it (a reply at the
// top of a comment page, its parent on the page before), the rdf
// module's sioc:reply_of link to /comment/N#comment-N names the parent. The subject line of a Drupal comment opens Text and
// HTML, as its own paragraph, when the commenter wrote it; Drupal makes
// one up from the first words of the text when they leave it empty, and
// a subject that begins the text (ellipsis, case and white space aside)
// is left out.
//
// No system's comment is kept when it shows neither an author nor a text
// (an anchor, a placeholder): its replies keep their ParentID as orphans.
//
// Thread order lists each parent followed by its descendants; siblings keep
// page order. Depth is recomputed from ParentID: 0 at top level, parent's
// depth plus one below it. A reply whose parent is not in the list keeps
// its ParentID and gets Depth 1.
//
// Dates: an ISO 8601 time with an offset (html5 time[datetime]) is exact and
// becomes PostedAt in UTC. The other shown dates carry no zone: wpDiscuz's
// title ("Mar 2, 2016 1:15 AM"), the xhtml walker's "March 1, 2016 at
// 5:22 pm", German "11. Dezember 2012 um 11:07", French "2 mars 2016 à
// 17 h 22". ParseLocalDate reads those at the site's UTC offset, which
// SiteLocation takes from article:published_time, the article's
// time.entry-date, or JSON-LD datePublished, in that order. Without an
// offset PostedAt stays nil. PostedAtText always keeps the date the page
// shows; for wpDiscuz 7 that is the absolute title rather than the
// relative text beside it.
//
// Drupal's dates: time[datetime] and the rdf module's content attribute
// (dc:created, schema:dateCreated) carry an offset; the shown date is read
// like the others (its numeric "05/07/2020 - 12:38" is not); the last
// resort is the data-comment-timestamp of Drupal 8's "new" marker, exact
// but the time of the comment's last change.
//
// Relative dates ("9 years ago", "vor 3 Tagen") are never turned into
// PostedAt, not even with Options.FetchedAt. They are rounded to their unit,
// and a PostedAt computed from them would move from one capture to the next,
// and PostedAt is part of the comments fingerprint: every crawl would
// produce a new version. FetchedAt only guards against misread dates:
// a date more than a day after it is dropped.
//
// Votes are the exact integer in wpDiscuz's .wpd-vote-result[title]. In
// like/dislike mode the score is likes minus dislikes. Score is nil when the
// comment shows no votes (pings, native WordPress).
//
// Complete is true only when nothing suggests more comments exist than
// were parsed: no wpDiscuz load-more marker, no other comment page linked,
// no "View Replies (N)" toggle with fewer than N replies in the page, no
// JavaScript-only system on the page, and a declared count that is not
// above the number parsed. A count below it (a stale cache, a theme that
// counts only comments and not pings) is no sign of anything missing and
// is accepted. Note says what is missing, for example "page shows 5 of 12
// declared comments; the rest load by AJAX (wpDiscuz)".
//
// Drupal's comment pages are the node's URL with a page parameter,
// counted from 0: none or page=0 is the first page. PageURLs holds the
// pages that the pager (Drupal 7 ul.pager, 8+ nav.pager with
// .pager__items) inside the comment area links, when they lead to the
// page's host and path and differ from it in a single-number page
// parameter only (page=0,1 of pages with several pagers says nothing
// sure of the comment pager and is left out; so are the site's article
// pagers); PageNumber is N+1 for page=N, 1 without the parameter.
// DrupalPageNumber numbers such URLs. A pager whose links give no such
// page still makes the thread incomplete, with a note saying strata
// cannot follow them.
//
// # Left to the fetching stage
//
// The Thread hints say where the rest is: PostID for the REST API
// (/wp-json/wp/v2/comments?post=ID), LoadMore and LastParentID for
// wpDiscuz's wpdLoadMoreComments, Collapsed for wpdShowReplies, PageURLs
// and PageNumber for comment pages (WordPress's and Drupal's), MorePages
// for Hacker News. The
// fetching stage (package thread) parses what it gets with Parse (comment
// pages), ParseWpDiscuzBatch (AJAX batches, wpdShowReplies) and the API
// parsers, and joins it with Merge. Also left to it: the Disqus embed data, the full text of comments
// cut by wpDiscuz's "read more" (the link text is dropped here), and the
// exact UTC time of zone-less dates (REST date_gmt).
//
// # Caveats
//
// The site offset is the one of the article's publication date. Where the
// site observes daylight saving time, a comment written in the other half
// of the year is read one hour off. A Drupal reply printed at the top
// of a comment page whose parent is on the page before sits in an
// indented block with no comment before it: without the rdf module's
// link it is read as a top-level comment. wpDiscuz 4/5 print no comment
// type: a comment with the trackback avatar is taken for a pingback. Heading
// counts are read in English, German and French.
package comments
