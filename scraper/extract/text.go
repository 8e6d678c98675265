package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textRenderer turns a cleaned container into BodyText.
//
// Every block element ends the paragraph being written. Inside a list or
// a data table the paragraphs become lines of one block instead: one line
// per list item, one per table row with its cells separated by a tab.
type textRenderer struct {
	captions map[*html.Node]bool // see imageCaptions
	blocks   []string
	cur      textBuilder // the paragraph or line being written
	lines    []string    // lines of the list or table being written
	group    int         // depth of lists and data tables
	data     int         // depth of data tables
	cell     int         // depth of data table cells
}

// renderText returns the text of c as paragraphs separated by one blank
// line.
func renderText(c *html.Node) string {
	r := textRenderer{captions: imageCaptions(c)}
	r.children(c)
	r.flush()
	return strings.Join(r.blocks, "\n\n")
}

func (r *textRenderer) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c)
	}
}

func (r *textRenderer) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.cur.writeText(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if isCaption(n) || r.captions[n] {
		return // captions stay in BodyHTML, beside their images
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title:
		return
	case atom.Rt, atom.Rp:
		return // ruby readings (furigana) annotate the text; BodyHTML keeps them
	case atom.Br:
		if r.cell > 0 {
			r.cur.space = true
		} else {
			r.cur.b.WriteByte('\n')
			r.cur.space = false
		}
		return
	case atom.Pre:
		if r.cell == 0 {
			r.flush()
			if pre := strings.TrimRight(strings.Trim(rawText(n), "\n"), " \t\n"); strings.TrimSpace(pre) != "" {
				if r.group > 0 {
					r.lines = append(r.lines, pre)
				} else {
					r.blocks = append(r.blocks, pre)
				}
			}
			return
		}
	case atom.Ul, atom.Ol, atom.Dl, atom.Menu:
		if r.cell == 0 {
			r.flush()
			r.group++
			r.children(n)
			r.flush()
			r.group--
			r.endGroup()
			return
		}
	case atom.Table:
		if r.cell == 0 && isDataTable(n) {
			r.flush()
			r.group++
			r.data++
			r.children(n)
			r.flush()
			r.data--
			r.group--
			r.endGroup()
			return
		}
	case atom.Td, atom.Th:
		if r.data > 0 && r.cell == 0 {
			if r.cur.b.Len() > 0 {
				r.cur.b.WriteByte('\t')
				r.cur.space = false
			}
			r.cell++
			r.children(n)
			r.cell--
			return
		}
	}
	if !blockTags[n.DataAtom] {
		r.children(n)
		return
	}
	if r.cell > 0 {
		r.cur.space = true
		r.children(n)
		r.cur.space = true
		return
	}
	r.flush()
	r.children(n)
	r.flush()
}

// flush ends the paragraph (or line) being written.
func (r *textRenderer) flush() {
	s := tidyParagraph(r.cur.String())
	r.cur = textBuilder{}
	if s == "" {
		return
	}
	if r.group > 0 {
		r.lines = append(r.lines, s)
	} else {
		r.blocks = append(r.blocks, s)
	}
}

// endGroup turns the lines of a finished outermost list or table into
// one block.
func (r *textRenderer) endGroup() {
	if r.group > 0 || len(r.lines) == 0 {
		return
	}
	r.blocks = append(r.blocks, strings.Join(r.lines, "\n"))
	r.lines = nil
}

