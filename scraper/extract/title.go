package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// title picks the headline. The page's visible headline (the article's
// h1) is what readers see and is taken when it names the same article as
// a metadata title (JSON-LD headline, og:title, twitter:title, <title>):
// metadata titles are often shortened or rewritten for search and social
// sites, carry straight quotes for the page's curly ones, or add a kicker
// and the site name. An h1 loses a site name it carries; one that ends
// with a metadata title after a kicker gives way to it; an h1 that is the
// site's name is no headline, and one cut short, or one that is only a
// topic label, gives way to the h2 right after it that gives the
// headline in full or shows a metadata title. A metadata title, or a part
// of the document title, that a heading of the page shows is taken next;
// without headline markup, the first h1 agreeing with the metadata;
// otherwise the first metadata title wins, then the h1, then on a page
// without metadata the content's first h2 when it says more than
// <title>, then <title>, then the first h1 — each without a site-name
// suffix and without separators left at its ends, in Unicode normal form
// C.
func (p *page) title(art, web ldObject, site string) string {
	return norm.NFC.String(trimSeparators(stripLeadingDate(p.pickTitle(art, web, site))))
}

// leadingDate matches a numeric date before a title separator at the
// start of a title ("23.01.2022 - ", "2022-01-23 | ").
var leadingDate = regexp.MustCompile(`^(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}) [-–—|] `)

// stripLeadingDate removes a date set before the title after a separator:
// the page's date, not part of its headline.
func stripLeadingDate(t string) string {
	if loc := leadingDate.FindStringIndex(t); loc != nil && loc[1] < len(t) {
		return t[loc[1]:]
	}
	return t
}

// pickTitle is title before the separators left at its ends are trimmed.
func (p *page) pickTitle(art, web ldObject, site string) string {
	in := p.titleInputs(art, web, site)
	h1, h1Node := p.headlineOrLoneH1(in.hs)
	homeH1 := homeLinkH1(in.hs)
	if h1 != "" && (strings.EqualFold(h1, in.site) || h1 == homeH1) {
		// Blog themes set the site's name in the h1, as a link to the
		// home page, and the post's title in an h2.
		in.siteH1, h1 = h1, ""
	}
	in.cands = titleCandidates(in.meta, in.docTitle, in.site, in.siteH1, homeH1)
	if h1 == "" && in.siteH1 == "" {
		if t := p.shownTitle(in.hs, in.cands, in.cands.meta, nil, nil); t != "" {
			return t
		}
		h1, h1Node = p.agreeingH1(in.hs, in.cands)
	}
	weakH2 := false
	if h1 == "" && in.siteH1 == "" {
		h1, h1Node, weakH2 = p.h2Headline(in.hs)
	}
	if t, n := p.fullerH2(in.hs, h1, h1Node); n != nil {
		h1, h1Node = t, n
	} else if t, n := p.headlineAfterLabel(in.hs, in.cands, h1, h1Node); n != nil {
		h1, h1Node = t, n
	}
	in.plainH1 = h1Node != nil && plainText(h1Node)
	if h1 != "" && len(h1) <= 300 {
		// Some themes print the site's name in the h1 too.
		h1 = stripDomainName(stripSiteName(h1, in.site, false))
		if t := p.titleWithH1(in, h1); t != "" {
			return t
		}
	}
	if weakH2 {
		h1 = "" // an h2 only its class names a headline must agree
	}
	return p.metadataTitle(in, h1)
}

// titleInputs are what a page's title is chosen from.
type titleInputs struct {
	hs *headings
	// meta are the metadata titles, most telling first: JSON-LD headline
	// and name, og:title, the web page's headline, twitter:title,
	// dc.title.
	meta              []string
	docTitle, webName string
	// site is the site's name, siteH1 an h1 that gives it.
	site, siteH1 string
	cands        candidates
	// plainH1 tells that the h1 is one run of text, no element in it
	// setting a kicker apart.
	plainH1 bool
}

// titleInputs gathers the headings and metadata titles of the page.
func (p *page) titleInputs(art, web ldObject, site string) titleInputs {
	hs := p.collectHeadings()
	meta := []string{ldString(art, "headline"), ldString(art, "name"), p.meta.first("og:title"),
		ldString(web, "headline"), p.meta.first("twitter:title"), p.meta.first("dc.title")}
	for i, m := range meta {
		meta[i] = collapse(m)
	}
	return titleInputs{hs: hs, meta: meta, docTitle: p.docTitle(hs), webName: collapse(ldString(web, "name")), site: collapse(site)}
}

// titleWithH1 decides between the h1 and the metadata titles: the h1 when
// it names the same article as one of them, a metadata title that the
// page shows elsewhere, or the h1 when it shares a word with one or is a
// sentence of five words or more; "" when the h1 seems to be something
// else (a section's name).
func (p *page) titleWithH1(in titleInputs, h1 string) string {
	if t := h1Title(h1, in.meta, in.docTitle, in.site, in.plainH1); t != "" {
		return t
	}
	if t := p.shownTitle(in.hs, in.cands, in.cands.meta, nil, nil); t != "" {
		return t // the metadata title is on the page, the h1 is something else
	}
	if sharesWord(h1, in.cands.bare) || len(titleWords(h1)) >= 5 {
		return h1
	}
	return ""
}

