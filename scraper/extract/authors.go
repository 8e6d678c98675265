package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// authorPrefix matches the words that introduce a byline.
var authorPrefix = regexp.MustCompile(`(?i)^(?:(?:posted|written|published|words|text|story|reported|photos?)\s+(?:and\s+\w+\s+)?by|(?:(?:view|see|show)\s+)?all\s+(?:posts|articles|stories)\s+(?:by|from)|more\s+(?:from|by)|(?:articles?|posts?|stories)\s+by|(?:zeige\s+)?alle?\s+(?:artikel|beiträge|texte|posts)\s+von|alles\s+von|mehr\s+von|weitere\s+(?:artikel|beiträge)\s+von|tous\s+les\s+articles\s+de|by|von|par|por|di|door|av|autor(?:in)?|author|auteur|text|written)\s*[:\-–]?\s+`)

// authorNoise are texts of byline markup that name nobody: links to an
// author's archive, labels, and credits.
var authorNoise = regexp.MustCompile(`(?i)^(?:(?:zeige\s+)?alle?\s+(?:artikel|beiträge|posts)|all\s+(?:posts|articles|stories)|view\s+all.*|more|mehr|autoren|authors?|schlagworte|tags|profil|profile|zum\s+profil.*)$|^(?:foto|photo|bild|fotos|photos|bilder|image|credit)\s*:|^©`)

// authorSplit separates several names in one byline.
var authorSplit = regexp.MustCompile(`(?i)\s*(?:,|;|\||/|&|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+)\s*`)

// authorPlaceholders are account names that stand for nobody.
var authorPlaceholders = map[string]bool{
	"admin": true, "administrator": true, "administrateur": true, "webmaster": true, "root": true,
	"wordpress": true, "user": true, "null": true, "undefined": true, "unknown": true, "none": true,
	"n/a": true, "editor": true, "guest": true, "anonymous": true, "author": true,
}

// cleanAuthors turns raw author strings into a list of names: byline
// words ("By", "Posted by", "von") dropped, "A and B" split, URLs,
// handles and placeholder accounts ("admin") left out, duplicates removed
// (case-insensitively, first spelling kept).
func cleanAuthors(raw []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range raw {
		r = collapse(r)
		if isURLish(r) {
			continue
		}
		r = authorPrefix.ReplaceAllString(r, "")
		r = strings.TrimSpace(strings.TrimRight(r, "→»›> "))
		for _, name := range authorSplit.Split(r, -1) {
			name = strings.Trim(collapse(name), " :,;-–—|·•@→»")
			name = trimDots(name)
			name = authorPrefix.ReplaceAllString(name, "")
			name = doubledName(name)
			if authorNoise.MatchString(name) {
				continue
			}
			low := strings.ToLower(name)
			if name == "" || len(name) > 80 || isURLish(name) || strings.HasPrefix(name, "@") ||
				authorPlaceholders[low] || seen[low] || !hasLetter(name) || strings.Contains(name, "@") {
				continue
			}
			if len(strings.Fields(name)) > 6 {
				continue // a sentence, not a name
			}
			seen[low] = true
			out = append(out, name)
		}
	}
	return out
}

// isURLish reports whether s looks like a URL rather than a name.
func isURLish(s string) bool {
	low := strings.ToLower(s)
	return strings.Contains(low, "://") || strings.HasPrefix(low, "www.") || strings.HasPrefix(low, "/")
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f {
			return true
		}
	}
	return false
}

// weakAuthors reports whether the authors metadata gives stand for the
// site rather than a person: the site's or publisher's name, a domain
// name ("example.de"), or an account handle ("jane.doe", "j_doe"). The
// byline markup is then asked first.
func (p *page) weakAuthors(authors []string, site string) bool {
	for _, a := range authors {
		if !p.isSiteName(a, site) && !isHandle(a) {
			return false
		}
	}
	return true
}

// isSiteName reports whether name is the site's: its name, its domain,
// or a domain name.
func (p *page) isSiteName(name, site string) bool {
	low := strings.ToLower(name)
	if site != "" && (low == strings.ToLower(site) || strings.Contains(strings.ToLower(site), low) && len(low) > 3) {
		return true
	}
	if p.pageURL != nil {
		host := strings.TrimPrefix(strings.ToLower(p.pageURL.Hostname()), "www.")
		if host != "" && (low == host || strings.HasPrefix(host, strings.ReplaceAll(low, " ", "")+".")) {
			return true
		}
	}
	return domainName.MatchString(low)
}

// domainName matches a bare domain name used as a byline.
var domainName = regexp.MustCompile(`^[\pL0-9-]+(?:\.[\pL0-9-]+)*\.(?:com|net|org|de|at|ch|fr|it|es|uk|co|info|eu|io|pl|nl|be|cl|br|ar|mx|tv|fm)$`)

// isHandle reports whether s is an account name rather than a person's:
// one lowercase word joined by dots or underscores.
func isHandle(s string) bool {
	if strings.ContainsAny(s, " ") || !strings.ContainsAny(s, "._") {
		return false
	}
	return strings.ToLower(s) == s
}

