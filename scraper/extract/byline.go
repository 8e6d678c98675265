package extract

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bylineWord is a text that introduces the author's name in the next
// element: "By", "Von", "Par", "Autor:", "Text:".
var bylineWord = regexp.MustCompile(`(?i)^\s*(?:` + textAndPictures + `(?:\s+(?:by|von))?|by|von|par|por|di|door|av|autor(?:in|/in|\*in|:in|en|innen)?|authors?|auteurs?|text|texto|interview|written by|posted by|(?:articles?|posts?|story|stories)\s+by|geschrieben von|verfasst von|(?:eine?\s+)?(?:blog[- ]?beitrag|gastbeitrag|beitrag|artikel|interview)\s+von|rezept von)\s*:?\s*$`)

// bylineInline matches a byline written in one text: "By Ann Lee",
// "Von Bo Chan und Ann Lee", "Autor: Ann Lee", "von Ann Lee", "Eine
// Kolumne von Ann Lee", "Posted by Ann Lee in News".
var bylineInline = regexp.MustCompile(`^[\s|·•–—-]*(?:(?i:` + textAndPictures + `)(?::|\s+(?:von|by))|By|BY|by|Von|VON|von|Par|par|Por|Autor(?:in)?:|Autor(?:en|innen):?|Authors?:|Auteur\s?:|Text:|Text von|Interview:|Redaktion:|Written by|Posted by|Geschrieben von|Verfasst von|(?:Blog[- ]?|Gast)?[Bb]eitrag von|Eine?\s+\p{Lu}\pL+\s+von)\s+(` + nameWords + `)(?:\s*[|,·•–—(].*|\s+-.*|\s(on|in|under|am|le|el)(?:\s.*)?)?$`)

// bylineTail matches a byline that ends a line of post metadata:
// "Posted on May 2, 2020 by Ann Lee", or a login followed by the date in
// classic WordPress themes: "Posted in News by annlee on May 2, 2020".
var bylineTail = regexp.MustCompile(`^\s*(?:Posted|Published|Written|Veröffentlicht|Publié)\b.{0,60}?\s(?:by|von|par)\s+(` + nameWords + `|[\pL\d._-]+\s+on\s)\s*.{0,40}$`)

// loginOnDate matches the end of a classic WordPress meta line after its
// category link: "by annlee on May 2, 2020".
var loginOnDate = regexp.MustCompile(`^(?:by|von)\s+([\pL\d._-]+)\s+(?:on|am)\s+(.{4,30})$`)

// loginAtTime matches the author and time that end the post metadata of
// WordPress's classic default theme: "Filed under: News — annlee @ 00:11".
var loginAtTime = regexp.MustCompile(`^([\pL\d._-]+)\s+@\s+\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?$`)

// nameWords matches a name of up to seven capitalised words, with the
// particles and joiners names have.
const nameWords = `\p{Lu}[\pL.'’-]*(?:\s+(?:\p{Lu}[\pL.'’-]*|van|von|de|der|da|di|la|le|und|and|et|&|y)){0,6}`

// bylineJoiner is the text between two names in a byline of several
// elements: "<a>Ann Lee</a> und <a>Bo Chan</a>".
var bylineJoiner = regexp.MustCompile(`(?i)^\s*(?:,|&|and|und|et|y)\s*$`)

// maxBylineTexts bounds the text nodes bylineText looks at.
const maxBylineTexts = 3000