// metadataTitle picks the title when the h1 does not settle it: a
// candidate a heading shows, the first metadata title, the h1, a part or
// the whole of the document title, the web page's name, the first h1.
func (p *page) metadataTitle(in titleInputs, h1 string) string {
	if t := p.shownTitle(in.hs, in.cands, in.cands.meta, in.cands.doc, in.cands.parts); t != "" {
		return t
	}
	for _, s := range in.meta {
		if s = stripSiteName(s, in.site, true); s != "" && !strings.EqualFold(s, in.site) && !strings.EqualFold(s, in.siteH1) {
			if h1 != "" && len(s) > len(h1) && strings.HasPrefix(s, h1) && startsWithSeparator(s[len(h1):]) {
				return h1 // the rest is a site name spelt differently
			}
			return s
		}
	}
	if h1 != "" {
		return h1
	}
	if t := p.contentH2(in); t != "" {
		return t
	}
	if s := withoutSiteH1(in.docTitle, in.siteH1); s != "" && !in.cands.isName(s) {
		return s
	}
	if s := longestPart(in.docTitle); s != "" && !in.cands.isName(s) {
		return s
	}
	if s := stripSiteName(in.docTitle, in.site, true); s != "" && !strings.EqualFold(s, in.siteH1) {
		return s
	}
	if s := stripSiteName(in.webName, in.site, true); s != "" {
		return s
	}
	if len(in.hs.h1) > 0 {
		return nodeText(in.hs.h1[0])
	}
	return ""
}

// contentH2 returns the text of the first h2 outside the page's chrome
// on a page that has no metadata title, when that h2 shares a word of
// four letters or more with the document title and adds one: old
// templates set the page's heading in an h2 and name only the site or
// the section in <title>. It returns "" otherwise, and for an h2 that is
// a part of the document title, joins parts with a separator, or links
// to another page (a teaser).
func (p *page) contentH2(in titleInputs) string {
	if len(in.cands.meta) > 0 {
		return ""
	}
	for _, n := range in.hs.h2 {
		if p.cls.inChrome(n) || visuallyHidden(p.cls, n) {
			continue
		}
		t := nodeText(n)
		if t == "" {
			continue
		}
		if findElem(n, atom.A) != nil || !saysMore(t, in.docTitle) {
			return ""
		}
		return t
	}
	return ""
}

// saysMore reports whether the heading t names what the document title
// names and more: it shares a word of four letters or more with it and
// adds one, is none of its parts, and joins no parts with a separator.
func saysMore(t, docTitle string) bool {
	if !sharesWord(t, []string{docTitle}) || !addsWord(t, docTitle) || len(splitTitle(t)) > 1 {
		return false
	}
	return !slices.ContainsFunc(splitTitle(docTitle), func(s string) bool { return strings.EqualFold(s, t) })
}

// visuallyHidden reports whether the element is hidden, or hidden from
// the eye and left to screen readers (sr-only, screen-reader-text,
// visually-hidden, Bootstrap's text-hide): a heading that labels a
// region of the page for assistive technology, not one readers see.
func visuallyHidden(c *classifier, n *html.Node) bool {
	return c.kind(n) == kindJunk || anyToken(attr(n, "class"), func(tok string) bool {
		switch strings.ToLower(tok) {
		case "sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "text-hide":
			return true
		}
		return false
	})
}

// addsWord reports whether s has a word of four letters or more that t
// lacks.
func addsWord(s, t string) bool {
	have := map[string]bool{}
	for _, w := range titleWords(t) {
		have[w] = true
	}
	for _, w := range titleWords(s) {
		if utf8.RuneCountInString(w) >= 4 && !have[w] {
			return true
		}
	}
	return false
}

// withoutSiteH1 returns the document title t without the site's name
// that the h1 siteH1 gives, when t ends or starts with it after a
// separator ("Page - Wiki Name" under an h1 "Wiki Name"); "" otherwise.
func withoutSiteH1(t, siteH1 string) string {
	if siteH1 == "" {
		return ""
	}
	t = collapse(t)
	if s := stripSiteName(t, siteH1, false); s != t {
		return s
	}
	return ""
}

// docTitle returns the text of the document's <title>, also when the
// parser met it in the body: server warnings printed before the doctype
// close the head before its elements.
func (p *page) docTitle(hs *headings) string {
	if p.head != nil {
		if t := findElem(p.head, atom.Title); t != nil {
			return nodeText(t)
		}
	}
	return nodeText(hs.title)
}

// isHeadlineH2 reports whether markup names the h2 n the article's
// headline: itemprop=headline, or a class naming a headline or the
// entry's, post's or article's title, and no kicker.
func isHeadlineH2(n *html.Node) bool {
	if attr(n, "itemprop") == "headline" {
		return true
	}
	class := attr(n, "class")
	if isKicker(n) {
		return false
	}
	return anyToken(class, func(tok string) bool {
		tok = strings.ToLower(tok)
		return strings.HasSuffix(tok, "headline") || tok == "entry-title" || tok == "post-title" || tok == "article-title"
	})
}

