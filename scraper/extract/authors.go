package extract

import (
	"regexp"
	"strings"
)

// authorPrefix matches the words that introduce a byline.
var authorPrefix = regexp.MustCompile(`(?i)^(?:(?:posted|written|published|words|text|story|reported|photos?)\s+(?:and\s+\w+\s+)?by|by|von|par|por|di|door|av|autor(?:in)?|author|auteur|text|written)\s*[:\-–]?\s+`)

// authorSplit separates several names in one byline.
var authorSplit = regexp.MustCompile(`(?i)\s*(?:,|;|\||/|&|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+)\s*`)

// authorPlaceholders are account names that stand for nobody.
var authorPlaceholders = map[string]bool{
	"admin": true, "administrator": true, "administrateur": true, "webmaster": true, "root": true,
	"wordpress": true, "user": true, "null": true, "undefined": true, "unknown": true, "none": true,
	"n/a": true, "editor": true, "redaktion": true, "guest": true, "anonymous": true, "author": true,
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
		for _, name := range authorSplit.Split(r, -1) {
			name = strings.Trim(collapse(name), " .:,;-–—|·•@")
			name = authorPrefix.ReplaceAllString(name, "")
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
