package comments

import (
	"strings"
	"unicode/utf8"

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
	w := textWriter{skip: skip}
	for _, n := range nodes {
		w.walk(n, false)
	}
	return tidyLines(w.b.String())
}

// walk writes the text of n; pre says whether n is inside a <pre>.
func (w *textWriter) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, pre)
		}
		return
	}
	if skipTags[n.DataAtom] || (w.skip != nil && w.skip.Match(n)) {
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
		w.walk(c, pre || n.DataAtom == atom.Pre)
	}
	w.breakAtLeast(brk)
}

// textWriter joins text with the line breaks that elements ask for:
// breaks wait until the next visible text and the strongest one wins,
// except <br>, which adds up.
type textWriter struct {
	b       strings.Builder
	pending int
	skip    cascadia.Selector // elements left out, when not nil
}

func (w *textWriter) breakAtLeast(n int) {
	if n > w.pending {
		w.pending = n
	}
}

func (w *textWriter) text(s string, pre bool) {
	if w.pending > 0 && allSpace(s) {
		return
	}
	if w.pending > 0 {
		w.b.WriteString("\n\n"[:min(w.pending, 2)])
		w.pending = 0
	}
	if pre {
		w.b.WriteString(s)
		return
	}
	writeCollapsed(&w.b, s)
}

// allSpace reports whether s holds nothing but white space.
func allSpace(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// writeCollapsed writes s to b with every run of white space (newlines
// included) turned into one space, keeping a leading and trailing space
// when there was one. Invalid UTF-8 becomes U+FFFD. Runs of text are
// copied whole.
func writeCollapsed(b *strings.Builder, s string) {
	space := false
	start := -1 // of the run of text not yet written
	for i, r := range s {
		if !isSpace(r) && r != utf8.RuneError {
			if space {
				b.WriteByte(' ')
				space = false
			}
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			b.WriteString(s[start:i])
			start = -1
		}
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
	if start >= 0 {
		b.WriteString(s[start:])
	}
	if space {
		b.WriteByte(' ')
	}
}

// collapseSpace turns every run of white space (newlines included) into
// one space, keeping a leading and trailing space when there was one.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	writeCollapsed(&b, s)
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
	if isTidy(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for l := range strings.SplitSeq(s, "\n") {
		if allSpace(l) {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		writeFields(&b, l)
	}
	return b.String()
}

// isTidy reports whether tidyLines would return s as it is: no line
// but single spaces between words, lone blank lines between paragraphs
// only.
func isTidy(s string) bool {
	if s == "" {
		return true
	}
	blank := true // as if a blank line came first: s may not start with one
	for rest := s; ; {
		l, more, found := strings.Cut(rest, "\n")
		switch {
		case l == "":
			if blank {
				return false
			}
			blank = true
		case isJoined(l):
			blank = false
		default:
			return false
		}
		if !found {
			return !blank
		}
		rest = more
	}
}

// writeFields writes the words of s (split at white space) to b, one
// space between each.
func writeFields(b *strings.Builder, s string) {
	first := true
	for f := range strings.FieldsFuncSeq(s, isSpace) {
		if !first {
			b.WriteByte(' ')
		}
		b.WriteString(f)
		first = false
	}
}

// joinFields returns the words of s (split at white space) joined by one
// space; s itself when it is already so.
func joinFields(s string) string {
	if isJoined(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	writeFields(&b, s)
	return b.String()
}

// isJoined reports whether s has no white space but single spaces between
// words.
func isJoined(s string) bool {
	prevSpace := true // no leading space
	for _, r := range s {
		if !isSpace(r) {
			prevSpace = false
			continue
		}
		if r != ' ' || prevSpace {
			return false
		}
		prevSpace = true
	}
	return s == "" || !prevSpace
}

// oneLine returns the text of n on a single line.
func oneLine(n *html.Node, skip cascadia.Selector) string {
	if n == nil {
		return ""
	}
	return joinFields(textOf([]*html.Node{n}, skip))
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

// htmlWithout renders the children of nodes, one after the other, leaving
// out the elements that skip matches; nodes themselves are not changed.
func htmlWithout(nodes []*html.Node, skip cascadia.Selector) string {
	var kids []*html.Node
	for _, n := range nodes {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if k := cloneWithout(c, skip); k != nil {
				kids = append(kids, k)
			}
		}
	}
	return renderNodes(kids)
}

// cloneWithout returns a deep copy of n without the elements that skip
// matches; nil when n itself is one. It uses an explicit stack so that
// deep markup cannot exhaust the goroutine stack.
func cloneWithout(n *html.Node, skip cascadia.Selector) *html.Node {
	keep := func(k *html.Node) bool {
		return k.Type != html.ElementNode || skip == nil || !skip.Match(k)
	}
	if !keep(n) {
		return nil
	}
	copyOf := func(k *html.Node) *html.Node {
		return &html.Node{Type: k.Type, DataAtom: k.DataAtom, Data: k.Data, Namespace: k.Namespace,
			Attr: append([]html.Attribute(nil), k.Attr...)}
	}
	root := copyOf(n)
	type pair struct{ src, dst *html.Node }
	stack := []pair{{n, root}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := p.src.FirstChild; c != nil; c = c.NextSibling {
			if !keep(c) {
				continue
			}
			k := copyOf(c)
			p.dst.AppendChild(k)
			stack = append(stack, pair{c, k})
		}
	}
	return root
}
