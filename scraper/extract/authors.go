package extract

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
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

// bylineWord is a text that introduces the author's name in the next
// element: "By", "Von", "Par", "Autor:", "Text:".
var bylineWord = regexp.MustCompile(`(?i)^\s*(?:` + textAndPictures + `(?:\s+(?:by|von))?|by|von|par|por|di|door|av|autor(?:in|/in|\*in|:in|en|innen)?|authors?|auteurs?|text|texto|interview|written by|posted by|(?:articles?|posts?|story|stories)\s+by|geschrieben von|verfasst von|(?:eine?\s+)?(?:blog[- ]?beitrag|gastbeitrag|beitrag|artikel|interview)\s+von|rezept von)\s*:?\s*$`)

// bylineInline matches a byline written in one text: "By Ann Lee",
// "Von Bo Chan und Ann Lee", "Autor: Ann Lee", "von Ann Lee", "Eine
// Kolumne von Ann Lee", "Posted by Ann Lee in News".
var bylineInline = regexp.MustCompile(`^[\s|·•–—-]*(?:(?i:` + textAndPictures + `)(?::|\s+(?:von|by))|By|BY|by|Von|VON|von|Par|par|Por|Autor(?:in)?:|Autor(?:en|innen):?|Authors?:|Auteur\s?:|Text:|Text von|Interview:|Redaktion:|Written by|Posted by|Geschrieben von|Verfasst von|(?:Blog[- ]?|Gast)?[Bb]eitrag von|Eine?\s+\p{Lu}\pL+\s+von)\s+(` + nameWords + `)(?:\s*[|,·•–—(].*|\s+-.*|\s(on|in|under|am|le|el)(?:\s.*)?)?$`)

// bylineTail matches a byline that ends a line of post metadata:
// "Posted on May 2, 2020 by Ann Lee", or a login followed by the date in
// classic WordPress themes: "Posted in News by annlee on May 2, 2020".
var bylineTail = regexp.MustCompile(`^\s*(?:Posted|Published|Written|Veröffentlicht|Publié)\b.{0,60}?\s(?:by|von|par)\s+(` + nameWords + `|[\pL\d._-]+\s+on\s)\s*.{0,40}$`)

// loginOnDate matches the end of a classic WordPress meta line after its
// category link: "by annlee on May 2, 2020".
var loginOnDate = regexp.MustCompile(`^(?:by|von)\s+([\pL\d._-]+)\s+(?:on|am)\s+(.{4,30})$`)

// loginAtTime matches the author and time that end the post metadata of
// WordPress's classic default theme: "Filed under: News — annlee @ 00:11".
var loginAtTime = regexp.MustCompile(`^([\pL\d._-]+)\s+@\s+\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?$`)

// nameWords matches a name of up to seven capitalised words, with the
// particles and joiners names have.
const nameWords = `\p{Lu}[\pL.'’-]*(?:\s+(?:\p{Lu}[\pL.'’-]*|van|von|de|der|da|di|la|le|und|and|et|&|y)){0,6}`

// bylineJoiner is the text between two names in a byline of several
// elements: "<a>Ann Lee</a> und <a>Bo Chan</a>".
var bylineJoiner = regexp.MustCompile(`(?i)^\s*(?:,|&|and|und|et|y)\s*$`)

// maxBylineTexts bounds the text nodes bylineText looks at.
const maxBylineTexts = 3000

