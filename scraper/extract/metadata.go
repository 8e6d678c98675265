package extract

import (
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// metaTags maps the lowercased property, name, itemprop or http-equiv of
// each <meta> to its contents, in document order.
type metaTags map[string][]string

// collectMeta reads every <meta> and <link> of the document in one pass.
func collectMeta(root *html.Node) (metaTags, map[string]string) {
	meta := metaTags{}
	links := map[string]string{} // rel token → first href
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				if content == "" {
					content = strings.TrimSpace(attr(n, "value"))
				}
				if strings.Contains(content, "&") {
					content = html.UnescapeString(content) // double-escaped by the CMS
				}
				if content != "" {
					for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
						if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
							meta[key] = append(meta[key], content)
						}
					}
				}
				return
			case atom.Link:
				href := strings.TrimSpace(attr(n, "href"))
				if href != "" {
					for _, r := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
						if _, ok := links[r]; !ok {
							links[r] = href
						}
					}
				}
				return
			case atom.Script, atom.Style:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return meta, links
}

// first returns the first non-empty content among keys, in key order.
func (m metaTags) first(keys ...string) string {
	for _, k := range keys {
		for _, v := range m[k] {
			if v = collapse(v); v != "" {
				return v
			}
		}
	}
	return ""
}

// all returns every content of every key, in key order.
func (m metaTags) all(keys ...string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, m[k]...)
	}
	return out
}

// Meta names tried for each field, in order.
var (
	publishedKeys = []string{"article:published_time", "og:published_time", "published_time",
		"datepublished", "date", "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.created",
		"dc.date.created", "dcterms.date", "pubdate", "publishdate", "publish-date", "publish_date",
		"sailthru.date", "parsely-pub-date", "article.published", "originalpublicationdate", "publication_date", "uploaddate",
		"citation_publication_date", "citation_date"}
	modifiedKeys = []string{"article:modified_time", "og:updated_time", "modified_time", "datemodified",
		"dc.date.modified", "dcterms.modified", "last-modified", "lastmod", "article.updated"}
	authorKeys = []string{"citation_author", "article:author", "author", "dc.creator", "dcterms.creator",
		"sailthru.author", "parsely-author", "byl", "shareaholic:article_author_name"}
	descriptionKeys = []string{"og:description", "description", "twitter:description",
		"dc.description", "dcterms.description"}
	imageKeys    = []string{"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"}
	languageKeys = []string{"content-language", "language", "dc.language", "dcterms.language"}
)

// workTypes are the schema.org types of works other than articles whose
// publication date a page may give as its own.
var workTypes = map[string]bool{"howto": true, "recipe": true, "videoobject": true, "audioobject": true,
	"podcastepisode": true, "creativework": true, "mediaobject": true}