// h2Headline returns the text of the first h2 outside the page's chrome
// that markup names the article's headline and the h2, for pages with no
// h1 but a kicker; "" and nil when there is none. weak tells that only
// its class names it, not itemprop=headline: then it is taken only when
// it names the same article as the metadata.
func (p *page) h2Headline(hs *headings) (t string, h2 *html.Node, weak bool) {
	for _, n := range hs.h1 {
		if !isKicker(n) && nodeText(n) != "" {
			return "", nil, false
		}
	}
	for _, n := range hs.h2Headline {
		if p.cls.inChrome(n) {
			continue
		}
		if t := headlineText(n); t != "" {
			return t, n, attr(n, "itemprop") != "headline"
		}
	}
	return "", nil, false
}

// loneH1 returns the text of the page's one h1 outside its chrome and
// the h1, or "" and nil. An h1 whose class names it a kicker is no
// headline.
func (p *page) loneH1(hs *headings) (string, *html.Node) {
	if len(hs.h1) == 1 && !p.cls.inChrome(hs.h1[0]) && !isKicker(hs.h1[0]) {
		return headlineText(hs.h1[0]), hs.h1[0]
	}
	return "", nil
}

// headlineOrLoneH1 returns the headline markup's text and element, or
// the page's only h1 when there is none, or when the markup found an
// .entry-title below h1 that the only h1 goes on from (a teaser cut
// short) or that is one of a list of teasers.
func (p *page) headlineOrLoneH1(hs *headings) (string, *html.Node) {
	h, n := p.headline(hs)
	if n != nil && n.DataAtom == atom.H1 {
		return h, n
	}
	lone, l := p.loneH1(hs)
	if h == "" || lone != "" && (extends(lone, h) || hs.teaserTitle(n)) {
		return lone, l
	}
	return h, n
}

// inBreadcrumb reports whether the element n lies in a breadcrumb trail,
// within six levels: sites set the page's h1 as the trail's last item.
func inBreadcrumb(n *html.Node) bool {
	i := 0
	for p := n.Parent; p != nil && i < 6; p, i = p.Parent, i+1 {
		if p.Type == html.ElementNode && isBreadcrumbTrail(p) {
			return true
		}
	}
	return false
}

// teaserTitles is how many elements of class entry-title make a list of
// teasers: WordPress themes mark every listed post's title so.
const teaserTitles = 3

// teaserTitle reports whether the headline candidate n is an .entry-title
// below h2 among a list of them: a teaser's title (related posts, a
// slider, an FAQ), not the article's, which themes set in an h1 or h2.
func (hs *headings) teaserTitle(n *html.Node) bool {
	return n != nil && n.DataAtom != atom.H1 && n.DataAtom != atom.H2 && len(hs.tiers[3]) >= teaserTitles
}

// extends reports whether the headline h continues the shorter title t
// after a space: t is h cut short, as teaser lists and metadata shorten
// a headline.
func extends(h, t string) bool {
	return t != "" && len(h) > len(t)+1 && strings.EqualFold(h[:len(t)+1], t+" ")
}

// h2AfterH1 returns the headline text of the h2 right after the h1 h
// (text t) and the h2, when there is one outside the page's chrome; ""
// and nil otherwise.
func (p *page) h2AfterH1(hs *headings, t string, h *html.Node) (string, *html.Node) {
	if h == nil || h.DataAtom != atom.H1 || t == "" {
		return "", nil
	}
	n := hs.nextH2[h]
	if n == nil || p.cls.inChrome(n) {
		return "", nil
	}
	return headlineText(n), n
}

// fullerH2 returns the text of the h2 right after the h1 h (text t),
// and the h2, when that h2, outside the page's chrome, gives the h1 in
// full; "" and nil otherwise. Such an h2 repeats the h1 and goes on with
// more words of the sentence (the h1 cut short for search engines), or
// is styled as the main headline with Bootstrap's class h1 and adds a
// part after a separator.
func (p *page) fullerH2(hs *headings, t string, h *html.Node) (string, *html.Node) {
	s, n := p.h2AfterH1(hs, t, h)
	if n == nil || !extends(s, t) || !closeAfter(h, n) {
		return "", nil
	}
	if rest := s[len(t):]; !startsWithSeparator(rest) || hasClass(n, "h1") {
		return s, n
	}
	return "", nil
}

// maxTextBetween bounds the text between an h1 and the h2 that gives it
// in full: a date or a kicker may stand between them; after an intro
// paragraph, an h2 that starts with the h1's words heads a section of
// the article ("Sourdough Bread" … "Sourdough Bread Ingredients").
const maxTextBetween = 60

// closeAfter reports whether the element b follows the element a in
// document order with at most maxTextBetween bytes of text between them
// (scripts and styles not counted).
func closeAfter(a, b *html.Node) bool {
	size := 0
	n := nextInOrder(a, true)
	for n != nil && n != b {
		if n.Type == html.TextNode {
			if size += len(strings.TrimSpace(n.Data)); size > maxTextBetween {
				return false
			}
		}
		n = nextInOrder(n, junkTags[n.DataAtom])
	}
	return n == b
}

