package extract

import (
	"iter"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// What an element is, judged from its tag, class, id, role and attributes.
type kind uint8

const (
	kindContent kind = iota // nothing against it
	// kindWeak: named like boilerplate (share bar, related posts, ad…);
	// removed unless it holds most of the text around it.
	kindWeak
	// kindComments: part of a comment section; always removed.
	kindComments
	// kindJunk: never text (script, style, form controls, hidden…).
	kindJunk
)

// A tokenRule names page furniture: a class token or id holding keyword
// is furniture if it also matches the anchored pattern (or at once when
// the pattern is empty). The keyword spares most tokens the regexp; one
// big alternation would cost microseconds per token.
type tokenRule struct {
	keyword string
	pattern *regexp.Regexp
}

func rules(pairs ...string) []tokenRule {
	out := make([]tokenRule, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		r := tokenRule{keyword: pairs[i]}
		if pairs[i+1] != "" {
			r.pattern = regexp.MustCompile(`^(?:` + pairs[i+1] + `)$`)
		}
		out = append(out, r)
	}
	return out
}

// matchRules reports whether the lowercased token tok matches one rule.
func matchRules(rs []tokenRule, tok string) bool {
	for _, r := range rs {
		if strings.Contains(tok, r.keyword) && (r.pattern == nil || r.pattern.MatchString(tok)) {
			return true
		}
	}
	return false
}

// sidebarPattern matches the names of sidebars, not of layouts that have
// one ("content-sidebar-sidebar", "has-sidebar").
const sidebarPattern = `sidebar|sidebar[-_]?\d*|sidebar[-_](?:left|right|primary|secondary|main|widgets?|area|inner|wrap|wrapper|container|content|nav)|(?:left|right|primary|secondary|main|blog|post|single|page|site|default|article)[-_]sidebar`

// navPattern matches the names of navigation blocks and menus.
const navPattern = `nav|navbar|navigation|.*[-_]nav|nav[-_].*|.*[-_]navigation`

// weakRules name boilerplate blocks: ads, share bars, related posts,
// newsletter and donation boxes, author boxes, navigation, sidebars,
// widgets, cookie banners, post metadata, image credits, hidden text.
var weakRules = rules(
	"ad", `ads?|ad[-_].*|.*[-_]ads?|.*[-_]ad[-_].*|adsbygoogle|.*advert.*|addtoany.*`,
	"gpt", `div-gpt.*`,
	"google", `google[-_]?ads?.*`,
	"dfp", `dfp[-_].*`,
	"shar", `.*shar(?:e|es|ing|edaddy|ethis|eaholic|ebar).*`,
	"social", "",
	"a2a", `a2a[-_].*`,
	"sd-", `sd-.*`,
	"related", "",
	"yarpp", "",
	"crp", `crp[-_].*`,
	"recommend", "",
	"more", `more[-_]stories|read[-_]?more.*`,
	"newsletter", "",
	"subscri", `.*subscri(?:be|ption).*`,
	"sign", `.*sign[-_]?up.*`,
	"mc4wp", "",
	"donat", "",
	"fundrais", "",
	"support", `support[-_]us.*`,
	"paywall", "",
	"sponsor", "",
	"promo", `promo|promos|.*[-_]promo|promo[-_].*`,
	"author", `.*author.*`,
	"sabox", `sabox.*`, // Simple Author Box
	"abh", `abh[-_].*`, // Author Hover Box
	"byline", "",
	"timestamp", "",
	"rating", `ratings?|(?:post|article|entry|star)[-_]?ratings?(?:[-_].*)?|.*[-_]star[-_]ratings?|ratings?[-_]?(?:box|widget|wrap|wrapper|container|form)`,
	"sociable", "",
	"disclaimer", "",
	"disclosure", "",
	"affiliate", `(?:.*[-_])?affiliate[-_]?(?:info|text|disclosure|disclaimer|notice|note|hint|box)(?:[-_].*)?`,
	"toc", `toc|toc[-_](?:container|wrapper|wrap|list|box|widget|nav)|.*[-_]toc|ez-toc.*`,
	"table-of-contents", "",
	"outbrain", "",
	"taboola", "",
	"popular", `.*most[-_]?popular.*|popular[-_]posts?.*`,
	"footer", `.*footer.*`,
	"label", `field[-_]+label`, // Drupal's field labels ("Tags:", "Release date:")
	"button", `.*buttons?|buttons?[-_].*|.*[-_]buttons?[-_].*`,
	"btn", `btn|btns|btn[-_].*|.*[-_]btn`,
	"cta", `cta|cta[-_].*|.*[-_]cta`,
	"breadcrumb", "",
	"pagination", "",
	"pager", `pager`,
	"nav", navPattern,
	"menu", `menu|.*[-_]menu|menu[-_].*`,
	"sidebar", sidebarPattern,
	"widget", `widget|widget[-_].*|widgets|widget-area`,
	"cookie", `.*cookie.*`,
	"blocker", `.*content[-_]blocker.*`,
	"gdpr", `gdpr.*`,
	"consent", `consent.*`,
	"popup", `popup.*`,
	"modal", `modal.*`,
	"print", `print|print[-_].*|.*[-_]print`,
	"toolbar", `toolbar|.*[-_]toolbar`,
	"credit", `.*credits?|credits?[-_].*`,
	"copyright", `copyright.*`,
	"meta", `.*[-_]meta|meta[-_].*|.*metadata`,
	"entry-utility", "",
	"tag", `tags|.*[-_]tags|tags[-_].*|tag[-_]?links|tagcloud`,
	"cat", `cat[-_]?links`,
	"screen", `screen[-_]reader[-_]text`,
	"sr", `sr[-_]only`,
	"hidden", `visually[-_]hidden|hidden`,
	"d-none", `d-none`,
)

// commentRules name comment sections and single comments.
var commentRules = rules(
	"comment", `comments?|.*[-_]comments?|comments?[-_](?:list|area|section|wrap|wrapper|container|block|thread|threads|body|content|text|meta|author|form|respond|reply|count|link|links|number|title|header|footer|box|holder|widget)|commentlist|commento.*|(?:li-|div-)?comment-\d+`,
	"respond", `respond|comment-respond`,
	"disqus", `disqus.*`,
	"wpd", `wpd[-_].*|wpdiscuz.*`,
	"wc", `wc[-_]comm.*`,
	"isso", `isso-.*`,
	"coral", `coral[-_].*`,
	"hyvor", `hyvor.*`,
)

// chromeRules name page furniture that may hold links looking like the
// article's own categories: widgets, sidebars, menus, related-post lists.
var chromeRules = rules(
	"widget", `widget|widget[-_].*|widgets`,
	"sidebar", sidebarPattern,
	"nav", navPattern,
	"menu", `menu|.*[-_]menu|menu[-_].*|mega-?menu.*`,
	"related", "",
	"yarpp", "",
	"tag", `tagcloud|tag-cloud`,
	"site-header", "",
	"site-footer", "",
	"modal", `modal|.*[-_]modal|modal[-_].*`,
	"dialog", `dialog|.*[-_]dialog|dialog[-_].*`,
	"popup", `popup|.*[-_]popup|popup[-_].*`,
	"flyout", `flyout|.*[-_]flyout|flyout[-_].*`,
	"colophon", "",
	"masthead", "",
)

// Tokens with the layout prefixes "has-", "no-", "with-" describe the page
// around an element ("has-sidebar"), not the element.
var classPrefixesIgnored = []string{"category-", "tag-", "format-", "type-", "status-", "postid-", "page-id-",
	"post-format-", "has-", "no-", "with-", "without-", "hide-", "show-", "is-", "single-", "wp-"}

// junkTags are elements that never hold article text.
var junkTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true,
	atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true,
	atom.Object: true, atom.Embed: true, atom.Template: true, atom.Link: true,
	atom.Meta: true, atom.Svg: true, atom.Canvas: true, atom.Dialog: true,
	atom.Nav: true, atom.Menu: true, atom.Label: true, atom.Option: true,
	atom.Head: true, atom.Title: true, atom.Map: true, atom.Math: true,
}

