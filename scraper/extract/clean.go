package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// clean removes from the body container c everything that is not article
// text: junk elements, comment sections, boilerplate blocks, link lists,
// a heading repeating the title, trailing appeals to readers and labels,
// and publication lines at either end.
func (p *page) clean(c *html.Node, title string) {
	total, _ := textStats(c, nil)
	p.cleanTree(c, total)
	cutAtCommentHeading(c)
	dropLinkParagraphs(c)
	dropTitleHeading(c, title)
	dropAppeals(c)
	dropLeadingDateLines(c)
	dropTrailingHeadings(c)
	trimTrailingEmpty(c)
}

// cleanTree removes the boilerplate below n, and the link lists and
// teaser grids left once it is gone. total is the text length of
// the whole container: a block named like boilerplate that holds half of
// it or more is a wrapper of the article and is kept.
func (p *page) cleanTree(n *html.Node, total int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode, html.DoctypeNode:
			n.RemoveChild(c)
		case html.ElementNode:
			if p.isBoilerplate(c, total) {
				if c.DataAtom == atom.Header && p.cls.kind(c) == kindContent {
					for _, lead := range p.leadParagraphs(c) {
						remove(lead)
						n.InsertBefore(lead, c)
					}
				}
				if p.cls.kind(c) == kindWeak && nodeText(c) != "" {
					dropHeadingLabel(c) // not for an empty ad slot
				}
				n.RemoveChild(c)
			} else {
				p.cleanTree(c, total)
				if (isLinkList(c) || isTeaserGrid(c)) && !p.holdsMost(c, total) {
					dropLabel(c)
					n.RemoveChild(c)
				}
			}
		}
		c = next
	}
}

// isBoilerplate judges one element of the container.
func (p *page) isBoilerplate(n *html.Node, total int) bool {
	switch p.cls.kind(n) {
	case kindJunk, kindComments:
		return true
	case kindWeak:
		return !p.holdsMost(n, total)
	}
	switch n.DataAtom {
	case atom.Aside, atom.Form, atom.Header, atom.Footer, atom.Address:
		return !p.holdsMost(n, total)
	}
	return false
}

// holdsMost reports whether n holds half or more of total.
func (p *page) holdsMost(n *html.Node, total int) bool {
	if total == 0 {
		return false
	}
	l, _ := textStats(n, nil)
	return 2*l >= total
}

// isLinkList reports whether n is a list or block made of links only,
// such as "read also" boxes.
func isLinkList(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Div, atom.Section, atom.Table, atom.Dl:
	default:
		return false
	}
	links := 0
	var count func(n *html.Node)
	count = func(n *html.Node) {
		for c := n.FirstChild; c != nil && links < 3; c = c.NextSibling {
			if isElem(c, atom.A) {
				links++
			} else {
				count(c)
			}
		}
	}
	count(n)
	if links < 3 {
		return false
	}
	text, link := textStats(n, nil)
	return text > 0 && float64(link) > 0.8*float64(text)
}

// dropLabel removes the heading or short line right before a removed
// link list ("Read also", "Related topics").
func dropLabel(list *html.Node) {
	prev := list.PrevSibling
	for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
		prev = prev.PrevSibling
	}
	if prev == nil || prev.Type != html.ElementNode {
		return
	}
	switch prev.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
	case atom.P, atom.Div, atom.Span, atom.Strong, atom.B:
		if t := nodeText(prev); len(t) > 60 || strings.HasSuffix(t, ".") {
			return
		}
	default:
		return
	}
	remove(prev)
}

// dropTitleHeading removes the first heading of c when it repeats the
// title, which is a field of its own.
func dropTitleHeading(c *html.Node, title string) {
	if title == "" {
		return
	}
	h := findElem(c, atom.H1)
	if h == nil {
		return
	}
	if strings.EqualFold(nodeText(h), title) {
		remove(h)
	}
}

// An appeal is a short paragraph asking readers for money or sign-ups,
// to follow the site on social networks or in its app, or to sign in to
// comment: it must both be about such support (appealTopics, lowercase substrings; a
// regexp would cost tens of microseconds per paragraph) and ask something
// of the reader (appealAsk: second person, or an imperative opening a
// sentence; "follow" or "download" inside a sentence is news, not a plea).
var appealTopics = []string{
	"donat", "fundrais", "fund-rais", "funding", "support", "subscri", "patreon", "paypal", "newsletter",
	"member", "contribut", "bank details", "bitcoin", "keep the site", "keep this site", "keep our site",
	"site alive", "spende", "unterstütz", "abonn", "suscri", "subskryp",
	// Following the site elsewhere, its apps, its letters page, signing in
	// to comment.
	"facebook", "twitter", "instagram", "telegram", "youtube", "whatsapp", "tiktok", "linkedin",
	" app ", " app.", " apps", "app store", "google play", "letter to the editor", "letters to the editor",
	"leserbrief", "eingeloggt", "einloggen", "logged in", "log in", "sign in", "inbox", "posteingang",
}