// nextInOrder returns the node after n in document order: its first
// child, unless skipChildren, or the next sibling of n or of its nearest
// ancestor that has one.
func nextInOrder(n *html.Node, skipChildren bool) *html.Node {
	if !skipChildren && n.FirstChild != nil {
		return n.FirstChild
	}
	for n != nil && n.NextSibling == nil {
		n = n.Parent
	}
	if n == nil {
		return nil
	}
	return n.NextSibling
}

// headlineAfterLabel returns the text of the h2 right after the h1 h
// (text t), and the h2, when that h2 shows a metadata title (JSON-LD,
// OpenGraph, Twitter, Dublin Core) and the h1 shows none or is the last
// item of a breadcrumb trail: the h1 is a topic or section label set
// above the headline, or a version of it for search engines and the
// trail; "" and nil otherwise.
func (p *page) headlineAfterLabel(hs *headings, cands candidates, t string, h *html.Node) (string, *html.Node) {
	s, n := p.h2AfterH1(hs, t, h)
	if n == nil {
		return "", nil
	}
	crumb := inBreadcrumb(h)
	shown := false
	for _, m := range cands.meta {
		if shows(t, m) && !crumb {
			return "", nil
		}
		shown = shown || shows(s, m)
	}
	if !shown {
		return "", nil
	}
	return s, n
}

// plainText reports whether the text of the element n is one run of
// text, with no element inside n holding any of it.
func plainText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && nodeText(c) != "" {
			return false
		}
	}
	return true
}

// agreeingH1 returns the text of the first h1 outside the page's chrome
// that names the same article as a candidate title and holds half its
// words or more (not a section's name inside it), for pages with several
// h1 and no headline markup, and the h1; "" and nil when none does.
func (p *page) agreeingH1(hs *headings, cands candidates) (string, *html.Node) {
	for _, n := range hs.h1 {
		if p.cls.inChrome(n) {
			continue
		}
		t := headlineText(n)
		if t == "" || cands.isName(t) {
			continue
		}
		for _, c := range cands.whole {
			if similarTitles(t, c) && 2*len(titleWords(t)) >= len(titleWords(c)) {
				return t, n
			}
		}
	}
	return "", nil
}

// h1Title decides between the h1 and the metadata titles when they name
// the same article: the h1, unless it adds a kicker before a metadata
// title; "" when no metadata title is close to the h1. Words before the
// metadata title are a kicker when an element of the h1 sets them apart
// or when no colon and space end them: a plain h1 written "Quote: Title"
// is whole.
func h1Title(h1 string, meta []string, docTitle, site string, plain bool) string {
	for _, m := range append(meta, collapse(docTitle)) {
		m = stripSiteName(m, site, false)
		if len(titleWords(m)) < 2 || strings.EqualFold(m, h1) || len(m) >= len(h1) {
			continue
		}
		if hasSuffixFold(h1, " "+m) || hasSuffixFold(h1, ":"+m) {
			if plain && hasSuffixFold(h1, ": "+m) {
				continue
			}
			return m // the h1 carries a kicker before the headline
		}
	}
	for _, m := range append(meta, titleSegments(docTitle, site)...) {
		if m != "" && similarTitles(h1, m) {
			return h1
		}
	}
	return ""
}

// candidates are the titles a page gives in its metadata, most telling
// first, as written and without a site name; never the site's name.
type candidates struct {
	meta  []string // JSON-LD, OpenGraph, Twitter and Dublin Core titles
	doc   []string // the document title
	parts []string // the parts of the document title between separators
	// whole are meta and doc without a site name; bare adds parts.
	whole, bare []string
	// names are the site's names: a heading showing one is no title.
	names []string
}

// titleCandidates gathers the candidates from the metadata titles and
// the document title; siteH1 and homeH1 are headings known to give the
// site's name.
func titleCandidates(meta []string, docTitle, site, siteH1, homeH1 string) candidates {
	c := candidates{names: []string{site, siteH1, homeH1}}
	add := func(list *[]string, s string) {
		if s != "" && !c.isName(s) {
			*list = append(*list, s)
		}
	}
	for _, m := range meta {
		add(&c.meta, m)
		add(&c.meta, stripSiteName(m, site, true))
		add(&c.whole, stripSiteName(m, site, true))
	}
	docTitle = collapse(docTitle)
	add(&c.doc, docTitle)
	add(&c.doc, stripSiteName(docTitle, site, true))
	add(&c.whole, stripSiteName(docTitle, site, true))
	if segs := splitTitle(docTitle); len(segs) > 1 {
		for _, s := range segs {
			add(&c.parts, s)
		}
	}
	c.bare = slices.Concat(c.whole, c.parts)
	return c
}

// isName reports whether s is one of the site's names.
func (c candidates) isName(s string) bool {
	for _, n := range c.names {
		if n != "" && strings.EqualFold(s, n) {
			return true
		}
	}
	return false
}

