package extract

import (
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Options tunes one extraction.
type Options struct {
	// FetchedAt is the reference time for relative dates ("2 hours ago").
	// When zero, relative dates are not read.
	FetchedAt time.Time
	// Rules are the site's own selectors; nil means automatic extraction
	// only.
	Rules *Rules
}

// Article is what the extractor finds on a page besides comments. Fields
// it cannot find are left empty; Authors, Categories and Tags are never
// nil.
type Article struct {
	// Title is the headline, without the site name.
	Title string
	// CanonicalURL is the page's rel=canonical, og:url or JSON-LD url,
	// absolute; empty when the page names none.
	CanonicalURL string
	// Authors lists the article's authors, cleaned and deduplicated.
	Authors []string
	// PublishedAt and ModifiedAt keep the offset the page gave.
	PublishedAt, ModifiedAt *time.Time
	SiteName                string
	// Language is a BCP 47 tag such as "en-GB".
	Language    string
	Description string
	// Image is the absolute URL of the article's lead image.
	Image      string
	Categories []string
	Tags       []string
	// BodyText is the article text: paragraphs separated by one blank line.
	BodyText string
	// BodyHTML is the cleaned markup of the article body.
	BodyHTML string
}

// page holds what the stages of one extraction share.
type page struct {
	root, htmlEl, head, body *html.Node
	base, pageURL            *url.URL
	meta                     metaTags
	links                    map[string]string
	ld                       linkedData
	opts                     Options
	rules                    *rulesSel // nil without site rules
	cls                      *classifier
	dateTexts                []string        // for go-dateparser, see localDate
	classes                  map[string]bool // class names of the body, see pageClasses
	comments                 []*html.Node    // the comment sections removed from the document
	datedName                []string        // the name ending a dated meta line, see datedMetaName
}

// Extract finds the article in doc. pageURL is the final URL of the page
// (for resolving relative links) and may be nil. Extract mutates doc: it
// removes comment sections and boilerplate, so the caller parses comments
// from doc first.
func Extract(doc *goquery.Document, pageURL *url.URL, opts Options) Article {
	a := Article{Authors: []string{}, Categories: []string{}, Tags: []string{}}
	if doc == nil || doc.Selection == nil || len(doc.Nodes) == 0 || doc.Nodes[0] == nil {
		return a
	}
	root := doc.Nodes[0]
	for root.Parent != nil {
		root = root.Parent
	}
	p := &page{root: root, opts: opts, rules: compileRules(opts.Rules)}
	p.htmlEl = findElem(root, atom.Html)
	p.head = findElem(p.htmlEl, atom.Head)
	p.body = findElem(p.htmlEl, atom.Body)
	if p.htmlEl == nil {
		p.body = root
	}
	p.base = baseURL(p.head, pageURL)
	p.pageURL = pageURL

	// Stage 0: the comment thread is never part of the article.
	p.comments = removeComments(root)
	if p.rules != nil {
		removeMatches(root, p.rules.comments)
	}
	p.cls = newClassifier(root, p.body)
	// Stage 1: metadata.
	p.meta, p.links = collectMeta(root)
	p.ld = parseLinkedData(root)
	p.metadata(&a)
	if a.Authors == nil {
		a.Authors = []string{}
	}
	// Stage 2: categories and tags, before the body stage cuts entry
	// footers away.
	p.categories(&a)
	// Stage 3: body.
	p.expandNoscript()
	if p.rules != nil {
		removeMatches(root, p.rules.strip...)
	}
	var c *html.Node
	if p.rules != nil && p.rules.body != nil {
		c = p.ruleBody(p.rules.body)
	}
	if c == nil {
		c = p.bodyContainer()
		if c != nil {
			c = p.widen(c)
		}
	}
	if c != nil {
		if len(a.Authors) == 0 {
			if s := p.signature(c); len(s) > 0 {
				a.Authors = s // signed under the article
			}
		}
		p.clean(c, a.Title)
		a.BodyText = renderText(c)
	}
	if ld := p.linkedBody(utf8.RuneCountInString(a.BodyText)); ld != nil {
		// A shell or a teaser: the structured data holds the text. A
		// lead it does not repeat (a standfirst) stays in front. An
		// articleBody written as HTML is cleaned as the markup is: its
		// scripts, frames and ads go.
		p.clean(ld, a.Title)
		if c != nil {
			keepLead(ld, c)
		}
		c = ld
		a.BodyText = renderText(c)
	}
	if c != nil {
		a.BodyHTML = p.renderHTML(c)
	}
	return a
}

// baseURL returns the URL relative links resolve against: the page's
// <base href> resolved against pageURL, or pageURL.
func baseURL(head *html.Node, pageURL *url.URL) *url.URL {
	if head == nil {
		return pageURL
	}
	b := findElem(head, atom.Base)
	if b == nil {
		return pageURL
	}
	u, err := url.Parse(attr(b, "href"))
	if err != nil || attr(b, "href") == "" {
		return pageURL
	}
	if pageURL != nil {
		u = pageURL.ResolveReference(u)
	}
	if !u.IsAbs() {
		return pageURL
	}
	return u
}