// isAppealTopic reports whether t is about supporting the site.
func isAppealTopic(t string) bool {
	t = strings.ToLower(t)
	for _, k := range appealTopics {
		if strings.Contains(t, k) {
			return true
		}
	}
	return false
}

var (
	appealAsk = regexp.MustCompile(`(?i)(?:\b(?:please|help us|help keep|support (?:us|our|this|independent)|you can|your (?:support|donation|gift|contribution)|consider|click|tap here|if you (?:enjoy|enjoyed|like|liked|value|appreciate|found|want)|keep (?:the|this|our) (?:site|blog|website|journalism|work)|bitte|unterstützen sie|jetzt|follow us|folge uns|folgt uns|folgen sie|s[ií]guenos|suivez|download (?:our|us)|get the latest|join (?:us|our)|sign up|melde dich|write to|schreiben sie|escr[ií]benos|escribirnos|never miss|zapraszamy|m[uü]ss(?:en sie|t du)|you must (?:be )?(?:logged|signed|registered)|want to hear|lust auf)\b|(?:^|[.!?:»¡]\s*)(?:donate|subscribe|join|sign up|support|give|become|chip in|help|spenden|abonnieren|mira|get|lade|follow|folge|folgt|download)\b)`)
)

// maxAppealChars bounds the length of a paragraph taken for an appeal.
const maxAppealChars = 400

// dropAppeals removes the appeals that follow the last real paragraph.
// It walks the leaf blocks backwards and stops at the first one that is
// not an appeal.
func dropAppeals(c *html.Node) {
	var leaves []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			if blockTags[k.DataAtom] && !hasBlockChild(k) {
				leaves = append(leaves, k)
				continue
			}
			walk(k)
		}
	}
	walk(c)
	var drop, labels []*html.Node
	for i := len(leaves) - 1; i >= 0 && len(drop)+len(labels) < 5; i-- {
		t := nodeText(leaves[i])
		if t == "" {
			continue
		}
		if isAppeal(t) || isDateLine(t) {
			drop = append(drop, leaves[i])
			continue
		}
		if !isTrailingLabel(leaves[i], t) {
			break
		}
		labels = append(labels, leaves[i])
	}
	if len(labels) > maxTrailingLabels {
		// More make a list written as paragraphs (credits,
		// specifications), which the lines after it belong to.
		return
	}
	for _, n := range append(drop, labels...) {
		remove(n)
	}
}

// maxTrailingLabels is how many labels may end the body: more make a
// list.
const maxTrailingLabels = 2

// isAppeal reports whether the paragraph text t is an appeal.
func isAppeal(t string) bool {
	return len(t) <= maxAppealChars && isAppealTopic(t) && appealAsk.MatchString(t)
}

// trimTrailingEmpty removes rules and empty blocks at the end of n.
func trimTrailingEmpty(n *html.Node) {
	for c := n.LastChild; c != nil; {
		prev := c.PrevSibling
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type != html.ElementNode:
			return
		case c.DataAtom == atom.Hr || c.DataAtom == atom.Br || blockTags[c.DataAtom] && isEmptyBlock(c):
			n.RemoveChild(c)
		case blockTags[c.DataAtom]:
			trimTrailingEmpty(c)
			return
		default:
			return
		}
		c = prev
	}
}

// isEmptyBlock reports whether n shows neither text nor media.
func isEmptyBlock(n *html.Node) bool {
	if !smallText(n, 0) {
		return false
	}
	for _, t := range []atom.Atom{atom.Img, atom.Picture, atom.Video, atom.Audio, atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Table} {
		if findElem(n, t) != nil {
			return false
		}
	}
	return true
}

// maxLinkParagraph bounds the length of a paragraph taken for a link to
// another article ("Read also: …", a teaser headline).
const maxLinkParagraph = 160

// dropLinkParagraphs removes the short paragraphs and headings of c that
// are mostly a link: cross-links to other articles ("Lea también: …",
// "Mehr zum Thema: …") set between the paragraphs of the article.
func dropLinkParagraphs(c *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for k := n.FirstChild; k != nil; {
			next := k.NextSibling
			if k.Type == html.ElementNode {
				switch {
				case isLinkParagraph(k):
					remove(k)
				case blockTags[k.DataAtom]:
					walk(k)
				}
			}
			k = next
		}
	}
	walk(c)
}

// isLinkParagraph reports whether n is a paragraph or heading of at most
// maxLinkParagraph characters whose text is two-thirds link text.
func isLinkParagraph(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
	case atom.Div:
		if hasBlockChild(n) {
			return false
		}
	default:
		return false
	}
	text, link := textStats(n, nil)
	return link > 0 && text <= maxLinkParagraph && 3*link >= 2*text
}

// minLeadChars is the length of a paragraph in an article header that is
// taken for the article's lead (standfirst) rather than a byline or date.
const minLeadChars = 80

// leadParagraphs returns the paragraphs of the article header h that read
// as the article's lead: long enough to be prose rather than a byline or
// a date, with few links, outside boilerplate blocks.
func (p *page) leadParagraphs(h *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || p.cls.skipNode(c) {
				continue
			}
			if c.DataAtom == atom.P || c.DataAtom == atom.Div && !hasBlockChild(c) {
				text, link := textStats(c, p.cls.skipNode)
				if text >= minLeadChars && 4*link < text {
					out = append(out, c)
				}
				continue
			}
			walk(c)
		}
	}
	walk(h)
	return out
}