// sharesWord reports whether the headline h and one of the titles have a
// word of four letters or more in common: then they name the same
// article, one of them rewritten; an h1 that shares nothing with the
// metadata is a section's or the site's name.
func sharesWord(h string, titles []string) bool {
	words := map[string]bool{}
	for _, w := range titleWords(h) {
		if utf8.RuneCountInString(w) >= 4 {
			words[w] = true
		}
	}
	for _, t := range titles {
		for _, w := range titleWords(t) {
			if words[w] {
				return true
			}
		}
	}
	return false
}

// shownTitle returns the first of the candidate titles that a heading of
// the page shows, alone or beside a shorter part after a separator (a site
// name, a date, a kicker): the first of meta, else of doc, else the
// longest of parts. It returns the heading's text, "" when none is shown.
func (p *page) shownTitle(hs *headings, cands candidates, meta, doc, parts []string) string {
	for _, list := range [][]string{meta, doc} {
		for _, c := range list {
			if t := hs.showing(c, cands); t != "" {
				return t
			}
		}
	}
	best := ""
	for _, c := range parts {
		if t := hs.showing(c, cands); utf8.RuneCountInString(t) > utf8.RuneCountInString(best) {
			best = t
		}
	}
	return best
}

// showing returns the text of the first h1 or h2 that shows the title c
// and is not one of the site's names; "" when none does.
func (hs *headings) showing(c string, cands candidates) string {
	for _, t := range hs.texts() {
		if shows(t, c) && !cands.isName(t) {
			return t
		}
	}
	return ""
}

// shows reports whether the heading text t is the title c, or its longer
// part when a separator divides c. Dashes and quotes are compared by kind:
// CMSs typeset the visible headline ("–", "„…“") and leave the metadata
// title as typed ("-", straight quotes).
func shows(t, c string) bool {
	t, c = typeFold.Replace(t), typeFold.Replace(c)
	if len(c) < len(t) {
		return false
	}
	if strings.EqualFold(t, c) {
		return true
	}
	if len(c) > len(t) && strings.EqualFold(c[:len(t)], t) {
		if rest := c[len(t):]; startsWithSeparator(rest) || strings.HasPrefix(rest, " : ") || strings.HasPrefix(rest, ": ") ||
			isParenthesis(rest) {
			return utf8.RuneCountInString(rest) < utf8.RuneCountInString(t)
		}
	}
	if i := len(c) - len(t); i > 0 && strings.EqualFold(c[i:], t) {
		if head := c[:i]; endsWithSeparator(head) {
			return utf8.RuneCountInString(head) < utf8.RuneCountInString(t)
		}
	}
	return false
}

// typeFold writes typographic dashes and quotes as their ASCII forms, so
// that a title typed with them and one typed without compare equal.
var typeFold = strings.NewReplacer("–", "-", "—", "-", "‒", "-", "−", "-",
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "‘", "'", "’", "'", "‚", "'", "‛", "'")

// isParenthesis reports whether s is one remark in parentheses after a
// space (" (2021/5)"), as titles add an issue or a date.
func isParenthesis(s string) bool {
	return strings.HasPrefix(s, " (") && strings.HasSuffix(s, ")") && strings.Count(s, "(") == 1 && strings.Count(s, ")") == 1
}

// endsWithSeparator reports whether s ends with a title separator or a
// colon and a space.
func endsWithSeparator(s string) bool {
	if strings.HasSuffix(s, ": ") {
		return true
	}
	for _, sep := range titleSeparators {
		if strings.HasSuffix(s, sep) {
			return true
		}
	}
	return false
}