// bylineText finds a byline written as text, outside the page furniture
// and the comments: a word such as "By" or "Von" followed by the name in
// the next element (and further names joined by "und", "and", a comma),
// or "By Ann Lee" in one short text or one part of it between "|".
func (p *page) bylineText() []string {
	if p.body == nil {
		return nil
	}
	var found, agency []string
	seen := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil && seen < maxBylineTexts; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				seen++
				t := strings.TrimSpace(c.Data)
				if agency == nil {
					agency = datelineAgency(c, t)
				}
				if agency == nil {
					agency = closingAgency(c, t)
				}
				if agency == nil && len(t) <= 24 {
					agency = headlineCredit(c, t)
				}
				if agency == nil && len(t) >= 6 {
					agency = sourceCredit(c, t)
				}
				if len(t) < 2 || len(t) > 120 {
					continue
				}
				if w := strings.TrimSpace(strings.Trim(t, "|·•")); len(w) <= 24 && bylineStart(w) && bylineWord.MatchString(w) {
					found = cleanAuthors(p.wordNames(c))
					if found != nil {
						return
					}
					continue
				}
				if isElem(n, atom.A) && bylineStart(t) && len(strings.Fields(t)) > maxLinkedBylineWords && p.titleLink(n) {
					continue // a linked title: "Von Einheimischen, Gästen und Kühen"
				}
				if bylineStart(trimBylineMarks(t)) || strings.ContainsAny(t, "|·•") || strings.Contains(t, " @ ") {
					found = inlineByline(collapse(t))
				}
				if found == nil && len(t) <= maxMetaLine {
					found = dateByline(t)
				}
				if found == nil && t[0] >= 0xE3 { // the lead byte of U+3000 and up: CJK text
					found = cjkByline(t)
				}
				if found == nil && p.datedName == nil && t[0] >= '0' && t[0] <= '9' && len(t) <= maxMetaLine {
					p.datedName = p.datedLine(c, n, t) // taken only when nothing else names the author
				}
			case html.ElementNode:
				if junkTags[c.DataAtom] || p.cls.isChromeElement(c) || p.cls.kind(c) >= kindComments ||
					isElem(c, atom.Aside, atom.Pre, atom.Code, atom.H1, atom.Blockquote) || isTeaserLink(c) {
					continue
				}
				walk(c)
			}
		}
	}
	walk(p.body)
	if len(found) == 0 {
		return agency
	}
	return found
}

// maxLinkedBylineWords bounds a byline written as the text of a link
// ("By Ann Lee" linking to her page); longer texts of links to other
// articles are their titles.
const maxLinkedBylineWords = 4

// isTeaserLink reports whether n is a link wrapping a teaser card (a
// heading, header or paragraph inside it, at most two levels down): the
// byline of another article. An author card (an avatar and a name) is
// no teaser.
func isTeaserLink(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isTeaserPart(c) {
			return true
		}
		for g := c.FirstChild; g != nil; g = g.NextSibling {
			if isTeaserPart(g) {
				return true
			}
		}
	}
	return false
}

// isTeaserPart reports whether n is an element only teaser cards put in
// a link.
func isTeaserPart(n *html.Node) bool {
	return isElem(n, atom.H2, atom.H3, atom.H4, atom.Header, atom.P)
}

// inTeaserLink reports whether n sits in a link wrapping a teaser card,
// a few levels up.
func inTeaserLink(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
		if a.Type == html.ElementNode && a.DataAtom == atom.A {
			return isTeaserLink(a)
		}
	}
	return false
}

// inTeaserCard reports whether n, or an element up to two levels above
// it, comes after a heading whose words link to another page: a teaser
// card's title, whose byline is the linked article's ("<h2><a
// href=/other-story>Title</a></h2><div class=author>…"). The scan of
// the preceding siblings stops at an h1: the article's own header.
func (p *page) inTeaserCard(n *html.Node) bool {
	for a, i := n, 0; a != nil && i < 3; a, i = a.Parent, i+1 {
		seen := 0
		for s := a.PrevSibling; s != nil && seen < 4; s = s.PrevSibling {
			if s.Type != html.ElementNode {
				continue
			}
			seen++
			if isElem(s, atom.H1) {
				return false
			}
			if isElem(s, atom.H2, atom.H3, atom.H4, atom.H5) && p.linksElsewhere(s) ||
				isElem(s, atom.A) && isElem(a.Parent, atom.Li) && p.titleLink(s) {
				return true
			}
		}
	}
	return false
}

