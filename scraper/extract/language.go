package extract

import "strings"

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