// longestPart returns the part of a document title of three parts or more
// with the most words, when one has more words than any other: the
// article's title between the site's name and its sections
// ("Site - Title - Section - News"); "" otherwise.
func longestPart(docTitle string) string {
	segs := splitTitle(docTitle)
	if len(segs) < 3 {
		return ""
	}
	best, most, tie := "", 0, false
	for _, s := range segs {
		switch n := len(titleWords(s)); {
		case n > most:
			best, most, tie = s, n, false
		case n == most:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// homeLink matches a link to a site's home page without its query: a
// root URL or its index file, also when an archive's address embeds it.
var homeLink = regexp.MustCompile(`^(?:/|(?:.*/)?(?:https?:)?//[^/?#]+/?)(?:index\.(?:html?|php))?$`)

// isHomeLink reports whether href leads to a site's home page. A query
// may choose the language ("/?locale=de"), but one naming a post by its
// number is a permalink ("/?p=123").
func isHomeLink(href string) bool {
	path, query, _ := strings.Cut(strings.TrimSpace(href), "?")
	if !homeLink.MatchString(path) {
		return false
	}
	for kv := range strings.SplitSeq(query, "&") {
		if _, v, _ := strings.Cut(kv, "="); v != "" && strings.Trim(v, "0123456789") == "" {
			return false
		}
	}
	return true
}

// homeLinkH1 returns the text of the first h1 of the page whose text is
// one link to the site's home page, as blog themes write the site's name;
// "" when there is none.
func homeLinkH1(hs *headings) string {
	if len(hs.h1) == 0 {
		return ""
	}
	a := findElem(hs.h1[0], atom.A)
	if a == nil || !isHomeLink(attr(a, "href")) {
		return ""
	}
	if t := nodeText(hs.h1[0]); t == nodeText(a) {
		return t
	}
	return ""
}

// splitTitle cuts a document title at its separators.
func splitTitle(t string) []string {
	segs := []string{collapse(t)}
	for _, sep := range titleSeparators {
		var next []string
		for _, s := range segs {
			for _, part := range splitOutsideRanges(s, sep) {
				if part = strings.TrimSpace(part); part != "" {
					next = append(next, part)
				}
			}
		}
		segs = next
	}
	return segs
}

// splitOutsideRanges splits s at sep, except where sep joins two numbers
// as a range does ("14. - 20. Januar", "1931 – 1945").
func splitOutsideRanges(s, sep string) []string {
	parts := strings.Split(s, sep)
	out := make([]string, 1, len(parts))
	out[0] = parts[0]
	for _, part := range parts[1:] {
		if last := out[len(out)-1]; endsWithNumber(last) && startsWithDigit(part) {
			out[len(out)-1] = last + sep + part
			continue
		}
		out = append(out, part)
	}
	return out
}

// endsWithNumber reports whether s ends with a digit, or a digit and a
// full stop (a German ordinal day: "14.").
func endsWithNumber(s string) bool {
	s = strings.TrimSuffix(s, ".")
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r)
}

// startsWithDigit reports whether s begins with a digit.
func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// titleSegments returns the document title without its site name, and
// its parts when separators divide it.
func titleSegments(docTitle, site string) []string {
	t := stripSiteName(collapse(docTitle), site, false)
	if t == "" {
		return nil
	}
	out := []string{t}
	if segs := splitTitle(t); len(segs) > 1 {
		out = append(out, segs...)
	}
	return out
}

// hasSuffixFold is strings.HasSuffix ignoring case.
func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// trimSeparators removes title separators and colons left at either end
// of t by a kicker or site name that was taken away.
func trimSeparators(t string) string {
	return strings.TrimFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(":|-–—·•/~", r)
	})
}

// similarTitles reports whether the headline h and the metadata title m
// name the same article: most of the shorter one's words are in the
// other, ignoring case, punctuation and quotes.
func similarTitles(h, m string) bool {
	hw, mw := titleWords(h), titleWords(m)
	if len(hw) == 0 || len(mw) == 0 {
		return false
	}
	short, long := hw, mw
	if len(short) > len(long) {
		short, long = long, short
	}
	in := map[string]bool{}
	for _, w := range long {
		in[w] = true
	}
	hit := 0
	for _, w := range short {
		if in[w] {
			hit++
		}
	}
	// One-word headlines ("Willkommen") must match a one-word title.
	if len(short) == 1 {
		return len(long) <= 2 && hit == 1
	}
	return float64(hit) >= 0.7*float64(len(short))
}

// titleWords returns the lowercased words of s, letters and digits only.
func titleWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// startsWithSeparator reports whether s begins with a title separator.
func startsWithSeparator(s string) bool {
	for _, sep := range titleSeparators {
		if strings.HasPrefix(s, sep) {
			return true
		}
	}
	return false
}

// titleSeparators separate a page title from the site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " › ", " · ", " • ", " // ", " ~ "}

// siteSeparators separate a known site name from a page title: the title
// separators, and a bar without spaces, as CJK titles write it; a dash
// without spaces joins words ("Site-Affair").
var siteSeparators = append(slices.Clone(titleSeparators), "|", "｜")

// stripSiteName removes the site name before or after a separator. With
// guess, it also drops a short last segment after " | " or a dash when the
// site name is unknown or spelt differently.
func stripSiteName(title, site string, guess bool) string {
	title = strings.TrimSpace(title)
	if title == "" {
		return ""
	}
	if site != "" {
		lt, ls := strings.ToLower(title), strings.ToLower(site)
		for _, sep := range siteSeparators {
			if strings.HasSuffix(lt, strings.ToLower(sep)+ls) && len(title) > len(sep)+len(site) {
				return strings.TrimSpace(title[:len(title)-len(sep)-len(site)])
			}
			if strings.HasPrefix(lt, ls+strings.ToLower(sep)) && len(title) > len(sep)+len(site) {
				return strings.TrimSpace(title[len(site)+len(sep):])
			}
		}
	}
	if !guess {
		return title
	}
	if t := stripDomainName(title); t != title {
		return t
	}
	if t := stripCJKSiteName(title); t != title {
		return t
	}
	// WordPress's old default theme writes "Site » Blog Archive » Title".
	for _, archive := range []string{" » Blog Archive » ", " » Blog Archiv » "} {
		if i := strings.Index(title, archive); i > 0 {
			return strings.TrimSpace(title[i+len(archive):])
		}
	}
	for _, sep := range []string{" | ", " – ", " - ", " — ", " :: ", " » ", " › "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if len(strings.Fields(tail)) <= 3 && len(strings.Fields(head)) >= 3 {
			return head
		}
		if j := strings.Index(title, sep); sep == " | " && j > 0 {
			first := strings.TrimSpace(title[:j])
			if len(strings.Fields(first)) <= 3 && len(strings.Fields(tail)) >= 3 && strings.Count(title, sep) == 1 {
				return tail
			}
		}
	}
	return title
}

