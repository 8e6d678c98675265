package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// copyrightNotice matches a copyright notice naming its holder, as blogs
// and personal sites write it in the footer: "© 2019 Anna Lind",
// "Copyright © Anna Lind 2008", "(c) Anna Lind • Impressum",
// "© since 2010 by Anna Lind", and, after a link to a Creative Commons
// license, "2006-2008 by Anna Lind". The holder is two or three
// capitalised words; what follows must be a year, a separator or a
// rights statement.
var copyrightNotice = regexp.MustCompile(`^[\s)\]]*((?i:©|\(c\)|copyright|urheberrecht)[\s:]*)*` +
	`(?:(?i:since|seit|ab)?\s*\d{4}(?:\s*[-–]\s*(?:\d{4}|\d{2}))?\s*,?\s*)*(?i:by|von)?\s*` +
	`(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2})` +
	`(?:\s*,?\s*\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:$|[•|·.,;:–—-]|(?i:all rights|alle rechte))`)

// businessWords end a holder's name that is a business of its owner's
// ("Anna Lind Fotografie"), not the owner.
var businessWords = toSet(`
agency agentur architekten blog consulting design designs events films foto fotografie gruppe group immobilien
marketing media medien partner partners photo photography productions rechtsanwalt rechtsanwälte studio studios
verlag
`)

// footerClassWords name the page's closing furniture in a class or id.
var footerClassWords = []string{"footer", "copyright", "credits", "site-info", "colophon"}

// maxFooterTexts bounds the texts read backwards from the page's end.
const maxFooterTexts = 120

// maxFooterUp bounds the levels looked up for the footer's container.
const maxFooterUp = 6

// footerOwner returns the person a personal blog's footer names as the
// copyright holder ("© 2019 Anna Lind"), for a blog's article page that
// names no author otherwise: the site is its owner's. The notice must
// sit in the page's footer (a footer element, or an element whose class
// or id names a footer, copyright or credits), not in a figure or next
// to a picture (a photo's credit), and name one person only, a common
// given name first; the page must run on a blogging engine.
func (p *page) footerOwner(art ldObject) []string {
	if p.body == nil || !p.blogArticle(art) {
		return nil
	}
	var owner string
	texts := 0
	ok := true
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			switch c.Type {
			case html.TextNode:
				if texts++; texts > maxFooterTexts {
					return false
				}
				if name := copyrightHolder(c); name != "" {
					if owner != "" && owner != name {
						ok = false
						return false
					}
					owner = name
				}
			case html.ElementNode:
				if c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Noscript {
					continue
				}
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	walk(p.body)
	if !ok || owner == "" {
		return nil
	}
	return []string{owner}
}

// copyrightHolder returns the person a copyright notice opening with the
// text node t names, when it stands in the page's footer and is no
// picture's credit.
func copyrightHolder(t *html.Node) string {
	data := t.Data
	afterLicense := licenseLinkBefore(t)
	if !afterLicense && !strings.Contains(data, "©") && !strings.Contains(strings.ToLower(data), "(c)") &&
		!strings.Contains(strings.ToLower(data), "copyright") {
		return ""
	}
	line := lineFrom(t)
	m := copyrightNotice.FindStringSubmatch(line)
	if m == nil || m[1] == "" && !afterLicense {
		return ""
	}
	name := m[2]
	if !ownerName(name) || !isGivenName(name) {
		return ""
	}
	for _, w := range strings.Fields(name)[1:] {
		if businessWords[strings.ToLower(w)] {
			return ""
		}
	}
	if !inFooter(t) {
		return ""
	}
	return name
}

// licenseLinkBefore reports whether the element before t is a link to a
// Creative Commons license: "(<a>CC BY-SA</a>) 2008 by Anna Lind".
func licenseLinkBefore(t *html.Node) bool {
	prev := t.PrevSibling
	return prev != nil && prev.DataAtom == atom.A && strings.Contains(attr(prev, "href"), "creativecommons.org/licenses")
}

// lineFrom returns the text of t and of the inline elements after it up
// to a line break or a block: the rest of the notice's line.
func lineFrom(t *html.Node) string {
	var b strings.Builder
	b.WriteString(t.Data)
	for c := t.NextSibling; c != nil && b.Len() < 200; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Br || !inlineTags[c.DataAtom]) {
			break
		}
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		} else if c.Type == html.ElementNode {
			b.WriteString(nodeText(c))
		}
	}
	return collapse(b.String())
}

// inFooter reports whether t stands in the page's footer and not in a
// figure, a caption or beside a picture.
func inFooter(t *html.Node) bool {
	block := t.Parent
	for block != nil && inlineTags[block.DataAtom] {
		block = block.Parent
	}
	if block == nil || findElem(block, atom.Img) != nil {
		return false
	}
	n := t.Parent
	for i := 0; n != nil && n.Type == html.ElementNode && i < maxFooterUp+2; i, n = i+1, n.Parent {
		switch n.DataAtom {
		case atom.Figure, atom.Figcaption, atom.Caption, atom.Article, atom.Main:
			return false
		case atom.Footer:
			return true
		}
		cid := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
		for _, w := range footerClassWords {
			if strings.Contains(cid, w) {
				return true
			}
		}
	}
	return false
}

// blogEngines are the generators of blogging software.
var blogEngines = regexp.MustCompile(`(?i)^(?:wordpress|blogger|ghost|jekyll|hugo|hexo|serendipity|s9y|b2evolution|movable type|textpattern|pelican|eleventy|tumblr|dotclear)\b`)

// blogArticle reports whether the page is an article of a blog: an
// Article in JSON-LD, og:type article or a post's class (WordPress's
// post, hentry, type-post; Blogger's post-outer), on a blogging engine
// (its generator, or WordPress's /wp-content/ in the head).
func (p *page) blogArticle(art ldObject) bool {
	if art == nil && p.meta.first("og:type") != "article" &&
		!p.mayMatch([]string{"post", "hentry", "type-post", "post-outer", "single-post"}) {
		return false
	}
	if blogEngines.MatchString(p.meta.first("generator")) || p.mayMatch([]string{"post-outer", "blog-post"}) {
		return true
	}
	if p.head == nil {
		return false
	}
	for c := p.head.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Link || c.DataAtom == atom.Script {
			if u := attr(c, "href") + attr(c, "src"); strings.Contains(u, "/wp-content/") || strings.Contains(u, "/wp-includes/") {
				return true
			}
		}
	}
	return false
}
