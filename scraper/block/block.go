package block

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/extract"
)

// Reasons Detect gives. Callers may record them as the error of a failed
// check.
const (
	ReasonCloudflareChallenge = "cloudflare challenge"
	ReasonCloudflareBlock     = "cloudflare block"
	ReasonDDoSGuard           = "ddos-guard challenge"
	ReasonSucuri              = "sucuri firewall"
	ReasonAkamai              = "akamai access denied"
	ReasonImperva             = "imperva block"
	ReasonPerimeterX          = "perimeterx captcha"
	ReasonDataDome            = "datadome captcha"
	ReasonAWSWAF              = "aws waf challenge"
	ReasonCaptcha             = "captcha page"
	ReasonBotCheck            = "bot check"
	ReasonAccessDenied        = "access denied page"
	ReasonLoginWall           = "login wall"
	ReasonPaywall             = "paywall"
	ReasonPasswordProtected   = "password-protected post"
	ReasonErrorPage           = "error page served with 200"
	ReasonDatabaseError       = "database error page"
	ReasonMaintenance         = "maintenance page"
)

// Thresholds of page thinness, in characters of visible text.
const (
	// thinPage: block and error pages have less text than this.
	thinPage = 2500
	// articleText: article containers with this much text are a real
	// page, whatever else they hold.
	articleText = 600
	// wallText: the content of a login or paywall page, page furniture
	// left out, is shorter than this.
	wallText = 1500
)

// Detect tells whether a capture is not the page asked for but a block
// page, whatever its status: a bot challenge or firewall page, a login or
// paywall that replaced the article, or an error page served with a
// success status. It returns a short reason (one of the Reason
// constants) or "" when the page looks real.
//
// Vendor pages are told by their own markup (a challenge script or form,
// the vendor's title, a header only they send) together with a thin page
// holding no article text; words in an article's text are never enough,
// so an article about Cloudflare, a page with a login link or a comment
// form with a reCAPTCHA is not flagged.
//
// doc may be nil: c.Body is then parsed. c may be nil when doc is given.
func Detect(c *strata.Capture, doc *goquery.Document) string {
	var hdr http.Header
	status := 0
	var body []byte
	if c != nil {
		hdr, status, body = c.Header, c.Status, c.Body
	}
	if hdr == nil {
		hdr = http.Header{}
	}
	// Decisive headers come first: they need no page.
	if strings.EqualFold(strings.TrimSpace(hdr.Get("Cf-Mitigated")), "challenge") {
		return ReasonCloudflareChallenge
	}
	switch strings.ToLower(hdr.Get("X-Amzn-Waf-Action")) {
	case "captcha", "challenge":
		return ReasonAWSWAF
	}
	if hdr.Get("X-Sucuri-Block") != "" {
		return ReasonSucuri
	}
	if doc == nil {
		if len(body) == 0 {
			return ""
		}
		if !looksHTML(hdr.Get("Content-Type"), body) {
			return detectNonHTML(body)
		}
		d, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
		if err != nil {
			return ""
		}
		doc = d
	}
	p := readPage(doc, hdr, status)
	for _, check := range checks {
		if r := check(p); r != "" {
			return r
		}
	}
	return ""
}

// looksHTML tells HTML bodies from others (JSON answers of bot walls).
func looksHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "html") {
		return true
	}
	if ct == "" || strings.HasPrefix(ct, "text/plain") || strings.HasPrefix(ct, "application/octet-stream") {
		head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
		return bytes.HasPrefix(head, []byte("<")) && !bytes.HasPrefix(head, []byte("<?xml"))
	}
	return false
}

// detectNonHTML recognises the JSON answers of bot walls.
func detectNonHTML(body []byte) string {
	if len(body) > 8<<10 {
		return ""
	}
	b := bytes.ToLower(body)
	switch {
	case bytes.Contains(b, []byte("captcha-delivery.com")):
		return ReasonDataDome
	case bytes.Contains(b, []byte(`"appid":"px`)) && bytes.Contains(b, []byte("blockscript")):
		return ReasonPerimeterX
	}
	return ""
}

