package extract

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// crumb is one step of a breadcrumb trail.
type crumb struct {
	name, href string
}

// breadcrumbs returns the sections a breadcrumb trail puts the article
// in, outermost first: a JSON-LD BreadcrumbList, else schema.org
// microdata (itemtype BreadcrumbList), else the first element named like
// a breadcrumb trail (nav.breadcrumb, .breadcrumbs, #breadcrumbs,
// aria-label="Breadcrumb"). The home link and the article itself (a step
// linking to the page, without a link, or repeating the title) are left
// out, and so is the site name.
func (p *page) breadcrumbs(title, canonical, site string) []string {
	trail := p.ldBreadcrumbs()
	if len(trail) == 0 && p.body != nil {
		trail = p.markupBreadcrumbs()
	}
	if len(trail) == 0 {
		return nil
	}
	self := map[string]bool{}
	for _, u := range []string{canonical, p.absURL(p.pageURLString())} {
		if u != "" {
			self[trimURL(u)] = true
		}
	}
	var out []string
	for i, c := range trail {
		name := strings.TrimSpace(strings.Trim(collapse(c.name), "›»>/|·•"))
		if name == "" || len(name) > maxTermLen || len(strings.Fields(name)) > 8 {
			continue
		}
		href := p.absURL(c.href)
		switch {
		case isHomeCrumb(name, href) || strings.EqualFold(name, site):
			continue
		case href != "" && self[trimURL(href)]:
			continue
		case href == "" && i == len(trail)-1:
			continue // the page itself, unlinked
		case title != "" && (strings.EqualFold(name, title) || len(titleWords(name)) > 3 && similarTitles(name, title)):
			continue
		}
		out = append(out, name)
	}
	return out
}

func (p *page) pageURLString() string {
	if p.pageURL == nil {
		return ""
	}
	return p.pageURL.String()
}

// trimURL drops a URL's scheme, query, fragment and trailing slash, for
// comparing two links to one page.
func trimURL(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	u = strings.TrimPrefix(u, "www.")
	return strings.ToLower(strings.TrimRight(u, "/"))
}

// homeWords name the first step of a trail, the site's front page.
var homeWords = map[string]bool{
	"home": true, "homepage": true, "home page": true, "start": true, "startseite": true, "hauptseite": true,
	"accueil": true, "inicio": true, "portada": true, "início": true, "página inicial": true, "pagina iniziale": true,
	"strona główna": true, "główna": true, "forside": true, "etusivu": true, "úvod": true, "home-page": true,
	"front page": true, "frontpage": true, "startpagina": true, "hem": true, "inizio": true,
}

// isHomeCrumb reports whether a step of a trail is the site's front page.
func isHomeCrumb(name, href string) bool {
	if homeWords[strings.ToLower(name)] {
		return true
	}
	if href == "" {
		return false
	}
	u := trimURL(href)
	return !strings.Contains(u, "/")
}

// ldBreadcrumbs returns the steps of the first JSON-LD BreadcrumbList, in
// the order of their positions.
func (p *page) ldBreadcrumbs() []crumb {
	list := p.ld.first(map[string]bool{"breadcrumblist": true})
	if list == nil {
		return nil
	}
	items, _ := list["itemListElement"].([]any)
	type step struct {
		pos float64
		c   crumb
	}
	var steps []step
	for i, e := range items {
		o, ok := e.(ldObject)
		if !ok {
			continue
		}
		o = p.ld.resolve(o)
		pos, ok := o["position"].(float64)
		if !ok {
			pos = float64(i + 1)
		}
		c := crumb{name: ldString(o, "name")}
		switch it := o["item"].(type) {
		case string:
			c.href = it
		case ldObject:
			it = p.ld.resolve(it)
			if c.name == "" {
				c.name = ldString(it, "name")
			}
			c.href, _ = it["@id"].(string)
			if c.href == "" {
				c.href, _ = it["url"].(string)
			}
		}
		if c.href == "" {
			c.href, _ = o["url"].(string)
		}
		if c.name != "" {
			steps = append(steps, step{pos, c})
		}
	}
	slices.SortStableFunc(steps, func(a, b step) int { return cmp.Compare(a.pos, b.pos) })
	out := make([]crumb, len(steps))
	for i, s := range steps {
		out[i] = s.c
	}
	return out
}

