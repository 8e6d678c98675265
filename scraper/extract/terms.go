package extract

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// termKind says whether a link names a category or a tag of the article.
type termKind uint8

const (
	termNone termKind = iota
	termCategory
	termTag
)

// termTerms are what the markup passes find: categories and tags in
// document order.
type termLists struct {
	cats, tags []string
}

func (l *termLists) add(k termKind, s string) {
	switch k {
	case termCategory:
		l.cats = append(l.cats, s)
	case termTag:
		l.tags = append(l.tags, s)
	}
}

// Class and id names of the blocks that list an article's categories or
// its tags, in the WordPress, Drupal, Ghost and Blogger themes and the
// common news-site templates: cat-links, post-categories, entry-category,
// tags-links, post-tags, tag-list, article__keywords, topics, … The
// patterns are anchored and matched against one lowercased token.
var (
	catBlockName = regexp.MustCompile(`^(?:[a-z0-9]+[-_]{1,2})*(?:cat|cats|catlinks|category|categories|kategorie|kategorien|rubrik|rubriken|categorie|categorias)(?:[-_]{1,2}(?:links?|list|items?|wrap|wrapper|container|box|block|area|name|label))?$`)
	tagBlockName = regexp.MustCompile(`^(?:[a-z0-9]+[-_]{1,2})*(?:tags?|tagged|taglist|taglinks|tagged[-_]?with|keywords?|schlagw\w*|stichw\w*|topics?|themen|post[-_]labels)(?:[-_]{1,2}(?:links?|list|items?|wrap|wrapper|container|box|block|area|section|name|label|term|terms))?$`)
)

// termLabels are the words that introduce a list of categories or of
// tags ("Categories:", "Filed under", "Posted in", "Kategorie:", "Tags:",
// "Schlagwörter:", "Themen:", "Mots-clés :"), lowercased, without the
// colon.
var termLabels = func() map[string]termKind {
	m := map[string]termKind{}
	for _, s := range []string{"categories", "category", "kategorien", "kategorie", "rubriken", "rubrik", "ressort",
		"filed under", "filed in", "posted in", "published in", "abgelegt unter", "veröffentlicht in",
		"veröffentlicht unter", "catégories", "catégorie", "publié dans", "classé dans", "categorías", "categoría",
		"categorie", "categoria", "kategorier", "kategoria", "kategorie wpisu", "categorieën", "sections", "section"} {
		m[s] = termCategory
	}
	for _, s := range []string{"tags", "tag", "tagged", "tagged with", "tagged as", "tagged under", "schlagwörter",
		"schlagworte", "schlagwort", "stichwörter", "stichworte", "themen", "related topics", "topics", "keywords",
		"mots-clés", "mots clés", "mots-clefs", "étiquettes", "etiquetas", "palabras clave", "tagi", "słowa kluczowe",
		"trefwoorden", "labels", "getaggt", "getaggt mit", "verschlagwortet mit", "tags des artikels", "weitere themen", "mehr zum thema", "more on"} {
		m[s] = termTag
	}
	return m
}()

// boxTitles are label words that, as the title of a box of their own
// (a div), head the site's list of topics or sections rather than the
// article's.
var boxTitles = map[string]bool{"themen": true, "topics": true, "sections": true, "section": true, "rubriken": true}

// labelKind returns what the label text s introduces, or termNone.
func labelKind(s string) termKind {
	if len(s) > 40 {
		return termNone
	}
	s = strings.ToLower(collapse(strings.TrimRight(strings.TrimSpace(s), ":：")))
	if k := termLabels[s]; k != termNone {
		return k
	}
	// "… and tagged", "| Tags:" between two lists.
	for _, w := range []string{"and ", "und ", "et ", "| ", "· ", ". ", ", "} {
		if rest, ok := strings.CutPrefix(s, w); ok {
			return termLabels[strings.TrimSpace(rest)]
		}
	}
	return termNone
}

// isSeparatorText reports whether a text between two term links only
// separates them: punctuation, "and", "und", "et".
func isSeparatorText(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	}) {
		switch strings.ToLower(w) {
		case "and", "und", "et", "y", "e", "i", "en", "or", "oder":
		default:
			return false
		}
	}
	return true
}