// page holds what the checks read, computed once.
type page struct {
	doc     *goquery.Document
	hdr     http.Header
	status  int
	title   string // lower case, spaces collapsed
	h1      string // lower case, spaces collapsed
	classes map[string]bool
	body    *html.Node
	// textLen is the length of the visible text of the body (no script,
	// style, noscript, template), spaces collapsed: what text() holds.
	textLen int
	server  string

	// Read on first use: most pages are long, real and never need them.
	textRead, scriptsRead, mainRead, articleRead bool
	pageText                                     string
	scripts                                      string
	mainText                                     string
	mainLen                                      int
	articleLen                                   int
}

// text is the visible text of the body (no script, style, noscript,
// template), spaces collapsed, lower case. Only thin pages need it: every
// rule that reads it tests thin() first.
func (p *page) text() string {
	if !p.textRead {
		p.textRead = true
		if p.body != nil {
			var all strings.Builder
			visibleText(p.body, false, &all, nil)
			p.pageText = clean(all.String())
		}
	}
	return p.pageText
}

// cleanCounter counts the runes clean would leave of the visible text
// under a node, without building it.
type cleanCounter struct {
	n     int
	space bool // a run of white space waits for the next rune
}

func (c *cleanCounter) count(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		for _, r := range n.Data {
			if unicode.IsSpace(r) {
				c.space = c.n > 0
				continue
			}
			if c.space {
				c.n++
				c.space = false
			}
			c.n++
		}
		return
	case html.ElementNode:
		if invisible[n.DataAtom] || n.Data == "svg" {
			return
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.count(ch)
	}
}

// scriptText is the lower-cased text and src of every script, and the src,
// action, id and class of iframes and forms: where vendor markers live.
// Page text never goes in.
func (p *page) scriptText() string {
	if !p.scriptsRead {
		p.scriptsRead = true
		var sb strings.Builder
		p.doc.Find("script, iframe, form").Each(func(_ int, s *goquery.Selection) {
			for _, a := range []string{"src", "action", "id", "class"} {
				if v, ok := s.Attr(a); ok {
					sb.WriteString(strings.ToLower(v))
					sb.WriteByte(' ')
				}
			}
			if goquery.NodeName(s) == "script" {
				sb.WriteString(strings.ToLower(s.Text()))
				sb.WriteByte('\n')
			}
		})
		p.scripts = sb.String()
	}
	return p.scripts
}

// main is the visible text without page furniture (header, footer,
// navigation, sidebars, dialogs, comments), lower case: where a wall's
// message counts.
func (p *page) main() string {
	if !p.mainRead {
		p.mainRead = true
		if body := p.doc.Find("body").First(); body.Length() > 0 {
			var b strings.Builder
			visibleText(body.Get(0), false, nil, &b)
			p.mainText = clean(b.String())
		}
		p.mainLen = utf8.RuneCountInString(p.mainText)
	}
	return p.mainText
}

// article is the text of the page's article containers, forms and page
// furniture left out: how much of an article the page holds.
func (p *page) article() int {
	if !p.articleRead {
		p.articleRead = true
		p.articleLen = articleLength(p.doc)
	}
	return p.articleLen
}

// thin says whether the page holds too little text to be an article: in
// its markup, and in the articleBody of its JSON-LD, where pages rendered
// in the browser ship their text.
func (p *page) thin() bool {
	return p.textLen < thinPage && p.article() < articleText && linkedArticle(p.doc) < articleText
}

// linkedArticle is the length in runes of the articleBody of the page's
// one JSON-LD article node, read as the extractor reads it
// (extract.ArticleBody): the text it archives when the markup holds next
// to none. With several article nodes (a listing, a related story) or
// the text on a node of another type, the extractor keeps the markup, and
// so the page is as thin as its markup.
func linkedArticle(doc *goquery.Document) int {
	if len(doc.Nodes) == 0 {
		return 0
	}
	return utf8.RuneCountInString(extract.ArticleBody(doc.Nodes[0]))
}

// walled says whether the page is short enough, as a whole and with its
// furniture left out, to be a wall's message rather than an article with a
// subscription box or a login form somewhere in it. Article prose is not
// always in paragraphs (articleLen misses text in bare divs), so the
// page's whole length decides too: a teaser with a paywall below it is
// what the site shows everyone, and is archived.
func (p *page) walled() bool {
	if !p.thin() {
		return false
	}
	p.main()
	return p.mainLen < wallText
}

