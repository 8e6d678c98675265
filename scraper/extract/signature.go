package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// surnameWord matches a capitalised surname word, hyphenated ones too
// ("Berg", "Hannah-Jones", "O'Neill").
var surnameWord = regexp.MustCompile(`^\p{Lu}[\p{Ll}'’]*\p{Ll}(?:-\p{Lu}\p{Ll}+)?$`)

// isGivenFullName reports whether s is a person's name as the weak
// sources (a signature, a dated meta line) must write it to be taken:
// two or three words, the first a common given name (see givenNames),
// the rest capitalised surname words, a particle ("von", "de") between
// them allowed. Labels and greetings of capitalised words ("Weitere
// Informationen", "Good Luck", "Frohe Weihnachten") open with no given
// name.
func isGivenFullName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 || !surnameWord.MatchString(f[0]) || !isGivenName(s) {
		return false
	}
	for i, w := range f[1:] {
		if nameParticles[w] && i < len(f)-2 {
			continue
		}
		if !surnameWord.MatchString(w) {
			return false
		}
	}
	return true
}

// datedMetaName reads a short line of post metadata that gives the date,
// then the author's name alone: "11.12.2019 - Ann Lee", "12. Mai 2022 |
// Ann Lee", "04.02.2022 | 13:10 Uhr | Ann Lee". Every part before the
// name must be a date or a time, and the name must pass isGivenFullName.
func datedMetaName(t string) []string {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '|' || r == '·' || r == '•' || r == '–' || r == '—' })
	if len(parts) < 2 {
		if first, last, ok := strings.Cut(t, " - "); ok {
			parts = []string{first, last}
		}
	}
	if len(parts) < 2 {
		return nil
	}
	for _, part := range parts[:len(parts)-1] {
		part = strings.TrimSpace(part)
		if !isDateText(part) || !dateOnly(part) {
			return nil
		}
	}
	name := strings.TrimSpace(parts[len(parts)-1])
	if !isGivenFullName(name) {
		return nil
	}
	return []string{name}
}

// datedLine reads the text t of node c, in element n, as a dated meta
// line (see datedMetaName), unless it sits in a list item, a link or a
// teaser card. The cheap tests come first: a separator, then the name.
func (p *page) datedLine(c, n *html.Node, t string) []string {
	if !strings.ContainsAny(t, "|·•–—-") {
		return nil
	}
	name := datedMetaName(collapse(t))
	if name == nil || inListOrLink(c) || p.inTeaserCard(n) {
		return nil
	}
	return name
}

// inListOrLink reports whether n sits in a list item or a link within
// four levels up: a related list's or a teaser's line, not the page's.
func inListOrLink(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
		if isElem(a, atom.Li, atom.A, atom.Dd) {
			return true
		}
	}
	return false
}

// signaturePrefix matches what may stand before the name of a closing
// signature: a dash, or a label "Text:", "Autor:", "Autorin:", "Author:".
var signaturePrefix = regexp.MustCompile(`^(?:[–—-]|(?:Text|Autor|Autorin|Author|Von|By)\s*:?)\s*`)

// maxSignature bounds the text of a closing signature.
const maxSignature = 48

// signatureBlocks are the elements a signature may be written as.
var signatureBlocks = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Span: true, atom.B: true,
	atom.Strong: true, atom.Em: true, atom.I: true, atom.Font: true, atom.Small: true}

// signature reads the author's name signed under the article: its last
// text block, in the article's container c, holding nothing but a
// person's name (see isGivenFullName), maybe after a dash or a label
// ("– Ann Lee", "Text: Ann Lee"). Related lists, share bars, figures and
// their captions, asides and comments at the end are skipped; a last
// block in a list item, a link, a table or after a heading that links
// to another article (a teaser's) names no one.
func (p *page) signature(c *html.Node) []string {
	last, _ := p.lastText(c, 0)
	if last == nil {
		return nil
	}
	if asciiLetters(last.Data, maxSignature+8) > maxSignature+8 {
		return nil // the article's last paragraph: not worth collapsing
	}
	t := collapse(last.Data)
	if len(t) > maxSignature+8 {
		return nil
	}
	// The text node must be all its block holds.
	block := last.Parent
	for block != c && block.Parent != nil && isElem(block, atom.B, atom.Strong, atom.Em, atom.I, atom.Font, atom.Span, atom.Small) &&
		smallText(block.Parent, maxSignature+8) && collapse(nodeText(block.Parent)) == t {
		block = block.Parent
	}
	if block.Type != html.ElementNode || !signatureBlocks[block.DataAtom] || !smallText(block, maxSignature+8) ||
		collapse(nodeText(block)) != t {
		return nil
	}
	for a, i := block, 0; a != nil && a != c.Parent && i < 6; a, i = a.Parent, i+1 {
		if isElem(a, atom.Li, atom.A, atom.Td, atom.Th, atom.Figure, atom.Figcaption, atom.Blockquote, atom.Aside,
			atom.Footer, atom.Header, atom.Address, atom.Form, atom.Label, atom.Button, atom.H1, atom.H2, atom.H3,
			atom.H4, atom.H5, atom.H6) {
			return nil
		}
	}
	if p.inTeaserCard(block) || afterQuote(block) {
		return nil
	}
	name := strings.TrimSpace(signaturePrefix.ReplaceAllString(t, ""))
	if len(name) > maxSignature || !isGivenFullName(name) {
		return nil
	}
	return []string{name}
}

// afterQuote reports whether the element before n is a blockquote: n
// is the quotation's attribution ("<blockquote>…</blockquote><p>– Ann
// Lee</p>"), naming its speaker, not the article's author.
func afterQuote(n *html.Node) bool {
	s := n.PrevSibling
	for s != nil && s.Type != html.ElementNode {
		s = s.PrevSibling
	}
	return isElem(s, atom.Blockquote)
}

// maxSignatureDepth bounds how deep lastText descends into the article.
const maxSignatureDepth = 12

// lastText returns the last text node of n holding a letter, skipping
// scripts, asides, figures and elements the classifier marks as not the
// article's (related lists, share bars, comments). done reports that the
// search ended, with or without a node: a last text of digits or marks,
// or nesting too deep to be an article's end, stops it.
func (p *page) lastText(n *html.Node, depth int) (t *html.Node, done bool) {
	if depth > maxSignatureDepth {
		return nil, true
	}
	for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
		switch ch.Type {
		case html.TextNode:
			if strings.IndexFunc(ch.Data, unicode.IsLetter) >= 0 {
				return ch, true
			}
			if strings.TrimSpace(ch.Data) != "" {
				return nil, true // a last line of digits or marks: no signature
			}
		case html.ElementNode:
			if junkTags[ch.DataAtom] || isElem(ch, atom.Figure, atom.Figcaption, atom.Aside, atom.Img, atom.Picture,
				atom.Svg, atom.Noscript, atom.Br, atom.Hr) || p.cls.kind(ch) != kindContent || p.cls.isChromeElement(ch) {
				continue
			}
			if t, done := p.lastText(ch, depth+1); done {
				return t, true
			}
		}
	}
	return nil, false
}

// asciiLetters counts the ASCII bytes of s that are not spaces, up to
// limit+1: a lower bound on the length of s collapsed, read without
// copying a long text.
func asciiLetters(s string, limit int) int {
	n := 0
	for i := 0; i < len(s) && n <= limit; i++ {
		if c := s[i]; c < utf8.RuneSelf && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			n++
		}
	}
	return n
}
