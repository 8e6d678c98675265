package extract

import (
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textAndPictures matches a magazine's combined credit of text and
// pictures, which names the author ("Text & Fotos: Ann Lee", "Text und
// Bild:", "Text/Fotos:", "Words and pictures by"); used case-insensitively.
// A credit for pictures alone ("Fotos: Ann Lee") names no author.
const textAndPictures = `(?:text|texte|words|story)\s*(?:&|\+|/|und|and)\s*(?:fotos?|bilder|bild|photos?|pictures|images|photography)`

// authorPrefix matches the words that introduce a byline.
var authorPrefix = regexp.MustCompile(`(?i)^(?:` + textAndPictures + `(?:\s+(?:by|von))?|(?:posted|written|published|words|text|story|reported|photos?)\s+(?:and\s+\w+\s+)?by|(?:(?:view|see|show)\s+)?all\s+(?:posts|articles|stories)\s+(?:by|from)|more\s+(?:from|by)|vom|(?:erstellt|artikel|beitrag|publié|publicado|veröffentlicht|geschrieben|verfasst)\s+(?:von|par|por|by)|(?:articles?|posts?|stories)\s+by|interview|(?:zeige\s+)?alle?\s+(?:artikel|beiträge|texte|posts)\s+von|alles\s+von|mehr\s+von|weitere\s+(?:artikel|beiträge)\s+von|tous\s+les\s+articles\s+de|by|von|par|por|di|door|av|autor(?:in|/in|\*in|:in|In)?|author|auteur|text|written)\s*[:\-–]?\s+`)

// authorNoise are texts of byline markup that name nobody: links to an
// author's archive, labels, and credits.
var authorNoise = regexp.MustCompile(`(?i)^(?:cortes[íi]a|courtesy|zvg|symbolbild|archivbild|(?:zeige\s+)?alle?\s+(?:artikel|beiträge|posts)|all\s+(?:posts|articles|stories)|view\s+all.*|more|mehr|autoren|authors?|schlagworte|tags|profil|profile|zum\s+profil.*)$|^(?:foto|photo|bild|fotos|photos|bilder|image|credit)\s*:|^©`)

// copyrightLine matches a rights statement given as the author
// ("Copyright Example GmbH & Co. KG - all rights reserved").
var copyrightLine = regexp.MustCompile(`(?i)^(?:©|\(c\)\s|copyright\b)`)

// authorSplit separates several names in one byline.
// An interview's byline joins the guest and the interviewer: "Ann Lee
// im Gespräch mit Bo Chan", "Ann Lee in conversation with Bo Chan".
var authorSplit = regexp.MustCompile(`(?i)\s*(?:,|;|\||/|&|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+|\s+im\s+gespräch\s+mit\s+|\s+in\s+conversation\s+with\s+)\s*`)

// authorPlaceholders are account names that stand for nobody.
var authorPlaceholders = map[string]bool{
	"admin": true, "administrator": true, "administrateur": true, "webmaster": true, "root": true,
	"wordpress": true, "user": true, "null": true, "undefined": true, "unknown": true, "none": true,
	"n/a": true, "editor": true, "guest": true, "anonymous": true, "author": true, "no author": true,
	"wordpressadmin": true, "siteadmin": true, "wpadmin": true, "adminuser": true,
	"super user": true, "superuser": true, "publisher": true,
	"anónimo": true, "anonimo": true, "anônimo": true, "anonym": true, "anonyme": true, "anonyma": true,
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
		if isURLish(r) || strings.HasPrefix(r, "@") || copyrightLine.MatchString(r) {
			continue
		}
		if m := sourceLine.FindStringSubmatch(r); m != nil {
			if !isCredit(m[1]) {
				continue // "Quelle: Statistisches Bundesamt": a source, not an author
			}
			r = m[1]
		}
		r = dropAddress(r)
		r = authorPrefix.ReplaceAllString(r, "")
		if loc := creditRole.FindStringIndex(r); loc != nil {
			r = r[:loc[0]] // "Ann Lee Illustration von Bo Chan"
		}
		if loc := bylineDateLabel.FindStringIndex(r); loc != nil && loc[0] > 0 {
			r = r[:loc[0]] // "Ann Lee Updated: May 2"
		}
		r = strings.TrimSpace(strings.TrimRight(r, "→»›> "))
		parts := authorSplit.Split(r, -1)
		if len(parts) > 1 && institution.MatchString(parts[0]) {
			parts = []string{r} // "Ministerium für Wirtschaft und Energie": one name
		}
		for _, name := range parts {
			name = dropTeam(name)
			name = strings.Trim(collapse(name), " :,;-–—|·•@→»")
			if loc := roleTitle.FindStringIndex(name); loc != nil && strings.Contains(name[loc[1]:], " ") {
				name = name[loc[1]:] // "Online-Experte Ann Lee"
			}
			name = trimDots(name)
			name = authorPrefix.ReplaceAllString(name, "")
			name = doubledName(trailingHandle.ReplaceAllString(name, ""))
			if authorNoise.MatchString(name) || isDateText(name) || bylineWord.MatchString(name) {
				continue
			}
			low := strings.ToLower(name)
			if utf8.RuneCountInString(name) < 2 || len(name) > 80 || isURLish(name) || strings.HasPrefix(name, "@") ||
				authorPlaceholders[low] || seen[low] || !hasLetter(name) || strings.ContainsAny(name, "@\"„“”«»") {
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

// dropAddress cuts the address written after a name ("Example Verlag,
// Hamburg, Germany"): a country closing a list, and the one-word town
// before it.
func dropAddress(r string) string {
	i := strings.LastIndexByte(r, ',')
	if i < 0 || !countries[strings.ToLower(strings.TrimSpace(r[i+1:]))] {
		return r
	}
	r = r[:i]
	if j := strings.LastIndexByte(r, ','); j >= 0 && isTown(strings.TrimSpace(r[j+1:])) {
		r = r[:j]
	}
	return r
}

// isTown reports whether s can be a town written before a country: one
// capitalised word, perhaps with abbreviations after it ("Frankfurt a.
// M.").
func isTown(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || !unicode.IsUpper([]rune(f[0])[0]) {
		return false
	}
	for _, w := range f[1:] {
		if !strings.HasSuffix(w, ".") || utf8.RuneCountInString(w) > 3 {
			return false
		}
	}
	return true
}

// countries are the names of countries (in English and their own
// languages) that close an address.
var countries = map[string]bool{
	"germany": true, "deutschland": true, "austria": true, "österreich": true, "switzerland": true,
	"schweiz": true, "suisse": true, "svizzera": true, "france": true, "italy": true, "italia": true,
	"spain": true, "españa": true, "portugal": true, "netherlands": true, "nederland": true,
	"belgium": true, "belgique": true, "belgië": true, "luxembourg": true, "poland": true, "polska": true,
	"denmark": true, "danmark": true, "sweden": true, "sverige": true, "norway": true, "norge": true,
	"finland": true, "suomi": true, "ireland": true, "czech republic": true, "czechia": true, "česko": true,
	"usa": true, "u.s.a.": true, "united states": true, "uk": true, "united kingdom": true,
	"canada": true, "australia": true, "new zealand": true, "india": true, "japan": true, "china": true,
	"brazil": true, "brasil": true, "mexico": true, "méxico": true, "argentina": true, "chile": true,
	"colombia": true, "south africa": true,
}

// institution matches the "für" inside the name of a German institution
// ("Bundesministerium für Wirtschaft", "Verein für Hafengeschichte"): a
// list that starts with it is one name, its "und" and commas part of it.
// A person's byline writes "für" before an article or a lowercase word
// ("Ann Lee für die Zeitung").
var institution = regexp.MustCompile(`\sfür\s\p{Lu}`)

// dropTeam cuts a team or desk written after a name and a dash ("Ann
// Lee - Chrome security team").
func dropTeam(name string) string {
	for _, sep := range []string{" - ", " – ", " — "} {
		if head, tail, ok := strings.Cut(name, sep); ok && strings.Contains(strings.TrimSpace(head), " ") && hasCommonWord(tail) {
			return head
		}
	}
	return name
}

// roleTitle matches a job title written before a name ("Redakteurin Ann
// Lee", "Wirtschafts-Korrespondent Bo Chan").
var roleTitle = regexp.MustCompile(`^(?:\pL+-)*(?:Experte|Expertin|Redakteur|Redakteurin|Chefredakteur|Chefredakteurin|Korrespondent|Korrespondentin|Reporter|Reporterin|Gastautor|Gastautorin|Kolumnist|Kolumnistin|Rechtsanwalt|Rechtsanwältin|Columnist|Correspondent|Contributor)\s+`)

// creditRole matches a credit for pictures after the writer's name in a
// byline ("Text von Ann Lee Fotos von Bo Chan").
var creditRole = regexp.MustCompile(`\s(?:Illustrations?|Illustrationen|Fotos?|Photos?|Bilder|Grafiken?|Infografik|Photography)(?:\s*:|\s+(?:von|by|de|par)\s).*$`)

// bylineDateLabel matches a label of the date written after the name in a
// byline ("Updated: May 2").
var bylineDateLabel = regexp.MustCompile(`\s(?:Updated|Published|Posted on|Aktualisiert|Veröffentlicht|Publicado|Actualizado|Publié|Mis à jour)\b.*$`)

// trailingHandle matches a social-media handle written after a name
// ("Ann Lee @annlee").
var trailingHandle = regexp.MustCompile(`\s+@\w+$`)

// dateWord matches the words of a date or an age written beside a name
// in a byline: month names, "Uhr", "ago", "hace".
var dateWord = regexp.MustCompile(`(?i)(?:^|\s)(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|ene|abr|ago|dic|janv|f[ée]v|avr|juil|ao[uû]|d[ée]c|uhr|ago|hace|vor|il y a|hours?|minutes?|stunden?|minuten?|horas?|tagen?|days?)\S*`)

// isDateText reports whether a part of a byline is a date or a time
// ("07 Dezember", "Publicado hace 3 horas", "12.03.2021"), not a name.
func isDateText(s string) bool {
	if strings.IndexFunc(s, unicode.IsDigit) < 0 {
		return false
	}
	return dateNumbers.MatchString(s) || loneNumber.MatchString(s) && dateWord.MatchString(s)
}

// loneNumber matches a number standing as a word, not part of a login
// ("anna81").
var loneNumber = regexp.MustCompile(`(?:^|\s)\d+\.?(?:\s|$)`)

// dateNumbers matches the numbers of a date or a time: a year, or day and
// month, or hours and minutes.
var dateNumbers = regexp.MustCompile(`\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./:]\d{1,2}\b`)

// isURLish reports whether s looks like a URL rather than a name.
func isURLish(s string) bool {
	low := strings.ToLower(s)
	return strings.Contains(low, "://") || strings.HasPrefix(low, "www.") || strings.HasPrefix(low, "/") ||
		domainPath.MatchString(low)
}

// domainPath matches a URL written without its scheme ("facebook.com/x").
var domainPath = regexp.MustCompile(`^[\pL0-9-]+(?:\.[\pL0-9-]+)*\.[a-z]{2,6}/`)

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f {
			return true
		}
	}
	return false
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
		if host != "" && (low == host || strings.HasPrefix(host, strings.ReplaceAll(low, " ", "")+".") ||
			letters(low) == letters(host) || letters(low) == letters(strings.TrimSuffix(host, path.Ext(host)))) {
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
	if strings.ContainsAny(s, " ") || !strings.ContainsAny(s, "._-") {
		return false
	}
	return strings.ToLower(s) == s
}

// dropSiteNames leaves out of a list of several authors the ones that
// name the site when a person is among them ("Rob Picheta | CNN"), and
// academic degrees split off a name ("Ann Lee, PhD").
func (p *page) dropSiteNames(authors []string, site string) []string {
	if len(authors) < 2 {
		return authors
	}
	// A credit of agencies and desks ("AFP/The Local") keeps the site.
	person := p.listKind(authors, site) == namePerson
	out := make([]string, 0, len(authors))
	for _, a := range authors {
		if person && p.isSiteName(a, site) || degrees[strings.ToLower(strings.Trim(a, "."))] {
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
// Lee Ann Lee": an image's alt text beside the link); initials ("R. R.")
// stay.
func doubledName(name string) string {
	f := strings.Fields(name)
	if n := len(f); n >= 2 && n%2 == 0 && strings.Join(f[:n/2], " ") == strings.Join(f[n/2:], " ") &&
		len(letters(strings.Join(f[:n/2], ""))) > 2 {
		return strings.Join(f[:n/2], " ")
	}
	return name
}

// creativeTypes are schema.org types besides articles whose author is the
// page's: a recipe, a how-to, a review page's subject is not one of them.
var creativeTypes = map[string]bool{"recipe": true, "howto": true, "course": true, "book": true}

// nameKind grades how surely a name from the metadata is the author's.
type nameKind int

const (
	// namePerson is a person's full name.
	namePerson nameKind = iota
	// nameShort is one word: a first name, a pen name or a login written
	// as one word. A visible byline that spells it out wins.
	nameShort
	// nameSite stands for no person: the site, its publisher or another
	// organisation, a domain, a handle, initials. Any visible byline wins.
	nameSite
)

// authors finds the article's authors; see doc.go for the precedence.
func (p *page) authors(art, web ldObject, site string) []string {
	if p.rules != nil {
		if a := cleanAuthors(p.ruleTexts(p.rules.authors)); len(a) > 0 {
			return a
		}
	}
	sources := make([]func() []string, 0, 3+len(authorKeys))
	webSource := -1
	for i, o := range []ldObject{art, web} {
		if o != nil {
			if i == 1 && art == nil {
				webSource = len(sources)
			}
			sources = append(sources, func() []string { return p.ld.names(o["author"]) })
		}
	}
	if art == nil {
		if o := p.ld.first(creativeTypes); o != nil {
			sources = append(sources, func() []string { return p.ld.names(o["author"]) })
		} else if o := p.ld.mainReview(); o != nil {
			sources = append(sources, func() []string { return p.ld.names(o["author"]) })
		}
	}
	for _, k := range authorKeys {
		if len(p.meta[k]) > 0 {
			sources = append(sources, func() []string { return uninvert(k, p.meta.all(k)) })
		}
	}
	var meta, fallback []string
	kind, metaSrc := nameSite, -1
	for i, src := range sources {
		names := cleanAuthors(src())
		if len(names) == 0 {
			continue
		}
		if fallback == nil {
			fallback = names
		}
		if k := p.metaKind(names, site); k < kind {
			meta, kind, metaSrc = names, k, i
			if k == namePerson {
				if i == webSource && !p.confirmed(meta, sources[i+1:]) {
					// The WebPage's author alone is the account that
					// published the page; a byline naming a person wins.
					if v := p.visibleAuthors(site, nil); len(v) > 0 && p.listKind(v, site) == namePerson {
						return p.dropSiteNames(v, site)
					}
				}
				meta = p.widerSource(meta, sources[i+1:], site)
				break
			}
		}
	}
	if kind == namePerson && p.namesPublisher(meta) {
		// The publisher filled in as the author: a byline naming another
		// person wins.
		if v := p.visibleAuthors(site, nil); len(v) > 0 && p.listKind(v, site) == namePerson && !mentions(v, meta[0]) {
			return p.dropSiteNames(v, site)
		}
	}
	main := art
	if main == nil {
		main = web
	}
	if kind == namePerson && metaSrc == 0 && main != nil && len(meta) == 1 && postAccount(main["author"]) {
		// The WordPress account that posted the article, never shown: the
		// visible byline names the writer.
		if v := p.visibleAuthors(site, nil); len(v) > 0 && p.listKind(v, site) == namePerson && !mentions(v, meta[0]) &&
			!strings.Contains(strings.ToLower(nodeText(p.body)), strings.ToLower(meta[0])) {
			return p.dropSiteNames(v, site)
		}
	}
	if kind == namePerson {
		return p.dropSiteNames(p.widerByline(meta, site), site)
	}
	visible := p.visibleAuthors(site, fallback)
	switch {
	case kind == nameShort && spellsOut(visible, meta):
		return p.dropSiteNames(visible, site)
	case kind == nameShort:
		if full := p.fullNameOf(meta); full != "" {
			return []string{full}
		}
		if full := p.bioName(art, meta); full != "" {
			return []string{full}
		}
		return meta
	case len(visible) > 0 && (fallback == nil || p.listKind(visible, site) < nameSite || holdsAll(fallback, visible) ||
		wireCredit(visible)):
		return p.dropSiteNames(visible, site)
	}
	return p.dropSiteNames(fallback, site)
}

// postAccount reports whether a JSON-LD author (of the Article, or of
// the WebPage without one) is the WordPress user
// that posted the page as Yoast SEO's schema graph writes it: a
// reference to a Person whose @id ends in #/schema/person/ and a hash.
func postAccount(author any) bool {
	o, ok := author.(map[string]any)
	if !ok {
		return false
	}
	id, _ := o["@id"].(string)
	return strings.Contains(id, "#/schema/person/")
}

// namesPublisher reports whether the metadata's one author is the
// publisher Dublin Core names (DC.publisher): templates fill the
// author's field with the magazine's name.
func (p *page) namesPublisher(meta []string) bool {
	pub := p.meta.first("dc.publisher", "dcterms.publisher")
	return len(meta) == 1 && pub != "" && strings.EqualFold(collapse(pub), meta[0])
}

// mentions reports whether one of names holds name (case folded).
func mentions(names []string, name string) bool {
	low := strings.ToLower(name)
	for _, n := range names {
		if strings.Contains(strings.ToLower(n), low) {
			return true
		}
	}
	return false
}

// widerSource returns the names of a later source that holds all of
// names and more: pages give the first author in JSON-LD and all of them
// in a meta tag.
func (p *page) widerSource(names []string, later []func() []string, site string) []string {
	for _, src := range later {
		more := cleanAuthors(src())
		if len(more) > len(names) && holdsAll(more, names) && p.allPersons(more, site) {
			return more
		}
	}
	return names
}

// widerByline returns the names of the page's byline when it lists all
// of the metadata's names and more: SEO plugins give only a post's first
// author, the theme's byline all of them ("By Ann Lee and Bo Chan"). The
// byline is the first element named like one (see bylineHolding) that
// holds the first name; a line crediting other work beside it
// ("Published by Ann Lee, reporting by Bo Chan") reads as a phrase.
func (p *page) widerByline(names []string, site string) []string {
	t := p.bylineHolding(names[0])
	if t == "" {
		return names
	}
	b := cleanAuthors([]string{t})
	if len(b) <= len(names) || len(b) > maxWiderByline || !holdsAll(b, names) || hasPhrase(b) {
		return names
	}
	for i, n := range b {
		if p.nameKind(n, site) != namePerson || strings.ContainsAny(n, "()[]:/") {
			return names // "Online-Redaktion", "Bo Chan (Fotos)": a label caught beside the names
		}
		for j, o := range b {
			if i != j && strings.Contains(strings.ToLower(n), strings.ToLower(o)) {
				return names // "Autoren: Ann Lee" beside "Ann Lee": a label glued to a name
			}
		}
	}
	return b
}

// maxBylineElements bounds the elements bylineHolding looks at.
const maxBylineElements = 5000

// bylineHolding returns the text of the first element outside the page
// furniture, the comments and teasers whose class names an author or a byline
// (author, byline, Byline) or that is itemprop=author, short enough for
// a byline and holding name; "" without one. One walk, no selectors: it
// runs on every page whose metadata names a person.
func (p *page) bylineHolding(name string) string {
	if p.body == nil || name == "" {
		return ""
	}
	found, seen := "", 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == "" && seen < maxBylineElements; c = c.NextSibling {
			if c.Type != html.ElementNode || junkTags[c.DataAtom] {
				continue
			}
			seen++
			if cl := attr(c, "class"); strings.Contains(cl, "author") || strings.Contains(cl, "byline") ||
				strings.Contains(cl, "Byline") || attr(c, "itemprop") == "author" {
				if smallText(c, maxBylineLen) {
					if t := nodeText(c); strings.Contains(t, name) && !strings.Contains(cl, "comment") &&
						!p.cls.inChrome(c) && p.cls.kind(c) < kindComments &&
						!inTeaserLink(c) && !inHeadline(c) && !p.inTeaserCard(c) {
						found = t
					}
					continue
				}
			}
			walk(c)
		}
	}
	walk(p.body)
	return found
}

// maxWiderByline bounds the names a byline may add to the metadata's.
const maxWiderByline = 4

// fullNameOf returns the full name a page shows for the one first name
// its metadata gives ("Todd" as "<p class=name>Todd Bates</p>"): the
// whole text of an element marked as a name (see namedLikeName), outside
// the page furniture and the comments, of two to four capitalised words
// starting with that name; "" without one, or when the page shows two
// such names.
func (p *page) fullNameOf(meta []string) string {
	if p.body == nil || len(meta) != 1 || !isFirstName(meta[0]) {
		return ""
	}
	first := meta[0]
	found, seen, other := "", 0, false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !other && seen < maxBylineTexts; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				seen++
				t := strings.TrimSpace(c.Data)
				if len(t) > len(first) && len(t) < maxLooseBylineLen && strings.HasPrefix(t, first+" ") {
					if name := p.shownFullName(collapse(t), first, c); name != "" {
						if found != "" && found != name {
							other = true
						}
						found = name
					}
				}
			case html.ElementNode:
				if junkTags[c.DataAtom] || isElem(c, atom.A, atom.H1, atom.H2, atom.H3, atom.Title) ||
					p.cls.isChromeElement(c) || p.cls.kind(c) >= kindComments {
					continue
				}
				walk(c)
			}
		}
	}
	walk(p.body)
	if other {
		return ""
	}
	return found
}

// shownFullName returns text when it is a person's full name starting
// with first and the whole text of its element t ("Todd Bates"), or "".
func (p *page) shownFullName(text, first string, t *html.Node) string {
	f := strings.Fields(text)
	if len(f) < 2 || len(f) > 4 || p.nameKind(text, "") != namePerson {
		return ""
	}
	for _, w := range f[1:] {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return ""
		}
	}
	if t.Parent == nil || collapse(nodeText(t.Parent)) != text || !namedLikeName(t.Parent) {
		return ""
	}
	return text
}

// namedLikeName reports whether n, or its parent, is marked as holding
// a person's name: a class naming a name, an author or a byline, or
// itemprop author or name ("<p class=full-name>", "<span
// class=author__name>").
func namedLikeName(n *html.Node) bool {
	for a, i := n, 0; a != nil && i < 2; a, i = a.Parent, i+1 {
		cl := strings.ToLower(attr(a, "class"))
		if strings.Contains(cl, "name") || strings.Contains(cl, "author") || strings.Contains(cl, "autor") ||
			strings.Contains(cl, "byline") || attr(a, "itemprop") == "author" || attr(a, "itemprop") == "name" {
			return true
		}
	}
	return false
}

// bioName returns the full name the JSON-LD author's description (the
// author's bio, which SEO plugins take from the CMS profile) opens with,
// when it starts with the one first name the metadata gives and a dash
// or comma ends it ("Todd Bates – writer and …"); "" otherwise.
func (p *page) bioName(art ldObject, meta []string) string {
	if art == nil || len(meta) != 1 || !isFirstName(meta[0]) {
		return ""
	}
	a, ok := art["author"].(ldObject)
	if !ok {
		return ""
	}
	bio := collapse(ldString(a, "description"))
	if id, ok := a["@id"].(string); ok && bio == "" {
		// The full node: the author's reference may repeat its name.
		for _, n := range p.ld.nodes {
			if n["@id"] == id && ldString(n, "description") != "" {
				bio = collapse(ldString(n, "description"))
				break
			}
		}
	}
	if !strings.HasPrefix(bio, meta[0]+" ") {
		return ""
	}
	name, _, ok := cutDash(bio)
	if !ok || strings.Contains(name, ",") {
		name, _, ok = strings.Cut(bio, ",")
	}
	f := strings.Fields(name)
	if !ok || len(f) < 2 || len(f) > 4 || p.nameKind(name, "") != namePerson {
		return ""
	}
	for _, w := range f[1:] {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return ""
		}
	}
	return name
}