func readPage(doc *goquery.Document, hdr http.Header, status int) *page {
	p := &page{doc: doc, hdr: hdr, status: status, classes: map[string]bool{}}
	p.title = clean(doc.Find("title").First().Text())
	p.h1 = clean(doc.Find("h1").First().Text())
	for _, c := range strings.Fields(strings.ToLower(doc.Find("body").AttrOr("class", ""))) {
		p.classes[c] = true
	}
	if body := doc.Find("body").First(); body.Length() > 0 {
		p.body = body.Get(0)
		var c cleanCounter
		c.count(p.body)
		p.textLen = c.n
	}
	p.server = strings.ToLower(hdr.Get("Server"))
	return p
}

// furniture are the parts of a page around its content.
var furniture = cascadia.MustCompile("header, footer, nav, aside, dialog, [role=dialog], [role=navigation], [role=contentinfo], [hidden], .modal, .popup, #comments, .comments, .comments-area, #respond, .sidebar, #sidebar, .widget, .site-header, .site-footer")

// articleContainers are the elements that hold an article's text.
var articleContainers = cascadia.MustCompile(`article, [itemprop~="articleBody"], .entry-content, .post-content, .post-body, .article-body, .article-content, .story-body, .gh-content, .node__content, main, [role=main]`)

// invisible elements hold no text a reader sees.
var invisible = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true}

// visibleText writes the text of n a reader sees to all, and to main when
// it is not inside page furniture; either may be nil.
func visibleText(n *html.Node, inFurniture bool, all, main *strings.Builder) {
	switch n.Type {
	case html.TextNode:
		if all != nil {
			all.WriteString(n.Data)
		}
		if main != nil && !inFurniture {
			main.WriteString(n.Data)
		}
		return
	case html.ElementNode:
		if invisible[n.DataAtom] || n.Data == "svg" {
			return
		}
		if main != nil && !inFurniture {
			inFurniture = furniture.Match(n)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		visibleText(c, inFurniture, all, main)
	}
}

// articleLength measures the prose of the page's longest article
// container outside the furniture; without a container, of the whole
// page. Forms and furniture do not count.
func articleLength(doc *goquery.Document) int {
	best, found := 0, false
	for _, n := range doc.FindMatcher(articleContainers).Nodes {
		if furniture.Match(n) || inside(n, furniture) {
			continue
		}
		found = true
		best = max(best, proseLength(n))
	}
	if found {
		return best
	}
	if body := doc.Find("body").First(); body.Length() > 0 {
		return proseLength(body.Get(0))
	}
	return 0
}

// inside reports whether an ancestor of n matches m.
func inside(n *html.Node, m cascadia.Matcher) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && m.Match(a) {
			return true
		}
	}
	return false
}

// proseLength counts the text of the paragraphs, quotes and list items
// under n (the outermost of nested ones): prose, not menus or buttons.
// Furniture and forms are skipped.
func proseLength(n *html.Node) int {
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch {
		case c.DataAtom == atom.Form || invisible[c.DataAtom] || furniture.Match(c):
		case c.DataAtom == atom.P || c.DataAtom == atom.Blockquote || c.DataAtom == atom.Pre || c.DataAtom == atom.Li:
			t := textLength(c)
			if t >= 40 || c.DataAtom == atom.P {
				total += t
			}
		default:
			total += proseLength(c)
		}
	}
	return total
}

// textLength is the length in runes of the text under n with its white
// space collapsed and trimmed, scripts and styles left out, counted
// without building the text.
func textLength(n *html.Node) int {
	count, space := 0, false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			for _, r := range n.Data {
				if unicode.IsSpace(r) {
					space = count > 0
					continue
				}
				if space {
					count++
					space = false
				}
				count++
			}
			return
		}
		if n.Type == html.ElementNode && invisible[n.DataAtom] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return count
}

// clean lower-cases s and collapses its runs of white space to single
// spaces, trimmed, in one pass.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// has reports whether any marker occurs in s.
func has(s string, markers ...string) bool {
	for _, m := range markers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// titleIs reports whether the title, or its part before a site-name
// separator, is one of the phrases.
func titleIs(title string, phrases ...string) bool {
	first := titleSep.Split(title, 2)[0]
	first = strings.TrimSpace(first)
	for _, ph := range phrases {
		if title == ph || first == ph {
			return true
		}
	}
	return false
}

var titleSep = regexp.MustCompile(`\s+[|–—·•:»›-]\s+`)

// checks run in order; the first reason found wins.
var checks = []func(*page) string{
	cloudflare,
	vendors,
	captchaOnly,
	passwordProtected,
	loginWall,
	paywall,
	errorPage,
}
