package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// categories fills a.Categories and a.Tags; see doc.go for the sources.
// Both are non-nil, deduplicated case-insensitively in first-seen order.
func (p *page) categories(a *Article) {
	var linkCats, linkTags []string
	if p.body != nil {
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.DataAtom {
				case atom.A:
					rel := attr(n, "rel")
					if rel == "" {
						return
					}
					isCat, isTag := hasToken(rel, "category"), hasToken(rel, "tag")
					if (isCat || isTag) && !p.cls.inChrome(n) {
						if s := nodeText(n); s != "" && len(s) <= 100 {
							if isCat {
								linkCats = append(linkCats, s)
							} else {
								linkTags = append(linkTags, s)
							}
						}
					}
					return
				case atom.Script, atom.Style, atom.Aside, atom.Nav:
					return
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(p.body)
	}
	art := p.ld.first(articleTypes)

	cats := linkCats
	cats = append(cats, p.meta.all("article:section")...)
	cats = append(cats, ldStrings(art, "articleSection")...)
	a.Categories = dedupe(cats)

	tags := linkTags
	tags = append(tags, p.meta.all("article:tag")...)
	if art != nil {
		switch v := art["keywords"].(type) {
		case string:
			tags = append(tags, strings.Split(v, ",")...)
		default:
			tags = append(tags, ldStrings(art, "keywords")...)
		}
	}
	a.Tags = dedupe(tags)
}

// dedupe collapses white space in each item, drops empty ones and later
// case-insensitive repeats. It never returns nil.
func dedupe(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = collapse(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}