// cutDash cuts s at its first dash set between spaces.
func cutDash(s string) (head, tail string, ok bool) {
	for _, sep := range []string{" - ", " – ", " — "} {
		if h, t, found := strings.Cut(s, sep); found {
			return strings.TrimSpace(h), t, true
		}
	}
	return s, "", false
}

// isFirstName reports whether s is one capitalised word of letters: a
// first name, not a login ("tbates", "t_bates") or initials.
func isFirstName(s string) bool {
	if utf8.RuneCountInString(s) < 3 {
		return false
	}
	for i, r := range s {
		if !unicode.IsLetter(r) || i == 0 && !unicode.IsUpper(r) || i > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// confirmed reports whether a later source names one of names too.
func (p *page) confirmed(names []string, later []func() []string) bool {
	for _, src := range later {
		for _, n := range cleanAuthors(src()) {
			if holdsAll([]string{n}, names[:1]) {
				return true
			}
		}
	}
	return false
}

// invertedKeys are the meta names whose conventions write a name family
// name first ("Lind, Mara"): Dublin Core's creator and Highwire Press's
// citation_author.
var invertedKeys = map[string]bool{"dc.creator": true, "dcterms.creator": true, "citation_author": true}

// invertedName matches a name written family name first: one capitalised
// word, a comma, given names or initials ("Lind, Mara", "Lee, Ann B.").
var invertedName = regexp.MustCompile(`^\s*(\p{Lu}[\pL'’-]+),\s+(\p{Lu}[\pL'’-]*\.?(?:\s+\p{Lu}[\pL'’-]*\.?)?)\s*$`)

// uninvert turns the names of a meta tag that writes them family name
// first into their usual order ("Lind, Mara" → "Mara Lind").
func uninvert(key string, vals []string) []string {
	if !invertedKeys[key] {
		return vals
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		if m := invertedName.FindStringSubmatch(v); m != nil {
			v = m[2] + " " + m[1]
		}
		out[i] = v
	}
	return out
}

// allPersons reports whether no name of the list stands for the site.
func (p *page) allPersons(names []string, site string) bool {
	for _, n := range names {
		if p.nameKind(n, site) == nameSite {
			return false
		}
	}
	return true
}

// holdsAll reports whether list holds every name of sub, ignoring case.
func holdsAll(list, sub []string) bool {
	for _, s := range sub {
		found := false
		for _, l := range list {
			if strings.EqualFold(l, s) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// visibleAuthors reads the byline shown on the page: its markup, else a
// byline written as text. A byline that names the site gives way to one
// written as text, unless it repeats the metadata's names; bylines of
// phrases (captions, lines of post metadata) are ignored.
func (p *page) visibleAuthors(site string, meta []string) []string {
	b := p.bylineAuthors()
	if hasPhrase(b) {
		b = nil
	}
	bk := p.listKind(b, site)
	if len(b) > 0 && (bk == namePerson || len(meta) > 0 && holdsAll(meta, b)) {
		return b
	}
	if len(b) > 0 && bk == nameShort {
		// A login in the byline markup gives way to a byline written as
		// text that names a person ("Gespeichert von admin" … "Ein
		// Beitrag von Ann Lee").
		if t := p.bylineText(); len(t) > 0 && !hasPhrase(t) && p.listKind(t, site) == namePerson {
			return t
		}
		return b
	}
	if t := p.bylineText(); len(t) > 0 && !hasPhrase(t) && (len(b) == 0 || p.listKind(t, site) < nameSite) {
		return t
	}
	if len(b) == 0 {
		if a := p.avatarByline(); len(a) > 0 && !hasPhrase(a) {
			return a
		}
		if a := p.authorBoxByline(); len(a) > 0 && !hasPhrase(a) {
			return a
		}
		if a := p.noscriptByline(); len(a) > 0 && !hasPhrase(a) {
			return a
		}
	}
	if len(b) == 0 || bk == nameSite {
		if a := p.ccAttribution(site); len(a) > 0 {
			return a
		}
	}
	return b
}

// hasPhrase reports whether a name of the list is a phrase, not a name:
// the byline markup caught a caption or a line of post metadata. A
// phrase has four words or more, one of them in lowercase, or is all
// lowercase words.
func hasPhrase(names []string) bool {
	for _, n := range names {
		f := strings.Fields(n)
		if len(f) >= 4 && hasCommonWord(n) || len(f) >= 2 && strings.ToLower(n) == n {
			return true
		}
	}
	return false
}

// spellsOut reports whether the visible names write out the short name
// the metadata gives: "Nils" as "Nils Berg", "nilsberg" as "Nils Berg".
func spellsOut(visible, short []string) bool {
	if len(visible) == 0 {
		return false
	}
	for _, s := range short {
		ls := letters(s)
		for _, v := range visible {
			if v == s {
				continue
			}
			if letters(v) == ls {
				return true
			}
			for _, w := range strings.Fields(v) {
				if strings.EqualFold(w, s) {
					return true
				}
			}
		}
	}
	return false
}

// letters returns the letters of s, lowercased.
func letters(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// listKind grades a list of names by its best name.
func (p *page) listKind(names []string, site string) nameKind {
	kind := nameSite
	for _, n := range names {
		kind = min(kind, p.nameKind(n, site))
	}
	return kind
}

// metaKind grades the names of a metadata source: as listKind, but short
// names beside the site's ("SPIEGEL ONLINE, Hamburg, Germany") stand for
// no person either.
func (p *page) metaKind(names []string, site string) nameKind {
	kind := p.listKind(names, site)
	if kind == nameShort && !p.allPersons(names, site) {
		return nameSite
	}
	return kind
}

// nameKind grades one cleaned name.
func (p *page) nameKind(name, site string) nameKind {
	switch {
	case p.isSiteName(name, site) || isHandle(name) || isInitials(name) || orgName.MatchString(name) ||
		p.namesHost(name) || hasCommonWord(name):
		return nameSite
	case !strings.Contains(name, " "):
		return nameShort
	}
	return namePerson
}

// orgName matches the name of an organisation rather than a person's:
// legal forms, publishers, a domain inside the name.
var orgName = regexp.MustCompile(`(?i)(?:^|[\s(])(?:e\.\s?V\.?|g?GmbH|AG|SE|KG|Ltd\.?|Inc\.?|LLC|S\.A\.|Verlag|Stiftung|Online|www\.\S+)(?:$|[\s),])|\S\.(?:com|de|org|net|at|ch)\b`)

// isInitials reports whether s is two capitals, as editors sign a
// report ("JF"): the name behind them is in the byline if anywhere.
func isInitials(s string) bool {
	return utf8.RuneCountInString(s) == 2 && strings.ToUpper(s) == s && hasLetter(s) && !strings.ContainsAny(s, " .")
}

// namesHost reports whether name holds the page's host name of several
// words and more ("Verein Beispiel Freunde" on beispiel-freunde.de); a
// person's own domain is the name alone.
func (p *page) namesHost(name string) bool {
	if p.pageURL == nil {
		return false
	}
	host := strings.TrimPrefix(strings.ToLower(p.pageURL.Hostname()), "www.")
	label, _, _ := strings.Cut(host, ".")
	if len(label) < 5 || !strings.Contains(label, "-") {
		return false
	}
	label = strings.ReplaceAll(label, "-", " ")
	low := strings.ReplaceAll(strings.ToLower(name), "-", " ")
	return low != label && strings.Contains(low, label)
}

// nameParticles are lowercase words inside persons' names.
var nameParticles = map[string]bool{
	"von": true, "vom": true, "van": true, "der": true, "den": true, "de": true, "del": true, "della": true,
	"di": true, "da": true, "do": true, "dos": true, "das": true, "du": true, "la": true, "le": true,
	"les": true, "y": true, "e": true, "zu": true, "zur": true, "ten": true, "ter": true, "bin": true, "ibn": true,
	"al": true, "el": true, "af": true, "av": true,
}

// hasCommonWord reports whether a name of several words holds a word in
// lowercase that no person's name has ("deinen Bloggern", "Magazin für
// Reisen"), or a dash between words ("Forst - LWF"): it is a phrase or
// an organisation.
func hasCommonWord(name string) bool {
	f := strings.Fields(name)
	if len(f) < 2 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !nameParticles[strings.ToLower(strings.TrimRight(w, "."))] || !hasLetter(w) {
			return true
		}
	}
	return false
}