// tidyParagraph trims every line of s, keeps at most one empty line in a
// row and none at the ends.
func tidyParagraph(s string) string {
	if !strings.Contains(s, "\n") {
		return strings.TrimSpace(s)
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
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

// rawText returns the text below n as written, for <pre>.
func rawText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case isElem(n, atom.Br):
			b.WriteByte('\n')
		case isElem(n, atom.Script, atom.Style):
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// isDataTable reports whether the table holds data rather than page
// layout: none of its cells holds paragraphs, lists or other tables.
func isDataTable(t *html.Node) bool {
	for _, tag := range []atom.Atom{atom.P, atom.Div, atom.Table, atom.Ul, atom.Ol, atom.Blockquote, atom.H1, atom.H2, atom.H3} {
		if hasDescendant(t, tag) {
			return false
		}
	}
	return true
}

func hasDescendant(n *html.Node, tag atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isElem(c, tag) || hasDescendant(c, tag) {
			return true
		}
	}
	return false
}

// isCaption reports whether n is an image caption: a figcaption, or an
// element named like one (WordPress .wp-caption-text, .caption,
// .image-caption, .bildunterschrift, …).
func isCaption(n *html.Node) bool {
	if n.DataAtom == atom.Figcaption {
		return true
	}
	if n.DataAtom == atom.Table || n.DataAtom == atom.Caption {
		return false // a table caption names the data
	}
	for tok := range strings.FieldsSeq(strings.ToLower(attr(n, "class"))) {
		if tok == "caption" || tok == "wp-caption-text" || tok == "wp-caption-dd" || tok == "bildunterschrift" ||
			strings.HasSuffix(tok, "-caption") || strings.HasSuffix(tok, "_caption") || strings.HasSuffix(tok, "__caption") ||
			strings.HasPrefix(tok, "caption-") || strings.HasPrefix(tok, "caption_") || tok == "image-credit" {
			return true
		}
	}
	return false
}

// maxImageCaption bounds the text of a block taken for the caption of the
// image beside it.
const maxImageCaption = 200

// imageCaptions finds, below c, the captions and credits that no class
// names: the short text sharing a small wrapper with one image, as in
// <div class="image"><img><p>Photo: …</p></div> or a figure without a
// figcaption. It returns the blocks holding that text.
func imageCaptions(c *html.Node) map[*html.Node]bool {
	var out map[*html.Node]bool
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			if k.DataAtom == atom.Img {
				if w, img := captionWrapper(c, k); w != nil {
					if out == nil {
						out = map[*html.Node]bool{}
					}
					for t := w.FirstChild; t != nil; t = t.NextSibling {
						if t != img && t.Type == html.ElementNode {
							out[t] = true
						}
					}
				}
				continue
			}
			walk(k)
		}
	}
	walk(c)
	return out
}

// captionWrapper returns the element around img, below c, that holds the
// image and a caption and nothing else, and the child of it that holds
// the image; nil when there is none.
func captionWrapper(c, img *html.Node) (wrapper, holder *html.Node) {
	holder = img
	for holder.Parent != nil && holder.Parent != c && isInlineWrapper(holder.Parent) && nodeText(holder.Parent) == "" {
		holder = holder.Parent
	}
	w := holder.Parent
	if w == nil || w == c {
		return nil, nil
	}
	switch w.DataAtom {
	case atom.Div, atom.Figure, atom.Span, atom.Section:
	default:
		return nil, nil
	}
	text, link := textStats(w, nil)
	if text == 0 || text > maxImageCaption || 2*link > text {
		return nil, nil
	}
	if countElems(w, atom.Img) > 1 || hasDescendant(w, atom.Table) || hasDescendant(w, atom.Ul) || hasDescendant(w, atom.Ol) ||
		hasDescendant(w, atom.Blockquote) || hasDescendant(w, atom.H2) || hasDescendant(w, atom.H3) {
		return nil, nil
	}
	return w, holder
}

// isInlineWrapper reports whether n only wraps an image: a link, a
// picture, a span or a div with no text of its own.
func isInlineWrapper(n *html.Node) bool {
	return isElem(n, atom.A, atom.Picture, atom.Span, atom.Div, atom.Noscript, atom.Figure)
}

// countElems counts the elements below n with the atom.
func countElems(n *html.Node, tag atom.Atom) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isElem(c, tag) {
			k++
		}
		k += countElems(c, tag)
	}
	return k
}
