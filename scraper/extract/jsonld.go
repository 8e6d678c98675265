package extract

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ldObject is one JSON-LD node.
type ldObject = map[string]any

// linkedData holds the typed JSON-LD nodes of a page, in document order.
type linkedData struct {
	nodes []ldObject
	byID  map[string]ldObject
	// reviews counts the Review nodes; topReview is the last one found
	// at the top of a block or its @graph (not nested in a product's
	// or a recipe's reviews).
	reviews   int
	topReview ldObject
}

// articleTypes are the schema.org types of an article.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "blogposting": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
	"backgroundnewsarticle": true, "askpublicnewsarticle": true, "satiricalarticle": true,
	"scholarlyarticle": true, "medicalscholarlyarticle": true, "techarticle": true,
	"report": true, "socialmediaposting": true, "liveblogposting": true,
	"discussionforumposting": true, "posting": true, "apireference": true,
}

// pageTypes are the schema.org types of a web page.
var pageTypes = map[string]bool{
	"webpage": true, "itempage": true, "aboutpage": true, "medicalwebpage": true,
	"qapage": true, "faqpage": true, "profilepage": true, "contactpage": true, "collectionpage": true,
}

// parseLinkedData reads every <script type="application/ld+json"> below
// root. Blocks that are not valid JSON, even after lenient repairs, are
// skipped.
func parseLinkedData(root *html.Node) linkedData {
	ld := linkedData{byID: map[string]ldObject{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Script {
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
				var v any
				if decodeLenient(n.FirstChild.Data, &v) {
					ld.collect(v, 0, true)
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return ld
}

// decodeLenient decodes JSON that pages often wrap in comment markers or
// break with raw control characters inside strings.
func decodeLenient(s string, v *any) bool {
	s = strings.TrimSpace(s)
	for _, p := range []string{"<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["} {
		s = strings.TrimPrefix(s, p)
	}
	for _, p := range []string{"-->", "//]]>", "/*]]>*/", "]]>"} {
		s = strings.TrimSuffix(strings.TrimSpace(s), p)
	}
	s = strings.TrimSuffix(strings.TrimSpace(s), ";")
	if json.Unmarshal([]byte(s), v) == nil {
		return true
	}
	fixed := strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)
	return json.Unmarshal([]byte(fixed), v) == nil
}

// collect adds the typed objects of v (its @graph, arrays and nested
// objects) to ld. top says that v stands at the top of its block or its
// @graph rather than nested in another node.
func (ld *linkedData) collect(v any, depth int, top bool) {
	if depth > 12 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			ld.collect(e, depth+1, top)
		}
	case ldObject:
		if _, ok := v["@type"]; ok {
			ld.nodes = append(ld.nodes, v)
			if isReview(v) {
				ld.reviews++
				if top {
					ld.topReview = v
				}
			}
		}
		if id, ok := v["@id"].(string); ok && id != "" && len(v) > 1 {
			if _, seen := ld.byID[id]; !seen {
				ld.byID[id] = v
			}
		}
		if g, ok := v["@graph"]; ok {
			ld.collect(g, depth+1, true)
		}
		// Nested objects in key order, so that the result does not depend
		// on map iteration.
		keys := make([]string, 0, len(v))
		for k, e := range v {
			switch e.(type) {
			case ldObject, []any:
				if k != "@graph" && k != "@context" {
					keys = append(keys, k)
				}
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			ld.collect(v[k], depth+1, false)
		}
	}
}

// reviewTypes are the schema.org types of a review.
var reviewTypes = map[string]bool{"review": true, "criticreview": true, "userreview": true, "employerreview": true}

// isReview reports whether o is a review.
func isReview(o ldObject) bool {
	for _, t := range ldTypes(o) {
		if reviewTypes[t] {
			return true
		}
	}
	return false
}

// mainReview returns the page's one review when it is the page's main
// item (a review site's page of one review), or nil: the only Review
// node, standing at the top of its block or @graph, or named as a
// WebPage's mainEntity. A product's or a recipe's reviews nest in it.
func (ld linkedData) mainReview() ldObject {
	if ld.reviews != 1 {
		return nil
	}
	r := ld.topReview
	if web := ld.first(pageTypes); r == nil && web != nil {
		if m, ok := web["mainEntity"].(ldObject); ok {
			if m = ld.resolve(m); isReview(m) {
				r = m
			}
		}
	}
	if r == nil {
		return nil
	}
	for _, o := range ld.nodes {
		if isReview(o) {
			return r
		}
		for _, t := range ldTypes(o) {
			if reviewedTypes[t] {
				return nil // a product's page, its one review given beside it
			}
		}
	}
	return r
}

// reviewedTypes are the schema.org types of items whose own page shows
// their reviews: such an item named before the review makes the page
// the item's, not the review's.
var reviewedTypes = map[string]bool{"product": true, "recipe": true, "localbusiness": true, "lodgingbusiness": true,
	"hotel": true, "restaurant": true, "vacationrental": true, "softwareapplication": true, "course": true, "event": true}

// ldTypes returns the lowercased schema.org types of o.
func ldTypes(o ldObject) []string {
	var out []string
	add := func(t string) {
		t = strings.ToLower(strings.TrimSpace(t))
		if i := strings.LastIndexAny(t, "/:#"); i >= 0 {
			t = t[i+1:]
		}
		if t != "" {
			out = append(out, t)
		}
	}
	switch t := o["@type"].(type) {
	case string:
		add(t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				add(s)
			}
		}
	}
	return out
}

// first returns the first node with one of types (by ldTypes), or nil.
func (ld linkedData) first(types map[string]bool) ldObject {
	for _, o := range ld.nodes {
		if hasType(o, types) {
			return o
		}
	}
	return nil
}

// resolve returns the full node o refers to by @id when o holds only a
// reference.
func (ld linkedData) resolve(o ldObject) ldObject {
	if id, ok := o["@id"].(string); ok && len(o) == 1 {
		if full, ok := ld.byID[id]; ok {
			return full
		}
	}
	return o
}

// ldString returns o[key] as a string: a string, or the first string of an
// array, or an object's name/@value.
func ldString(o ldObject, key string) string {
	if o == nil {
		return ""
	}
	s := strings.TrimSpace(asString(o[key]))
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s) // double-escaped by the CMS
	}
	return s
}