// classify judges one element on its own, without looking at its subtree.
func classify(n *html.Node, token func(string) kind) kind {
	if n.Type != html.ElementNode {
		return kindContent
	}
	if junkTags[n.DataAtom] {
		return kindJunk
	}
	if n.DataAtom == 0 && (n.Data == "noindex" || n.Data == "amp-ad") {
		return kindJunk
	}
	if n.DataAtom == atom.Html || n.DataAtom == atom.Body {
		return kindContent // their classes describe the whole page
	}
	k := kindContent
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "hidden":
			return kindJunk
		case "style":
			s := strings.ToLower(a.Val)
			if strings.Contains(s, "display:none") || strings.Contains(s, "display: none") ||
				strings.Contains(s, "visibility:hidden") || strings.Contains(s, "visibility: hidden") {
				return kindJunk
			}
		case "aria-hidden":
			if a.Val == "true" {
				return kindJunk
			}
		case "role":
			switch strings.ToLower(a.Val) {
			case "navigation", "complementary", "banner", "contentinfo", "search", "dialog", "menu", "menubar", "alert":
				k = max(k, kindWeak)
			}
		case "id":
			k = max(k, token(strings.ToLower(a.Val)))
		case "class":
			for tok := range nameTokens(a.Val) {
				k = max(k, token(tok))
			}
		}
	}
	return k
}

