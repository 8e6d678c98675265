package extract

import (
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// containerSel lists the body containers of known CMSs and themes, most
// specific first.
var containerSels = []string{
	".entry-content",
	".post-content",
	".td-post-content",
	"[itemprop=articleBody]",
	".article-body, .article__body, .article-content, .story-body, .c-article-body",
	".post-body",                        // Blogger
	".gh-content, .post-full-content",   // Ghost
	".field--name-body, .node__content", // Drupal
	".available-content, .body.markup",  // Substack, Medium
	"article .content, .post-entry, .entry, .single-content",
}

var (
	containerSel = compileAll(containerSels...)
	// containerGates holds, for each of containerSel, the class names
	// one of which a page must use for the selector to match anything
	// (nil: no such test), so that most selectors skip the tree walk.
	containerGates = classGates(containerSels)
)

// subjectClass finds the class names in the last compound selector of
// one selector of a group.
var subjectClass = regexp.MustCompile(`\.([A-Za-z0-9_-]+)`)

// classGates returns, for each selector group, the class names its
// matches must carry: the union over its selectors of the classes of
// their subject, or nil when one selector's subject names no class.
func classGates(groups []string) [][]string {
	out := make([][]string, len(groups))
	for i, g := range groups {
		var classes []string
		for _, sel := range strings.Split(g, ",") {
			f := strings.Fields(sel)
			if len(f) == 0 {
				classes = nil
				break
			}
			subject := subjectClass.FindAllStringSubmatch(f[len(f)-1], -1)
			if len(subject) == 0 {
				classes = nil
				break
			}
			classes = append(classes, subject[0][1])
		}
		out[i] = classes
	}
	return out
}

// pageClasses returns the class names used in the page body, collected
// once.
func (p *page) pageClasses() map[string]bool {
	if p.classes != nil {
		return p.classes
	}
	p.classes = map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			for _, a := range c.Attr {
				if a.Key == "class" && a.Namespace == "" {
					for tok := range strings.FieldsSeq(a.Val) {
						p.classes[tok] = true
					}
				}
			}
			walk(c)
		}
	}
	if p.body != nil {
		walk(p.body)
	}
	return p.classes
}

// mayMatch reports whether the page uses one of the gate's classes (or
// the gate is nil).
func (p *page) mayMatch(gate []string) bool {
	if gate == nil {
		return true
	}
	classes := p.pageClasses()
	for _, c := range gate {
		if classes[c] {
			return true
		}
	}
	return false
}

// genericSel are the containers of no CMS in particular: an article or
// main element may wrap the article alone or a whole listing page, so
// one is only taken when the content score does not find a better body.
var genericSel = compileAll(
	"article",
	"[role=main]",
	"main",
)

func compileAll(sels ...string) []cascadia.Selector {
	out := make([]cascadia.Selector, len(sels))
	for i, s := range sels {
		out[i] = cascadia.MustCompile(s)
	}
	return out
}

// minBodyChars is the text a known container needs to be taken without
// looking further.
const minBodyChars = 200

// bodyContainer picks the element that holds the article body: the first
// known container with substantial text, otherwise the best element by
// content score. It returns nil when the page has no text at all.
func (p *page) bodyContainer() *html.Node {
	if p.body == nil {
		return nil
	}
	var weak *html.Node
	weakLen := 0
	for i, sel := range containerSel {
		if !p.mayMatch(containerGates[i]) {
			continue
		}
		var best *html.Node
		bestLen := 0
		for _, n := range sel.MatchAll(p.body) {
			if p.cls.inChrome(n) || p.cls.kind(n) != kindContent {
				continue
			}
			if l := p.contentLen(n); l > bestLen {
				best, bestLen = n, l
			}
		}
		if bestLen >= minBodyChars {
			return best
		}
		if bestLen > weakLen {
			weak, weakLen = best, bestLen
		}
	}
	for _, sel := range genericSel {
		var best *html.Node
		bestLen := 0
		for _, n := range sel.MatchAll(p.body) {
			if p.cls.inChrome(n) || p.cls.kind(n) != kindContent {
				continue
			}
			if l := p.contentLen(n); l > bestLen {
				best, bestLen = n, l
			}
		}
		if bestLen > weakLen {
			weak, weakLen = best, bestLen
		}
	}
	if c, l := p.scoreBody(); c != nil && l > weakLen/2 {
		return c
	}
	return weak
}

// contentLen counts the characters of article-like text below n.
func (p *page) contentLen(n *html.Node) int {
	l, _ := textStats(n, p.skipper(n))
	return l
}

// skipper returns the test for subtrees of root that are not article
// text: junk, comments, asides, and blocks named like boilerplate unless
// they hold half or more of root's text (then they wrap the article).
func (p *page) skipper(root *html.Node) func(*html.Node) bool {
	total := -1
	return func(n *html.Node) bool {
		if n == root {
			return false
		}
		if p.cls.kind(n) != kindWeak {
			return p.cls.skipNode(n)
		}
		if total < 0 {
			total, _ = textStats(root, nil)
		}
		l, _ := textStats(n, nil)
		return 2*l < total
	}
}

// paragraphTags can hold paragraphs of text on their own.
var paragraphTags = map[atom.Atom]bool{atom.P: true, atom.Pre: true, atom.Td: true, atom.Blockquote: true}