// stripCJKSiteName removes a short site name that a CJK title joins with
// a dash and no spaces ("标题！-新华网"); other titles come back as given.
func stripCJKSiteName(title string) string {
	i := strings.LastIndexAny(title, "-－")
	if i <= 0 {
		return title
	}
	_, size := utf8.DecodeRuneInString(title[i:])
	head, tail := title[:i], title[i+size:]
	last, _ := utf8.DecodeLastRuneInString(head)
	if n := utf8.RuneCountInString(tail); n < 2 || n > 6 || !isCJK(last) && !unicode.IsPunct(last) ||
		utf8.RuneCountInString(head) <= n {
		return title
	}
	for _, r := range tail {
		if !isCJK(r) {
			return title
		}
	}
	for _, r := range head {
		if isCJK(r) {
			return head
		}
	}
	return title
}

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul letter.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// hostTitle matches a site's name written as its host name
// ("example.com", "www.example.co.uk"), with a common top-level domain so
// that "Node.js" is not taken for one.
var hostTitle = regexp.MustCompile(`^(?i:www\.)?[\pL\pN-]+(?:\.[\pL\pN-]+)*\.(?i:com|net|org|info|edu|gov|io|eu|biz|` +
	`de|at|ch|fr|it|es|uk|nl|be|lu|pl|cz|sk|se|no|dk|fi|ru|jp|cn|kr|br|ar|mx|cl|pe|co|in|au|nz|ca|us|ie|pt|gr|hu|ro|tv|fm)$`)

// stripDomainName removes a host name before the first or after the last
// title separator ("example.com | Title", "Title - www.example.com").
func stripDomainName(title string) string {
	for _, sep := range titleSeparators {
		if head, rest, ok := strings.Cut(title, sep); ok && hostTitle.MatchString(head) {
			return strings.TrimSpace(strings.TrimLeft(rest, "»›"))
		}
		if i := strings.LastIndex(title, sep); i > 0 && hostTitle.MatchString(title[i+len(sep):]) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// maxH2 is how many h2 headings a page's title is looked for in: blog
// themes set the post's title in the first h2 or so, after the site's
// name in the h1; shop and directory pages set it after the headings of
// a few dozen boxes.
const maxH2 = 40

// headlineTiers is how many kinds of headline markup headings.headline
// tells apart, most telling first.
const headlineTiers = 6

// headings are the page's h1 elements and its headline markup, gathered
// in one walk of the document.
type headings struct {
	// h1 holds every h1, in document order; h2 the first maxH2 h2.
	h1, h2 []*html.Node
	// h2Headline holds the h2 elements that headline markup names the
	// article's headline (itemprop=headline, a class naming a headline or
	// the entry's, post's or article's title).
	h2Headline []*html.Node
	// nextH2 maps an h1 to the first h2 that follows it in document
	// order, when one does.
	nextH2 map[*html.Node]*html.Node
	// afterH1 are the h1 elements that no h2 has followed yet.
	afterH1 []*html.Node
	// shown caches the texts of h1 and h2; see texts.
	shown []string
	// title is the first <title> element of the HTML namespace, for pages
	// whose head the parser closed early (text before the doctype).
	title *html.Node
	// tiers hold the headline candidates by kind, each in document
	// order: an h1 inside <article>; h1.entry-title; h1 with
	// itemprop=headline; any .entry-title (WordPress); h1.post-title,
	// h1.article-title or h1.title; an h1 inside <main>.
	tiers [headlineTiers][]*html.Node
}

// collectHeadings walks the document once for its headings.
func (p *page) collectHeadings() *headings {
	hs := &headings{}
	var walk func(n *html.Node, inArticle, inMain bool)
	walk = func(n *html.Node, inArticle, inMain bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			hs.add(c, inArticle, inMain)
			walk(c, inArticle || c.DataAtom == atom.Article, inMain || c.DataAtom == atom.Main)
		}
	}
	walk(p.root, false, false)
	return hs
}

// add files the element n under the tiers it belongs to.
func (hs *headings) add(n *html.Node, inArticle, inMain bool) {
	if n.DataAtom == atom.H2 && len(hs.afterH1) > 0 {
		if hs.nextH2 == nil {
			hs.nextH2 = map[*html.Node]*html.Node{}
		}
		for _, h := range hs.afterH1 {
			hs.nextH2[h] = n
		}
		hs.afterH1 = hs.afterH1[:0]
	}
	switch {
	case n.DataAtom == atom.H2 && len(hs.h2) < maxH2:
		hs.h2 = append(hs.h2, n)
		if isHeadlineH2(n) {
			hs.h2Headline = append(hs.h2Headline, n)
		}
	case n.DataAtom == atom.Title && n.Namespace == "" && hs.title == nil:
		hs.title = n
	}
	if n.DataAtom != atom.H1 {
		if hasClass(n, "entry-title") {
			hs.tiers[3] = append(hs.tiers[3], n)
		}
		return
	}
	hs.h1 = append(hs.h1, n)
	hs.afterH1 = append(hs.afterH1, n)
	class := attr(n, "class")
	for i, ok := range [headlineTiers]bool{
		inArticle,
		classHas(class, "entry-title"),
		attr(n, "itemprop") == "headline",
		classHas(class, "entry-title"),
		classHas(class, "post-title") || classHas(class, "article-title") || classHas(class, "title"),
		inMain,
	} {
		if ok {
			hs.tiers[i] = append(hs.tiers[i], n)
		}
	}
}

// texts returns the texts of the h1 and h2 headings, without empty ones;
// a heading holding a kicker gives its text without the kicker too.
func (hs *headings) texts() []string {
	if hs.shown == nil {
		hs.shown = make([]string, 0, len(hs.h1)+len(hs.h2))
		for _, list := range [][]*html.Node{hs.h1, hs.h2} {
			for _, n := range list {
				t := nodeText(n)
				if t != "" {
					hs.shown = append(hs.shown, t)
				}
				if h := headlineText(n); h != "" && h != t {
					hs.shown = append(hs.shown, h)
				}
			}
		}
	}
	return hs.shown
}

// hasClass reports whether n's class attribute holds the token name
// (case-sensitive, as CSS class selectors match).
func hasClass(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == "class" {
			return classHas(a.Val, name)
		}
	}
	return false
}

