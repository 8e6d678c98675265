package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// categories fills a.Categories and a.Tags; see doc.go for the sources.
// Both are non-nil, deduplicated case-insensitively in first-seen order.
func (p *page) categories(a *Article) {
	art := p.ld.first(articleTypes)
	terms := p.markupTerms()
	idx := p.indexLinks()
	post := p.postClassTerms(idx.archives)

	// The post classes name the same terms as the links, slugged: they
	// stand in only for links the theme does not show.
	cats := terms.cats
	if len(cats) == 0 {
		cats = post.cats
	}
	cats = append(cats, splitTerms(p.meta.all("article:section"))...)
	cats = append(cats, splitTerms(ldStrings(art, "articleSection"))...)
	cats = append(cats, p.breadcrumbs(a.Title, a.CanonicalURL, a.SiteName)...)
	if len(cats) == 0 {
		cats = p.activeSections(idx.active, a.CanonicalURL)
	}
	if len(cats) == 0 {
		cats = p.sectionLinks()
	}
	a.Categories = dedupe(cats)
	if p.rules != nil {
		if l := dedupe(p.ruleTexts(p.rules.categories)); len(l) > 0 {
			a.Categories = l
		}
	}

	tags := terms.tags
	if len(tags) == 0 {
		tags = post.tags
	}
	tags = append(tags, p.articleTags()...)
	tags = append(tags, splitTerms(p.ldKeywords(art))...)
	if len(tags) == 0 {
		// Keyword meta is often a site-wide list: only when the page
		// names no tags of its own.
		tags = append(tags, splitTerms(p.meta.all("news_keywords", "keywords", "dc.subject"))...)
	}
	a.Tags = dedupe(tags)
	if p.rules != nil {
		if l := dedupe(p.ruleTexts(p.rules.tags)); len(l) > 0 {
			a.Tags = l
		}
	}
}

// dedupe collapses white space in each item, drops empty ones and later
// case-insensitive repeats. It never returns nil.
func dedupe(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		if strings.Contains(s, "&") {
			s = html.UnescapeString(s) // escaped twice by the CMS
		}
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

// contentTypes are schema.org types of a page's main work besides
// articles, whose keywords name the page's tags: a recipe or a how-to
// on a blog, a video page.
var contentTypes = map[string]bool{"recipe": true, "howto": true, "videoobject": true, "podcastepisode": true}

// ldKeywords returns the JSON-LD keywords of the article, or, when it has
// none, of the page's recipe, how-to or video.
func (p *page) ldKeywords(art ldObject) []string {
	if kw := ldStrings(art, "keywords"); len(kw) > 0 {
		return kw
	}
	return ldStrings(p.ld.first(contentTypes), "keywords")
}

// articleTags returns the article:tag values: one meta per tag, except
// that a single one may hold the whole list, separated by commas.
func (p *page) articleTags() []string {
	l := p.meta.all("article:tag")
	if len(l) == 1 {
		return splitTerms(l)
	}
	return l
}
