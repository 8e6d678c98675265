package discover

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// maxURLLen is the longest URL a crawl follows; longer ones are traps.
const maxURLLen = 1024

// mediaExt are file extensions that are never HTML pages.
var mediaExt = setOf(
	"jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "avif", "heic",
	"pdf", "zip", "gz", "tgz", "bz2", "xz", "rar", "7z", "tar",
	"mp3", "mp4", "m4a", "m4v", "mov", "avi", "wmv", "webm", "ogg", "ogv", "oga", "wav", "flac", "mkv", "mpg", "mpeg",
	"doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "epub", "mobi", "csv",
	"exe", "dmg", "apk", "msi", "iso", "bin", "deb", "rpm",
	"css", "js", "mjs", "json", "map", "woff", "woff2", "ttf", "eot", "otf", "swf",
	"xml", "rss", "atom", "rdf", "txt", "ics", "vcf", "gpx", "kml",
)

// boilerSegments are path segments that mark a URL as never an article
// nor a page leading to one.
var boilerSegments = setOf(
	"wp-admin", "wp-login.php", "wp-signup.php", "wp-activate.php", "wp-cron.php", "xmlrpc.php",
	"wp-json", "wp-content", "wp-includes", "cdn-cgi", "feed", "feeds", "rss", "atom", "trackback", "embed",
	"login", "logout", "signin", "sign-in", "signout", "sign-out", "signup", "sign-up", "register",
	"lostpassword", "reset-password", "my-account", "cart", "checkout", "basket", "amp", "print",
	"attachment", "share", "mailto", "oembed",
)

// boilerQuery are query parameters of actions, searches and variants.
var boilerQuery = setOf(
	"replytocom", "share", "like_comment", "action", "preview", "preview_id", "s", "q", "search",
	"doing_wp_cron", "add-to-cart", "print", "amp", "attachment_id", "redirect_to", "reauth",
	"ical", "outlook-ical", "unapproved", "moderation-hash", "feed", "rest_route", "format",
)

func setOf(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}

// IsBoilerplateURL reports whether u is never an article nor a page that
// leads to one, whatever the site: login, admin and account pages,
// WordPress internals (wp-json, wp-content, xmlrpc.php), feeds, oEmbed,
// AMP and print variants, attachment pages, search results, reply-to and
// share actions, media and download files, and crawler traps (URLs over
// 1,024 bytes, more than 12 path segments, or a segment repeated 3
// times, as calendars and broken relative links make).
func IsBoilerplateURL(u string) bool {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
		return true
	}
	if len(u) > maxURLLen {
		return true
	}
	segs := segments(pu.Path)
	if len(segs) > 12 {
		return true
	}
	counts := map[string]int{}
	for _, s := range segs {
		s = strings.ToLower(s)
		if boilerSegments[s] || commentPageRe.MatchString(s) {
			return true
		}
		if counts[s]++; counts[s] >= 3 {
			return true
		}
	}
	if len(segs) > 0 {
		last := strings.ToLower(segs[len(segs)-1])
		if ext := strings.TrimPrefix(path.Ext(last), "."); ext != "" && mediaExt[ext] {
			return true
		}
	}
	for k := range pu.Query() {
		if boilerQuery[strings.ToLower(k)] {
			return true
		}
	}
	return false
}