// linksElsewhere reports whether a heading's text is a link to another
// article (see titleLink).
func (p *page) linksElsewhere(h *html.Node) bool {
	var link *html.Node
	for c := h.FirstChild; c != nil && link == nil; c = c.NextSibling {
		switch {
		case isElem(c, atom.A):
			link = c
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false
		}
	}
	return link != nil && p.titleLink(link)
}

// titleLink reports whether a link leads to another article under its
// title: two words or more, a URL ending in a slug or an id
// ("/kultur/der-stummfilm", not a section's "/politik/"), not this page,
// not a permalink marked rel=bookmark (hAtom's entry title: a blog's
// front page shows whole posts, each with its own byline) and no tag or
// category link.
func (p *page) titleLink(link *html.Node) bool {
	rel := attr(link, "rel")
	if hasToken(rel, "bookmark") || hasToken(rel, "tag") || hasToken(rel, "category") || !smallText(link, 300) ||
		len(strings.Fields(nodeText(link))) < 2 {
		return false
	}
	href := p.absURL(attr(link, "href"))
	u, err := url.Parse(href)
	if err != nil || href == "" || strings.HasPrefix(attr(link, "href"), "#") {
		return false
	}
	last := path.Base(strings.TrimRight(u.Path, "/"))
	if !strings.ContainsAny(last, "-_.0123456789") {
		return false
	}
	self := trimURL(href)
	return self != trimURL(p.absURL(p.pageURLString())) && self != trimURL(p.links["canonical"])
}

// inLicenseCredit reports whether n sits beside a link to a Creative
// Commons license within two levels up: the attribution of a licensed
// picture ("Photo: Ann Lee, CC BY 2.0"), not the article's byline. A
// link marked rel=license gives the license of the page's own content
// (HTML's rel=license), whose author may well stand beside it.
func inLicenseCredit(n *html.Node) bool {
	a := n
	for i := 0; i < 2 && a.Parent != nil; i++ {
		a = a.Parent
	}
	seen := 0
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil && seen < maxLicenseScan; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			seen++
			if c.DataAtom == atom.A && !hasToken(attr(c, "rel"), "license") && strings.Contains(attr(c, "href"), "creativecommons.org/licenses/") {
				return true
			}
			if depth < 2 && walk(c, depth+1) {
				return true
			}
		}
		return false
	}
	return walk(a, 0)
}

// maxLicenseScan bounds the elements inLicenseCredit looks at.
const maxLicenseScan = 60

// inQuote reports whether n sits in a blockquote, a few levels up: the
// attribution of a quotation names its speaker, not the article's
// author.
func inQuote(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 6; a, i = a.Parent, i+1 {
		if isElem(a, atom.Blockquote) {
			return true
		}
	}
	return false
}

// hasClassWith reports whether a class name of the page holds one of
// parts (or parts is nil).
func (p *page) hasClassWith(parts []string) bool {
	if parts == nil {
		return true
	}
	for c := range p.pageClasses() {
		for _, part := range parts {
			if strings.Contains(c, part) {
				return true
			}
		}
	}
	return false
}

// inReview reports whether n sits in a review, a comment or an answer
// marked up with microdata inside another item (a product's reviews, an
// article's comments): its author is not the page's.
func inReview(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 8; a, i = a.Parent, i+1 {
		if t := attr(a, "itemtype"); t != "" {
			if !strings.Contains(t, "Review") && !strings.Contains(t, "Comment") && !strings.Contains(t, "Answer") {
				return false
			}
			for o := a.Parent; o != nil; o = o.Parent {
				if hasAttr(o, "itemscope") {
					return true
				}
			}
			return false
		}
	}
	return false
}

// inHeadline reports whether n is or sits in an h1, a few levels up: a
// site title or headline marked up as an author's (h1.vcard.author).
func inHeadline(n *html.Node) bool {
	for a, i := n, 0; a != nil && i < 3; a, i = a.Parent, i+1 {
		if isElem(a, atom.H1) {
			return true
		}
	}
	return false
}

// maxMetaLine bounds a line of post metadata that goes on after the name
// ("Posted by Ann Lee in News").
const maxMetaLine = 60