// dropSiteNames leaves out of a list of several authors the ones that
// name the site ("Rob Picheta | CNN"), and academic degrees split off a
// name ("Ann Lee, PhD").
func (p *page) dropSiteNames(authors []string, site string) []string {
	if len(authors) < 2 {
		return authors
	}
	out := make([]string, 0, len(authors))
	for _, a := range authors {
		if p.isSiteName(a, site) || degrees[strings.ToLower(strings.Trim(a, "."))] {
			continue
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return authors
	}
	return out
}

// degrees are titles written after a name.
var degrees = map[string]bool{"phd": true, "ph.d": true, "md": true, "mph": true, "rd": true, "msc": true, "bsc": true,
	"mba": true, "ms": true, "ma": true, "ba": true, "dr": true, "prof": true, "rn": true, "cpt": true, "lmsw": true}

// bylineWord is a text that introduces the author's name in the next
// element: "By", "Von", "Par", "Autor:", "Text:".
var bylineWord = regexp.MustCompile(`(?i)^\s*(?:by|von|par|por|di|door|av|autor(?:in)?|author|auteur|text|texto|written by|posted by|geschrieben von|verfasst von|ein beitrag von|rezept von)\s*:?\s*$`)

// bylineInline matches a byline written in one text: "By Ann Lee",
// "Von Bo Chan und Ann Lee", "Autor: Ann Lee".
var bylineInline = regexp.MustCompile(`^\s*(?:By|BY|Von|VON|Par|Por|Autor(?:in)?:|Author:|Auteur\s?:|Text:|Written by|Posted by|Geschrieben von|Verfasst von)\s+(\p{Lu}[\pL.'’-]*(?:\s+(?:\p{Lu}[\pL.'’-]*|van|von|de|der|da|di|la|le|und|and|et|&|y)){0,6})\s*(?:[|,·•–—-].*)?$`)

// maxBylineTexts bounds the text nodes bylineText looks at.
const maxBylineTexts = 3000

// bylineText finds a byline written as text, outside the page furniture
// and the comments: a word such as "By" or "Von" followed by the name in
// the next element, or "By Ann Lee" in one short text.
func (p *page) bylineText() []string {
	if p.body == nil {
		return nil
	}
	var found []string
	seen := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil && seen < maxBylineTexts; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				seen++
				t := strings.TrimSpace(c.Data)
				if len(t) < 2 || len(t) > 120 || !bylineStart(t) {
					continue
				}
				if len(t) <= 24 && bylineWord.MatchString(t) {
					for s := c.NextSibling; s != nil; s = s.NextSibling {
						if s.Type == html.ElementNode {
							if name := nodeText(s); len(name) <= 80 {
								found = cleanAuthors([]string{name})
							}
							break
						}
						if strings.TrimSpace(s.Data) != "" {
							break
						}
					}
					if found != nil {
						return
					}
					continue
				}
				if m := bylineInline.FindStringSubmatch(collapse(t)); m != nil {
					found = cleanAuthors([]string{m[1]})
					if found != nil {
						return
					}
				}
			case html.ElementNode:
				if junkTags[c.DataAtom] || p.cls.isChromeElement(c) || p.cls.kind(c) >= kindComments || isElem(c, atom.Aside) {
					continue
				}
				walk(c)
			}
		}
	}
	walk(p.body)
	if len(found) == 0 {
		return nil
	}
	return found
}

// trimDots removes dots around a name but keeps the one that ends an
// initial or a suffix ("Juan Carlos Muñoz C.", "Perry Bacon Jr.").
func trimDots(name string) string {
	name = strings.TrimLeft(name, ".")
	if !strings.HasSuffix(name, ".") {
		return name
	}
	f := strings.Fields(name)
	if len(f) > 1 {
		last := strings.TrimRight(f[len(f)-1], ".")
		if utf8.RuneCountInString(last) == 1 || last == "Jr" || last == "Sr" {
			return strings.TrimRight(name, ".") + "."
		}
	}
	return strings.TrimRight(name, ".")
}

// doubledName undoes a name written twice in one byline element ("Ann
// Lee Ann Lee": an image's alt text beside the link).
func doubledName(name string) string {
	f := strings.Fields(name)
	if n := len(f); n >= 2 && n%2 == 0 && strings.Join(f[:n/2], " ") == strings.Join(f[n/2:], " ") {
		return strings.Join(f[:n/2], " ")
	}
	return name
}

// bylineStart reports whether t may open a byline, sparing most texts
// the regexps: bylines begin with a capital B, V, P, A, T, W, G or D, or
// a lowercase "by", "von", "par".
func bylineStart(t string) bool {
	switch t[0] {
	case 'B', 'V', 'P', 'A', 'T', 'W', 'G', 'D', 'b', 'v', 'p', 'a', 't', 'd', 'w', 'g':
		return true
	}
	return false
}
