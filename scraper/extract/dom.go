package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr returns the value of n's attribute key ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n carries the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// hasToken reports whether the space-separated list s holds tok
// (ASCII case-insensitive), as in class and rel attributes.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// isElem reports whether n is an element with one of the atoms.
func isElem(n *html.Node, tags ...atom.Atom) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	for _, t := range tags {
		if n.DataAtom == t {
			return true
		}
	}
	return false
}

// findElem returns the first element below n (n included) with the atom.
func findElem(n *html.Node, tag atom.Atom) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElem(c, tag); f != nil {
			return f
		}
	}
	return nil
}

// contains reports whether d is n or one of its descendants.
func contains(n, d *html.Node) bool {
	for ; d != nil; d = d.Parent {
		if d == n {
			return true
		}
	}
	return false
}

// remove detaches n from its parent, if it has one.
func remove(n *html.Node) {
	if n != nil && n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// textBuilder accumulates text with runs of white space collapsed to one
// space and no space at the start.
type textBuilder struct {
	b     strings.Builder
	space bool // a space is pending before the next word
}

// writeText appends s, collapsing white space.
func (t *textBuilder) writeText(s string) {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) {
			t.space = true
		} else if r != '\u200b' && r != '\ufeff' && r != '\u00ad' {
			if t.space && t.b.Len() > 0 {
				t.b.WriteByte(' ')
			}
			t.space = false
			t.b.WriteString(s[:size])
		}
		s = s[size:]
	}
}

func (t *textBuilder) String() string { return t.b.String() }

// collectText appends the text below n to t, skipping scripts and styles.
func collectText(t *textBuilder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.writeText(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Rt, atom.Rp:
			return // Rt, Rp: ruby readings annotate the text, they are not in it
		case atom.Br:
			t.space = true
			return
		}
		if blockTags[n.DataAtom] {
			t.space = true
		}
	case html.CommentNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectText(t, c)
	}
	if n.Type == html.ElementNode && blockTags[n.DataAtom] {
		t.space = true
	}
}

// nodeText returns the text below n with white space collapsed.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var t textBuilder
	collectText(&t, n)
	return t.String()
}

// collapse returns s with runs of white space collapsed to one space and
// trimmed.
func collapse(s string) string {
	var t textBuilder
	t.writeText(s)
	return t.String()
}

// textStats counts the characters of text below n and how many of them are
// inside links, skipping scripts, styles and the subtrees skip rejects.
func textStats(n *html.Node, skip func(*html.Node) bool) (text, link int) {
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			c := countChars(n.Data)
			text += c
			if inLink {
				link += c
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.A:
				inLink = true
			}
			if skip != nil && skip(n) {
				return
			}
		case html.CommentNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	if n != nil {
		walk(n, false)
	}
	return text, link
}

// countChars counts the non-space characters of s.
func countChars(s string) int {
	k := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			// ASCII, the bulk of markup text: no decoding.
			if b != ' ' && (b < '\t' || b > '\r') {
				k++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			k++
		}
		i += size
	}
	return k
}

// blockTags are the elements that start a new paragraph of text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Video: true, atom.Audio: true, atom.Html: true, atom.Legend: true, atom.Option: true,
}

// hasBlockChild reports whether some descendant of n is a block element.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.DataAtom] || hasBlockChild(c)) {
			return true
		}
	}
	return false
}

// elementSet matches elements by tag, class token or exact itemprop: the
// same as a flat selector group such as "h1, .entry-content,
// [itemprop=articleBody]", but reading each element's attributes once
// instead of once per selector, with no allocation.
type elementSet struct {
	tags      map[atom.Atom]bool
	classes   map[string]bool
	itemprops map[string]bool
}

// match reports whether n is in the set.
func (m elementSet) match(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if m.tags[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			if anyToken(a.Val, func(tok string) bool { return m.classes[tok] }) {
				return true
			}
		case "itemprop":
			if m.itemprops[a.Val] {
				return true
			}
		}
	}
	return false
}

// all returns the elements under root (root included) in the set, in
// document order.
func (m elementSet) all(root *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if m.match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func isHTMLSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// anyToken reports whether fn holds for one of the tokens of the
// white-space-separated list (a class attribute), without allocating.
func anyToken(list string, fn func(tok string) bool) bool {
	for i := 0; i < len(list); {
		for i < len(list) && isHTMLSpace(list[i]) {
			i++
		}
		j := i
		for j < len(list) && !isHTMLSpace(list[j]) {
			j++
		}
		if j > i && fn(list[i:j]) {
			return true
		}
		i = j
	}
	return false
}

// smallText reports whether n holds at most limit characters of text
// (white space not counted, scripts and styles skipped). It stops at the
// first text past the limit, so it is cheap on a big subtree.
func smallText(n *html.Node, limit int) bool {
	k := 0
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if k += countChars(c.Data); k > limit {
					return false
				}
			case html.ElementNode:
				if c.DataAtom != atom.Script && c.DataAtom != atom.Style && !walk(c) {
					return false
				}
			}
		}
		return true
	}
	return walk(n)
}