// blockKind judges an element by its class and id tokens: a block that
// lists categories, one that lists tags, or neither. Tag clouds are the
// site's, not the article's.
func blockKind(n *html.Node) termKind {
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html || isPostClass(attr(n, "class")) {
		return termNone // WordPress slug classes, not a list's name
	}
	k := termNone
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for tok := range strings.FieldsSeq(strings.ToLower(a.Val)) {
			if len(tok) > 40 || tok == "tagcloud" || tok == "tag-cloud" || !termNameHint(tok) {
				continue
			}
			if catBlockName.MatchString(tok) {
				return termCategory
			}
			if k == termNone && tagBlockName.MatchString(tok) {
				k = termTag
			}
		}
	}
	return k
}

// termNameHint reports whether tok may name a term list, sparing most
// tokens the regexps.
func termNameHint(tok string) bool {
	for _, w := range []string{"cat", "tag", "keyword", "topic", "themen", "label", "rubrik", "kategor", "schlagw", "stichw"} {
		if strings.Contains(tok, w) {
			return true
		}
	}
	return false
}

// maxTermLen bounds the text of one category or tag.
const maxTermLen = 80

// maxTermWords bounds the words of a term; in a block named as a term
// list, maxNamedTermWords (wiki categories run long).
const (
	maxTermWords      = 8
	maxNamedTermWords = 14
)

// termText returns the text of a term link, or "" when it does not look
// like a term: empty, too long, more than words words (a sentence), or a
// "more" link.
func termText(a *html.Node, words int) string {
	s := nodeText(a)
	s = strings.TrimSpace(strings.Trim(s, "#,;|·•“”„\"'«»‚‘’ "))
	s = termCount.ReplaceAllString(s, "")
	if s == "" || len(s) > maxTermLen || len(strings.Fields(s)) > words || labelKind(s) != termNone {
		return ""
	}
	return s
}

// termCount is the number of posts a tag link may show after its name:
// "Joe Biden (233)", "Politics (611 posts)".
var termCount = regexp.MustCompile(`\s*\(\d[\d.,]*(?:\s+\pL+)?\)$`)

// termLink reports whether the link a may name one of the article's
// terms: it stays on the site (share buttons do not), and it is not a
// link to the comments.
func (p *page) termLink(a *html.Node) bool {
	href := strings.ToLower(strings.TrimSpace(attr(a, "href")))
	if strings.Contains(href, "#comment") || strings.Contains(href, "#respond") || strings.HasPrefix(href, "javascript:") ||
		strings.HasPrefix(href, "mailto:") {
		return false
	}
	if p.cls.kind(a) >= kindComments || a.Parent != nil && p.cls.kind(a.Parent) >= kindComments {
		return false
	}
	if p.pageURL == nil || !strings.Contains(href, "//") {
		return true
	}
	u, err := url.Parse(href)
	if err != nil || u.Host == "" {
		return true
	}
	return sameSite(u.Hostname(), p.pageURL.Hostname())
}

// sameSite reports whether two host names belong to one site: equal, or
// one a subdomain of the other.
func sameSite(a, b string) bool {
	a, b = strings.TrimPrefix(strings.ToLower(a), "www."), strings.TrimPrefix(strings.ToLower(b), "www.")
	return a == b || strings.HasSuffix(a, "."+b) || strings.HasSuffix(b, "."+a)
}

// markupTerms reads the categories and tags the article's markup links
// to: links with rel~=category or rel~=tag, links inside a block named
// like a category or tag list (cat-links, post-tags, …), and links that
// follow a label ("Categories:", "Schlagwörter:"). A block's name or a
// label decides over rel: WordPress themes put rel="tag" on the
// category links after "Kategorien:". Page furniture is skipped.
func (p *page) markupTerms() termLists {
	w := termWalker{p: p}
	if p.body != nil {
		w.walk(p.body, termCtx{})
	}
	return w.out
}

// termCtx is what the elements above a node say about the links below it.
type termCtx struct {
	kind  termKind
	depth int // levels below the block that set kind
	// named: kind comes from a block's class or id (not a label or rel),
	// so longer category names are terms too ("Articles with information
	// from …").
	named bool
	// trusted: the block is a term list drawn as navigation (<nav
	// class="article-categories">); its links are not page furniture.
	trusted bool
}

// termWalker collects the terms of markupTerms.
type termWalker struct {
	p   *page
	out termLists
}