// markupBreadcrumbs returns the linked steps of the page's first
// breadcrumb trail in markup.
func (p *page) markupBreadcrumbs() []crumb {
	trail := findFirst(p.body, isBreadcrumbTrail)
	if trail == nil {
		return nil
	}
	var out []crumb
	if strings.Contains(strings.ToLower(attr(trail, "itemtype")), "breadcrumblist") {
		walkElems(trail, func(n *html.Node) bool {
			if attr(n, "itemprop") != "itemListElement" {
				return true
			}
			c := crumb{}
			walkElems(n, func(m *html.Node) bool {
				for prop := range strings.FieldsSeq(attr(m, "itemprop")) {
					switch prop {
					case "name":
						if c.name == "" {
							if c.name = attr(m, "content"); c.name == "" {
								c.name = nodeText(m)
							}
						}
					case "item":
						if c.href == "" {
							if c.href = attr(m, "href"); c.href == "" {
								c.href = attr(m, "content")
							}
						}
					}
				}
				return true
			})
			if c.name == "" {
				c.name = nodeText(n)
			}
			if c.href == "" {
				if a := findElem(n, atom.A); a != nil {
					c.href = attr(a, "href")
				}
			}
			out = append(out, c)
			return false
		})
		if len(out) > 0 {
			return out
		}
	}
	walkElems(trail, func(n *html.Node) bool {
		if n.DataAtom == atom.A {
			if listDepth(n, trail) < 2 {
				out = append(out, crumb{name: nodeText(n), href: attr(n, "href")})
			}
			return false
		}
		return true
	})
	return out
}

// isBreadcrumbTrail reports whether n is a breadcrumb trail: schema.org
// BreadcrumbList microdata, a class or id naming one, or an aria-label.
func isBreadcrumbTrail(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "itemtype", "class", "id", "aria-label":
			if strings.Contains(strings.ToLower(a.Val), "breadcrumb") {
				return true
			}
		}
	}
	return false
}

// findFirst returns the first element below n (n included) for which f
// is true, skipping scripts and styles.
func findFirst(n *html.Node, f func(*html.Node) bool) *html.Node {
	var found *html.Node
	walkElems(n, func(m *html.Node) bool {
		if found != nil {
			return false
		}
		if f(m) {
			found = m
			return false
		}
		return true
	})
	return found
}

// walkElems calls f on the elements below n (n included) in document
// order, descending into an element only when f returns true. Scripts,
// styles and templates are not visited.
func walkElems(n *html.Node, f func(*html.Node) bool) {
	if n == nil {
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Noscript:
			return
		}
		if !f(n) {
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkElems(c, f)
	}
}

// listDepth counts the lists around n up to trail, trail included: a
// link in a list nested in the trail's list is a menu below one step, not
// a step.
func listDepth(n, trail *html.Node) int {
	d := 0
	for p := n.Parent; p != nil; p = p.Parent {
		if isElem(p, atom.Ul, atom.Ol) {
			d++
		}
		if p == trail {
			break
		}
	}
	return d
}

// sectionLinks names the sections the page's URL sits in by the site's
// own links to them: for /politik/ausland/some-article.html, the texts of
// the page's links to /politik/ and /politik/ausland/. It is the last
// resort for categories, when the page names none.
func (p *page) sectionLinks() []string {
	if p.pageURL == nil || p.body == nil {
		return nil
	}
	segs := strings.Split(strings.Trim(p.pageURL.EscapedPath(), "/"), "/")
	if len(segs) < 2 {
		return nil
	}
	want := map[string]int{} // section path → depth
	prefix := ""
	for i, s := range segs[:len(segs)-1] {
		if s == "" || len(s) > 40 || !hasLetter(s) || strings.ContainsAny(s, ".;,=") {
			break
		}
		prefix += "/" + strings.ToLower(s)
		want[prefix] = i
	}
	if len(want) == 0 {
		return nil
	}
	names := make([]string, len(segs))
	walkElems(p.body, func(n *html.Node) bool {
		if n.DataAtom != atom.A {
			return true
		}
		href := attr(n, "href")
		if href == "" {
			return false
		}
		u, err := p.pageURL.Parse(href)
		if err != nil || !sameSite(u.Hostname(), p.pageURL.Hostname()) {
			return false
		}
		if i, ok := want[strings.ToLower(strings.TrimRight(u.EscapedPath(), "/"))]; ok && names[i] == "" {
			if s := termText(n, maxTermWords); s != "" && !homeWords[strings.ToLower(s)] {
				names[i] = s
			}
		}
		return false
	})
	var out []string
	for _, s := range names {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