// trimBylineMarks removes the separators and spaces a text of post
// metadata starts with ("- Redaktion: …", "| By …").
func trimBylineMarks(t string) string {
	return strings.TrimLeftFunc(t, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("|·•–—-", r) })
}

// inlineByline reads a byline written in one text, or in one part of a
// line of post metadata separated by "|", "·" or "•".
func inlineByline(t string) []string {
	t = trimBylineMarks(t)
	if m := loginAtTime.FindStringSubmatch(t); m != nil {
		return cleanAuthors([]string{m[1]})
	}
	if bylineStart(t) {
		if m := bylineInline.FindStringSubmatch(t); m != nil {
			if t[0] >= 'a' && t[0] <= 'z' && !strings.Contains(m[1], " ") || m[2] != "" && len(t) > maxMetaLine {
				return nil // "von Künstlern", "By Friday in London we …": a phrase, not a byline
			}
			return cleanAuthors([]string{m[1]})
		}
		if m := bylineTail.FindStringSubmatch(t); m != nil {
			return cleanAuthors([]string{strings.TrimSuffix(strings.TrimSpace(m[1]), " on")})
		}
		if m := loginOnDate.FindStringSubmatch(t); m != nil && isDateText(m[2]) {
			return cleanAuthors([]string{m[1]})
		}
	}
	if !strings.ContainsAny(t, "|·•") {
		return nil
	}
	for _, part := range strings.FieldsFunc(t, func(r rune) bool { return r == '|' || r == '·' || r == '•' }) {
		part = strings.TrimSpace(part)
		if len(part) < 2 || !bylineStart(part) {
			continue
		}
		if m := bylineInline.FindStringSubmatch(part); m != nil && m[2] == "" {
			return cleanAuthors([]string{m[1]})
		}
	}
	return nil
}

// dateByWord matches the word between the date and the name of a meta
// line: "06.11.2023 13:30 von Ann Lee", "May 2, 2020 by Ann Lee".
var dateByWord = regexp.MustCompile(`\s(?:by|By|von|Von|par|por)\s+(` + nameWords + `)$`)

// dateByline reads a meta line that gives the date, then the author
// after "by" or "von": nothing but a date may come before the word.
func dateByline(t string) []string {
	if strings.IndexFunc(t, unicode.IsDigit) < 0 || !strings.Contains(t, "y ") && !strings.Contains(t, "n ") && !strings.Contains(t, "r ") {
		return nil
	}
	t = collapse(t)
	loc := dateByWord.FindStringSubmatchIndex(t)
	if loc == nil || !isDateText(t[:loc[0]]) || !dateOnly(t[:loc[0]]) {
		return nil
	}
	return cleanAuthors([]string{t[loc[2]:loc[3]]})
}

// dateOnly reports whether every word of s belongs to a date or a time:
// numbers, month names, "Uhr", "am", "on".
func dateOnly(s string) bool {
	for _, f := range strings.Fields(s) {
		f = strings.Trim(f, ".,:;-–|")
		if f == "" || strings.Trim(f, "0123456789.,:/-") == "" {
			continue
		}
		low := strings.ToLower(f)
		if len(f) > 10 || !dateWord.MatchString(low) && !dateJoiners[low] {
			return false
		}
	}
	return true
}

// cjkBylineRe matches the labelled byline of Chinese news pages: "作者："
// (author) or "责任编辑：" (the editor in charge, whom these sites also
// name in their author meta) before a name of Han characters.
// A role word before the name ("记者", reporter) is left out.
var cjkBylineRe = regexp.MustCompile(`^[\[【（(]?\s*(?:作者|责任编辑|責任編輯)\s*[:：]\s*(?:记者|記者|通讯员)?\s*(\p{Han}{2,5})\s*[\]】）)]?$`)

// cjkByline reads a byline written with a Chinese label.
func cjkByline(t string) []string {
	if m := cjkBylineRe.FindStringSubmatch(t); m != nil {
		return cleanAuthors([]string{m[1]})
	}
	return nil
}