// dropTrailingHeadings removes the headings left at the end of the body
// with nothing after them. They labelled link lists, teasers or share
// bars that cleaning took away ("Mehr zum Thema", "Related posts").
func dropTrailingHeadings(c *html.Node) {
	var leaves []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			if blockTags[k.DataAtom] && !hasBlockChild(k) || k.DataAtom == atom.Img {
				leaves = append(leaves, k)
				continue
			}
			walk(k)
		}
	}
	walk(c)
	for i := len(leaves) - 1; i >= 0; i-- {
		n := leaves[i]
		switch {
		case isElem(n, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6):
			remove(n)
		case n.DataAtom == atom.Img || nodeText(n) != "":
			return
		}
	}
}

// maxTrailingLabel bounds the length of a line at the end of the body
// taken for a label, a credit or a button rather than for the article's
// last sentence ("About the author", "Share this article?", "Photo: …").
const maxTrailingLabel = 50

// isTrailingLabel reports whether the leaf block n, with text t, at the
// end of the body reads as a label: a short line that does not end a
// sentence. List items and table cells are data, not labels.
func isTrailingLabel(n *html.Node, t string) bool {
	switch n.DataAtom {
	case atom.Li, atom.Dd, atom.Dt, atom.Td, atom.Th, atom.Tr, atom.Pre, atom.Table:
		return false
	}
	if utf8.RuneCountInString(t) > maxTrailingLabel || breaksLines(n) {
		return false // an address or a list
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if 2*letters < utf8.RuneCountInString(t) {
		return false // a phone number, a price, a score
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(sentenceEnds, last)
}

// sentenceEnds are the characters a sentence, or a quotation closing
// one, ends with.
const sentenceEnds = ".!)…\"”»“'’。！？）」』"

// breaksLines reports whether a br element below n stands between two
// pieces of text.
func breaksLines(n *html.Node) bool {
	text, broken := false, false
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
				if broken {
					return true
				}
				text = true
			case isElem(c, atom.Br):
				broken = text
			case c.Type == html.ElementNode && walk(c):
				return true
			}
		}
		return false
	}
	return walk(n)
}

// isTeaserGrid reports whether n is a grid or list of teasers for other
// articles (see isTeaserList) whose text is largely links: headlines with
// short blurbs, not sections of the article that link their headings.
func isTeaserGrid(n *html.Node) bool {
	if !isTeaserList(n) {
		return false
	}
	text, link := textStats(n, nil)
	return 10*link >= 4*text
}

// dateInLine matches the dates of bylines and publication lines: 3.2.2022,
// 2022-02-03, 3. Februar 2022, 3 Feb 2022, Feb 3, 2022, 02/03/2022.
var dateInLine = regexp.MustCompile(`\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}\.?\s+\p{L}{3,12}\.?,?\s+\d{4}\b|\b\p{L}{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s*\d{4}\b`)

// maxDateLine bounds the length of a publication line ("Published:
// 3 February 2022, 10:27").
const maxDateLine = 80

// isDateLine reports whether t is a publication or update line: a date
// with at most three words around it (a label, an author's name, a
// category), not a sentence that mentions a date.
func isDateLine(t string) bool {
	if utf8.RuneCountInString(t) > maxDateLine {
		return false
	}
	loc := dateInLine.FindStringIndex(t)
	if loc == nil {
		return false
	}
	words := 0
	for w := range strings.FieldsSeq(t[:loc[0]] + " " + t[loc[1]:]) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				words++
				break
			}
		}
	}
	return words <= 3
}

// maxHeadLeaves is how many blocks at the start of the body are looked at
// for publication lines.
const maxHeadLeaves = 4

// dropLeadingDateLines removes the publication and update lines among
// the first blocks of c, before its first paragraph of prose.
func dropLeadingDateLines(c *html.Node) {
	seen := 0
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for k := n.FirstChild; k != nil; {
			next := k.NextSibling
			if k.Type == html.ElementNode {
				if blockTags[k.DataAtom] && !hasBlockChild(k) {
					t := nodeText(k)
					if t != "" {
						if utf8.RuneCountInString(t) > maxDateLine || seen >= maxHeadLeaves {
							return true
						}
						seen++
						if isDateLine(t) {
							remove(k)
						}
					}
				} else if walk(k) {
					return true
				}
			}
			k = next
		}
		return false
	}
	walk(c)
}

// dropHeadingLabel removes the heading right before the removed block
// n when nothing separates them: it titled the related posts, the
// newsletter box or the author box ("More on this", "About the author").
func dropHeadingLabel(n *html.Node) {
	prev := n.PrevSibling
	for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
		prev = prev.PrevSibling
	}
	if isElem(prev, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6) && utf8.RuneCountInString(nodeText(prev)) <= maxTrailingLabel {
		remove(prev) // a longer one is a subtitle above a share bar
	}
}
