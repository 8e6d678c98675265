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
			if commentSectionIDs[a.Val] || commentID.MatchString(a.Val) {
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
// from the document, keeping any that holds the article itself.
func removeComments(root *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				switch {
				case c.DataAtom == atom.Script || c.DataAtom == atom.Style:
				case isCommentSection(c) && !isElem(c, atom.Html, atom.Body) && articleMarkerSel.MatchFirst(c) == nil:
					n.RemoveChild(c)
				default:
					walk(c)
				}
			}
			c = next
		}
	}
	walk(root)
}