// nameTokens yields the lower-cased tokens of a class or id attribute,
// leaving out a BEM modifier naming ads in the plural ("section--ads")
// when the element also names its block ("section"): that is the block's
// variant laid out around ad slots, not an ad. The singular stays
// ("teaser--ad", "container--ad": the block shown as an ad), and so do
// other modifiers: Drupal and many themes name a block's identity in them
// ("field--name-field-tags", "list--tags", "content--with-ads" on an
// overlay).
func nameTokens(val string) iter.Seq[string] {
	return func(yield func(string) bool) {
		toks := strings.Fields(strings.ToLower(val))
		for _, tok := range toks {
			if i := strings.Index(tok, "--"); i > 0 && tok[i+2:] == "ads" && slices.Contains(toks, tok[:i]) {
				continue
			}
			if !yield(tok) {
				return
			}
		}
	}
}

// classifyToken judges one lowercased class token or id.
func classifyToken(tok string) kind {
	if len(tok) < 2 || len(tok) > 64 {
		return kindContent
	}
	if tok == "tag-links" || tok == "tag-cloud" {
		return kindWeak
	}
	if ignoredToken(tok) {
		return kindContent
	}
	if matchRules(commentRules, tok) {
		return kindComments
	}
	if matchRules(weakRules, tok) {
		return kindWeak
	}
	return kindContent
}

// classifier memoises classify for the nodes of one document.
//
// The ancestors of the article's markers (its h1, the body containers of
// known CMSs) are protected: class names cannot make them boilerplate, so
// that a layout wrapper named "right-sidebar" or a Blogger "widget Blog"
// around the article does not hide it.
type classifier struct {
	body      *html.Node
	bodyText  int // text length of body, -1 until counted
	bands     map[*html.Node]bool
	kinds     map[*html.Node]kind
	tokens    map[string]kind // classifyToken, memoised: tokens repeat
	protected map[*html.Node]bool
	// containers are the protectSel matches other than h1 that no other
	// such match holds: the outermost article containers.
	containers []*html.Node
}

// protectSel finds the markers whose ancestors are protected.
var protectSel = elementSet{
	tags: map[atom.Atom]bool{atom.H1: true},
	classes: map[string]bool{"entry-content": true, "post-content": true, "td-post-content": true, "post-body": true,
		"post-entry": true, "article-body": true, "article__body": true, "article-content": true, "gh-content": true,
		"post-full-content": true, "field--name-body": true},
	itemprops: map[string]bool{"articleBody": true},
}

// newClassifier prepares a classifier for the document under root.
func newClassifier(root, body *html.Node) *classifier {
	c := &classifier{body: body, bodyText: -1, bands: map[*html.Node]bool{},
		kinds: map[*html.Node]kind{}, tokens: map[string]kind{}, protected: map[*html.Node]bool{}}
	var markers, entries []*html.Node
	var walk func(n *html.Node, inContainer bool)
	walk = func(n *html.Node, inContainer bool) {
		if protectSel.match(n) {
			markers = append(markers, n)
			if !inContainer && n.DataAtom != atom.H1 {
				c.containers = append(c.containers, n)
				inContainer = true
			}
		}
		if entrySel.match(n) {
			entries = append(entries, n)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k, inContainer)
		}
	}
	walk(root, false)
	protect := markers
	if len(entries) == 1 && !markedElsewhere(entries[0], markers) {
		protect = append(protect, entries[0])
	}
	for _, m := range protect {
		for a := m; a != nil && !c.protected[a]; a = a.Parent {
			c.protected[a] = true
		}
	}
	return c
}

// markedElsewhere reports whether a marker of the article (a CMS
// container, or an h1 other than the site's title) lies outside entry:
// the article is there, and entry is a teaser beside it (a featured post
// in a sidebar widget).
func markedElsewhere(entry *html.Node, markers []*html.Node) bool {
	for _, m := range markers {
		if contains(entry, m) || contains(m, entry) {
			continue
		}
		if m.DataAtom == atom.H1 && (hasAncestor(m, atom.Header) || linksHome(m)) {
			continue // the site's title
		}
		return true
	}
	return false
}

// linksHome reports whether n holds a link to the site's home page (a
// URL whose path is empty or "/"), as a site title's h1 does.
func linksHome(n *html.Node) bool {
	for a := range n.Descendants() {
		if a.Type != html.ElementNode || a.DataAtom != atom.A {
			continue
		}
		if u, err := url.Parse(strings.TrimSpace(attr(a, "href"))); err == nil && (u.Path == "" || u.Path == "/") && u.RawQuery == "" && u.Fragment == "" && (u.Host != "" || u.Path == "/") {
			return true
		}
	}
	return false
}

// entrySel finds the element WordPress's post_class() and the hAtom
// microformat mark as a post. The page's only one is its article, and
// protected like the markers; several are a listing's teasers.
var entrySel = elementSet{classes: map[string]bool{"hentry": true}}

