package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
	tail := t[max(0, len(t)-24):]
	if m := closingCreditRe.FindStringSubmatchIndex(tail); m != nil && endsSentence(t[:len(t)-len(tail)+m[0]]) {
		return cleanAuthors([]string{tail[m[2]:m[3]]})
	}
	if m := closingSourceRe.FindStringSubmatch(t[max(0, len(t)-56):]); m != nil && isCredit(m[1]) {
		return cleanAuthors([]string{m[1]})
	}
	return nil
}

// endsSentence reports whether s ends a sentence, as the text before a
// closing credit does ("… sagte er. (dpa)"); an abbreviation's brackets
// follow the words they shorten ("the Press Association (PA)").
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, unicode.IsSpace))
	return strings.ContainsRune(sentenceEnds+"?", r)
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

// inFigure reports whether n sits in a figure, an image's caption (a
// figcaption or a block classed like one, see isCaption) or a table
// (up to four levels up).
func inFigure(n *html.Node) bool {
	for i := 0; i < 4 && n != nil; i, n = i+1, n.Parent {
		if isElem(n, atom.Figure, atom.Figcaption, atom.Td, atom.Th, atom.Caption) || isCaption(n) {
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
	if r, _ := utf8.DecodeRuneInString(t); len(t) < 10 || !unicode.IsUpper(r) {
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