func (w *termWalker) walk(n *html.Node, ctx termCtx) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Aside, atom.Noscript, atom.Template, atom.Svg, atom.Head,
			atom.Form, atom.Button, atom.Select:
			return
		case atom.Nav:
			// A navigation block named as the article's term list is one;
			// other navigation is furniture.
			k := blockKind(n)
			if k == termNone || !articleNav(n) || w.p.cls.inChrome(n) {
				return
			}
			w.children(n, termCtx{kind: k, named: true, trusted: true})
			return
		case atom.A:
			w.link(n, ctx)
			return
		}
		if isHiddenTermBlock(n) {
			return
		}
		if k := blockKind(n); k != termNone {
			if countLinks(n, 1) == 0 {
				w.textBlock(n, k)
				return
			}
			ctx = termCtx{kind: k, named: true, trusted: ctx.trusted}
		} else if ctx.kind != termNone {
			ctx.depth++
			if ctx.depth > 4 {
				ctx = termCtx{} // a block far above the link names a layout
			}
		}
	}
	w.children(n, ctx)
}

// children walks n's children. A label switches the kind of the links
// that follow it among its parent's children.
func (w *termWalker) children(n *html.Node, ctx termCtx) {
	label := termNone
	headed := false // the label is an element (a heading), not bare text
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if k := w.p.labelOf(c); k != termNone {
			label, headed = k, c.Type == html.ElementNode
			continue
		}
		if label != termNone && c.Type == html.TextNode && !isSeparatorText(c.Data) {
			label = termNone // a sentence goes on: "Bookmark the permalink."
		}
		if label != termNone && c.Type == html.ElementNode && !isInline(c) {
			if headed && plainTermList(c) {
				w.plainList(c, label)
				label = termNone
				continue
			}
			if text, link := textStats(c, nil); text-link > 40 {
				label = termNone // prose: the list has ended
			}
		}
		if label != termNone {
			w.walk(c, termCtx{kind: label, trusted: ctx.trusted})
		} else {
			w.walk(c, ctx)
		}
	}
}

// link adds the term the link a names, if any.
func (w *termWalker) link(a *html.Node, ctx termCtx) {
	k := ctx.kind
	named := ctx.named
	if k == termNone {
		k = blockKind(a)
		named = k != termNone
	}
	rel := attr(a, "rel")
	if hasToken(rel, "bookmark") || !w.p.termLink(a) {
		return
	}
	if k == termNone && rel != "" {
		if hasToken(rel, "category") {
			k = termCategory
		} else if hasToken(rel, "tag") {
			k = termTag
		}
	}
	fromHref := false
	if k == termNone {
		if k = archiveKind(attr(a, "href")); k != termNone && !articleLinkLine(a) {
			return // a menu, or a sentence linking a topic page
		}
		fromHref = k != termNone
	}
	if k == termNone || !ctx.trusted && w.p.cls.inChrome(a) {
		return
	}
	words := maxTermWords
	if named && k == termCategory {
		words = maxNamedTermWords
	}
	s := termText(a, words)
	if fromHref && (!startsWithLetter(s) || digitHeavy(s)) {
		return // a date archive, a release
	}
	if s != "" {
		w.out.add(k, s)
	}
}

// plainTermList reports whether n is a list of terms written without
// links, as journals list an article's keywords: a ul or ol of at least
// two items, each a short text without a link. Only a heading's list
// counts: after a label in running text it is a list in a sentence.
func plainTermList(n *html.Node) bool {
	if !isElem(n, atom.Ul, atom.Ol) {
		return false
	}
	items := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		case html.ElementNode:
			if c.DataAtom != atom.Li {
				return false
			}
			s, ok := shortText(c, maxTermLen)
			if !ok || len(strings.Fields(s)) > maxTermWords {
				return false
			}
			items++
		}
	}
	return items >= 2
}

// plainList adds the items of a plainTermList as terms of kind k, unless
// the list is page furniture.
func (w *termWalker) plainList(n *html.Node, k termKind) {
	if w.p.cls.inChrome(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if s, ok := shortText(c, maxTermLen); ok && labelKind(s) == termNone {
			w.out.add(k, strings.Trim(s, "#,;|·• "))
		}
	}
}

// articleNav reports whether the navigation element nav belongs to the
// article, not to the site: it sits in an article or main element, or
// its name says whose it is (article-categories, post-tags).
func articleNav(nav *html.Node) bool {
	for _, a := range nav.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for tok := range strings.FieldsSeq(strings.ToLower(a.Val)) {
			for _, w := range []string{"article", "entry", "post", "story"} {
				if strings.HasPrefix(tok, w) && termNameHint(tok) {
					return true
				}
			}
		}
	}
	return hasAncestor(nav, atom.Article) || hasAncestor(nav, atom.Main)
}

