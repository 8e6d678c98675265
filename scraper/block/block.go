package block

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/strata-archive/strata"
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
	// scripts is the lower-cased text and src of every script, and the
	// src of iframes: where vendor markers live. Page text never goes in.
	scripts string
	// text is the visible text of the body (no script, style, noscript,
	// template), spaces collapsed, lower case; textLen its length.
	text    string
	textLen int
	// mainText is the visible text without page furniture (header,
	// footer, navigation, sidebars, dialogs, comments), lower case: where
	// a wall's message counts.
	mainText string
	// articleLen is the text of the page's article containers, forms and
	// page furniture left out: how much of an article the page holds.
	articleLen int
	server     string
}

func (p *page) thin() bool { return p.textLen < thinPage && p.articleLen < articleText }

func readPage(doc *goquery.Document, hdr http.Header, status int) *page {
	p := &page{doc: doc, hdr: hdr, status: status, classes: map[string]bool{}}
	p.title = clean(doc.Find("title").First().Text())
	p.h1 = clean(doc.Find("h1").First().Text())
	for _, c := range strings.Fields(strings.ToLower(doc.Find("body").AttrOr("class", ""))) {
		p.classes[c] = true
	}
	var sb strings.Builder
	doc.Find("script, iframe, form").Each(func(_ int, s *goquery.Selection) {
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
	body := doc.Find("body").First().Clone()
	body.Find("script, style, noscript, template, svg").Remove()
	p.text = clean(body.Text())
	p.textLen = utf8.RuneCountInString(p.text)
	main := withoutFurniture(body)
	p.mainText = clean(main.Text())
	main.Find("form").Remove()
	p.articleLen = articleLength(main)
	p.server = strings.ToLower(hdr.Get("Server"))
	return p
}

// furniture are the parts of a page around its content.
const furniture = "header, footer, nav, aside, dialog, [role=dialog], [role=navigation], [role=contentinfo], [hidden], .modal, .popup, #comments, .comments, .comments-area, #respond, .sidebar, #sidebar, .widget, .site-header, .site-footer"

// withoutFurniture returns a copy of body without its furniture.
func withoutFurniture(body *goquery.Selection) *goquery.Selection {
	b := body.Clone()
	b.Find(furniture).Remove()
	return b
}

// articleLength measures the longest article container of b (a page
// without furniture and forms); without a container, its paragraphs.
func articleLength(b *goquery.Selection) int {
	best := 0
	b.Find(`article, [itemprop~="articleBody"], .entry-content, .post-content, .post-body, .article-body, .article-content, .story-body, .gh-content, .node__content, main, [role=main]`).Each(func(_ int, s *goquery.Selection) {
		best = max(best, paragraphText(s))
	})
	if best > 0 {
		return best
	}
	return paragraphText(b)
}

// paragraphText counts the text of paragraphs, quotes and list items:
// prose, not menus or buttons.
func paragraphText(s *goquery.Selection) int {
	n := 0
	s.Find("p, blockquote, pre, li").Each(func(_ int, e *goquery.Selection) {
		if e.ParentsFiltered("p, blockquote, li").Length() > 0 {
			return
		}
		t := strings.Join(strings.Fields(e.Text()), " ")
		if utf8.RuneCountInString(t) >= 40 || goquery.NodeName(e) == "p" {
			n += utf8.RuneCountInString(t)
		}
	})
	return n
}

func clean(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

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