// Markup the metadata stage falls back on. Compiled once; selectors are
// immutable.
var (
	publishedSel = []cascadia.Selector{
		// hAtom's published (an abbr with the date in its title), WordPress's
		// entry-date and post-date, Drupal's created field.
		cascadia.MustCompile(`time.published, time.entry-date, [itemprop=datePublished], time[pubdate], abbr.published,
			.hentry .published[title], .entry-date, .post-date, .field--name-created, [data-published], [data-publish-date]`),
		cascadia.MustCompile("article header time, .entry-header time, .entry-meta time, .post-meta time, .byline time, .article-meta time"),
		cascadia.MustCompile("article time, main time"),
	}
	// dateTextSel finds elements that show a date in words, for when no
	// machine-readable date exists.
	dateTextSel = cascadia.MustCompile(`.entry-meta, .post-meta, .article-meta, .byline, .meta, .posted-on, .published,
		[class*=date], [class*=Date], [id*=date], [class*=time], [class*=publish], [class*=authored], [class*=posted],
		[class*=datum], [class*=Datum], [class*=dateline]`)
	modifiedSel = []cascadia.Selector{
		cascadia.MustCompile("time.updated, [itemprop=dateModified]"),
	}
	bylineSel = []cascadia.Selector{
		cascadia.MustCompile("[itemprop=author] [itemprop=name]"),
		cascadia.MustCompile("[itemprop=author]"),
		cascadia.MustCompile("a[rel~=author]"),
		cascadia.MustCompile(".author.vcard .fn, .byline .author, .byline .fn, .entry-meta .author"),
		cascadia.MustCompile(".byline, .author-name, .post-author-name, .article-author, [class*=byline-author], [class*=byline__author]"),
		cascadia.MustCompile(".vcard .fn, .post-author .fn, [class*=author] .fn, .submitted .username"),
		cascadia.MustCompile(`a[href*="/author/"], a[href*="/autor/"], a[href*="/autoren/"], a[href*="/authors/"], a[href*="/auteur/"]`),
		cascadia.MustCompile("[class*=author-name], [class*=authorName], [class*=author__name], [class*=byline] a, [class*=Byline] a, [class*=auteur], [class*=autor]"),
		// Loose selectors last: their matches must be short, see
		// looseBylineSels.
		cascadia.MustCompile("[class*=authorname], [class*=author-link], [class*=author__link], .node__author .user__name, .field--name-uid, .field-name-author"),
		cascadia.MustCompile(".author, [class*=-author], [class*=_author]"),
	}
)

// metadata fills the metadata fields of a; see doc.go for the precedence.
func (p *page) metadata(a *Article) {
	art, web := p.ld.first(articleTypes), p.ld.first(pageTypes)
	ldField := func(key string) string {
		if s := ldString(art, key); s != "" {
			return s
		}
		return ldString(web, key)
	}

	// Site name first: the title cleanup needs it.
	a.SiteName = p.meta.first("og:site_name")
	if a.SiteName == "" {
		a.SiteName = collapse(ldString(p.ld.first(map[string]bool{"website": true}), "name"))
	}
	if a.SiteName == "" && art != nil {
		if pub, ok := art["publisher"]; ok {
			if names := p.ld.names(pub); len(names) > 0 {
				a.SiteName = collapse(names[0])
			}
		}
	}
	if a.SiteName == "" {
		a.SiteName = p.meta.first("application-name", "apple-mobile-web-app-title")
	}

	a.Title = p.title(art, web, a.SiteName)
	if r := p.rules; r != nil {
		if t := p.ruleTexts(r.title); len(t) > 0 {
			a.Title = t[0]
		}
	}

	// Authors.
	a.Authors = p.authors(art, web, a.SiteName)
	if len(a.Authors) == 0 {
		a.Authors = append(a.Authors, speaker(a.Title)...)
	}
	if len(a.Authors) == 0 {
		a.Authors = p.postAuthorComment(a.SiteName)
	}
	if len(a.Authors) == 0 {
		a.Authors = p.siteOwner(art, a.SiteName)
	}
	if len(a.Authors) == 0 && len(p.datedName) > 0 {
		a.Authors = p.datedName // a dated meta line's name, see datedMetaName
	}
	if len(a.Authors) == 0 {
		a.Authors = p.footerOwner(art)
	}

	// Dates.
	a.PublishedAt = p.publishedAt(a.Title, ldField("datePublished"))

	a.ModifiedAt = parseDate(ldField("dateModified"), p.opts.FetchedAt)
	if a.ModifiedAt == nil {
		a.ModifiedAt = p.metaDate(modifiedKeys)
	}
	if a.ModifiedAt == nil {
		a.ModifiedAt = p.markupDate(modifiedSel)
	}

	// Description.
	a.Description = collapse(ldString(art, "description"))
	if a.Description == "" {
		a.Description = p.meta.first(descriptionKeys...)
	}

	// Image.
	if art != nil {
		a.Image = p.ld.imageURL(art["image"])
		if a.Image == "" {
			a.Image = ldString(art, "thumbnailUrl")
		}
	}
	if a.Image == "" {
		a.Image = p.meta.first(imageKeys...)
	}
	if a.Image == "" {
		a.Image = p.links["image_src"]
	}
	a.Image = p.absURL(a.Image)

	// Canonical URL.
	a.CanonicalURL = p.links["canonical"]
	if a.CanonicalURL == "" {
		a.CanonicalURL = p.meta.first("og:url")
	}
	if a.CanonicalURL == "" && art != nil {
		a.CanonicalURL = ldString(art, "url")
		if a.CanonicalURL == "" {
			if m, ok := art["mainEntityOfPage"].(ldObject); ok {
				a.CanonicalURL, _ = m["@id"].(string)
			} else {
				a.CanonicalURL = ldString(art, "mainEntityOfPage")
			}
		}
	}
	a.CanonicalURL = p.absURL(a.CanonicalURL)

	// Language.
	if p.htmlEl != nil {
		a.Language = normLang(attr(p.htmlEl, "lang"))
		if a.Language == "" {
			a.Language = normLang(attr(p.htmlEl, "xml:lang"))
		}
	}
	if a.Language == "" {
		a.Language = normLang(p.meta.first("og:locale"))
	}
	if a.Language == "" {
		a.Language = normLang(p.ldLanguage(art, web))
	}
	if a.Language == "" {
		a.Language = normLang(p.meta.first(languageKeys...))
	}

	// Last for the date: go-dateparser, which needs the language.
	if a.PublishedAt == nil {
		a.PublishedAt = p.localDate(a.Language)
	}
}

