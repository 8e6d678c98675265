package extract

import (
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Rules are one site's CSS selectors that override the automatic stages
// (the [[site]] selectors of the config). An empty selector leaves the
// automatic stage in place; a selector that does not parse is ignored
// (the config reports it, with the site's name, when it is loaded).
type Rules struct {
	// Title: the text (or content attribute) of the first match.
	Title string
	// Body: the matches, in document order, make the body; they are
	// cleaned like an automatic container.
	Body string
	// Date: the publication date, from the first match's datetime or
	// content attribute or its text.
	Date string
	// Authors, Categories, Tags: the text of every match, cleaned.
	Authors    string
	Categories string
	Tags       string
	// Comments: the comment section; removed before the body is read.
	Comments string
	// Strip: elements removed before the body is chosen.
	Strip []string
}

// rulesSel holds the compiled Rules of one extraction; nil fields are
// empty or invalid selectors.
type rulesSel struct {
	title, body, date, authors, categories, tags, comments cascadia.Matcher
	strip                                                  []cascadia.Matcher
}

// compileRules compiles r, leaving out selectors that do not parse.
func compileRules(r *Rules) *rulesSel {
	if r == nil {
		return nil
	}
	c := func(s string) cascadia.Matcher {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		g, err := cascadia.ParseGroup(s)
		if err != nil || len(g) == 0 {
			return nil
		}
		return g
	}
	rs := &rulesSel{title: c(r.Title), body: c(r.Body), date: c(r.Date), authors: c(r.Authors),
		categories: c(r.Categories), tags: c(r.Tags), comments: c(r.Comments)}
	for _, s := range r.Strip {
		if sel := c(s); sel != nil {
			rs.strip = append(rs.strip, sel)
		}
	}
	return rs
}

// matchAll returns the matches of sel below root, or nil when sel is nil.
func matchAll(sel cascadia.Matcher, root *html.Node) []*html.Node {
	if sel == nil || root == nil {
		return nil
	}
	return cascadia.QueryAll(root, sel)
}

// removeMatches detaches every match of the selectors from the document,
// keeping the document's html, head and body elements.
func removeMatches(root *html.Node, sels ...cascadia.Matcher) {
	for _, sel := range sels {
		for _, n := range matchAll(sel, root) {
			if !isElem(n, atom.Html, atom.Head, atom.Body) {
				remove(n)
			}
		}
	}
}

// ruleText returns the value a rule's match gives: its content or
// datetime attribute for <meta> and <time>, otherwise its text.
func ruleText(n *html.Node) string {
	for _, k := range []string{"content", "datetime"} {
		if v := strings.TrimSpace(attr(n, k)); v != "" && (isElem(n, atom.Meta, atom.Time) || k == "content") {
			return collapse(v)
		}
	}
	return nodeText(n)
}

// ruleTexts returns the value of every match of sel.
func (p *page) ruleTexts(sel cascadia.Matcher) []string {
	var out []string
	for _, n := range matchAll(sel, p.root) {
		if s := ruleText(n); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ruleDate reads the publication date from the first match of sel that
// gives one.
func (p *page) ruleDate(sel cascadia.Matcher) *time.Time {
	for _, n := range matchAll(sel, p.root) {
		for _, v := range []string{attr(n, "datetime"), attr(n, "content"), nodeText(n)} {
			if t := p.dateFromText(v); t != nil {
				return t
			}
		}
	}
	return nil
}

// ruleBody returns the body the Body rule selects: its only match, or a
// new element holding all of them in document order. Matches inside
// another match are not taken twice.
func (p *page) ruleBody(sel cascadia.Matcher) *html.Node {
	var top []*html.Node
	for _, n := range matchAll(sel, p.root) {
		if len(top) > 0 && contains(top[len(top)-1], n) {
			continue
		}
		top = append(top, n)
	}
	switch len(top) {
	case 0:
		return nil
	case 1:
		return top[0]
	}
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range top {
		remove(n)
		div.AppendChild(n)
	}
	return div
}
