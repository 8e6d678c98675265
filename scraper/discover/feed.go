package discover

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"

	"github.com/strata-archive/strata/scraper/fetch"
)

// ErrNotFeed means a file is not an RSS, Atom or JSON Feed.
var ErrNotFeed = errors.New("not a feed")

// Feed reads the RSS (0.9x, 1.0, 2.0), Atom or JSON Feed at feedURL
// through f and returns the links of its items in feed order, without
// duplicates. A gzip-compressed body is read too. allow, when not nil,
// is asked about each redirect: a feed moved out of the crawl's scope is
// not followed there.
func Feed(ctx context.Context, f *fetch.Fetcher, feedURL string, allow func(string) bool) ([]Entry, error) {
	c, err := get(ctx, f, feedURL, acceptFeed, allow)
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	entries, err := ParseFeed(c.Body, finalURL(c))
	if err != nil {
		if c.Truncated {
			return entries, fmt.Errorf("feed %s: %w at %d bytes: %w", feedURL, ErrTruncated, len(c.Body), err)
		}
		return entries, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	return entries, nil
}

// ParseFeed reads a feed body fetched from feedURL, against which
// relative item links resolve. Each item gives its link (else its first
// link, else a permalink guid); LastMod is the item's updated date, else
// its published date.
func ParseFeed(body []byte, feedURL string) ([]Entry, error) {
	r, err := openBody(body)
	if err != nil {
		return nil, err
	}
	feed, err := gofeed.NewParser().Parse(r)
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, ErrNotFeed
		}
		if errors.Is(err, ErrTooLarge) {
			return nil, ErrTooLarge
		}
		return nil, fmt.Errorf("%w: %w", ErrNotFeed, err)
	}
	base, _ := url.Parse(feedURL)
	var out []Entry
	seen := map[string]bool{}
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" && strings.HasPrefix(it.GUID, "http") {
			link = it.GUID
		}
		u, ok := resolve(base, strings.TrimSpace(link))
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		e := Entry{URL: u, Source: SourceFeed}
		switch {
		case it.UpdatedParsed != nil:
			e.LastMod = it.UpdatedParsed.UTC()
		case it.PublishedParsed != nil:
			e.LastMod = it.PublishedParsed.UTC()
		}
		out = append(out, e)
	}
	return out, nil
}

// feedTypes are the link types of feeds. application/json counts only
// when the link names a feed: WordPress uses it for its REST API.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      true,
}

// commentTitle matches the titles of comment feeds in the languages
// WordPress and Blogger ship ("Comments Feed", "Kommentar-Feed",
// "Flux des commentaires", …).
var commentTitle = regexp.MustCompile(`(?i)\b(?:comments?|kommentar\w*|commentaires?|comentarios?|comentários|commenti|reacties|reacties-feed|komentarze|коммент\w*)\b`)

// FeedLinks returns the feeds a page announces with <link rel=alternate>
// (RSS, Atom, JSON Feed), resolved against base (honouring <base href>),
// without duplicates, in document order. Comment feeds are left out: the
// site's "Comments Feed", an article's own comment feed
// (".../slug/feed/" titled "… Comments Feed"), Blogger's
// /feeds/comments/ and /feeds/POSTID/comments/. The WordPress REST and
// oEmbed links are not feeds.
func FeedLinks(doc *goquery.Document, base *url.URL) []string {
	b := documentBase(doc, base)
	var out []string
	seen := map[string]bool{}
	doc.Find("link[href]").Each(func(_ int, s *goquery.Selection) {
		if !hasToken(s.AttrOr("rel", ""), "alternate") {
			return
		}
		typ := strings.ToLower(strings.TrimSpace(s.AttrOr("type", "")))
		if i := strings.IndexByte(typ, ';'); i >= 0 {
			typ = strings.TrimSpace(typ[:i])
		}
		if !feedTypes[typ] {
			return
		}
		u, ok := resolve(b, strings.TrimSpace(s.AttrOr("href", "")))
		if !ok || seen[u] {
			return
		}
		pu, err := url.Parse(u)
		if err != nil {
			return
		}
		path := strings.ToLower(pu.Path)
		if strings.Contains(path, "/wp-json/") || strings.Contains(pu.RawQuery, "rest_route=") {
			return
		}
		if typ == "application/json" && !strings.Contains(path, "feed") {
			return
		}
		if isCommentFeed(s.AttrOr("title", ""), pu) {
			return
		}
		seen[u] = true
		out = append(out, u)
	})
	return out
}

// isCommentFeed tells comment feeds by title or by URL.
func isCommentFeed(title string, u *url.URL) bool {
	if commentTitle.MatchString(title) {
		return true
	}
	path := strings.ToLower(u.Path)
	if strings.Contains(path, "/comments/feed") || strings.Contains(path, "/comments/default") ||
		strings.Contains(path, "/feeds/comments") || strings.Contains(u.RawQuery, "feed=comments") {
		return true
	}
	// WordPress: /2016/03/01/slug/feed/ is the comment feed of the article.
	if p, ok := strings.CutSuffix(strings.TrimSuffix(path, "/"), "/feed"); ok && p != "" {
		post := *u
		post.Path = p + "/"
		post.RawQuery = ""
		return GuessArticleURL(post.String())
	}
	return false
}