// scoreBody finds the densest block of prose on the page the way
// Readability does: each paragraph scores by its length and commas, the
// score flows to its parent and grandparents, and link-heavy or
// furniture-named elements lose. The winner and its sibling paragraphs
// make the body. It returns the container and its text length.
func (p *page) scoreBody() (*html.Node, int) {
	inner := p.skipper(p.body)
	skip := func(n *html.Node) bool { return inner(n) || p.cls.isChromeElement(n) }
	scores := map[*html.Node]float64{}
	var order []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if skip(n) {
			return
		}
		para := paragraphTags[n.DataAtom] || ((n.DataAtom == atom.Div || n.DataAtom == atom.Section) && !hasBlockChild(n))
		if para {
			text, link := textStats(n, skip)
			if text >= 25 && float64(link) < 0.5*float64(text) {
				s := 1 + float64(strings.Count(nodeText(n), ",")) + min(float64(text)/100, 3)
				level := 0
				for anc := n.Parent; anc != nil && anc.Type == html.ElementNode && level < 3; anc = anc.Parent {
					if _, ok := scores[anc]; !ok {
						scores[anc] = p.initialScore(anc)
						order = append(order, anc)
					}
					switch level {
					case 0:
						scores[anc] += s
					case 1:
						scores[anc] += s / 2
					default:
						scores[anc] += s / float64(level*3)
					}
					level++
				}
			}
			if n.DataAtom != atom.Td && n.DataAtom != atom.Blockquote {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.body)

	var top *html.Node
	topScore := 0.0
	final := make(map[*html.Node]float64, len(order))
	for _, n := range order {
		text, link := textStats(n, skip)
		ld := 0.0
		if text > 0 {
			ld = float64(link) / float64(text)
		}
		s := scores[n] * (1 - ld)
		final[n] = s
		if s > topScore {
			top, topScore = n, s
		}
	}
	if top == nil {
		return nil, 0
	}
	top, topScore = p.betterAncestor(top, topScore, order, final)
	c := p.mergeSiblings(top, topScore, final)
	return c, p.contentLen(c)
}

// initialScore weighs an element by its tag and its class and id names.
func (p *page) initialScore(n *html.Node) float64 {
	s := 0.0
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main:
		s = 5
	case atom.Pre, atom.Td, atom.Blockquote, atom.Section:
		s = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s = -5
	}
	switch p.cls.kind(n) {
	case kindWeak, kindComments:
		s -= 25
	}
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range []string{"article", "body", "content", "entry", "main", "post", "text", "story", "blog"} {
		if strings.Contains(names, w) {
			s += 25
			break
		}
	}
	return s
}

// mergeSiblings gathers the winner's siblings that also look like body
// text into one new container, or returns top when none do.
func (p *page) mergeSiblings(top *html.Node, topScore float64, final map[*html.Node]float64) *html.Node {
	parent := top.Parent
	if parent == nil || isElem(top, atom.Body) {
		return top
	}
	threshold := max(10, topScore*0.2)
	var keep []*html.Node
	for s := parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode {
			continue
		}
		if s == top {
			keep = append(keep, s)
			continue
		}
		if p.cls.skipNode(s) {
			continue
		}
		if sc, ok := final[s]; ok && sc >= threshold {
			keep = append(keep, s)
			continue
		}
		if s.DataAtom == atom.P {
			text, link := textStats(s, p.cls.skipNode)
			ld := 0.0
			if text > 0 {
				ld = float64(link) / float64(text)
			}
			t := nodeText(s)
			if text > 80 && ld < 0.25 || text > 0 && text <= 80 && link == 0 && strings.HasSuffix(t, ".") {
				keep = append(keep, s)
			}
		}
	}
	if len(keep) <= 1 {
		return top
	}
	// The new container takes the first block's place, so that the
	// recall pass can still look around it.
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	parent.InsertBefore(div, keep[0])
	for _, k := range keep {
		parent.RemoveChild(k)
		div.AppendChild(k)
	}
	return div
}

// betterAncestor moves the winner up the tree, as Readability does, when
// the article is split into several blocks of prose: to the nearest
// ancestor holding three of the other close candidates (score within 75%
// of the winner's), or to a parent whose own score is higher.
func (p *page) betterAncestor(top *html.Node, topScore float64, order []*html.Node, final map[*html.Node]float64) (*html.Node, float64) {
	var close []*html.Node
	for _, n := range order {
		if n != top && final[n] >= 0.75*topScore && !contains(n, top) && !contains(top, n) {
			close = append(close, n)
		}
	}
	if len(close) >= 3 {
		for anc := top.Parent; anc != nil && anc != p.body && anc.Type == html.ElementNode; anc = anc.Parent {
			k := 0
			for _, n := range close {
				if contains(anc, n) {
					k++
				}
			}
			if k >= 3 {
				if h := findCommentHeading(anc); h != nil && !contains(top, h) {
					break // the candidates around the article are comments
				}
				return anc, max(topScore, final[anc])
			}
		}
	}
	last := topScore
	for anc := top.Parent; anc != nil && anc != p.body && anc.Type == html.ElementNode; anc = anc.Parent {
		s, ok := final[anc]
		if !ok {
			continue
		}
		if s < topScore/3 {
			break
		}
		if s > last {
			return anc, s
		}
		last = s
	}
	// An only child stands for its parent.
	for top.Parent != nil && top.Parent != p.body && top.Parent.Type == html.ElementNode && onlyElementChild(top.Parent) == top {
		top = top.Parent
	}
	return top, topScore
}

// onlyElementChild returns n's element child when it has exactly one.
func onlyElementChild(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if only != nil {
			return nil
		}
		only = c
	}
	return only
}