// archiveKind says what archive the URL href leads to by a segment of its
// path: /tag/…, /tags/…, /schlagwort/… list a tag's articles,
// /category/…, /kategorie/…, /rubrik/… a category's.
func archiveKind(href string) termKind {
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	if i := strings.Index(href, "//"); i >= 0 {
		href = href[i+2:]
		if j := strings.IndexByte(href, '/'); j >= 0 {
			href = href[j:]
		} else {
			return termNone
		}
	}
	href = strings.Trim(href, "/")
	for {
		seg, rest, more := strings.Cut(href, "/")
		if !more {
			return termNone // the last segment names the term
		}
		href = rest
		if len(seg) < 3 || len(seg) > 11 {
			continue
		}
		switch strings.ToLower(seg) {
		case "tag", "tags", "schlagwort", "schlagworte", "stichwort", "etiqueta", "etiquette", "motcle", "mot-cle":
			return termTag
		case "category", "categories", "kategorie", "kategorien", "rubrik", "categorie", "categoria", "cat":
			return termCategory
		}
	}
}

// articleLinkLine reports whether the link a sits in a short line of
// links of the article (its meta line, a list of its topics): inside an
// article or main element, in a block with little text besides links
// (not a sentence) and few links (not a menu).
func articleLinkLine(a *html.Node) bool {
	if !hasAncestor(a, atom.Article) && !hasAncestor(a, atom.Main) {
		return false
	}
	b := a.Parent
	for b != nil && b.Type == html.ElementNode && (isInline(b) || b.DataAtom == atom.Li || onlyChild(b)) {
		b = b.Parent
	}
	if b == nil || b.Type != html.ElementNode {
		return false
	}
	text, link := textStats(b, nil)
	return text-link <= 40 && countLinks(b, maxLineLinks+1) <= maxLineLinks
}

// onlyChild reports whether n wraps a single element and no text: one
// link in a box of its own is one item of the list around the box.
func onlyChild(n *html.Node) bool {
	elems := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			elems++
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		}
	}
	return elems == 1
}

// maxLineLinks bounds the links of a line of an article's terms.
const maxLineLinks = 12

// countLinks counts the links below n, up to limit.
func countLinks(n *html.Node, limit int) int {
	c := 0
	walkElems(n, func(m *html.Node) bool {
		if c >= limit {
			return false
		}
		if m.DataAtom == atom.A {
			c++
			return false
		}
		return true
	})
	return c
}

// textBlock adds the terms a block named as a term list writes without
// links ("Kategorien: Allgemein"): the text after its label, split at
// commas.
func (w *termWalker) textBlock(n *html.Node, k termKind) {
	s, ok := shortText(n, 2*maxTermLen)
	if !ok || w.p.cls.inChrome(n) {
		return
	}
	i := strings.IndexAny(s, ":：")
	if i < 0 || labelKind(s[:i]) == termNone {
		return // no label: not a list of terms
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	s = s[i+size:]
	for _, t := range splitTerms([]string{s}) {
		if t = strings.Trim(t, "#|·•:： "); t != "" && len(strings.Fields(t)) <= maxTermWords {
			w.out.add(k, t)
		}
	}
}

// isHiddenTermBlock reports whether n lists terms the page hides from
// readers: MediaWiki's hidden maintenance categories
// (mw-hidden-catlinks).
func isHiddenTermBlock(n *html.Node) bool {
	return strings.Contains(attr(n, "class"), "hidden-cat")
}

// labelOf returns what n introduces when n is a label: a text node, or a
// short element (strong, span, h3, dt, a div holding only text, …)
// without links, whose text is
// "Tags:", "Filed under", …
func (p *page) labelOf(n *html.Node) termKind {
	switch n.Type {
	case html.TextNode:
		if len(n.Data) > 60 {
			return termNone
		}
		return labelKind(n.Data)
	case html.ElementNode:
		switch n.DataAtom {
		case atom.A, atom.Script, atom.Style, atom.Ul, atom.Ol, atom.Section, atom.Article, atom.Footer:
			return termNone
		}
		s, ok := shortText(n, 60)
		if !ok {
			return termNone
		}
		if n.DataAtom == atom.Div && (hasBlockChild(n) || boxTitles[strings.ToLower(strings.TrimRight(s, ": "))]) {
			return termNone // a box, not a label; or a box's title
		}
		return labelKind(s)
	}
	return termNone
}

// isInline reports whether n is an inline element.
func isInline(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A, atom.Span, atom.Strong, atom.B, atom.Em, atom.I, atom.Small, atom.Abbr, atom.Time, atom.Label, atom.Font, atom.Br:
		return true
	}
	return false
}

