package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// surnameWord matches a capitalised surname word, hyphenated ones too
// ("Berg", "Hannah-Jones", "O'Neill").
var surnameWord = regexp.MustCompile(`^\p{Lu}[\p{Ll}'’]*\p{Ll}(?:-\p{Lu}\p{Ll}+)?$`)

// isGivenFullName reports whether s is a person's name as the weak
// sources (a signature, a dated meta line) must write it to be taken:
// two or three words, the first a common given name (see givenNames),
// the rest capitalised surname words, a particle ("von", "de") between
// them allowed. Labels and greetings of capitalised words ("Weitere
// Informationen", "Good Luck", "Frohe Weihnachten") open with no given
// name.
func isGivenFullName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 || !surnameWord.MatchString(f[0]) || !isGivenName(s) {
		return false
	}
	for i, w := range f[1:] {
		if nameParticles[w] && i < len(f)-2 {
			continue
		}
		if !surnameWord.MatchString(w) {
			return false
		}
	}
	return true
}

// datedMetaName reads a short line of post metadata that gives the date,
// then the author's name alone: "11.12.2019 - Ann Lee", "12. Mai 2022 |
// Ann Lee", "04.02.2022 | 13:10 Uhr | Ann Lee". Every part before the
// name must be a date or a time, and the name must pass isGivenFullName.
func datedMetaName(t string) []string {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '|' || r == '·' || r == '•' || r == '–' || r == '—' })
	if len(parts) < 2 {
		if first, last, ok := strings.Cut(t, " - "); ok {
			parts = []string{first, last}
		}
	}
	if len(parts) < 2 {
		return nil
	}
	for _, part := range parts[:len(parts)-1] {
		part = strings.TrimSpace(part)
		if !isDateText(part) || !dateOnly(part) {
			return nil
		}
	}
	name := strings.TrimSpace(parts[len(parts)-1])
	if !isGivenFullName(name) {
		return nil
	}
	return []string{name}
}

// inListOrLink reports whether n sits in a list item or a link within
// four levels up: a related list's or a teaser's line, not the page's.
func inListOrLink(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
		if isElem(a, atom.Li, atom.A, atom.Dd) {
			return true
		}
	}
	return false
}
