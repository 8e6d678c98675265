package comments

import (
	"net/url"
	"strings"

	"github.com/andybalholm/cascadia"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
)

// Parts of a native WordPress comment, for the html5 and xhtml walkers of
// core and the usual theme callbacks.
var (
	wpFn     = anyClass(".fn")
	wpAuthor = anyClass(".comment-author, .comment_author")
	wpURL    = cascadia.MustCompile("a.url[href]")
	wpTime   = cascadia.MustCompile("time[datetime]")
	// The xhtml walker's date is the text of the comment's permalink.
	wpDateLink = cascadia.MustCompile(`.comment-meta a[href*="#comment-"], .commentmetadata a[href*="#comment-"], .comment-metadata a[href*="#comment-"]`)
	wpDateText = anyClass(".comment-date, .comment-time, .comment_time, .comment_date, .commentmetadata, .comment-meta, .comment-metadata")
	wpEdit     = anyClass(".comment-edit-link, .edit-link")
	wpBody     = anyClass(".comment-body")
	wpContent  = anyClass(".comment-content, .comment-text, .comment-entry")
	// wpChrome is everything around the text of a comment: author block,
	// date line, moderation notice, reply and edit links, avatars.
	wpChrome = anyClass(".comment-author, .vcard, .comment-meta, .commentmetadata, .comment-metadata, " +
		".reply, .comment-reply-link, .comment-reply-login, .comment-awaiting-moderation, .says, " +
		".edit-link, .comment-edit-link, .avatar, .children, .screen-reader-text")
	// wpChromeLite is the chrome of themes that put the text inside the
	// author block: only the name, date and links are left out.
	wpChromeLite = anyClass(".fn, .says, .comment-meta, .commentmetadata, .comment-metadata, .reply, " +
		".comment-reply-link, .comment-reply-login, .comment-awaiting-moderation, .edit-link, .comment-edit-link, " +
		".avatar, .children, .screen-reader-text")
	wpSaysSuffixes = []string{"says:", "says", "sagt:", "sagt", "dit :", "dit:", "dice:"}
)

// nativeStop returns the stop function for the parts of comment num: it
// keeps out every element that belongs to another comment.
func nativeStop(num string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		id, ok := attr(n, "id")
		if !ok || !strings.Contains(id, "comment-") {
			return false
		}
		m, ok := nativeItemID(strings.TrimSpace(id))
		return ok && m != num
	}
}

// nativeComment reads one native WordPress comment.
func nativeComment(it item, base *url.URL, d dater) strata.Comment {
	n := it.node
	stop := nativeStop(it.id)
	c := strata.Comment{ID: it.id, ParentID: it.parent, Type: nativeType(n, it.id, stop)}

	// Author: b.fn (html5), cite.fn (xhtml) or a theme's .fn; for short
	// pings, the linked title after "Pingback:".
	if fn := firstOwn(n, wpFn, stop); fn != nil {
		c.Author = oneLine(fn, nil)
		c.AuthorURL = linkOf(fn, base)
	} else if ca := firstOwn(n, wpAuthor, stop); ca != nil {
		c.Author = trimSays(oneLine(ca, nil))
		c.AuthorURL = linkOf(ca, base)
	} else if c.Type != strata.CommentTypeComment {
		link := firstOwn(n, wpURL, stop)
		if link == nil {
			link = firstOwn(n, anyLink, stop)
		}
		if link != nil {
			c.Author = oneLine(link, nil)
			c.AuthorURL = resolve(base, attrVal(link, "href"))
		}
	}

	// Date: html5 time[datetime] carries an offset; the xhtml walker only
	// shows "DATE at TIME" in the site's zone and locale.
	if tm := firstOwn(n, wpTime, stop); tm != nil {
		dt := attrVal(tm, "datetime")
		c.PostedAtText = oneLine(tm, nil)
		if c.PostedAtText == "" {
			c.PostedAtText = dt
		}
		c.PostedAt = d.at(dt)
		if c.PostedAt == nil {
			c.PostedAt = d.at(c.PostedAtText)
		}
	} else if a := firstOwn(n, wpDateLink, stop); a != nil {
		c.PostedAtText = oneLine(a, nil)
		c.PostedAt = d.at(c.PostedAtText)
	} else if dt := firstOwn(n, wpDateText, stop); dt != nil {
		c.PostedAtText = oneLine(dt, wpEdit)
		c.PostedAt = d.at(c.PostedAtText)
	}

	// Text: the html5 walker and most callbacks wrap it; the xhtml walker
	// leaves the paragraphs loose in the body, between author block, date
	// line and reply link.
	body := firstOwn(n, wpBody, stop)
	if body == nil {
		body = n
	}
	if content := firstOwn(body, wpContent, stop); content != nil {
		c.Text = textOf([]*html.Node{content}, wpChrome)
		c.HTML = innerHTML(content)
		return c
	}
	if isElement(n, "dt") {
		// dl comment lists (Thesis and others): dt holds author and date,
		// the following dd the text.
		for k := n.NextSibling; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			if isElement(k, "dd") {
				c.Text = textOf([]*html.Node{k}, wpChrome)
				c.HTML = innerHTML(k)
			}
			break
		}
		return c
	}
	var loose []*html.Node
	for k := body.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && (stop(k) || wpChrome.Match(k) || skipTags[k.DataAtom]) {
			continue
		}
		if k.Type == html.CommentNode {
			continue
		}
		loose = append(loose, k)
	}
	c.Text = textOf(loose, wpChrome)
	c.HTML = renderNodes(loose)
	if c.Text == "" && c.Type == strata.CommentTypeComment {
		// Some themes put the text inside the author block.
		c.Text = textOf([]*html.Node{body}, wpChromeLite)
		if c.Author != "" {
			c.Text = strings.TrimSpace(strings.TrimPrefix(c.Text, c.Author))
		}
		c.HTML = innerHTML(body)
	}
	return c
}

// nativeType reads the comment type from the classes of the item or of its
// inner elements with the same number (theme callbacks put comment_class
// on an inner article).
func nativeType(n *html.Node, num string, stop func(*html.Node) bool) string {
	nodes := []*html.Node{n}
	walkOwn(n, stop, func(k *html.Node) bool {
		if m, ok := nativeItemID(attrVal(k, "id")); ok && m == num {
			nodes = append(nodes, k)
		}
		return true
	})
	for _, k := range nodes {
		switch {
		case hasClass(k, "pingback"):
			return strata.CommentTypePingback
		case hasClass(k, "trackback"):
			return strata.CommentTypeTrackback
		}
	}
	return strata.CommentTypeComment
}

// linkOf returns the absolute URL of n when n is a link, else of the first
// link inside n.
func linkOf(n *html.Node, base *url.URL) string {
	if isElement(n, "a") {
		if u := resolve(base, attrVal(n, "href")); u != "" {
			return u
		}
	}
	if a := firstOwn(n, anyLink, nil); a != nil {
		return resolve(base, attrVal(a, "href"))
	}
	return ""
}

// trimSays drops the "says:" that follows the name in the author block.
func trimSays(s string) string {
	for _, suf := range wpSaysSuffixes {
		if len(s) >= len(suf) && strings.EqualFold(s[len(s)-len(suf):], suf) {
			return strings.TrimSpace(s[:len(s)-len(suf)])
		}
	}
	return s
}
