package extract

import (
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// noscriptSel matches the fallbacks a page shows without JavaScript.
var noscriptSel = cascadia.MustCompile("noscript")

// expandNoscript puts back the markup of the noscript fallbacks in the
// article's outermost containers (the classifier's containers) that show next to no text of their own (under 500 characters, and
// under a third of the fallback's, which is not mostly links): Blogger's templates for
// Google's blogs write the post into a script template the browser
// renders and into a noscript copy, which the parser keeps as text.
func (p *page) expandNoscript() {
	for _, c := range p.cls.containers {
		own, _ := textStats(c, nil)
		if own >= thinMarkup {
			continue
		}
		for _, n := range noscriptSel.MatchAll(c) {
			t := n.FirstChild
			if t == nil || t.Type != html.TextNode || t.NextSibling != nil || !looksLikeMarkup(t.Data) {
				continue
			}
			div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
			nodes, err := html.ParseFragment(strings.NewReader(t.Data), div)
			if err != nil {
				continue
			}
			for _, k := range nodes {
				div.AppendChild(k)
			}
			text, link := textStats(div, nil)
			if text <= 3*own || 2*link > text {
				continue // a note beside the container's own text, or a menu
			}
			n.Parent.InsertBefore(div, n)
			n.Parent.RemoveChild(n)
		}
	}
}
