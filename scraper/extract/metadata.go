package extract

import (
	"net/url"
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
		"sailthru.date", "parsely-pub-date", "article.published", "originalpublicationdate",
		"citation_publication_date", "citation_date"}
	modifiedKeys = []string{"article:modified_time", "og:updated_time", "modified_time", "datemodified",
		"dc.date.modified", "dcterms.modified", "last-modified", "lastmod", "article.updated"}
	authorKeys = []string{"article:author", "author", "dc.creator", "dcterms.creator",
		"sailthru.author", "parsely-author", "byl", "citation_author"}
	descriptionKeys = []string{"og:description", "description", "twitter:description",
		"dc.description", "dcterms.description"}
	imageKeys    = []string{"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"}
	languageKeys = []string{"content-language", "language", "dc.language", "dcterms.language"}
)

// Markup the metadata stage falls back on. Compiled once; selectors are
// immutable.
var (
	headlineSel = []cascadia.Selector{
		cascadia.MustCompile("article h1"), cascadia.MustCompile("h1.entry-title"),
		cascadia.MustCompile("h1[itemprop=headline]"), cascadia.MustCompile(".entry-title"),
		cascadia.MustCompile("h1.post-title, h1.article-title, h1.title"), cascadia.MustCompile("main h1"),
	}
	publishedSel = []cascadia.Selector{
		cascadia.MustCompile("time.published, time.entry-date, [itemprop=datePublished], time[pubdate]"),
		cascadia.MustCompile("article header time, .entry-header time, .entry-meta time, .post-meta time, .byline time, .article-meta time"),
		cascadia.MustCompile("article time, main time"),
	}
	// dateTextSel finds elements that show a date in words, for when no
	// machine-readable date exists.
	dateTextSel = cascadia.MustCompile(`.entry-meta, .post-meta, .article-meta, .byline, .meta, .posted-on, .published,
		[class*=date], [class*=Date], [id*=date], [class*=time], [class*=publish]`)
	modifiedSel = []cascadia.Selector{
		cascadia.MustCompile("time.updated, [itemprop=dateModified]"),
	}
	bylineSel = []cascadia.Selector{
		cascadia.MustCompile("[itemprop=author] [itemprop=name]"),
		cascadia.MustCompile("[itemprop=author]"),
		cascadia.MustCompile("a[rel~=author]"),
		cascadia.MustCompile(".author.vcard .fn, .byline .author, .byline .fn, .entry-meta .author"),
		cascadia.MustCompile(".byline, .author-name, .post-author-name, .article-author"),
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

	// Authors.
	var authors []string
	if art != nil {
		authors = cleanAuthors(p.ld.names(art["author"]))
	}
	if len(authors) == 0 && web != nil {
		authors = cleanAuthors(p.ld.names(web["author"]))
	}
	for _, k := range authorKeys {
		if len(authors) > 0 {
			break
		}
		authors = cleanAuthors(p.meta.all(k))
	}
	if len(authors) == 0 {
		authors = p.bylineAuthors()
	}
	a.Authors = authors

	// Dates.
	a.PublishedAt = parseDate(ldField("datePublished"), p.opts.FetchedAt)
	if a.PublishedAt == nil {
		a.PublishedAt = p.metaDate(publishedKeys)
	}
	if a.PublishedAt == nil {
		a.PublishedAt = p.markupDate(publishedSel)
	}
	if a.PublishedAt == nil {
		a.PublishedAt = p.textDate()
	}
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
}

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
			for _, v := range []string{attr(n, "datetime"), attr(n, "content"), nodeText(n)} {
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
	for _, n := range dateTextSel.MatchAll(p.body) {
		if p.cls.inChrome(n) || p.cls.kind(n) >= kindComments {
			continue
		}
		for _, v := range []string{attr(n, "datetime"), attr(n, "content"), attr(n, "title")} {
			if t := parseDate(v, p.opts.FetchedAt); t != nil {
				return t
			}
		}
		if t := findDateInText(nodeText(n)); t != nil {
			return t
		}
	}
	return nil
}

// bylineAuthors reads authors from the article's byline markup.
func (p *page) bylineAuthors() []string {
	for _, sel := range bylineSel {
		var names []string
		for _, n := range sel.MatchAll(p.body) {
			if p.cls.inChrome(n) {
				continue
			}
			s := attr(n, "content")
			if s == "" {
				s = nodeText(n)
			}
			if s != "" {
				names = append(names, s)
			}
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

// ldLanguage returns the inLanguage of the article or page node.
func (p *page) ldLanguage(art, web ldObject) string {
	for _, o := range []ldObject{art, web} {
		if o == nil {
			continue
		}
		switch v := o["inLanguage"].(type) {
		case string:
			return v
		case ldObject:
			if s, ok := v["alternateName"].(string); ok {
				return s
			}
			if s, ok := v["name"].(string); ok {
				return s
			}
		}
	}
	return ""
}

// normLang normalises a language tag: "en_GB" and "en-gb" become "en-GB".
// It returns "" for values that are not language tags.
func normLang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	if s == "" || len(s) > 35 {
		return ""
	}
	parts := strings.Split(strings.ReplaceAll(s, "_", "-"), "-")
	for i, part := range parts {
		if part == "" || len(part) > 8 {
			return ""
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return ""
			}
		}
		switch {
		case i == 0:
			if len(part) < 2 || len(part) > 3 {
				return ""
			}
			parts[i] = strings.ToLower(part)
		case len(part) == 2:
			parts[i] = strings.ToUpper(part)
		case len(part) == 4:
			parts[i] = strings.ToUpper(part[:1]) + strings.ToLower(part[1:])
		default:
			parts[i] = strings.ToLower(part)
		}
	}
	return strings.Join(parts, "-")
}

// absURL resolves s against the page's base URL. It returns "" for data:
// and javascript: URLs and s itself when it cannot be parsed.
func (p *page) absURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "data:") {
		return ""
	}
	if p.base == nil {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	return p.base.ResolveReference(u).String()
}
