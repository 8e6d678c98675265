package extract

import (
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Comment sections of the comment systems strata knows (WordPress
// walkers, wpDiscuz, Disqus, Blogger, …), by id and by class.
var (
	commentSectionIDs = map[string]bool{
		"comments": true, "wpdcom": true, "disqus_thread": true, "respond": true, "comment-form": true,
		"commentform": true, "isso-thread": true, "coral_thread": true, "hyvor-talk-view": true,
		"comments-section": true, "wpd-threads": true,
	}
	commentSectionClasses = map[string]bool{
		"comments-area": true, "comment-list": true, "commentlist": true, "comments": true,
		"comment-respond": true, "comment-form": true, "fb-comments": true, "commento": true,
		"comments-section": true, "article-comments": true, "post-comments": true, "blog-comments": true,
	}
)

// commentID matches the id of one comment's element.
var commentID = regexp.MustCompile(`^(?:(?:li-|div-)?comment-\d+|(?:wpd|wc)-comm-.*)$`)

// articleMarkerSel finds what a comment section must not contain: the
// article's heading or body.
var articleMarkerSel = cascadia.MustCompile(`h1, .entry-content, [itemprop=articleBody], .post-body, .post-content, .article-body`)

// isCommentSection reports whether n is a comment section or a comment.
func isCommentSection(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "id":
			// Every id commentID matches holds "comm": test that first.
			if commentSectionIDs[a.Val] || strings.Contains(a.Val, "comm") && commentID.MatchString(a.Val) {
				return true
			}
		case "class":
			for tok := range strings.FieldsSeq(a.Val) {
				if commentSectionClasses[tok] || strings.HasPrefix(tok, "wpd-") || strings.HasPrefix(tok, "wpdiscuz") {
					return true
				}
			}
		}
	}
	return false
}

// removeComments detaches every comment section and every comment element
// from the document, keeping any that holds the article itself, and
// returns the detached sections.
func removeComments(root *html.Node) []*html.Node {
	var removed []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				switch {
				case c.DataAtom == atom.Script || c.DataAtom == atom.Style:
				case isCommentSection(c) && !isElem(c, atom.Html, atom.Body) && articleMarkerSel.MatchFirst(c) == nil:
					n.RemoveChild(c)
					removed = append(removed, c)
				default:
					walk(c)
				}
			}
			c = next
		}
	}
	walk(root)
	return removed
}

// commentHeading matches the heading over a comment section: "Comments",
// "12 Kommentare", "Leave a Reply", "Leserkommentare", "Réactions", …
var commentHeading = regexp.MustCompile(`(?i)^(?:\d+\s+|\(\d+\)\s*)?(?:comments?|kommentare?|leserkommentare|leserbriefe|reaktionen|responses?|replies|leave a (?:reply|comment)|schreibe einen kommentar|kommentar (?:schreiben|verfassen)|réactions?|commentaires?|comentarios?|komentarze?|commenti)(?:\s*\(?\d+\)?)?\s*:?$`)

// isCommentHeading reports whether n is a heading (h2–h6, or a short
// bold line) that opens a comment section.
func isCommentHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
	default:
		return false
	}
	t := nodeText(n)
	return len(t) <= 40 && commentHeading.MatchString(t)
}

// findCommentHeading returns the first comment heading below n, or nil.
func findCommentHeading(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isCommentHeading(c) {
			return c
		}
		if h := findCommentHeading(c); h != nil {
			return h
		}
	}
	return nil
}

// cutAtCommentHeading removes a comment heading of the container c and
// everything after it, on its level and on every level above it up to c:
// comment sections that no class name gives away still start with one.
func cutAtCommentHeading(c *html.Node) {
	h := findCommentHeading(c)
	if h == nil {
		return
	}
	for n := h; n != nil && n != c; n = n.Parent {
		for s := n.NextSibling; s != nil; {
			next := s.NextSibling
			n.Parent.RemoveChild(s)
			s = next
		}
	}
	remove(h)
}