// bylineText finds a byline written as text, outside the page furniture
// and the comments: a word such as "By" or "Von" followed by the name in
// the next element (and further names joined by "und", "and", a comma),
// or "By Ann Lee" in one short text or one part of it between "|".
func (p *page) bylineText() []string {
	if p.body == nil {
		return nil
	}
	var found, agency []string
	seen := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil && seen < maxBylineTexts; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				seen++
				t := strings.TrimSpace(c.Data)
				if agency == nil {
					agency = datelineAgency(c, t)
				}
				if agency == nil {
					agency = closingAgency(c, t)
				}
				if agency == nil && len(t) <= 24 {
					agency = headlineCredit(c, t)
				}
				if agency == nil && len(t) >= 6 {
					agency = sourceCredit(c, t)
				}
				if len(t) < 2 || len(t) > 120 {
					continue
				}
				if w := strings.TrimSpace(strings.Trim(t, "|·•")); len(w) <= 24 && bylineStart(w) && bylineWord.MatchString(w) {
					found = cleanAuthors(p.wordNames(c))
					if found != nil {
						return
					}
					continue
				}
				if isElem(n, atom.A) && bylineStart(t) && len(strings.Fields(t)) > maxLinkedBylineWords && p.titleLink(n) {
					continue // a linked title: "Von Einheimischen, Gästen und Kühen"
				}
				if bylineStart(trimBylineMarks(t)) || strings.ContainsAny(t, "|·•") || strings.Contains(t, " @ ") {
					found = inlineByline(collapse(t))
				}
				if found == nil && len(t) <= maxMetaLine {
					found = dateByline(t)
				}
				if found == nil && t[0] >= 0xE3 {
					found = cjkByline(t)
				}
				if found == nil && p.datedName == nil && t[0] >= '0' && t[0] <= '9' && len(t) <= maxMetaLine {
					p.datedName = p.datedLine(c, n, t) // taken only when nothing else names the author
				}
			case html.ElementNode:
				if junkTags[c.DataAtom] || p.cls.isChromeElement(c) || p.cls.kind(c) >= kindComments ||
					isElem(c, atom.Aside, atom.Pre, atom.Code, atom.H1, atom.Blockquote) || isTeaserLink(c) {
					continue
				}
				walk(c)
			}
		}
	}
	walk(p.body)
	if len(found) == 0 {
		return agency
	}
	return found
}

// agencies are the short names of news agencies as datelines and
// closing credits write them.
const agencies = `dpa|AFP|afp|AP|Reuters|rtr|epd|KNA|kna|APA|apa|SDA|sda|dts|sid|SID|ddp|AAP|ANSA|EFE|Xinhua|Kyodo|Jiji|PA|Belga|Keystone-SDA`

// wireServices are news agencies and press services (as well as those of
// agencies) that German and Austrian sites name in a source line
// ("Quelle: dpa", "Quelle: kathpress"), matched in any case.
const wireServices = agencies + `|dpa-AFX|AFX|kathpress|KAP|Bloomberg|ANP|TT|NTB|CTK|ČTK|PAP|TASR|MTI|Anadolu|AA|Yonhap|Interfax|TASS|Ritzau|STT|Lusa|Europa Press|Agenturen|Agencies`

// closingCreditRe matches the agency credit in brackets that ends a
// report's paragraph, alone or after the desk that reworked it: "(dpa)",
// "(AFP/dpa)", "(FR mit dpa)".
var closingCreditRe = regexp.MustCompile(`\(((?:\p{Lu}{2,5}\s+mit\s+)?(?:` + agencies + `)(?:/(?:` + agencies + `|[a-z]{2,4}))*)\)$`)

// closingAgency reads the agency credit that closes a paragraph.
func closingAgency(n *html.Node, t string) []string {
	if len(t) < 20 || t[len(t)-1] != ')' || !closesParagraph(n) {
		return nil
	}
	if m := closingCreditRe.FindStringSubmatch(t[max(0, len(t)-24):]); m != nil {
		return cleanAuthors([]string{m[1]})
	}
	if m := closingSourceRe.FindStringSubmatch(t[max(0, len(t)-56):]); m != nil && isCredit(m[1]) {
		return cleanAuthors([]string{m[1]})
	}
	return nil
}

// closingSourceRe matches a source line in brackets that ends a report's
// paragraph: "… sagte er. (Quelle: KNA)".
var closingSourceRe = regexp.MustCompile(`\((?:Quelle|Source)\s?:\s*([^()]{2,40})\)$`)

// agencyName matches a text that is nothing but a news agency's name.
var agencyName = regexp.MustCompile(`^(?i:` + agencies + `|jiji|jiji press|kyodo news|bloomberg)$`)

// headlineCredit reads the agency credited alone in the element right
// after the headline or its hgroup ("<h1>…</h1><p
// class=credit>Kyodo</p>"): a wire report's credit line.
func headlineCredit(n *html.Node, t string) []string {
	el := n.Parent
	if el == nil || n.PrevSibling != nil || n.NextSibling != nil {
		return nil
	}
	prev := el.PrevSibling
	for prev != nil && prev.Type != html.ElementNode {
		prev = prev.PrevSibling
	}
	if !isElem(prev, atom.H1, atom.Hgroup) || !agencyName.MatchString(t) {
		return nil
	}
	return cleanAuthors([]string{t})
}