// dateJoiners are the short words of a written date or time.
var dateJoiners = map[string]bool{"am": true, "um": true, "on": true, "at": true, "le": true, "el": true, "de": true,
	"pm": true, "a.m": true, "p.m": true, "h": true}

// isCustomInline reports whether n is an element HTML does not know
// ("<nonbold>Text:</nonbold>"): browsers show it inline, as a span.
func isCustomInline(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == 0 && !strings.Contains(n.Data, ":")
}

// wordNames returns the names after a byline word: in the elements after
// it, or after the element it is alone in ("<span>By</span> <a>Ann
// Lee</a>", a label heading or term: "<h4>Autor</h4><p>Ann Lee</p>",
// "<dt>Autor</dt><dd>Ann Lee</dd>").
func (p *page) wordNames(word *html.Node) []string {
	if names := namesAfter(word); len(names) > 0 {
		return names
	}
	if parent := word.Parent; word.PrevSibling == nil && word.NextSibling == nil && (isElem(parent, atom.Span, atom.Strong, atom.B,
		atom.Em, atom.I, atom.Small, atom.Label, atom.H4, atom.H5, atom.H6, atom.Dt) || isCustomInline(parent)) {
		names := namesAfter(parent)
		if len(names) > 1 && isElem(parent, atom.H4, atom.H5, atom.H6, atom.Dt) {
			// A label's names are in the one element after it; the
			// next elements are other labels and values.
			names = names[:1]
		}
		return names
	}
	if parent := word.Parent; word.PrevSibling == nil && word.NextSibling == nil && isElem(parent, atom.Div, atom.P) {
		return p.labelValue(parent)
	}
	return nil
}

// labelValue reads the name in the block after a label block ("<div
// class=label>Interview</div><div class=value>Ann Lee</div>", a credits
// list of label and value pairs): only when that block holds nothing but
// a person's full name, since a block after a heading-like word is more
// often prose or another label ("<div>Text</div><div>Audio</div>"), and
// a theme's "By" block before the site's name gives way to a byline
// further on.
func (p *page) labelValue(label *html.Node) []string {
	names := namesAfter(label)
	if len(names) == 0 || !nameLine.MatchString(names[0]) || p.nameKind(names[0], "") != namePerson {
		return nil
	}
	return names[:1]
}

// nameLine matches a text that is nothing but a name of capitalised
// words.
var nameLine = regexp.MustCompile(`^` + nameWords + `$`)

// namesAfter returns the texts of the elements after a byline word: the
// first one that holds text, then any joined to it by "und", "and", "&"
// or a comma.
func namesAfter(word *html.Node) []string {
	var names []string
	for s := word.NextSibling; s != nil && len(names) < 8; s = s.NextSibling {
		switch s.Type {
		case html.ElementNode:
			if !smallText(s, 160) {
				return names // far too long for a name: not worth building its text
			}
			name := nodeText(s)
			if name == "" && len(names) == 0 {
				continue // an empty anchor before the name
			}
			if name == "" || len(name) > 80 {
				return names
			}
			names = append(names, name)
		case html.TextNode:
			t := strings.TrimSpace(s.Data)
			if t == "" {
				continue
			}
			if len(names) == 0 && len(t) <= 80 {
				return []string{t} // "<b>Autor:</b> Ann Lee"
			}
			if len(names) == 1 && roleTitle.MatchString(names[0]+" ") && len(t) <= 80 {
				return []string{names[0] + " " + t} // "Autor: <a>Rechtsanwalt</a> Ann Lee"
			}
			if len(names) == 0 || !bylineJoiner.MatchString(t) {
				return names
			}
		}
	}
	return names
}

// bylineStart reports whether t may open a byline, sparing most texts
// the regexps: bylines begin with "By", "Von", "Par", "Autor", "Text",
// "Written", "Geschrieben", "Door", "Ein Artikel", "Interview",
// "Rezept", in either case.
func bylineStart(t string) bool {
	if t == "" {
		return false
	}
	switch t[0] {
	case 'B', 'V', 'P', 'A', 'T', 'W', 'G', 'D', 'E', 'I', 'R', 'b', 'v', 'p', 'a', 't', 'd', 'w', 'g', 'e', 'i', 'r':
		return true
	}
	return false
}

