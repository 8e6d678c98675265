package comments

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
)

// Parts of a wpDiscuz comment; v7 class first, v4/v5 second.
var (
	wpdAuthor       = cascadia.MustCompile(".wpd-comment-author, .wc-comment-author")
	wpdLabel        = cascadia.MustCompile(".wpd-comment-label, .wc-comment-label")
	wpdDate         = cascadia.MustCompile(".wpd-comment-date, .wc-comment-date")
	wpdText         = cascadia.MustCompile(".wpd-comment-text, .wc-comment-text")
	wpdVote         = cascadia.MustCompile(".wpd-vote-result, .wc-vote-result")
	wpdToggle       = cascadia.MustCompile(".wpd-toggle, .wc-toggle")
	wpdTextSkip     = cascadia.MustCompile(".wpdiscuz-readmore, .wpd-inline-feedback-wrapper, .wc_held_for_moderate")
	trackbackAvatar = cascadia.MustCompile(`img[alt="trackback"]`)
	anyLink         = cascadia.MustCompile("a[href]")

	replyCount     = regexp.MustCompile(`\((\d+)\)`)
	firstLoadAJAX  = regexp.MustCompile(`"firstLoadWithAjax"\s*:\s*"?(\d)`)
	wpdParentParam = regexp.MustCompile(`(?:wpdParentID=|parentId=)(\d+)`)
)

// isWpdItem reports whether n is a wpDiscuz comment wrapper.
func isWpdItem(n *html.Node) bool {
	return wpdItemID.MatchString(attrVal(n, "id"))
}

// ParseWpDiscuzHTML reads the comment wrappers of wpDiscuz markup, such
// as the comment_list HTML of a wpdLoadMoreComments or wpdShowReplies AJAX
// reply, and returns the comments in thread order (see Merge).
//
// pageURL resolves relative author links and may be nil. site is the
// site's UTC offset (see SiteLocation) for the zone-less dates wpDiscuz
// shows; with nil, PostedAt stays nil and PostedAtText holds the date.
func ParseWpDiscuzHTML(fragment string, pageURL *url.URL, site *time.Location) []strata.Comment {
	root, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return []strata.Comment{}
	}
	cs, _ := wpdComments(scanTree(root).wpd, pageURL, dater{site: site})
	return Merge(cs, nil)
}

// wpdComments reads the wpDiscuz wrappers in document order. collapsed
// maps the ID of a comment whose replies are folded away to the number of
// replies its toggle announces.
func wpdComments(items []item, base *url.URL, d dater) (cs []strata.Comment, collapsed map[string]int) {
	collapsed = map[string]int{}
	for _, it := range items {
		c, n := wpdComment(it, base, d)
		cs = append(cs, c)
		if n > 0 {
			collapsed[c.ID] = n
		}
	}
	return cs, collapsed
}

// wpdComment reads one wrapper. It also returns the reply count of a
// "View Replies (N)" toggle, 0 when there is none.
func wpdComment(it item, base *url.URL, d dater) (strata.Comment, int) {
	n := it.node
	c := strata.Comment{ID: it.id, ParentID: it.parent, Type: strata.CommentTypeComment}

	if a := firstOwn(n, wpdAuthor, isWpdItem); a != nil {
		if link := firstOwn(a, anyLink, nil); link != nil {
			c.AuthorURL = resolve(base, attrVal(link, "href"))
			c.Author = oneLine(link, nil)
		}
		if c.Author == "" {
			c.Author = oneLine(a, nil)
		}
	}
	if l := firstOwn(n, wpdLabel, isWpdItem); l != nil {
		c.Label = oneLine(l, nil)
		if c.Label == "" {
			c.Label = collapseLine(attrVal(l, "wpd-tooltip"))
		}
	}
	if dt := firstOwn(n, wpdDate, isWpdItem); dt != nil {
		// v7 puts the absolute local date in title and shows a relative
		// one; v4/v5 show one or the other, without a title.
		c.PostedAtText = collapseLine(attrVal(dt, "title"))
		if c.PostedAtText == "" {
			c.PostedAtText = oneLine(dt, nil)
		}
		c.PostedAt = d.at(c.PostedAtText)
	}
	if t := firstOwn(n, wpdText, isWpdItem); t != nil {
		c.Text = textOf([]*html.Node{t}, wpdTextSkip)
		c.HTML = innerHTML(t)
	}
	c.Score = wpdScore(findOwn(n, wpdVote, isWpdItem))

	switch {
	case hasClass(n, "pingback"):
		c.Type = strata.CommentTypePingback
	case hasClass(n, "trackback"):
		c.Type = strata.CommentTypeTrackback
	case firstOwn(n, trackbackAvatar, isWpdItem) != nil:
		// v4/v5 print no type class; pings only differ by the shared
		// trackback avatar. Pingbacks are by far the more common kind.
		c.Type = strata.CommentTypePingback
	}

	replies := 0
	for _, tg := range findOwn(n, wpdToggle, isWpdItem) {
		if m := replyCount.FindStringSubmatch(oneLine(tg, nil)); m != nil {
			if v, err := strconv.Atoi(m[1]); err == nil && v > replies {
				replies = v
			}
		}
	}
	return c, replies
}