// sourceLine matches a line naming the source of a report: "Quelle:
// dpa", "(Quelle: kathpress)", "Source: AP".
var sourceLine = regexp.MustCompile(`^\(?(?:Quelle|Quellen|Source|Sources)\s?:\s*([^()]{2,40}?)\)?$`)

// wireService matches one news agency or press service of a credit.
var wireService = regexp.MustCompile(`^(?i:` + wireServices + `)$`)

// deskCode matches the lowercase initials of an editor or desk that
// reworked a report ("dpa/lno", "MDR/ls", "dsw / DPA").
var deskCode = regexp.MustCompile(`^\p{Ll}{2,4}$`)

// outletName matches the name of a broadcaster or a site that a desk
// code follows in a credit: capitals ("MDR THÜRINGEN", "SWR") or a
// domain ("example.de").
var outletName = regexp.MustCompile(`^(?:\p{Lu}[\p{Lu}\d-]+(?:\s\p{Lu}[\p{Lu}\d-]+){0,2}|[\pL\d-]+\.\p{Ll}{2,4})$`)

// maxSourceLine bounds the text of a paragraph read as a source line.
const maxSourceLine = 60

// sourceCredit reads the credit of a paragraph that is nothing but a
// source line naming news agencies or a desk ("<p>Quelle: <a>dpa</a></p>",
// "<p><em>Quelle: MDR/ls</em></p>"). A source that is no agency ("Quelle:
// Statistisches Bundesamt", "Quelle: Wikipedia") names no author, and a
// source line in a figure or table is a picture's or a chart's.
func sourceCredit(n *html.Node, t string) []string {
	if t[0] != 'Q' && t[0] != 'S' && t[0] != '(' || !opensParagraph(n) {
		return nil
	}
	par := n.Parent
	for !isElem(par, atom.P) {
		par = par.Parent
	}
	if inFigure(par) || !smallText(par, maxSourceLine) {
		return nil
	}
	m := sourceLine.FindStringSubmatch(nodeText(par))
	if m == nil || !isCredit(m[1]) {
		return nil
	}
	return cleanAuthors([]string{m[1]})
}

// isCredit reports whether v names only news agencies and desks: "dpa",
// "APA/AP", "dsw / DPA", an outlet and a desk's initials ("MDR/ls").
func isCredit(v string) bool {
	parts := creditSplit.Split(v, -1)
	wire := false
	for i, part := range parts {
		part = strings.TrimSpace(part)
		switch {
		case wireService.MatchString(part):
			wire = true
		case deskCode.MatchString(part) && len(parts) > 1:
			wire = true
		case i == 0 && len(parts) > 1 && outletName.MatchString(part):
		default:
			return false
		}
	}
	return wire
}

// wireCredit reports whether names are a news agency credit: agencies
// and desks' initials only, one agency at least ("AP", "dpa", "lno").
// It names the report's source more closely than the site's name.
func wireCredit(names []string) bool {
	wire := false
	for _, n := range names {
		switch {
		case wireService.MatchString(n):
			wire = true
		case !deskCode.MatchString(n):
			return false
		}
	}
	return wire
}

// creditSplit separates the agencies and desks of a credit.
var creditSplit = regexp.MustCompile(`\s*[/,]\s*`)

// inFigure reports whether n sits in a figure, its caption or a table
// (up to four levels up).
func inFigure(n *html.Node) bool {
	for i := 0; i < 4 && n != nil; i, n = i+1, n.Parent {
		if isElem(n, atom.Figure, atom.Figcaption, atom.Td, atom.Th, atom.Caption) {
			return true
		}
	}
	return false
}

// closesParagraph reports whether the text n ends a paragraph.
func closesParagraph(n *html.Node) bool {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type != html.TextNode || strings.TrimSpace(s.Data) != "" {
			return false
		}
	}
	return isElem(n.Parent, atom.P)
}

