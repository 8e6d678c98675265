package extract

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// ccAttributionSel matches the attribution of a Creative Commons license
// as the license chooser writes it (ccREL): the name in
// property=cc:attributionName, linked by rel=cc:attributionURL.
var ccAttributionSel = cascadia.MustCompile(`a[rel~="cc:attributionURL"], [property="cc:attributionName"]`)

// ccAttribution reads the name a site-wide Creative Commons license
// credits ("Ein Blog von <a rel=cc:attributionURL href=/>Ann Lee</a>
// steht unter einer Creative Commons Lizenz"): the site's author, when
// the attribution links to this site and names a person. A picture's
// license credits its photographer's page elsewhere.
func (p *page) ccAttribution(site string) []string {
	if p.body == nil || p.pageURL == nil {
		return nil
	}
	n := ccAttributionSel.MatchFirst(p.body)
	if n == nil || !smallText(n, 60) {
		return nil
	}
	link := n
	if !isElem(link, atom.A) {
		link = findElem(n, atom.A)
	}
	if link == nil {
		return nil
	}
	u, err := url.Parse(attr(link, "href"))
	if err != nil || !sameSite(p.pageURL.ResolveReference(u).Hostname(), p.pageURL.Hostname()) {
		return nil
	}
	names := cleanAuthors([]string{nodeText(n)})
	if len(names) != 1 || p.nameKind(names[0], site) != namePerson {
		return nil
	}
	return names
}

// speechTitle matches the title of a published speech, which names its
// speaker as government and parliament sites write it: "Rede von
// Bundespräsident Ann Lee beim …", "Remarks by President Lee at …",
// "Speech by Ann Lee to …". An office before the name is left out.
var speechTitle = regexp.MustCompile(`^(?:Rede|Ansprache|Grußwort|Festrede|Neujahrsansprache|Speech|Remarks|Address|Keynote)\s+(?:von|by)\s+` +
	`((?:Bundes|Minister|Staats|Ober|Vize|Alt)?(?:[Pp]räsident|[Kk]anzler|[Mm]inister|[Ss]ekretär|[Bb]ürgermeister|[Mm]inisterpräsident)(?:in)?\s+|` +
	`(?:Vice\s+|Prime\s+)?(?:President|Minister|Chancellor|Secretary|Governor|Mayor|Senator|Ambassador|Commissioner)\s+)?` +
	`(` + nameWords + `)(?:\s+(?:beim|bei|zum|zur|vor|in|im|am|an|auf|anlässlich|at|to|on|before|during)\s.*|\s*[,:–—-]\s.*)?$`)

// speaker returns the speaker a speech's title names, for a page that
// names no author otherwise. Without an office before it, a name must be
// a full one: "Keynote by Apple", "Grußwort von Stadt und Land" name no
// person.
func speaker(title string) []string {
	if title == "" || len(title) > 200 {
		return nil
	}
	m := speechTitle.FindStringSubmatch(title)
	if m == nil {
		return nil
	}
	office, name := m[1], m[2]
	if f := strings.Fields(name); len(f) > 4 {
		return nil // a phrase, not a name
	}
	names := cleanAuthors([]string{name})
	if office == "" && slices.ContainsFunc(names, func(n string) bool { return !strings.Contains(n, " ") }) {
		return nil
	}
	return names
}

// maxCommentNameDepth bounds the levels below a comment searched for its
// poster's name.
const maxCommentNameDepth = 8

// postAuthorComment returns the display name of the first comment the
// page marks as written by the post's author (WordPress's bypostauthor,
// wpDiscuz's wpd-blog-post_author), for a page that names no author
// otherwise: the name in its own comment header (.fn, Genesis's
// .comment-author-name, wpDiscuz's .wpd-comment-author), not in a reply
// nested in it. Only a person's full name is taken: ordinary comments
// are never read, and a login or first name says too little.
func (p *page) postAuthorComment(site string) []string {
	for _, sec := range p.comments {
		c := findPostAuthorComment(sec, 0)
		if c == nil {
			continue
		}
		n := commentName(c, 0)
		if n == nil || !smallText(n, 60) {
			return nil
		}
		names := cleanAuthors([]string{firstText(n)})
		if len(names) != 1 || hasPhrase(names) || p.nameKind(names[0], site) != namePerson {
			return nil
		}
		return names
	}
	return nil
}

// maxCommentDepth bounds the levels of a comment section searched for
// the post's author's comment (replies nest a few levels each).
const maxCommentDepth = 40

// findPostAuthorComment returns the first comment below n that WordPress
// (bypostauthor) or wpDiscuz (wpd-blog-post_author) marks as the post's
// author's, or nil.
func findPostAuthorComment(n *html.Node, depth int) *html.Node {
	if n.Type == html.ElementNode {
		cl := attr(n, "class")
		if (classHas(cl, "bypostauthor") || classHas(cl, "wpd-blog-post_author")) && strings.Contains(cl, "comment") {
			return n
		}
	}
	if depth >= maxCommentDepth {
		return nil
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && !isElem(k, atom.Script, atom.Style) {
			if c := findPostAuthorComment(k, depth+1); c != nil {
				return c
			}
		}
	}
	return nil
}

// firstText returns the first text below n that is not blank: a
// comment's display name without a badge after it ("Ann
// Lee<br><span>Author</span>").
func firstText(n *html.Node) string {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if t := strings.TrimSpace(c.Data); t != "" {
				return collapse(t)
			}
		case html.ElementNode:
			if t := firstText(c); t != "" {
				return t
			}
		}
	}
	return ""
}

