package discover

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// Weights of the page type signals read by LooksLikeArticle.
const (
	strongSignal = 4 // CMS body classes
	typeSignal   = 3 // og:type, JSON-LD @type
	weakSignal   = 2
)

// substantialText is how many characters of text make a body an article.
const substantialText = 1200

// articleLDTypes are the schema.org types of an article page.
var articleLDTypes = setOf(
	"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
	"opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
	"techarticle", "scholarlyarticle", "report", "liveblogposting", "socialmediaposting",
	"satiricalarticle", "advertisercontentarticle", "medicalscholarlyarticle", "posting",
)

// listingLDTypes are the schema.org types of a listing page.
var listingLDTypes = setOf("collectionpage", "itemlist", "searchresultspage", "profilepage", "blog", "series")

// Body classes of article and listing pages in WordPress, Ghost, Drupal
// and Blogger themes.
var (
	articleBodyClasses = setOf(
		"single", "single-post", "post-template", "item-view", "node-type-article",
		"node-type-blog", "node-type-story", "node-type-news", "page-node-type-article",
		"page-node-type-blog-post", "page-node-type-blog", "page-node-type-story", "page-node-type-news",
	)
	listingBodyClasses = setOf(
		"home", "blog", "archive", "category", "tag", "paged", "search", "search-results", "author",
		"date", "error404", "home-template", "tag-template", "author-template", "paged-template",
		"index-template", "feed-view", "path-frontpage", "path-taxonomy", "page-taxonomy-term",
		"page-taxonomy", "front", "page-user", "path-user", "search-page",
	)
	postIDClass = regexp.MustCompile(`^postid-\d+$`)
)

// LooksLikeArticle reads the type of a fetched page from its own signals,
// for sites without article patterns. For an article: og:type=article; a
// JSON-LD or microdata Article, NewsArticle, BlogPosting (or kin); WordPress body
// classes single, single-post, postid-N; Ghost post-template; Blogger
// item-view; Drupal node-type-article and node--view-mode-full; one
// itemprop=articleBody; a single <article> with substantial text. For a
// listing: body classes home, blog, archive, category, tag, paged,
// search, author, error404 (and the Ghost, Drupal, Blogger kin); JSON-LD
// CollectionPage or ItemList; several <article>, articleBody or
// microdata BlogPosting teasers;
// rel=next pagination. Each signal has a weight; the page is an article
// when those for outweigh those against. A page with no signal is not.
func LooksLikeArticle(doc *goquery.Document) bool {
	return pageScore(doc) > 0
}