// datelineRe matches the dateline that opens a news agency's report: the
// place, the agency's short name (and its desk) in brackets, a dash:
// "Hamburg (dpa/lno) –", "LOS ANGELES (Reuters) -", "Paris (AFP) —".
var datelineRe = regexp.MustCompile(`^\p{Lu}[\pL.'’ /-]{1,40}?\s\(((?:` + agencies + `)(?:/[\pL-]{2,8})*)\)\s*[–—-](?:\s|$)`)

// datelineAgency reads the agency of a dateline that opens a paragraph
// (its first text, or the first text of its first element).
func datelineAgency(n *html.Node, t string) []string {
	if len(t) < 10 || !unicode.IsUpper(rune(t[0])) {
		return nil
	}
	head := t[:min(len(t), 80)]
	if !strings.Contains(head, ") ") || !opensParagraph(n) {
		return nil
	}
	if m := datelineRe.FindStringSubmatch(head); m != nil {
		return cleanAuthors([]string{m[1]})
	}
	return nil
}

// opensParagraph reports whether the text n starts a paragraph, directly
// or inside the paragraph's first element ("<p><strong>Berlin (dpa)
// –</strong> …").
func opensParagraph(n *html.Node) bool {
	for i := 0; i < 2 && n.Parent != nil; i++ {
		if n.PrevSibling != nil && !(n.PrevSibling.Type == html.TextNode && strings.TrimSpace(n.PrevSibling.Data) == "") {
			return false
		}
		n = n.Parent
		if isElem(n, atom.P) {
			return true
		}
	}
	return false
}

// maxLinkedBylineWords bounds a byline written as the text of a link
// ("By Ann Lee" linking to her page); longer texts of links to other
// articles are their titles.
const maxLinkedBylineWords = 4

// isTeaserLink reports whether n is a link wrapping a teaser card (a
// heading, header or paragraph inside it, at most two levels down): the
// byline of another article. An author card (an avatar and a name) is
// no teaser.
func isTeaserLink(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isTeaserPart(c) {
			return true
		}
		for g := c.FirstChild; g != nil; g = g.NextSibling {
			if isTeaserPart(g) {
				return true
			}
		}
	}
	return false
}

// isTeaserPart reports whether n is an element only teaser cards put in
// a link.
func isTeaserPart(n *html.Node) bool {
	return isElem(n, atom.H2, atom.H3, atom.H4, atom.Header, atom.P)
}

// inTeaserLink reports whether n sits in a link wrapping a teaser card,
// a few levels up.
func inTeaserLink(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
		if a.Type == html.ElementNode && a.DataAtom == atom.A {
			return isTeaserLink(a)
		}
	}
	return false
}

// inTeaserCard reports whether n, or an element up to two levels above
// it, comes after a heading whose words link to another page: a teaser
// card's title, whose byline is the linked article's ("<h2><a
// href=/other-story>Title</a></h2><div class=author>…"). The scan of
// the preceding siblings stops at an h1: the article's own header.
func (p *page) inTeaserCard(n *html.Node) bool {
	for a, i := n, 0; a != nil && i < 3; a, i = a.Parent, i+1 {
		seen := 0
		for s := a.PrevSibling; s != nil && seen < 4; s = s.PrevSibling {
			if s.Type != html.ElementNode {
				continue
			}
			seen++
			if isElem(s, atom.H1) {
				return false
			}
			if isElem(s, atom.H2, atom.H3, atom.H4, atom.H5) && p.linksElsewhere(s) ||
				isElem(s, atom.A) && isElem(a.Parent, atom.Li) && p.titleLink(s) {
				return true
			}
		}
	}
	return false
}

// linksElsewhere reports whether a heading's text is a link to another
// article (see titleLink).
func (p *page) linksElsewhere(h *html.Node) bool {
	var link *html.Node
	for c := h.FirstChild; c != nil && link == nil; c = c.NextSibling {
		switch {
		case isElem(c, atom.A):
			link = c
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false
		}
	}
	return link != nil && p.titleLink(link)
}