func (c *classifier) kind(n *html.Node) kind {
	if n.Type != html.ElementNode {
		return kindContent
	}
	k, ok := c.kinds[n]
	if !ok {
		k = classify(n, c.token)
		if k == kindWeak && c.protected[n] {
			k = kindContent
		}
		c.kinds[n] = k
	}
	return k
}

// token is classifyToken with a cache.
func (c *classifier) token(tok string) kind {
	k, ok := c.tokens[tok]
	if !ok {
		k = classifyToken(tok)
		c.tokens[tok] = k
	}
	return k
}

// skipNode reports whether n's subtree is not article text at all.
func (c *classifier) skipNode(n *html.Node) bool {
	return c.kind(n) != kindContent || isElem(n, atom.Aside)
}

// inChrome reports whether n sits in the page furniture around an article:
// navigation, sidebars and widgets, related-post lists, the site header or
// footer.
func (c *classifier) inChrome(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if c.protected[p] {
			switch p.DataAtom {
			case atom.Aside, atom.Nav, atom.Menu, atom.Dialog:
				return true
			case atom.Footer, atom.Header:
				if c.isSiteBand(p) {
					return true
				}
			}
			continue
		}
		switch p.DataAtom {
		case atom.Aside, atom.Nav, atom.Menu, atom.Dialog:
			return true
		case atom.Footer, atom.Header:
			if c.isSiteBand(p) {
				return true
			}
		case atom.Body, atom.Html:
			return false
		}
		for _, a := range p.Attr {
			switch a.Key {
			case "role":
				switch strings.ToLower(a.Val) {
				case "navigation", "complementary", "banner", "contentinfo", "menu", "menubar":
					return true
				}
			case "id", "class":
				for tok := range nameTokens(a.Val) {
					if !ignoredToken(tok) && matchRules(chromeRules, tok) {
						return true
					}
				}
			}
		}
	}
	return false
}

// ignoredToken reports whether tok is derived from an author-chosen slug.
func ignoredToken(tok string) bool {
	for _, p := range classPrefixesIgnored {
		if strings.HasPrefix(tok, p) {
			return true
		}
	}
	return false
}

// hasAncestor reports whether an ancestor of n has the atom.
func hasAncestor(n *html.Node, tag atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == tag {
			return true
		}
	}
	return false
}

// isSiteBand is the package function isSiteBand, except that a header or
// footer holding most of the page's text is no band: broken markup (an
// unclosed element inside it) has put the whole page in it.
func (c *classifier) isSiteBand(n *html.Node) bool {
	band, ok := c.bands[n]
	if ok {
		return band
	}
	band = isSiteBand(n)
	if band && c.body != nil {
		if c.bodyText < 0 {
			c.bodyText, _ = textStats(c.body, nil)
		}
		l, _ := textStats(n, nil)
		band = 2*l < c.bodyText
	}
	c.bands[n] = band
	return band
}

// isSiteBand reports whether the header or footer element n is the
// site's own rather than an article's (entry-footer, post-header, or one
// inside an article or main element).
func isSiteBand(n *html.Node) bool {
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range []string{"entry", "post", "article", "story"} {
		if strings.Contains(names, w) {
			return false
		}
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (p.DataAtom == atom.Article || p.DataAtom == atom.Main) {
			return false
		}
	}
	return !isHeadingWrapper(n)
}

// isHeadingWrapper reports whether the header element n only wraps a
// section's heading, as CMS content elements do (TYPO3's
// <header class="frame-header"><h1>…</h1></header>): it holds a heading
// and no link, image, form or navigation, which a site's banner has.
func isHeadingWrapper(n *html.Node) bool {
	heading, other := false, false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !other; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.H1, atom.H2, atom.H3:
				heading = true
			case atom.A, atom.Img, atom.Svg, atom.Picture, atom.Form, atom.Nav, atom.Ul, atom.Ol, atom.Button, atom.Input:
				other = true
				return
			}
			walk(c)
		}
	}
	walk(n)
	return heading && !other
}

// isChromeElement reports whether n itself (not its ancestors) is page
// furniture: an aside, navigation, a dialog, the site's header or footer,
// or a block named like a sidebar, menu, widget or pop-up.
func (c *classifier) isChromeElement(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Aside, atom.Nav, atom.Menu, atom.Dialog:
		return true
	case atom.Footer, atom.Header:
		return c.isSiteBand(n)
	}
	if c.protected[n] {
		return false
	}
	for _, a := range n.Attr {
		if a.Key != "id" && a.Key != "class" {
			continue
		}
		for tok := range nameTokens(a.Val) {
			if !ignoredToken(tok) && matchRules(chromeRules, tok) {
				return true
			}
		}
	}
	return false
}
