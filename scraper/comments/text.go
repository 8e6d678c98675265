package comments

import (
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags start and end a paragraph in extracted text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Ul: true,
}

// lineTags start and end a line: the items of a list or a table.
var lineTags = map[atom.Atom]bool{atom.Li: true, atom.Tr: true}

// skipTags never contribute text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Svg: true, atom.Iframe: true,
}

// smiley matches the images WordPress puts in place of smileys and emoji;
// their alt text is the smiley itself.
var smiley = cascadia.MustCompile("img.wp-smiley, img.emoji")

// textOf returns the readable text of nodes: entities decoded, paragraphs
// separated by a blank line, <br> and list items as line breaks, white
// space collapsed within each line, trimmed. Elements matched by skip are
// left out.
func textOf(nodes []*html.Node, skip cascadia.Selector) string {
	var w textWriter
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			w.text(n.Data, pre)
			return
		case html.ElementNode:
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, pre)
			}
			return
		}
		if skipTags[n.DataAtom] || (skip != nil && skip.Match(n)) {
			return
		}
		switch {
		case n.DataAtom == atom.Br:
			w.pending++
			return
		case n.DataAtom == atom.Img:
			if smiley.Match(n) {
				w.text(attrVal(n, "alt"), false)
			}
			return
		}
		brk := 0
		switch {
		case blockTags[n.DataAtom]:
			brk = 2
		case lineTags[n.DataAtom]:
			brk = 1
		}
		w.breakAtLeast(brk)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre || n.DataAtom == atom.Pre)
		}
		w.breakAtLeast(brk)
	}
	for _, n := range nodes {
		walk(n, false)
	}
	return tidyLines(w.b.String())
}

// textWriter joins text with the line breaks that elements ask for:
// breaks wait until the next visible text and the strongest one wins,
// except <br>, which adds up.
type textWriter struct {
	b       strings.Builder
	pending int
}

func (w *textWriter) breakAtLeast(n int) {
	if n > w.pending {
		w.pending = n
	}
}

func (w *textWriter) text(s string, pre bool) {
	if !pre {
		s = collapseSpace(s)
	}
	if strings.TrimFunc(s, isSpace) == "" && w.pending > 0 {
		return
	}
	if w.pending > 0 {
		w.b.WriteString(strings.Repeat("\n", min(w.pending, 2)))
		w.pending = 0
	}
	w.b.WriteString(s)
}

// collapseSpace turns every run of white space (newlines included) into
// one space, keeping a leading and trailing space when there was one.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2009', '\u202f', '\u200b', '\u3000':
		return true
	}
	return false
}

// tidyLines collapses white space within each line, trims lines, keeps at
// most one blank line between paragraphs and trims the whole.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.Join(strings.FieldsFunc(l, isSpace), " ")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// oneLine returns the text of n on a single line.
func oneLine(n *html.Node, skip cascadia.Selector) string {
	if n == nil {
		return ""
	}
	return strings.Join(strings.FieldsFunc(textOf([]*html.Node{n}, skip), isSpace), " ")
}

// innerHTML renders the children of n, trimmed.
func innerHTML(n *html.Node) string {
	if n == nil {
		return ""
	}
	var nodes []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		nodes = append(nodes, c)
	}
	return renderNodes(nodes)
}

// renderNodes renders nodes one after the other, trimmed.
func renderNodes(nodes []*html.Node) string {
	var b strings.Builder
	for _, c := range nodes {
		// Rendering into a strings.Builder cannot fail on a parsed tree;
		// a malformed node only loses its own output.
		_ = html.Render(&b, c)
	}
	return strings.TrimSpace(b.String())
}