// titleLink reports whether a link leads to another article under its
// title: two words or more, a URL ending in a slug or an id
// ("/kultur/der-stummfilm", not a section's "/politik/"), not this page,
// not a permalink marked rel=bookmark (hAtom's entry title: a blog's
// front page shows whole posts, each with its own byline) and no tag or
// category link.
func (p *page) titleLink(link *html.Node) bool {
	rel := attr(link, "rel")
	if hasToken(rel, "bookmark") || hasToken(rel, "tag") || hasToken(rel, "category") || !smallText(link, 300) ||
		len(strings.Fields(nodeText(link))) < 2 {
		return false
	}
	href := p.absURL(attr(link, "href"))
	u, err := url.Parse(href)
	if err != nil || href == "" || strings.HasPrefix(attr(link, "href"), "#") {
		return false
	}
	last := path.Base(strings.TrimRight(u.Path, "/"))
	if !strings.ContainsAny(last, "-_.0123456789") {
		return false
	}
	self := trimURL(href)
	return self != trimURL(p.absURL(p.pageURLString())) && self != trimURL(p.links["canonical"])
}

// inLicenseCredit reports whether n sits beside a link to a Creative
// Commons license within two levels up: the attribution of a licensed
// picture ("Photo: Ann Lee, CC BY 2.0"), not the article's byline. A
// link marked rel=license gives the license of the page's own content
// (HTML's rel=license), whose author may well stand beside it.
func inLicenseCredit(n *html.Node) bool {
	a := n
	for i := 0; i < 2 && a.Parent != nil; i++ {
		a = a.Parent
	}
	seen := 0
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil && seen < maxLicenseScan; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			seen++
			if c.DataAtom == atom.A && !hasToken(attr(c, "rel"), "license") && strings.Contains(attr(c, "href"), "creativecommons.org/licenses/") {
				return true
			}
			if depth < 2 && walk(c, depth+1) {
				return true
			}
		}
		return false
	}
	return walk(a, 0)
}

// maxLicenseScan bounds the elements inLicenseCredit looks at.
const maxLicenseScan = 60

// inQuote reports whether n sits in a blockquote, a few levels up: the
// attribution of a quotation names its speaker, not the article's
// author.
func inQuote(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 6; a, i = a.Parent, i+1 {
		if isElem(a, atom.Blockquote) {
			return true
		}
	}
	return false
}

// hasClassWith reports whether a class name of the page holds one of
// parts (or parts is nil).
func (p *page) hasClassWith(parts []string) bool {
	if parts == nil {
		return true
	}
	for c := range p.pageClasses() {
		for _, part := range parts {
			if strings.Contains(c, part) {
				return true
			}
		}
	}
	return false
}

// inReview reports whether n sits in a review, a comment or an answer
// marked up with microdata inside another item (a product's reviews, an
// article's comments): its author is not the page's.
func inReview(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 8; a, i = a.Parent, i+1 {
		if t := attr(a, "itemtype"); t != "" {
			if !strings.Contains(t, "Review") && !strings.Contains(t, "Comment") && !strings.Contains(t, "Answer") {
				return false
			}
			for o := a.Parent; o != nil; o = o.Parent {
				if hasAttr(o, "itemscope") {
					return true
				}
			}
			return false
		}
	}
	return false
}

// inHeadline reports whether n is or sits in an h1, a few levels up: a
// site title or headline marked up as an author's (h1.vcard.author).
func inHeadline(n *html.Node) bool {
	for a, i := n, 0; a != nil && i < 3; a, i = a.Parent, i+1 {
		if isElem(a, atom.H1) {
			return true
		}
	}
	return false
}

// maxMetaLine bounds a line of post metadata that goes on after the name
// ("Posted by Ann Lee in News").
const maxMetaLine = 60

// trimBylineMarks removes the separators and spaces a text of post
// metadata starts with ("- Redaktion: …", "| By …").
func trimBylineMarks(t string) string {
	return strings.TrimLeftFunc(t, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("|·•–—-", r) })
}