// pageScore sums the signals: positive for an article.
func pageScore(doc *goquery.Document) int {
	score := 0
	body := doc.Find("body").First()
	classes := strings.Fields(strings.ToLower(body.AttrOr("class", "")))
	articleClass, listingClass := false, false
	for _, c := range classes {
		switch {
		case articleBodyClasses[c], postIDClass.MatchString(c):
			articleClass = true
		case listingBodyClasses[c]:
			listingClass = true
		}
	}
	for _, c := range classes {
		if c == "error404" {
			return -strongSignal
		}
	}
	switch {
	case articleClass && !listingClass:
		score += strongSignal
	case listingClass && !articleClass:
		score -= strongSignal
	}
	if hasClassPrefix(classes, "page-id-") {
		score -= weakSignal // a WordPress fixed page
	}

	og := strings.ToLower(strings.TrimSpace(doc.Find(`meta[property="og:type"]`).First().AttrOr("content", "")))
	switch {
	case og == "article" || strings.HasPrefix(og, "article:"):
		score += typeSignal
	case og == "website" || og == "profile" || og == "blog":
		score--
	}

	art, list := jsonLDTypes(doc)
	if art {
		score += typeSignal
	}
	if list {
		score -= typeSignal
	}

	bodies := doc.Find(`[itemprop~="articleBody"]`).Length()
	switch {
	case bodies == 1:
		score += weakSignal
	case bodies > 1:
		score -= typeSignal
	}

	items := doc.Find(`[itemscope][itemtype]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		t := strings.ToLower(s.AttrOr("itemtype", ""))
		return articleLDTypes[strings.ToLower(t[strings.LastIndexByte(t, '/')+1:])]
	}).Length()
	switch {
	case items == 1:
		score += weakSignal
	case items > 1:
		score -= typeSignal
	}

	if doc.Find(`.node--view-mode-full, .node-full, article.node.view-mode-full`).Length() > 0 {
		score += weakSignal
	}
	if doc.Find(`.node--view-mode-teaser, .node-teaser`).Length() >= 2 {
		score -= typeSignal
	}

	teasers := topArticles(doc)
	switch {
	case len(teasers) >= 3:
		score -= typeSignal
	case len(teasers) == 2 && textLen(teasers[0]) < 400 && textLen(teasers[1]) < 400:
		score -= weakSignal
	case len(teasers) == 1 && textLen(teasers[0]) >= substantialText:
		score += weakSignal
	case len(teasers) == 0 && bodies <= 1:
		if c := doc.Find(`.entry-content, .post-content, .post-body, .article-body, .article-content, .gh-content`); c.Length() == 1 && textLen(c) >= substantialText {
			score += weakSignal
		}
	}
	if doc.Find(`head link[rel~="next"]`).Length() > 0 {
		score -= weakSignal
	}
	if doc.Find(`a.next.page-numbers, .pagination a, .nav-links a.page-numbers, #blog-pager-older-link, a.blog-pager-older-link, .pager__item--next`).Length() > 0 && !articleClass {
		score--
	}
	return score
}

func hasClassPrefix(classes []string, prefix string) bool {
	for _, c := range classes {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// topArticles are the page's <article> elements that are not inside
// another one, nor comments, nor related-post and sidebar blocks.
func topArticles(doc *goquery.Document) []*goquery.Selection {
	var out []*goquery.Selection
	doc.Find("article").Each(func(_ int, s *goquery.Selection) {
		if s.ParentsFiltered("article, aside, footer, nav, #comments, .comments, .comment-list, .commentlist, [class*=related]").Length() > 0 {
			return
		}
		cls := strings.ToLower(s.AttrOr("class", "") + " " + s.AttrOr("id", ""))
		if strings.Contains(cls, "comment") {
			return
		}
		out = append(out, s)
	})
	return out
}

// textLen counts the characters of text of s, without scripts and
// styles, spaces collapsed.
func textLen(s *goquery.Selection) int {
	n := 0
	s.Each(func(_ int, one *goquery.Selection) {
		c := one.Clone()
		c.Find("script, style, noscript, template").Remove()
		n += utf8.RuneCountInString(strings.Join(strings.Fields(c.Text()), " "))
	})
	return n
}

// jsonLDTypes reports whether the page's JSON-LD names an article type
// and a listing type, looking into @graph, arrays and nested objects
// (mainEntity, itemListElement) but not into fields such as author or
// publisher.
func jsonLDTypes(doc *goquery.Document) (article, listing bool) {
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return
		}
		var walk func(v any, depth int)
		walk = func(v any, depth int) {
			if depth > 8 {
				return
			}
			switch t := v.(type) {
			case []any:
				for _, x := range t {
					walk(x, depth+1)
				}
			case map[string]any:
				for _, typ := range ldTypes(t["@type"]) {
					typ = strings.ToLower(typ)
					article = article || articleLDTypes[typ]
					listing = listing || listingLDTypes[typ]
				}
				for _, k := range []string{"@graph", "mainEntity"} {
					if x, ok := t[k]; ok {
						walk(x, depth+1)
					}
				}
			}
		}
		walk(v, 0)
	})
	return article, listing
}

func ldTypes(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{strings.TrimPrefix(strings.TrimPrefix(t, "https://schema.org/"), "http://schema.org/")}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