// noscriptBylineSel matches Blogger's byline markup: its post templates
// write the post, byline first, into a noscript fallback.
var noscriptBylineSel = cascadia.MustCompile(".byline-author, .post-author")

// maxNoscriptByline bounds the fallback markup parsed for a byline.
const maxNoscriptByline = 4096

// noscriptByline reads the byline in a noscript fallback of the body: the
// parser keeps a fallback's markup as text, so Blogger's byline markup
// there is parsed on its own (its first few kilobytes).
func (p *page) noscriptByline() []string {
	if p.body == nil {
		return nil
	}
	for _, n := range noscriptSel.MatchAll(p.body) {
		t := n.FirstChild
		if t == nil || t.Type != html.TextNode || p.cls.inChrome(n) {
			continue
		}
		raw := t.Data[:min(len(t.Data), maxNoscriptByline)]
		if !strings.Contains(raw, "byline-author") && !strings.Contains(raw, "post-author") {
			continue
		}
		nodes, err := html.ParseFragment(strings.NewReader(raw), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			continue
		}
		for _, f := range nodes {
			if m := noscriptBylineSel.MatchFirst(f); m != nil && smallText(m, maxBylineLen) {
				return cleanAuthors([]string{nodeText(m)})
			}
		}
	}
	return nil
}

// authorBoxSel matches the headings of an author box as WordPress's
// default themes write it (Twenty Fifteen and Twenty Sixteen: div.author-info
// holding h2 "Published by" or "Author:" and the name in h3.author-title).
var authorBoxSel = cascadia.MustCompile(".author-info h2, .author-info h3, .author-info h4")

// maxBoxHeadings bounds the headings of an author box read for a name.
const maxBoxHeadings = 3

// authorBoxByline reads the name in the headings of the first author
// box outside the comments and the page furniture: the first link of a
// heading, or its text.
func (p *page) authorBoxByline() []string {
	if p.body == nil || !p.hasClassWith([]string{"author-info"}) {
		return nil
	}
	var box *html.Node
	read := 0
	for _, h := range authorBoxSel.MatchAll(p.body) {
		if p.cls.inChrome(h) || p.cls.kind(h) >= kindComments || inTeaserLink(h) || !smallText(h, 120) {
			continue
		}
		if box == nil {
			box = h
		} else if !nearby(box, h, 3) || read >= maxBoxHeadings {
			break
		}
		read++
		text := nodeText(h)
		if a := findElem(h, atom.A); a != nil && nodeText(a) != "" {
			text = nodeText(a)
		}
		if bylineWord.MatchString(text) || strings.HasSuffix(strings.ToLower(text), " by") {
			continue // "Published by": the label before the name
		}
		if names := cleanAuthors([]string{text}); len(names) > 0 {
			return names
		}
	}
	return nil
}

// avatarSel matches a link written right after a WordPress avatar
// (get_avatar's img.avatar), or an element named as an avatar's name
// (avatar-name, author-avatar-name): the poster's name beside their
// picture.
var avatarSel = cascadia.MustCompile("img.avatar + a, [class*=avatar][class*=name]")

// avatarByline reads the name linked beside the first avatar outside
// the comments and the page furniture: user posts (deals, forum-like
// blogs) show their poster so, without byline markup.
func (p *page) avatarByline() []string {
	if p.body == nil || !p.hasClassWith([]string{"avatar"}) {
		return nil
	}
	for _, n := range avatarSel.MatchAll(p.body) {
		if p.cls.inChrome(n) || p.cls.kind(n) >= kindComments || strings.Contains(attr(n, "class"), "comment") ||
			inTeaserLink(n) || inReview(n) || !smallText(n, 60) {
			continue
		}
		return cleanAuthors([]string{nodeText(n)})
	}
	return nil
}
