package crawltest

import (
	"crypto/sha256"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"
)

// Themes of article pages (Options.Theme).
const (
	ThemeWordPress = "wordpress" // the HTML5 comment walker of core themes
	ThemeWpDiscuz  = "wpdiscuz"  // wpDiscuz 7's thread
)

// isReply reports whether initial comment j (from 0) is a reply to
// comment j-1: one comment in four, never the first.
func isReply(j int) bool { return j%4 == 3 }

// themedArticle serves article i as a WordPress theme prints it.
func (s *Site) themedArticle(w http.ResponseWriter, r *http.Request, i int, cs []comment) {
	pub := s.published(i)
	modified := pub
	for _, c := range cs {
		if c.at.After(modified) {
			modified = c.at
		}
	}
	postID := 1000 + i
	url := s.ArticleURL(i)
	var b strings.Builder
	b.Grow(64 << 10)
	b.WriteString(`<a class="skip-link screen-reader-text" href="#content">Skip to content</a><div id="page" class="site">`)
	b.WriteString(`<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/" rel="home">Simulated News</a></p>`)
	b.WriteString(`<p class="site-description">Local news, every day</p></div><nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">`)
	for _, c := range categories {
		fmt.Fprintf(&b, `<li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a href="/category/%s/">%s</a></li>`, c, strings.ToUpper(c[:1])+c[1:])
	}
	b.WriteString(`</ul></nav></header><div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">`)
	cat := categories[i%len(categories)]
	fmt.Fprintf(&b, `<article id="post-%d" class="post-%d post type-post status-publish format-standard hentry category-%s">`, postID, postID, cat)
	fmt.Fprintf(&b, `<header class="entry-header"><h1 class="entry-title">Article %d</h1><div class="entry-meta"><span class="posted-on">Posted on <a href="%s" rel="bookmark">`+
		`<time class="entry-date published" datetime="%s">%s</time><time class="updated" datetime="%s">%s</time></a></span>`+
		`<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/ann/">Ann Author</a></span></span></div></header>`,
		i, s.ArticlePath(i), pub.Format(time.RFC3339), pub.Format("January 2, 2006"), pub.Format(time.RFC3339), pub.Format("January 2, 2006"))
	fmt.Fprintf(&b, `<div class="entry-content">%s</div>`, article(s.opts.ParagraphBytes, fmt.Sprint(i)))
	fmt.Fprintf(&b, `<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/%s/" rel="category tag">%s</a></span>`+
		`<span class="tags-links">Tagged <a href="/tag/council/" rel="tag">council</a>, <a href="/tag/budget/" rel="tag">budget</a></span></footer></article>`, cat, cat)
	b.WriteString(`<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links">`)
	if i+1 < s.opts.Articles {
		fmt.Fprintf(&b, `<div class="nav-previous"><a href="%s" rel="prev">Article %d</a></div>`, s.ArticlePath(i+1), i+1)
	}
	if i > 0 {
		fmt.Fprintf(&b, `<div class="nav-next"><a href="%s" rel="next">Article %d</a></div>`, s.ArticlePath(i-1), i-1)
	}
	b.WriteString(`</div></nav>`)
	if s.opts.Theme == ThemeWpDiscuz {
		s.wpdThread(&b, url, postID, cs)
	} else {
		s.wpThread(&b, i, url, postID, cs)
	}
	b.WriteString(`</main></div><aside id="secondary" class="widget-area"><section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="/">` +
		`<label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label><input type="submit" class="search-submit" value="Search"></form></section>`)
	b.WriteString(`<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>`)
	for j := range min(10, s.opts.Articles) {
		fmt.Fprintf(&b, `<li><a href="%s">Article %d</a></li>`, s.ArticlePath(j), j)
	}
	b.WriteString(`</ul></section><section id="recent-comments-2" class="widget widget_recent_comments"><h2 class="widget-title">Recent Comments</h2><ul id="recentcomments">`)
	for j := range 5 {
		fmt.Fprintf(&b, `<li class="recentcomments"><span class="comment-author-link">Reader %d</span> on <a href="%s#comment-%d">Article %d</a></li>`, j+1, s.ArticlePath(j), j*1000+1, j)
	}
	b.WriteString(`</ul></section><section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul>`)
	for m := range 24 {
		t := s.opts.Now.AddDate(0, -m, 0)
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, t.Format("/2006/01/"), t.Format("January 2006"))
	}
	b.WriteString(`</ul></section><section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Categories</h2><ul>`)
	for _, c := range categories {
		fmt.Fprintf(&b, `<li class="cat-item"><a href="/category/%s/">%s</a></li>`, c, c)
	}
	b.WriteString(`</ul></section></aside></div><footer id="colophon" class="site-footer"><div class="site-info"><a href="https://wordpress.org/">Proudly powered by WordPress</a>` +
		`<span class="sep"> | </span>Theme: Simulated by Example.</div></footer></div>`)
	b.WriteString(`<script src="/wp-content/themes/simulated/js/navigation.js?ver=1.0" id="simulated-navigation-js"></script>` +
		`<script src="/wp-includes/js/comment-reply.min.js?ver=6.5" id="comment-reply-js" async data-wp-strategy="async"></script>`)

	var head strings.Builder
	fmt.Fprintf(&head, `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name='robots' content='max-image-preview:large' />`+
		`<link rel="alternate" type="application/rss+xml" title="Simulated News &raquo; Feed" href="%s%s" />`+
		`<link rel="alternate" type="application/rss+xml" title="Simulated News &raquo; Article %d Comments Feed" href="%sfeed/" />`, s.Main.URL, PathFeed, i, url)
	head.WriteString(`<script>window._wpemojiSettings = {"baseUrl":"https:\/\/s.w.org\/images\/core\/emoji\/15.0.3\/72x72\/","ext":".png","svgUrl":"https:\/\/s.w.org\/images\/core\/emoji\/15.0.3\/svg\/","svgExt":".svg","source":{"concatemoji":"\/wp-includes\/js\/wp-emoji-release.min.js?ver=6.5"}};` +
		`/*! This file is auto-generated */` + "\n" + `!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,timestamp:(new Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}` +
		`function p(e,t,n){e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(t,0,0);var t=new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data),r=(e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(n,0,0),new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data));return t.every(function(e,t){return e===r[t]})}}(window,document);</script>`)
	head.WriteString(`<style id='wp-emoji-styles-inline-css'>img.wp-smiley, img.emoji {display: inline !important;border: none !important;box-shadow: none !important;height: 1em !important;width: 1em !important;margin: 0 0.07em !important;vertical-align: -0.1em !important;background: none !important;padding: 0 !important;}</style>`)
	for _, css := range []string{"wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css?ver=6.5", "classic-theme-styles-css' href='/wp-includes/css/classic-themes.min.css?ver=6.5",
		"simulated-style-css' href='/wp-content/themes/simulated/style.css?ver=1.0"} {
		fmt.Fprintf(&head, `<link rel='stylesheet' id='%s' media='all' />`, css)
	}
	if s.opts.Theme == ThemeWpDiscuz {
		head.WriteString(`<link rel='stylesheet' id='wpdiscuz-frontend-css-css' href='/wp-content/plugins/wpdiscuz/themes/default/style.css?ver=7.6.24' media='all' />`)
	}
	fmt.Fprintf(&head, `<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script><link rel="EditURI" type="application/rsd+xml" title="RSD" href="/xmlrpc.php?rsd" />`+
		`<meta name="generator" content="WordPress 6.5" /><link rel="canonical" href="%s" /><link rel='shortlink' href='%s/?p=%d' />`+
		`<meta property="og:type" content="article" /><meta property="og:title" content="Article %d" /><meta property="og:url" content="%s" /><meta property="og:site_name" content="Simulated News" />`+
		`<meta property="article:published_time" content="%s" /><meta property="article:modified_time" content="%s" />`,
		url, s.Main.URL, postID, i, url, pub.Format(time.RFC3339), pub.Format(time.RFC3339))
	attrs := fmt.Sprintf(`class="post-template-default single single-post postid-%d single-format-standard wp-embed-responsive"`, postID)
	s.write(w, r, fmt.Sprintf("Article %d &#8211; Simulated News", i), head.String(), attrs, b.String(), modified)
}