func asString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		for _, e := range v {
			if s := asString(e); s != "" {
				return s
			}
		}
	case ldObject:
		if s, ok := v["@value"].(string); ok {
			return s
		}
		if s, ok := v["name"].(string); ok {
			return s
		}
	case float64:
		return ""
	}
	return ""
}

// ldStrings returns o[key] as a list of strings (a string gives one).
func ldStrings(o ldObject, key string) []string {
	if o == nil {
		return nil
	}
	var out []string
	switch v := o[key].(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, e := range v {
			if s := asString(e); s != "" {
				out = append(out, s)
			}
		}
	case ldObject:
		if s := asString(v); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// names returns the names of the persons or organisations in v (a string,
// an object, a reference by @id, or an array of those).
func (ld linkedData) names(v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		out = append(out, ldText(v))
	case []any:
		for _, e := range v {
			out = append(out, ld.names(e)...)
		}
	case ldObject:
		v = ld.resolve(v)
		if s, ok := v["name"].(string); ok {
			out = append(out, ldText(s))
		} else if g, ok := v["givenName"].(string); ok {
			f, _ := v["familyName"].(string)
			out = append(out, ldText(strings.TrimSpace(g+" "+f)))
		}
	}
	return out
}

// ldText repairs a short JSON-LD text the CMS has mangled: HTML entities
// left in it ("Redacci&oacute;n"), or UTF-8 read as Latin-1 and encoded
// again ("MejÃas").
func ldText(s string) string {
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return fixMojibake(s)
}

// fixMojibake undoes UTF-8 text decoded as Latin-1: when every character
// fits in one byte, a lead byte of a two-byte UTF-8 sequence (Ã, Â, …)
// is present and the bytes make valid UTF-8, those bytes are the text.
func fixMojibake(s string) string {
	if !strings.ContainsAny(s, "ÃÂÄÅ") {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return s
		}
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// imageURL returns the URL of the image in v (a string, an ImageObject, a
// reference, or an array of those).
func (ld linkedData) imageURL(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		for _, e := range v {
			if s := ld.imageURL(e); s != "" {
				return s
			}
		}
	case ldObject:
		v = ld.resolve(v)
		for _, k := range []string{"url", "contentUrl"} {
			if s := ld.imageURL(v[k]); s != "" {
				return s
			}
		}
	}
	return ""
}