// classHas reports whether the class list holds the token name.
func classHas(list, name string) bool {
	return anyToken(list, func(tok string) bool { return tok == name })
}

// headline returns the text of the article's h1 (or .entry-title), the
// first one outside the page's chrome in the most telling tier, and the
// element; "" and nil when there is none.
func (p *page) headline(hs *headings) (string, *html.Node) {
	for _, tier := range hs.tiers {
		for _, n := range tier {
			if p.cls.inChrome(n) {
				continue
			}
			if s := headlineText(n); s != "" {
				return s, n
			}
		}
	}
	return "", nil
}

// kickerWords name the line news sites set above or inside a headline
// ("Dachzeile", kicker, overline, eyebrow) that is not part of it.
var kickerWords = []string{"kicker", "overline", "strapline", "subtitle", "dachzeile", "topline", "roofline", "eyebrow",
	"supertitle", "pretitle", "spitzmarke", "rubric", "flag", "label", "category", "topic"}

// headlineText returns the text of the headline element h without a
// kicker line inside it, when the rest still says something.
func headlineText(h *html.Node) string {
	if inner := namedHeadline(h); inner != nil {
		if s := nodeText(inner); s != "" {
			return s
		}
	}
	var t textBuilder
	kicker := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && isKicker(c) {
				kicker = true
				t.space = true
				continue
			}
			if c.Type == html.ElementNode && hiddenSeparator(c) {
				// The words before a dash hidden from screen readers
				// are a kicker: the dash only shows them apart.
				kicker = true
				t = textBuilder{}
				continue
			}
			if c.Type == html.ElementNode {
				if blockTags[c.DataAtom] || c.DataAtom == atom.Br {
					t.space = true
				}
				walk(c)
				continue
			}
			collectText(&t, c)
		}
	}
	walk(h)
	if s := t.String(); kicker && s != "" {
		return s
	}
	return nodeText(h)
}

// isKicker reports whether the element inside a headline is its kicker,
// or side text in a <small> or an element of class small (as Bootstrap
// themes set a date or subtitle) or a <time> (a date callout, as
// Squarespace and other blog themes set it in the post's title).
func isKicker(n *html.Node) bool {
	if n.DataAtom == atom.Small || n.DataAtom == atom.Time || anyToken(attr(n, "class"), isSmallClass) {
		return true // side text: a date, a series, a subtitle
	}
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if strings.TrimSpace(names) == "" {
		return false
	}
	for _, w := range kickerWords {
		if strings.Contains(names, w) {
			return true
		}
	}
	return false
}

// hiddenSeparator reports whether the element is hidden from screen
// readers (aria-hidden) and holds only a separator: a dash or bar that
// sets a kicker apart from the headline for the eye alone.
func hiddenSeparator(n *html.Node) bool {
	if attr(n, "aria-hidden") != "true" {
		return false
	}
	t := nodeText(n)
	return t != "" && strings.Trim(t, "|-–—·•/:") == ""
}

// isSmallClass reports whether the class token sets text as <small> does:
// Bootstrap's "small", or a name ending in it ("h1small").
func isSmallClass(tok string) bool {
	return strings.HasSuffix(strings.ToLower(tok), "small")
}

// namedHeadline returns the element inside the headline h that its class
// names the headline or title proper, when h holds other text beside it
// (a kicker or a series name in a span of its own).
func namedHeadline(h *html.Node) *html.Node {
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			names := strings.ToLower(attr(c, "class"))
			if (strings.Contains(names, "headline") || strings.Contains(names, "title")) && !isKicker(c) {
				found = c
				return
			}
			walk(c)
		}
	}
	walk(h)
	if found == nil {
		return nil
	}
	// Only a line before the headline is left out, never its second half.
	if t, all := nodeText(found), nodeText(h); len(t) == len(all) || !strings.HasSuffix(all, t) {
		return nil
	}
	return found
}