var categories = []string{"politics", "business", "culture", "science", "sport", "opinion", "world", "local", "health", "technology"}

// commentText returns one to three paragraphs of a comment, seeded by its
// text.
func commentText(c comment) string {
	h := sha256.Sum256([]byte(c.text))
	n := 1 + int(h[0])%3
	var b strings.Builder
	fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(c.text))
	for k := 1; k < n; k++ {
		fmt.Fprintf(&b, "<p>%s</p>\n", strings.TrimSuffix(strings.TrimPrefix(article(150, fmt.Sprint(c.id, k)), "<p>"), "</p>\n"))
	}
	return b.String()
}

// threadShape returns, for each comment, the id of its parent (0 at top
// level): initial comments follow isReply, added ones are top-level.
func (s *Site) threadShape(cs []comment) []int {
	parents := make([]int, len(cs))
	for j := range cs {
		if j < s.opts.Comments && isReply(j) {
			parents[j] = cs[j-1].id
		}
	}
	return parents
}

// wpThread writes a WordPress comment list (HTML5 walker, threaded) and
// the comment form.
func (s *Site) wpThread(b *strings.Builder, i int, url string, postID int, cs []comment) {
	parents := s.threadShape(cs)
	fmt.Fprintf(b, `<div id="comments" class="comments-area"><h2 class="comments-title">%d thoughts on &ldquo;<span>Article %d</span>&rdquo;</h2><ol class="comment-list">`, len(cs), i)
	for j, c := range cs {
		depth := 1
		if parents[j] != 0 {
			depth = 2
		}
		parent := ""
		if j+1 < len(cs) && parents[j+1] == c.id {
			parent = " parent"
		}
		fmt.Fprintf(b, `<li id="comment-%d" class="comment %s depth-%d%s"><article id="div-comment-%d" class="comment-body">`+
			`<footer class="comment-meta"><div class="comment-author vcard"><img alt='' src='https://secure.gravatar.com/avatar/%x?s=32&#038;d=mm&#038;r=g' class='avatar avatar-32 photo' height='32' width='32' loading='lazy' decoding='async'/>`+
			`<b class="fn"><a href="https://reader%d.example/" class="url" rel="ugc external nofollow">%s</a></b> <span class="says">says:</span></div>`+
			`<div class="comment-metadata"><a href="%s#comment-%d"><time datetime="%s">%s</time></a></div></footer>`+
			`<div class="comment-content">%s</div><div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-%d" data-commentid="%d" data-postid="%d" data-belowelement="div-comment-%d" data-respondelement="respond" aria-label="Reply to %s">Reply</a></div></article>`,
			c.id, evenOdd(j), depth, parent, c.id, c.id%97, j, html.EscapeString(c.author), url, c.id, c.at.Format(time.RFC3339), c.at.Format("January 2, 2006 at 3:04 pm"),
			commentText(c), c.id, c.id, postID, c.id, html.EscapeString(c.author))
		switch {
		case parent != "":
			b.WriteString(`<ol class="children">`)
		case parents[j] != 0 && (j+1 == len(cs) || parents[j+1] != parents[j]):
			b.WriteString(`</li></ol></li>`)
		default:
			b.WriteString(`</li>`)
		}
	}
	b.WriteString(`</ol>`)
	commentForm(b, postID)
	b.WriteString(`</div>`)
}