// inlineByline reads a byline written in one text, or in one part of a
// line of post metadata separated by "|", "·" or "•".
func inlineByline(t string) []string {
	t = trimBylineMarks(t)
	if m := loginAtTime.FindStringSubmatch(t); m != nil {
		return cleanAuthors([]string{m[1]})
	}
	if bylineStart(t) {
		if m := bylineInline.FindStringSubmatch(t); m != nil {
			if t[0] >= 'a' && t[0] <= 'z' && !strings.Contains(m[1], " ") || m[2] != "" && len(t) > maxMetaLine {
				return nil // "von Künstlern", "By Friday in London we …": a phrase, not a byline
			}
			return cleanAuthors([]string{m[1]})
		}
		if m := bylineTail.FindStringSubmatch(t); m != nil {
			return cleanAuthors([]string{strings.TrimSuffix(strings.TrimSpace(m[1]), " on")})
		}
		if m := loginOnDate.FindStringSubmatch(t); m != nil && isDateText(m[2]) {
			return cleanAuthors([]string{m[1]})
		}
	}
	if !strings.ContainsAny(t, "|·•") {
		return nil
	}
	for _, part := range strings.FieldsFunc(t, func(r rune) bool { return r == '|' || r == '·' || r == '•' }) {
		part = strings.TrimSpace(part)
		if len(part) < 2 || !bylineStart(part) {
			continue
		}
		if m := bylineInline.FindStringSubmatch(part); m != nil && m[2] == "" {
			return cleanAuthors([]string{m[1]})
		}
	}
	return nil
}

// dateByWord matches the word between the date and the name of a meta
// line: "06.11.2023 13:30 von Ann Lee", "May 2, 2020 by Ann Lee".
var dateByWord = regexp.MustCompile(`\s(?:by|By|von|Von|par|por)\s+(` + nameWords + `)$`)

// dateByline reads a meta line that gives the date, then the author
// after "by" or "von": nothing but a date may come before the word.
func dateByline(t string) []string {
	if strings.IndexFunc(t, unicode.IsDigit) < 0 || !strings.Contains(t, "y ") && !strings.Contains(t, "n ") && !strings.Contains(t, "r ") {
		return nil
	}
	t = collapse(t)
	loc := dateByWord.FindStringSubmatchIndex(t)
	if loc == nil || !isDateText(t[:loc[0]]) || !dateOnly(t[:loc[0]]) {
		return nil
	}
	return cleanAuthors([]string{t[loc[2]:loc[3]]})
}

// dateOnly reports whether every word of s belongs to a date or a time:
// numbers, month names, "Uhr", "am", "on".
func dateOnly(s string) bool {
	for _, f := range strings.Fields(s) {
		f = strings.Trim(f, ".,:;-–|")
		if f == "" || strings.Trim(f, "0123456789.,:/-") == "" {
			continue
		}
		low := strings.ToLower(f)
		if len(f) > 10 || !dateWord.MatchString(low) && !dateJoiners[low] {
			return false
		}
	}
	return true
}

// cjkBylineRe matches the labelled byline of Chinese news pages: "作者："
// (author) or "责任编辑：" (the editor in charge, whom these sites also
// name in their author meta) before a name of Han characters.
// A role word before the name ("记者", reporter) is left out.
var cjkBylineRe = regexp.MustCompile(`^[\[【（(]?\s*(?:作者|责任编辑|責任編輯)\s*[:：]\s*(?:记者|記者|通讯员)?\s*(\p{Han}{2,5})\s*[\]】）)]?$`)

// cjkByline reads a byline written with a Chinese label.
func cjkByline(t string) []string {
	if m := cjkBylineRe.FindStringSubmatch(t); m != nil {
		return cleanAuthors([]string{m[1]})
	}
	return nil
}

// dateJoiners are the short words of a written date or time.
var dateJoiners = map[string]bool{"am": true, "um": true, "on": true, "at": true, "le": true, "el": true, "de": true,
	"pm": true, "a.m": true, "p.m": true, "h": true}

// isCustomInline reports whether n is an element HTML does not know
// ("<nonbold>Text:</nonbold>"): browsers show it inline, as a span.
func isCustomInline(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == 0 && !strings.Contains(n.Data, ":")
}

// wordNames returns the names after a byline word: in the elements after
// it, or after the element it is alone in ("<span>By</span> <a>Ann
// Lee</a>", a label heading or term: "<h4>Autor</h4><p>Ann Lee</p>",
// "<dt>Autor</dt><dd>Ann Lee</dd>").
func (p *page) wordNames(word *html.Node) []string {
	if names := namesAfter(word); len(names) > 0 {
		return names
	}
	if parent := word.Parent; word.PrevSibling == nil && word.NextSibling == nil && (isElem(parent, atom.Span, atom.Strong, atom.B,
		atom.Em, atom.I, atom.Small, atom.Label, atom.H4, atom.H5, atom.H6, atom.Dt) || isCustomInline(parent)) {
		names := namesAfter(parent)
		if len(names) > 1 && isElem(parent, atom.H4, atom.H5, atom.H6, atom.Dt) {
			// A label's names are in the one element after it; the
			// next elements are other labels and values.
			names = names[:1]
		}
		return names
	}
	if parent := word.Parent; word.PrevSibling == nil && word.NextSibling == nil && isElem(parent, atom.Div, atom.P) {
		return p.labelValue(parent)
	}
	return nil
}