// postClassTerms reads the category-* and tag-* classes WordPress's
// post_class() puts on the article element (with hentry, type-post or
// post-N beside them), naming each slug by the text of a link to its
// archive when the page has one, else by the slug itself de-slugged
// ("sri-lanka" → "Sri lanka").
func (p *page) postClassTerms(links map[string]string) termLists {
	var out termLists
	if p.body == nil {
		return out
	}
	el := p.postElement()
	if el == nil {
		return out
	}
	for tok := range strings.FieldsSeq(attr(el, "class")) {
		var k termKind
		var slug string
		switch {
		case strings.HasPrefix(tok, "category-"):
			k, slug = termCategory, tok[len("category-"):]
		case strings.HasPrefix(tok, "tag-"):
			k, slug = termTag, tok[len("tag-"):]
		default:
			continue
		}
		if slug == "" || slug == "uncategorized" && k == termCategory && links[slug] == "" {
			continue
		}
		name := links[strings.ToLower(slug)]
		if name == "" {
			name = deslug(slug)
		}
		if name != "" {
			out.add(k, name)
		}
	}
	return out
}

// postElement returns the element carrying the WordPress post classes of
// the page's article: the first one not in page furniture that has a
// category-* or tag-* class beside hentry, type-… or post-N.
func (p *page) postElement() *html.Node {
	var found *html.Node
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Aside, atom.Nav, atom.Head:
				return false
			}
			if cls := attr(n, "class"); strings.Contains(cls, "category-") || strings.Contains(cls, "tag-") {
				if isPostClass(cls) && !p.cls.inChrome(n) {
					found = n
					return true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(p.body)
	return found
}

// isPostClass reports whether the class list is WordPress's post_class().
func isPostClass(cls string) bool {
	for tok := range strings.FieldsSeq(cls) {
		if tok == "hentry" || strings.HasPrefix(tok, "type-") || strings.HasPrefix(tok, "status-") {
			return true
		}
		if rest, ok := strings.CutPrefix(tok, "post-"); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}

// linkIndex is what one pass over the page's links gathers for the term
// sources that name links rather than find them.
type linkIndex struct {
	// archives maps the last path segment of each link to a category or
	// tag archive (/category/…/slug/, /tag/slug/) to the link's text.
	archives map[string]string
	// active are the links the site's navigation marks as the current
	// section, outermost first.
	active []*html.Node
}

// indexLinks reads every link of the body once for linkIndex.
func (p *page) indexLinks() linkIndex {
	idx := linkIndex{archives: map[string]string{}}
	if p.body == nil {
		return idx
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Head:
				return
			case atom.A:
				href := attr(n, "href")
				if strings.Contains(href, "/category/") || strings.Contains(href, "/tag/") {
					if slug := lastSegment(href); slug != "" {
						if _, ok := idx.archives[slug]; !ok {
							if s := termText(n, maxTermWords); s != "" {
								idx.archives[slug] = s
							}
						}
					}
				}
				if len(idx.active) < maxActive && isActiveNavLink(n) {
					idx.active = append(idx.active, n)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.body)
	return idx
}

// maxActive bounds the active navigation links read: a menu drawn twice
// (desktop and mobile) marks its items twice.
const maxActive = 6

// isActiveNavLink reports whether the link a is marked as the current
// item of a menu: aria-current, or a class such as WordPress's
// current-menu-item, current-menu-ancestor or current-cat, or active, on
// the link or on its list item.
func isActiveNavLink(a *html.Node) bool {
	li := a.Parent
	if li != nil && li.DataAtom != atom.Li {
		li = nil
	}
	if li != nil && inTabs(li) {
		return false
	}
	if v := attr(a, "aria-current"); v != "" && v != "false" {
		return true
	}
	return activeClass(attr(a, "class")) || li != nil && activeClass(attr(li, "class"))
}

// inTabs reports whether the list item li belongs to a row of tabs
// (nav-tabs, quicktabs-tabs), whose active item is a view, not a section.
func inTabs(li *html.Node) bool {
	ul := li.Parent
	if ul == nil {
		return false
	}
	for tok := range strings.FieldsSeq(strings.ToLower(attr(ul, "class"))) {
		if strings.HasSuffix(tok, "tabs") {
			return true
		}
	}
	return false
}

// activeClass reports whether a class list marks the current menu item.
func activeClass(cls string) bool {
	cls = strings.ToLower(cls)
	if !strings.Contains(cls, "current") && !strings.Contains(cls, "active") {
		return false
	}
	for tok := range strings.FieldsSeq(cls) {
		switch tok {
		case "active", "is-active", "current", "current-menu-item", "current-menu-parent", "current-menu-ancestor",
			"current-post-ancestor", "current-post-parent", "current-cat", "current-cat-parent", "current-cat-ancestor",
			"current_page_item", "current_page_parent", "current_page_ancestor", "current-page-ancestor":
			return true
		}
	}
	return false
}

// activeSections names the sections the site's navigation marks as
// current: the texts of the active links, without the home page, the
// page itself, language switchers and links to other sites. More than
// maxActiveSections different names are tabs or menus that mark a
// default item each, not the article's section: none is taken.
func (p *page) activeSections(links []*html.Node, canonical string) []string {
	var out []string
	for _, a := range links {
		href := attr(a, "href")
		if href == "" || strings.HasPrefix(href, "#") || attr(a, "hreflang") != "" || attr(a, "lang") != "" ||
			strings.Contains(href, "lang=") {
			continue
		}
		abs := p.absURL(href)
		u, err := url.Parse(abs)
		if err != nil || u.Scheme != "http" && u.Scheme != "https" ||
			p.pageURL != nil && !sameSite(u.Hostname(), p.pageURL.Hostname()) {
			continue
		}
		if isHomeCrumb("", abs) || trimURL(abs) == trimURL(canonical) ||
			p.pageURL != nil && trimURL(abs) == trimURL(p.pageURL.String()) {
			continue
		}
		s := termText(a, maxSectionWords)
		if s == "" || homeWords[strings.ToLower(s)] || strings.HasSuffix(s, ".") || !startsWithLetter(s) {
			continue // "< Back", a sentence
		}
		out = append(out, s)
	}
	out = dedupe(out)
	if len(out) > maxActiveSections {
		return nil
	}
	return out
}

// startsWithLetter reports whether s begins with a letter or digit.
func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// digitHeavy reports whether s holds at least as many digits as letters:
// a date or a version number, not a topic.
func digitHeavy(s string) bool {
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	return digits >= letters
}

// maxSectionWords bounds the name of a section in a menu.
const maxSectionWords = 5

// maxActiveSections bounds the sections a menu marks as current: a
// section and its subsection.
const maxActiveSections = 2

// lastSegment returns the lowercased last non-empty path segment of a
// URL, unescaped.
func lastSegment(href string) string {
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	href = strings.TrimRight(href, "/")
	i := strings.LastIndexByte(href, '/')
	if i < 0 {
		return ""
	}
	s := href[i+1:]
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	return strings.ToLower(s)
}

// deslug turns a URL slug into words: percent-escapes decoded, hyphens
// and underscores made spaces, the first letter upper-cased. A slug that
// ends in a number WordPress added to keep it unique ("news-2") loses it.
func deslug(slug string) string {
	if u, err := url.PathUnescape(slug); err == nil {
		slug = u
	}
	if i := strings.LastIndexByte(slug, '-'); i > 0 && strings.Trim(slug[i+1:], "0123456789") == "" && i+1 < len(slug) && len(slug)-i <= 2 {
		slug = slug[:i]
	}
	s := strings.Join(strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' }), " ")
	if s == "" || !utf8.ValidString(s) || !hasLetter(s) {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// splitTerms splits comma- or semicolon-separated lists (meta keywords,
// a JSON-LD articleSection written as one string).
func splitTerms(in []string) []string {
	var out []string
	for _, s := range in {
		for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || r == ';' }) {
			if f = strings.TrimSpace(f); f != "" && len(f) <= maxTermLen {
				out = append(out, f)
			}
		}
	}
	return out
}

// shortText returns the text below n when it is at most limit bytes and
// holds no link; it stops reading as soon as either fails, so that asking
// every element costs little.
func shortText(n *html.Node, limit int) (string, bool) {
	var b strings.Builder
	ok := true
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && ok; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if b.Len()+len(c.Data) > limit*2 {
					ok = false
					return
				}
				b.WriteString(c.Data)
			case html.ElementNode:
				if c.DataAtom == atom.A {
					ok = false
					return
				}
				walk(c)
			}
		}
	}
	walk(n)
	if !ok {
		return "", false
	}
	s := collapse(b.String())
	return s, s != "" && len(s) <= limit
}