// commentName finds the poster's name in a comment's own markup: the
// first .fn, .comment-author-name (Genesis) or .wpd-comment-author
// below c, replies nested in it (a list of children, another comment)
// left out.
func commentName(c *html.Node, depth int) *html.Node {
	if depth >= maxCommentNameDepth {
		return nil
	}
	for k := c.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.ElementNode {
			continue
		}
		cl := attr(k, "class")
		if classHas(cl, "fn") || classHas(cl, "comment-author-name") || classHas(cl, "wpd-comment-author") {
			return k
		}
		if classHas(cl, "children") || classHas(cl, "comment") || classHas(cl, "wpd-reply") {
			continue
		}
		if n := commentName(k, depth+1); n != nil {
			return n
		}
	}
	return nil
}

// siteTitleSel matches the site's title and tagline in a theme's header
// (WordPress themes write bloginfo name and description so).
var siteTitleSel = cascadia.MustCompile(".site-title, .site-description")

// maxSiteTitles bounds the header titles read for the owner's name.
const maxSiteTitles = 4

// honorific matches an academic or professional title before a name
// ("Dr. Ann Lee", "Prof. Dr. Ann Lee", "Dipl.-Ing. Ann Lee").
var honorific = regexp.MustCompile(`^(?:(?:Dr|Prof|Mag|Dipl\.-\pL+|Ing|med|phil|rer\. nat|habil)\.?\s+)+`)

// ownerOrgTypes are the JSON-LD types whose name is no person's.
var ownerOrgTypes = map[string]bool{"organization": true, "corporation": true, "brand": true, "store": true,
	"localbusiness": true, "onlinestore": true, "newsmediaorganization": true}

// siteOwner returns the site's owner, for an article page that names no
// author otherwise, when the site is a person's own: its name
// (og:site_name, the JSON-LD WebSite's or Person's name, the header's
// site title or tagline) is a person's full name that the host name
// spells out (ann-lee.example, annlee.wordpress.com ↔ "Ann Lee"; letters
// compared, accents folded). A person's name has a title before it
// ("Dr. Ann Lee") or opens with a common given name (sites name their
// JSON-LD Person after the brand too, so that is no proof); a name the
// JSON-LD gives an organisation (a brand named after its founder) is
// left alone.
func (p *page) siteOwner(art ldObject, site string) []string {
	if p.pageURL == nil || art == nil && p.meta.first("og:type") != "article" {
		return nil
	}
	labels := hostLabels(p.pageURL.Hostname())
	if len(labels) == 0 {
		return nil
	}
	try := func(name string) []string {
		name = collapse(name)
		bare := honorific.ReplaceAllString(name, "")
		// A title before the name or a common given name tells a person
		// from a brand of two capitalised words.
		if !ownerName(bare) || bare == name && !isGivenName(bare) ||
			!slices.ContainsFunc(labels, func(l string) bool { return spellsName(l, bare) }) || p.orgNamed(bare) {
			return nil
		}
		return []string{bare}
	}
	if o := try(site); o != nil {
		return o
	}
	for _, t := range []string{"website", "person"} {
		if o := p.ld.first(map[string]bool{t: true}); o != nil {
			if name := try(ldString(o, "name")); name != nil {
				return name
			}
		}
	}
	if p.body == nil || !p.mayMatch([]string{"site-title", "site-description"}) {
		return nil
	}
	for i, n := range siteTitleSel.MatchAll(p.body) {
		if i >= maxSiteTitles {
			break
		}
		if smallText(n, 60) {
			if o := try(nodeText(n)); o != nil {
				return o
			}
		}
	}
	return nil
}

// ownerName reports whether s is a person's full name: two to four
// capitalised words, no organisation, no common word.
func ownerName(s string) bool {
	f := strings.Fields(s)
	return len(f) >= 2 && len(f) <= 4 && nameLine.MatchString(s) && !orgName.MatchString(s) && !hasCommonWord(s) &&
		!strings.ContainsAny(s, "&")
}

// hostLabels returns the labels of host that may spell a person's name:
// all but the top-level domain and a leading www.
func hostLabels(host string) []string {
	parts := strings.Split(strings.TrimPrefix(strings.ToLower(host), "www."), ".")
	if len(parts) < 2 {
		return nil
	}
	return parts[:len(parts)-1]
}

// spellsName reports whether a host label spells the name: the same
// letters once hyphens, dots and spaces are dropped and accents folded
// ("müller" as "muller" or "mueller").
func spellsName(label, name string) bool {
	l := letters(label)
	if len(l) < 5 {
		return false
	}
	return l == foldLetters(name, false) || l == foldLetters(name, true)
}

// foldLetters returns the letters of s lowercased with accents dropped;
// umlauts written out (ä as ae) when spell is set.
func foldLetters(s string, spell bool) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r == '\u0308' && spell:
			b.WriteByte('e')
		case r == 'ß':
			b.WriteString("ss")
		case unicode.IsLetter(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// orgNamed reports whether the JSON-LD gives name to an organisation,
// a brand or a business.
func (p *page) orgNamed(name string) bool {
	for _, o := range p.ld.nodes {
		if strings.EqualFold(collapse(ldString(o, "name")), name) {
			for _, t := range ldTypes(o) {
				if ownerOrgTypes[t] {
					return true
				}
			}
		}
	}
	return false
}