func segments(p string) []string {
	var out []string
	for s := range strings.SplitSeq(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// listingSegments are path segments of listing pages.
var listingSegments = setOf(
	"category", "categories", "tag", "tags", "topic", "topics", "author", "authors", "page",
	"search", "label", "archive", "archives", "comments", "section", "sections", "taxonomy", "term",
	"user", "users", "profile", "members", "series", "collection", "collections", "index",
)

// staticPages are slugs of a site's fixed pages, not articles.
var staticPages = setOf(
	"about", "about-us", "about-me", "contact", "contact-us", "impressum", "imprint", "privacy",
	"privacy-policy", "datenschutz", "terms", "terms-of-service", "terms-of-use", "tos", "disclaimer",
	"cookies", "cookie-policy", "sitemap", "faq", "help", "subscribe", "newsletter", "donate",
	"support", "advertise", "jobs", "careers", "team", "home", "index", "blog", "news", "links",
)

var (
	yearRe    = regexp.MustCompile(`^(?:19|20)\d\d$`)
	monthRe   = regexp.MustCompile(`^(?:0?[1-9]|1[0-2])$`)
	dayRe     = regexp.MustCompile(`^(?:0?[1-9]|[12]\d|3[01])$`)
	numericRe = regexp.MustCompile(`^\d+$`)
	idSlugRe  = regexp.MustCompile(`^\d{3,}[-_][a-z0-9]`)
	longIDRe  = regexp.MustCompile(`(?:^|[-_])\d{5,}$`)
	// commentPageRe matches WordPress comment pages (/slug/comment-page-2/):
	// the same article, fetched for its thread, not a page of its own.
	commentPageRe = regexp.MustCompile(`^comment-page-\d+$`)
)

// GuessArticleURL is a URL-only guess, for sites without article
// patterns, of whether u is an article rather than a listing or a fixed
// page. Articles: a slug under a date path (/2016/03/01/slug/,
// /2016/03/slug.html), WordPress ?p=N, Drupal /node/N, an .html/.php
// page with a slug, a long slug (three words or more, or two making 15
// characters), a numeric id with a slug (/12345-slug, /news/slug-123456).
// Not articles: the home page, date archives, /category/, /tag/,
// /page/N/, /author/, /search/label/ (Blogger), feeds, wp-json, attachment
// and media files (IsBoilerplateURL), and fixed pages (/about/, /contact/).
func GuessArticleURL(u string) bool {
	pu, err := url.Parse(u)
	if err != nil || IsBoilerplateURL(u) {
		return false
	}
	q := pu.Query()
	if q.Has("p") && numericRe.MatchString(q.Get("p")) {
		return true
	}
	for _, k := range []string{"cat", "tag", "author", "paged", "page_id", "page", "updated-max", "max-results"} {
		if q.Has(k) {
			return false
		}
	}
	if len(q.Get("m")) >= 4 { // WordPress month archive ?m=201603; Blogger's ?m=1 is the mobile view
		return false
	}
	segs := segments(pu.Path)
	if len(segs) == 0 {
		return false
	}
	for i, s := range segs {
		s = strings.ToLower(s)
		if listingSegments[s] {
			return false
		}
		if s == "node" && i+1 < len(segs) && numericRe.MatchString(segs[i+1]) {
			return i+2 == len(segs) // /node/12, not /node/12/edit
		}
	}
	last := strings.ToLower(segs[len(segs)-1])
	slug := last
	hasExt := false
	for _, ext := range []string{".html", ".htm", ".shtml", ".php", ".aspx", ".asp", ".jsp"} {
		if s, ok := strings.CutSuffix(last, ext); ok {
			slug, hasExt = s, true
			break
		}
	}
	if slug == "" || staticPages[slug] || slug == "default" {
		return false
	}
	if hasExt && len(segs) == 2 && segs[0] == "p" {
		return false // Blogger's fixed pages: /p/about.html
	}
	// Date archives: /2016/, /2016/03/, /2016/03/01/.
	if isDatePath(segs) {
		return false
	}
	dated := len(segs) >= 3 && yearRe.MatchString(segs[0]) && monthRe.MatchString(segs[1]) ||
		len(segs) >= 3 && yearRe.MatchString(segs[len(segs)-3]) && monthRe.MatchString(segs[len(segs)-2])
	if !dated {
		for i := 0; i+1 < len(segs)-1; i++ {
			if yearRe.MatchString(segs[i]) && monthRe.MatchString(segs[i+1]) {
				dated = true
			}
		}
	}
	words := len(strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == '+' || r == '.' }))
	switch {
	case dated && !numericRe.MatchString(slug):
		return true
	case idSlugRe.MatchString(slug), longIDRe.MatchString(slug):
		return true
	case hasExt && (words >= 2 || numericRe.MatchString(slug)):
		return true
	case words >= 3, words >= 2 && len(slug) >= 15:
		return true
	case numericRe.MatchString(slug) && len(slug) >= 4 && len(segs) >= 2:
		return true // /news/123456, /story/98765
	}
	return false
}

// isDatePath reports whether every segment is part of a date: a year,
// then a month, then a day.
func isDatePath(segs []string) bool {
	if len(segs) > 3 || !yearRe.MatchString(segs[0]) {
		return false
	}
	if len(segs) >= 2 && !monthRe.MatchString(segs[1]) {
		return false
	}
	if len(segs) == 3 && !dayRe.MatchString(segs[2]) {
		return false
	}
	return true
}
