package extract

import (
	"strings"

	"golang.org/x/net/html/atom"
)

// title picks the headline: JSON-LD headline, og:title, the article's h1,
// then <title> and the first h1 — each without a site-name suffix.
func (p *page) title(art, web ldObject, site string) string {
	h1 := p.headline()
	for _, s := range []string{ldString(art, "headline"), ldString(art, "name"), p.meta.first("og:title"), ldString(web, "headline")} {
		if s = stripSiteName(collapse(s), site, false); s != "" {
			if h1 != "" && len(s) > len(h1) && strings.HasPrefix(s, h1) && startsWithSeparator(s[len(h1):]) {
				return h1 // the rest is a site name spelt differently
			}
			return s
		}
	}
	if h1 != "" {
		return h1
	}
	var docTitle string
	if p.head != nil {
		if t := findElem(p.head, atom.Title); t != nil {
			docTitle = nodeText(t)
		}
	}
	if s := stripSiteName(docTitle, site, true); s != "" {
		return s
	}
	if s := stripSiteName(collapse(ldString(web, "name")), site, true); s != "" {
		return s
	}
	if h := findElem(p.body, atom.H1); h != nil {
		return nodeText(h)
	}
	return ""
}

// headline returns the text of the article's h1 (or .entry-title).
func (p *page) headline() string {
	for _, sel := range headlineSel {
		for _, n := range sel.MatchAll(p.root) {
			if p.cls.inChrome(n) {
				continue
			}
			if s := nodeText(n); s != "" {
				return s
			}
		}
	}
	return ""
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
		for _, sep := range titleSeparators {
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