// wpdThread writes a wpDiscuz 7 thread, replies nested in their parent's
// wrapper.
func (s *Site) wpdThread(b *strings.Builder, url string, postID int, cs []comment) {
	parents := s.threadShape(cs)
	fmt.Fprintf(b, `<div class="wpdiscuz_top_clearing"></div><div id="comments" class="comments-area"><div id="respond" style="width: 0;height: 0;clear: both;margin: 0;padding: 0;"></div>`+
		`<div id="wpdcom" class="wpdiscuz_unauth wpd-default wpd-layout-1 wpd-comments-open"><div id="wpd-threads" class="wpd-thread-wrapper"><div class="wpd-thread-head">`+
		`<div class="wpd-thread-info " data-comments-count="%d"><span class="wpdtc" title="%d">%d</span> Comments</div><div class="wpd-space"></div></div><div class="wpd-thread-list">`, len(cs), len(cs), len(cs))
	for j, c := range cs {
		level, extra := 1, ""
		if parents[j] != 0 {
			level, extra = 2, " wpd-reply"
		}
		fmt.Fprintf(b, `<div id="wpd-comm-%d_%d" class="comment %s depth-%d wpd-comment%s wpd_comment_level-%d"><div class="wpd-comment-wrap wpd-blog-guest">`+
			`<div class="wpd-comment-left "><div class="wpd-avatar "><img alt="%s" src="https://secure.gravatar.com/avatar/%x?s=64&#038;d=mm&#038;r=g" class="avatar avatar-64 photo" height="64" width="64" loading="lazy"></div>`+
			`<div class="wpd-comment-label" wpd-tooltip="Guest" wpd-tooltip-position="right"><span>Guest</span></div></div>`+
			`<div id="comment-%d" class="wpd-comment-right"><div class="wpd-comment-header"><div class="wpd-comment-author ">%s</div>`+
			`<div class="wpd-comment-date" title="%s"><i class="far fa-clock" aria-hidden="true"></i> %s</div><div class="wpd-space"></div>`+
			`<div class="wpd-comment-link wpd-hidden"><span wpd-tooltip="Comment Link" wpd-tooltip-position="left"><i class="fas fa-link" aria-hidden="true" data-wpd-clipboard="%s#comment-%d"></i></span></div></div>`+
			`<div class="wpd-comment-text">%s</div><div class="wpd-comment-footer"><div class="wpd-vote"><div class="wpd-vote-up wpd_not_clicked"><svg aria-hidden="true" viewBox="0 0 448 512"><path d="M0 0"></path></svg></div>`+
			`<div class="wpd-vote-result" title="%d">%d</div><div class="wpd-vote-down wpd_not_clicked"><svg aria-hidden="true" viewBox="0 0 448 512"><path d="M0 0"></path></svg></div></div>`+
			`<div class="wpd-reply-button"><span>Reply</span></div><div class="wpd-space"></div></div></div></div><div id="wpdiscuz_form_anchor-%d_%d"></div>`,
			c.id, parents[j], evenOdd(j), level, extra, level, html.EscapeString(c.author), c.id%97, c.id, html.EscapeString(c.author),
			c.at.Format("January 2, 2006 3:04 PM"), c.at.Format("January 2, 2006"), url, c.id, commentText(c), c.id%7, c.id%7, c.id, parents[j])
		if !(j+1 < len(cs) && parents[j+1] == c.id) {
			b.WriteString(`</div>`) // this comment
			if parents[j] != 0 && (j+1 == len(cs) || parents[j+1] != parents[j]) {
				b.WriteString(`</div>`) // its parent
			}
		}
	}
	b.WriteString(`</div></div></div>`)
	commentForm(b, postID)
	b.WriteString(`</div>`)
}

func evenOdd(j int) string {
	if j%2 == 0 {
		return "even thread-even"
	}
	return "odd alt thread-odd thread-alt"
}

// commentForm writes WordPress's comment form.
func commentForm(b *strings.Builder, postID int) {
	fmt.Fprintf(b, `<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>`+
		`<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked <span class="required">*</span></p>`+
		`<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>`+
		`<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required /></p>`+
		`<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" autocomplete="email" required /></p>`+
		`<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment" /> <input type='hidden' name='comment_post_ID' value='%d' id='comment_post_ID' /><input type='hidden' name='comment_parent' id='comment_parent' value='0' /></p></form></div>`, postID)
}
