package comments

import "strings"

// The queries that read whole pages, compiled once when the package is
// initialised and never changed after.
var (
	// Blogger.
	qBloggerArea   = newQuery("#comment-holder, #comments-block, #Blog1_comments-block-wrapper")
	qBloggerItems  = newQuery("li.comment[id], dt.comment-author[id]")
	qBloggerFeed   = newQuery(`link[rel="alternate"][href*="/comments/default"]`)
	qBloggerPostID = newQuery(`meta[itemprop="postId"]`)

	// Hacker News.
	qHNRows    = newQuery("tr.athing.comtr[id], tr.comtr[id]")
	qHNTree    = newQuery("table.comment-tree")
	qHNSubline = newQuery(".subline a, .subtext a")
	qHNMore    = newQuery("a.morelink[href]")

	// Reddit.
	qShredditComments  = newQuery("shreddit-comment[thingid]")
	qOldRedditComments = newQuery("div.thing.comment[data-fullname]")
	qRedditT1          = newQuery(`div[id^="t1_"]`)
	qSiteName          = newQuery(`meta[property="og:site_name"]`)

	// wpDiscuz.
	qWpdCount       = newQuery(".wpd-thread-info[data-comments-count]")
	qWpdHeaderCount = newQuery("#wc-comment-header .wpd-cc-value")
	qWcComm         = newQuery(`[id^="wc-comm-"]`)
	qWpdComm        = newQuery(`[id^="wpd-comm-"]`)
	qWpdSort        = newQuery(".wpdiscuz-sort-button-active, .wpdiscuz-sort-button-active-sort")
	qWpdLoadMarkers = newQuery(wpdLoadMarkers)
	qCountHeadings  = newQuery(strings.Join(countHeadings, ", "))
	qCommentNav     = newQuery(commentNav)
	qNavCurrent     = newQuery(".page-numbers.current, .current")
	qNavPrevious    = newQuery(".nav-previous a[href], a.prev[href]")
	qNavNext        = newQuery(".nav-next a[href], a.next[href]")
	qShortlink      = newQuery(`link[rel~="shortlink"]`)
	qBody           = newQuery("body")
	qPostArticle    = newQuery(`article[id^="post-"]`)
	qRESTPostLink   = newQuery(`link[rel="alternate"][href*="/wp/v2/posts/"]`)
	qCommentPostID  = newQuery(`input[name="comment_post_ID"]`)
	qRESTLink       = newQuery(`link[rel="https://api.w.org/"]`)
	qPostIDHolders  = []*query{newQuery(".comment-reply-link[data-postid]"), newQuery("#comments [data-postid]"), newQuery("#wpdcom [data-postid]")}
	qPublishedMeta  = newQuery(`meta[property="article:published_time"]`)
	qEntryDate      = newQuery("time.entry-date[datetime]")

	// Other systems and any page.
	qScript         = newQuery("script")
	qJSONLD         = newQuery(`script[type="application/ld+json"]`)
	qCanonical      = newQuery(`link[rel="canonical"]`)
	qLinks          = newQuery("a[href]")
	qDsqIdentifier  = newQuery("[data-dsqidentifier]")
	qCommentoScript = newQuery(`script[src*="commento"]`)
	qSubstackAssets = newQuery(`link[href*="substackcdn.com"], script[src*="substackcdn.com"]`)
	qGhostScript    = newQuery("script[data-ghost-comments][data-post-id], script[data-post-id][src*=\"comments-ui\"]")
)