// labelValue reads the name in the block after a label block ("<div
// class=label>Interview</div><div class=value>Ann Lee</div>", a credits
// list of label and value pairs): only when that block holds nothing but
// a person's full name, since a block after a heading-like word is more
// often prose or another label ("<div>Text</div><div>Audio</div>"), and
// a theme's "By" block before the site's name gives way to a byline
// further on.
func (p *page) labelValue(label *html.Node) []string {
	names := namesAfter(label)
	if len(names) == 0 || !nameLine.MatchString(names[0]) || p.nameKind(names[0], "") != namePerson {
		return nil
	}
	return names[:1]
}

// nameLine matches a text that is nothing but a name of capitalised
// words.
var nameLine = regexp.MustCompile(`^` + nameWords + `$`)

// namesAfter returns the texts of the elements after a byline word: the
// first one that holds text, then any joined to it by "und", "and", "&"
// or a comma.
func namesAfter(word *html.Node) []string {
	var names []string
	for s := word.NextSibling; s != nil && len(names) < 8; s = s.NextSibling {
		switch s.Type {
		case html.ElementNode:
			if !smallText(s, 160) {
				return names // far too long for a name: not worth building its text
			}
			name := nodeText(s)
			if name == "" && len(names) == 0 {
				continue // an empty anchor before the name
			}
			if name == "" || len(name) > 80 {
				return names
			}
			names = append(names, name)
		case html.TextNode:
			t := strings.TrimSpace(s.Data)
			if t == "" {
				continue
			}
			if len(names) == 0 && len(t) <= 80 {
				return []string{t} // "<b>Autor:</b> Ann Lee"
			}
			if len(names) == 1 && roleTitle.MatchString(names[0]+" ") && len(t) <= 80 {
				return []string{names[0] + " " + t} // "Autor: <a>Rechtsanwalt</a> Ann Lee"
			}
			if len(names) == 0 || !bylineJoiner.MatchString(t) {
				return names
			}
		}
	}
	return names
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

// bylineStart reports whether t may open a byline, sparing most texts
// the regexps: bylines begin with "By", "Von", "Par", "Autor", "Text",
// "Written", "Geschrieben", "Door", "Ein Artikel", "Interview",
// "Rezept", in either case.
func bylineStart(t string) bool {
	if t == "" {
		return false
	}
	switch t[0] {
	case 'B', 'V', 'P', 'A', 'T', 'W', 'G', 'D', 'E', 'I', 'R', 'b', 'v', 'p', 'a', 't', 'd', 'w', 'g', 'e', 'i', 'r':
		return true
	}
	return false
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

// noscriptSel matches the fallbacks a page shows without JavaScript.
var noscriptSel = cascadia.MustCompile("noscript")

// noscriptBylineSel matches Blogger's byline markup: its post templates
// write the post, byline first, into a noscript fallback.
var noscriptBylineSel = cascadia.MustCompile(".byline-author, .post-author")

// maxNoscriptByline bounds the fallback markup parsed for a byline.
const maxNoscriptByline = 4096

// noscriptByline reads the byline in a noscript fallback of the body: the
// parser keeps a fallback's markup as text, so Blogger's byline markup
// there is parsed on its own (its first few kilobytes).
func (p *page) noscriptByline() []string {
	if p.body == nil {
		return nil
	}
	for _, n := range noscriptSel.MatchAll(p.body) {
		t := n.FirstChild
		if t == nil || t.Type != html.TextNode || p.cls.inChrome(n) {
			continue
		}
		raw := t.Data[:min(len(t.Data), maxNoscriptByline)]
		if !strings.Contains(raw, "byline-author") && !strings.Contains(raw, "post-author") {
			continue
		}
		nodes, err := html.ParseFragment(strings.NewReader(raw), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			continue
		}
		for _, f := range nodes {
			if m := noscriptBylineSel.MatchFirst(f); m != nil && smallText(m, maxBylineLen) {
				return cleanAuthors([]string{nodeText(m)})
			}
		}
	}
	return nil
}

// authorBoxSel matches the headings of an author box as WordPress's
// default themes write it (Twenty Fifteen and Twenty Sixteen: div.author-info
// holding h2 "Published by" or "Author:" and the name in h3.author-title).
var authorBoxSel = cascadia.MustCompile(".author-info h2, .author-info h3, .author-info h4")

// maxBoxHeadings bounds the headings of an author box read for a name.
const maxBoxHeadings = 3

// authorBoxByline reads the name in the headings of the first author
// box outside the comments and the page furniture: the first link of a
// heading, or its text.
func (p *page) authorBoxByline() []string {
	if p.body == nil || !p.hasClassWith([]string{"author-info"}) {
		return nil
	}
	var box *html.Node
	read := 0
	for _, h := range authorBoxSel.MatchAll(p.body) {
		if p.cls.inChrome(h) || p.cls.kind(h) >= kindComments || inTeaserLink(h) || !smallText(h, 120) {
			continue
		}
		if box == nil {
			box = h
		} else if !nearby(box, h, 3) || read >= maxBoxHeadings {
			break
		}
		read++
		text := nodeText(h)
		if a := findElem(h, atom.A); a != nil && nodeText(a) != "" {
			text = nodeText(a)
		}
		if bylineWord.MatchString(text) || strings.HasSuffix(strings.ToLower(text), " by") {
			continue // "Published by": the label before the name
		}
		if names := cleanAuthors([]string{text}); len(names) > 0 {
			return names
		}
	}
	return nil
}

// avatarSel matches a link written right after a WordPress avatar
// (get_avatar's img.avatar), or an element named as an avatar's name
// (avatar-name, author-avatar-name): the poster's name beside their
// picture.
var avatarSel = cascadia.MustCompile("img.avatar + a, [class*=avatar][class*=name]")

// avatarByline reads the name linked beside the first avatar outside
// the comments and the page furniture: user posts (deals, forum-like
// blogs) show their poster so, without byline markup.
func (p *page) avatarByline() []string {
	if p.body == nil || !p.hasClassWith([]string{"avatar"}) {
		return nil
	}
	for _, n := range avatarSel.MatchAll(p.body) {
		if p.cls.inChrome(n) || p.cls.kind(n) >= kindComments || strings.Contains(attr(n, "class"), "comment") ||
			inTeaserLink(n) || inReview(n) || !smallText(n, 60) {
			continue
		}
		return cleanAuthors([]string{nodeText(n)})
	}
	return nil
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

// speechTitle matches the title of a published speech, which names its
// speaker as government and parliament sites write it: "Rede von
// Bundespräsident Ann Lee beim …", "Remarks by President Lee at …",
// "Speech by Ann Lee to …". An office before the name is left out.
var speechTitle = regexp.MustCompile(`^(?:Rede|Ansprache|Grußwort|Festrede|Neujahrsansprache|Speech|Remarks|Address|Keynote)\s+(?:von|by)\s+` +
	`(?:(?:Bundes|Minister|Staats|Ober|Vize|Alt)?(?:[Pp]räsident|[Kk]anzler|[Mm]inister|[Ss]ekretär|[Bb]ürgermeister|[Mm]inisterpräsident)(?:in)?\s+|` +
	`(?:Vice\s+|Prime\s+)?(?:President|Minister|Chancellor|Secretary|Governor|Mayor|Senator|Ambassador|Commissioner)\s+)?` +
	`(` + nameWords + `)(?:\s+(?:beim|bei|zum|zur|vor|in|im|am|an|auf|anlässlich|at|to|on|before|during)\s.*|\s*[,:–—-]\s.*)?$`)

// speaker returns the speaker a speech's title names, for a page that
// names no author otherwise.
func speaker(title string) []string {
	if title == "" || len(title) > 200 {
		return nil
	}
	m := speechTitle.FindStringSubmatch(title)
	if m == nil {
		return nil
	}
	name := m[1]
	if f := strings.Fields(name); len(f) > 4 {
		return nil // a phrase, not a name
	}
	return cleanAuthors([]string{name})
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
