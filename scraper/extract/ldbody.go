package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const (
	// thinMarkup: a body read from the markup with less text than this
	// (in runes) may be a client-rendered shell or a teaser.
	thinMarkup = 500
	// minLinkedBody: a JSON-LD articleBody shorter than this is a
	// summary, not the article.
	minLinkedBody = 500
)

// linkedBody returns the article's text from its JSON-LD articleBody, as
// a container of paragraphs, when the markup yields next to nothing
// (markupLen runes) and the articleBody holds at least three times as
// much: pages rendered in the browser ship their text only there, and a
// publisher's structured data may carry the full text of an article the
// page shows as a teaser. Otherwise it returns nil: the markup, with its
// headings, lists and links, is the better source.
//
// Only the page's one article node counts: with several (a listing, a
// live blog's updates) there is no telling which body is the page's.
func (p *page) linkedBody(markupLen int) *html.Node {
	if markupLen >= thinMarkup {
		return nil
	}
	text := p.ld.articleBody()
	n := utf8.RuneCountInString(text)
	if n < minLinkedBody || n < 3*markupLen {
		return nil
	}
	return paragraphs(text)
}

// ArticleBody returns the articleBody of the one JSON-LD article node of
// the document under root, trimmed; "" when it has none, or several (a
// listing, a live blog's updates: no telling which is the page's). It is
// the text Extract falls back on when the markup holds next to none, and
// what package block counts before it calls such a page a wall.
func ArticleBody(root *html.Node) string {
	return parseLinkedData(root).articleBody()
}

// articleBody is ArticleBody for parsed linked data.
func (ld linkedData) articleBody() string {
	var article ldObject
	for _, o := range ld.nodes {
		if hasType(o, articleTypes) {
			if article != nil {
				return ""
			}
			article = o
		}
	}
	if article == nil {
		return ""
	}
	return strings.TrimSpace(asString(article["articleBody"]))
}

// hasType reports whether o has one of types, by ldTypes.
func hasType(o ldObject, types map[string]bool) bool {
	for _, t := range ldTypes(o) {
		if types[t] {
			return true
		}
	}
	return false
}

// paragraphs turns an articleBody into a container of paragraphs. Most
// CMSs write it as plain text, paragraphs on their own lines; some write
// the body's HTML, which is parsed as such.
func paragraphs(text string) *html.Node {
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	if looksLikeMarkup(text) {
		nodes, err := html.ParseFragment(strings.NewReader(text), div)
		if err == nil {
			for _, n := range nodes {
				div.AppendChild(n)
			}
			return div
		}
	}
	if strings.Contains(text, "&") {
		text = html.UnescapeString(text) // double-escaped by the CMS
	}
	for _, line := range strings.Split(text, "\n") {
		line = collapse(line)
		if line == "" {
			continue
		}
		para := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		para.AppendChild(&html.Node{Type: html.TextNode, Data: line})
		div.AppendChild(para)
	}
	return div
}

// looksLikeMarkup reports whether an articleBody holds block-level HTML
// rather than text that happens to contain a "<".
func looksLikeMarkup(s string) bool {
	low := strings.ToLower(s)
	for _, tag := range []string{"<p>", "<p ", "<br", "<div", "<h2", "<ul", "<blockquote"} {
		if strings.Contains(low, tag) {
			return true
		}
	}
	return false
}

// minLead: a paragraph of the markup shorter than this (in runes) is a
// label or a credit, not a lead.
const minLead = 80

// keepLead puts in front of body, the container built from an
// articleBody, the paragraphs and list items of the markup's container c
// that body does not repeat (compared by their letters only:
// the two copies are often typeset differently) and that speak of what
// body does: a standfirst or a summary the page shows above the text,
// not a wall's message or a promotion. Captions and figures are left
// out, and so are short lines (labels, credits).
func keepLead(body, c *html.Node) {
	text := renderText(body)
	key := letters(text)
	words := map[string]bool{}
	for _, w := range contentWords(text) {
		words[w] = true
	}
	first := body.FirstChild
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Figure, atom.Figcaption, atom.Table:
			return
		case atom.P, atom.Li:
			lead := nodeText(n)
			if utf8.RuneCountInString(lead) >= minLead && !strings.Contains(key, letters(lead)) && related(lead, words) {
				para := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
				para.AppendChild(&html.Node{Type: html.TextNode, Data: lead})
				body.InsertBefore(para, first)
			}
			return
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(c)
}

// contentWords are the lower-cased words of s of four letters or more.
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if utf8.RuneCountInString(w) >= 4 {
			out = append(out, w)
		}
	}
	return out
}

// related reports whether a lead shares at least a third of its content
// words with the article (words). A lead with fewer than three such
// words (a script written without spaces) gives no evidence, and counts.
func related(lead string, words map[string]bool) bool {
	ws := contentWords(lead)
	if len(ws) < 3 {
		return true
	}
	shared := 0
	for _, w := range ws {
		if words[w] {
			shared++
		}
	}
	return 3*shared >= len(ws)
}
