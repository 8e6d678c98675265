package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The recall pass looks this many levels above the chosen container for
// blocks of the article beside it. A block before the container (a lead,
// a summary, ingredients) needs widenMinChars of text, one after it
// widenMinCharsAfter: what follows an article is more often an author
// box, a disclaimer or a sign-up than more of it. Either may have at most
// widenMaxLinkDensity of its text in links.
const (
	maxWidenLevels      = 5
	widenMinChars       = 100
	widenMinCharsAfter  = 300
	widenMaxLinkDensity = 0.15
)

// widen is the recall pass run after the body container c is chosen, as
// trafilatura does: pages split an article into modules (a lead or
// summary in the article header, a recipe's ingredients beside its
// steps, a product's description beside its details), and the container
// holds only one of them. Walking up from c a few levels, the siblings of
// each ancestor that are text-dense, link-poor and not page furniture
// join the body, in document order; lists of links or of teasers and
// blocks holding a comment heading do not. The climb stops below the body
// element and at page furniture. It returns c when nothing joins, or a
// new container holding c and the blocks found.
func (p *page) widen(c *html.Node) *html.Node {
	var before, after []*html.Node
	n := c
	for level := 0; level < maxWidenLevels; level++ {
		parent := n.Parent
		if parent == nil || parent.Type != html.ElementNode || parent == p.body || isElem(parent, atom.Body, atom.Html) {
			break
		}
		if p.cls.isChromeElement(parent) || p.cls.kind(parent) != kindContent {
			break
		}
		var pre, post []*html.Node
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			if p.joinsArticle(s, widenMinChars) {
				pre = append([]*html.Node{s}, pre...)
			}
		}
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if p.joinsArticle(s, widenMinCharsAfter) {
				post = append(post, s)
			}
		}
		before = append(pre, before...)
		after = append(after, post...)
		n = parent
	}
	if len(before) == 0 && len(after) == 0 {
		return c
	}
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, k := range before {
		remove(k)
		div.AppendChild(k)
	}
	remove(c)
	div.AppendChild(c)
	for _, k := range after {
		remove(k)
		div.AppendChild(k)
	}
	return div
}

// joinsArticle reports whether the sibling s of the body container's
// path reads as more of the article: a block of prose with few links that
// is neither page furniture nor a comment section nor a form.
func (p *page) joinsArticle(s *html.Node, minChars int) bool {
	if s.Type != html.ElementNode {
		return false
	}
	if p.cls.skipNode(s) || p.cls.isChromeElement(s) {
		return false
	}
	switch s.DataAtom {
	case atom.Form, atom.Footer, atom.Header, atom.Aside, atom.Nav, atom.Figure, atom.H1:
		if s.DataAtom != atom.Header || p.cls.isSiteBand(s) {
			return false
		}
	}
	text, link := textStats(s, p.skipper(s))
	if text < minChars || float64(link) > widenMaxLinkDensity*float64(text) {
		return false
	}
	if findCommentHeading(s) != nil || isLinkList(s) || isTeaserList(s) {
		return false
	}
	return true
}

// isTeaserList reports whether n lists other articles: it holds two
// article elements, or two headings that link elsewhere (a grid of
// teasers, whose blurbs keep its link density low).
func isTeaserList(n *html.Node) bool {
	teasers := 0
	var walk func(n *html.Node, inLink bool) bool
	walk = func(n *html.Node, inLink bool) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Article:
				teasers++
			case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if inLink || findElem(c, atom.A) != nil {
					teasers++
				}
				continue
			}
			if teasers >= 2 || walk(c, inLink || c.DataAtom == atom.A) {
				return true
			}
		}
		return teasers >= 2
	}
	return walk(n, false)
}