// pageLang returns the language the page declares in markup: the lang
// of <html>, else og:locale or Content-Language.
func (p *page) pageLang() string {
	if p.htmlEl != nil {
		if l := normLang(attr(p.htmlEl, "lang")); l != "" {
			return l
		}
	}
	return normLang(p.meta.first("og:locale", "content-language"))
}

// titles returns the titles the headline may show: the article's title,
// og:title, and the parts of the document title.
func (p *page) titles(title string) []string {
	out := []string{title, p.meta.first("og:title")}
	t := findElem(p.head, atom.Title)
	if t == nil {
		t = findElem(p.htmlEl, atom.Title) // misplaced by broken markup
	}
	if t != nil {
		out = append(out, splitTitle(nodeText(t))...)
	}
	return out
}

// metaDate returns the first parsable date among keys.
func (p *page) metaDate(keys []string) *time.Time {
	for _, k := range keys {
		for _, v := range p.meta[k] {
			if t := parseDate(v, p.opts.FetchedAt); t != nil {
				return t
			}
		}
	}
	return nil
}

// markupDate returns the first date shown in the article's markup.
func (p *page) markupDate(sels []cascadia.Selector) *time.Time {
	for _, sel := range sels {
		for _, n := range sel.MatchAll(p.root) {
			if p.cls.inChrome(n) {
				continue
			}
			for _, v := range []string{attr(n, "datetime"), attr(n, "content"), attr(n, "title"),
				attr(n, "data-published"), attr(n, "data-publish-date"), nodeText(n)} {
				if t := parseDate(v, p.opts.FetchedAt); t != nil {
					return t
				}
			}
		}
	}
	return nil
}

// textDate returns the first date written in words in a date-like
// element of the page body, outside the page furniture.
func (p *page) textDate() *time.Time {
	if p.body == nil {
		return nil
	}
	// Short texts no pattern could read are kept for go-dateparser, which
	// is asked last (see localDate).
	p.dateTexts = p.dateTexts[:0]
	for _, n := range dateTextSel.MatchAll(p.body) {
		if p.cls.inChrome(n) || p.cls.kind(n) >= kindComments {
			continue
		}
		for _, v := range []string{attr(n, "datetime"), attr(n, "content"), attr(n, "title")} {
			if t := parseDate(v, p.opts.FetchedAt); t != nil {
				return t
			}
		}
		text := nodeText(n)
		if t := findDateInText(text); t != nil {
			return t
		}
		if len(text) <= maxLocalDate && len(p.dateTexts) < maxLocalDateCalls && strings.ContainsAny(text, "0123456789") {
			p.dateTexts = append(p.dateTexts, text)
		}
	}
	return nil
}