// wpdScore reads the vote results: one net figure, or a like and a
// dislike figure (the dislike shown as a negative number) summed as net.
// The title attribute holds the exact integer; the text may be shortened
// ("1.2K") and is used only when it is a plain integer.
func wpdScore(results []*html.Node) *int {
	var like, dislike, net *int
	for _, r := range results {
		v, ok := voteValue(r)
		if !ok {
			continue
		}
		switch {
		case hasClass(r, "wpd-vote-result-like") || hasClass(r, "wc-vote-result-like"):
			if like == nil {
				like = &v
			}
		case hasClass(r, "wpd-vote-result-dislike") || hasClass(r, "wc-vote-result-dislike"):
			if dislike == nil {
				dislike = &v
			}
		default:
			if net == nil {
				net = &v
			}
		}
	}
	if like == nil && dislike == nil {
		return net
	}
	s := 0
	if like != nil {
		s += *like
	}
	if dislike != nil {
		// v7 prints -dislikes, v5 the plain count; either way it counts down.
		if *dislike > 0 {
			s -= *dislike
		} else {
			s += *dislike
		}
	}
	return &s
}

func voteValue(n *html.Node) (int, bool) {
	for _, s := range []string{attrVal(n, "title"), oneLine(n, nil)} {
		s = strings.TrimPrefix(s, "+")
		if v, err := strconv.Atoi(s); err == nil && len(s) < 12 {
			return v, true
		}
	}
	return 0, false
}

// collapseLine collapses white space in s to single spaces and trims.
func collapseLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// wpdBatches reads the wpDiscuz signals that more comments exist than the
// page holds: the load-more state and the ID to continue after, and
// whether the first batch itself is loaded by AJAX after the page.
func wpdBatches(doc *goquery.Document, s *scan) (more bool, lastParent string, ajaxFirst bool) {
	find(doc.Selection, ".wpd-load-more-submit[data-lastparentid], .wc-load-more-link[data-lastparentid], .wc-load-more-submit[data-lastparentid]").
		EachWithBreak(func(_ int, sel *goquery.Selection) bool {
			v := strings.TrimSpace(sel.AttrOr("data-lastparentid", ""))
			if isDigits(v) {
				lastParent = v
				return false
			}
			return true
		})
	if lastParent == "" {
		// v4's no-JS link: {permalink}?wpdParentID={ID}.
		find(doc.Selection, "a.wc-load-more-link[href]").EachWithBreak(func(_ int, sel *goquery.Selection) bool {
			if m := wpdParentParam.FindStringSubmatch(sel.AttrOr("href", "")); m != nil {
				lastParent = m[1]
				return false
			}
			return true
		})
	}
	if hm := find(doc.Selection, "#wpdiscuzHasMoreComments").First(); hm.Length() > 0 {
		v, ok := hm.Attr("data-is_show_load_more")
		if !ok {
			v = hm.AttrOr("value", "")
		}
		v = strings.TrimSpace(v)
		more = v == "1" || strings.EqualFold(v, "true")
	} else {
		more = (lastParent != "" && lastParent != "0") || find(doc.Selection, "a.wc-load-more-link, .wc-load-more-submit").Length() > 0
	}
	switch s.scriptMatch(firstLoadAJAX) {
	case "1", "2":
		ajaxFirst = true
	}
	if find(doc.Selection, "button.wpd-load-comments").Length() > 0 {
		ajaxFirst = true
	}
	return more, lastParent, ajaxFirst
}