// bylineGates are, for each selector of bylineSel, the texts one of
// the page's class names must hold for the selector to match anything
// (nil: the selector needs no class).
var bylineGates = [][]string{nil, nil, nil, {"fn", "author"}, {"byline", "author"}, {"fn", "username"}, nil,
	{"author", "byline", "Byline", "auteur", "autor"}, {"author", "field--name-uid"}, {"author"}}

// maxBylineLen bounds the text of one byline element, and
// maxLooseBylineLen the text of one matched by the last looseBylineSels
// selectors, which also name other things: their matches may hold at
// most four names.
const (
	maxBylineLen      = 200
	maxLooseBylineLen = 80
	looseBylineSels   = 2
)

// bylineAuthors reads authors from the article's byline markup.
func (p *page) bylineAuthors() []string {
	if p.body == nil {
		return nil
	}
	for i, sel := range bylineSel {
		if i < len(bylineGates) && !p.hasClassWith(bylineGates[i]) {
			continue
		}
		var names []string
		var first *html.Node
		loose := i >= len(bylineSel)-looseBylineSels
		maxLen := maxBylineLen
		if loose {
			maxLen = maxLooseBylineLen
		}
		for _, n := range sel.MatchAll(p.body) {
			if p.cls.inChrome(n) || p.cls.kind(n) >= kindComments || strings.Contains(attr(n, "class"), "comment") ||
				inTeaserLink(n) || inHeadline(n) || inReview(n) || p.inTeaserCard(n) || inLicenseCredit(n) || inQuote(n) {
				continue
			}
			s := attr(n, "content")
			if s == "" {
				s = nodeText(n)
			}
			if nm := itemName(n); nm != "" && nm != s {
				s = nm // "<a href=/autoren/x><img>© Ann Lee<span itemprop=name>Ann Lee</span></a>"
			}
			if s == "" || len(s) > maxLen || loose && len(authorSplit.FindAllStringIndex(s, 4)) > 3 {
				continue // a block named like an author box, not the name
			}
			// Several authors share one byline; matches elsewhere on the
			// page are teasers for other articles.
			if first == nil {
				first = n
			} else if !nearby(first, n, 2) {
				continue
			}
			names = append(names, s)
			if len(names) >= 8 {
				break
			}
		}
		if out := cleanAuthors(names); len(out) > 0 {
			return out
		}
	}
	return nil
}

// itemName returns the text of the schema.org name inside a byline
// match, a few levels down, or "".
func itemName(n *html.Node) string {
	var found string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && found == ""; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if attr(c, "itemprop") == "name" {
				found = nodeText(c)
				return
			}
			if depth < 3 {
				walk(c, depth+1)
			}
		}
	}
	walk(n, 0)
	return found
}

// maxLocalDateCalls bounds the texts of one page handed to go-dateparser.
const maxLocalDateCalls = 4

// localDate reads the texts of date-like elements that strata's own
// patterns could not read with go-dateparser, in the page's language.
func (p *page) localDate(lang string) *time.Time {
	for _, s := range p.dateTexts {
		if t := sharedLocalDates().parse(s, lang, p.opts.FetchedAt); t != nil {
			return t
		}
	}
	return nil
}

// nearby reports whether b lies within the ancestor levels above a.
func nearby(a, b *html.Node, levels int) bool {
	p := a
	for range levels {
		if p.Parent == nil {
			break
		}
		p = p.Parent
	}
	return contains(p, b)
}
