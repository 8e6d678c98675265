package comments

import (
	"net/url"
	"slices"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// attr returns the value of n's attribute key (keys are lower case after
// parsing) and whether it is present.
func attr(n *html.Node, key string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// attrVal is attr without the presence flag, trimmed.
func attrVal(n *html.Node, key string) string {
	v, _ := attr(n, key)
	return strings.TrimSpace(v)
}

// hasClass reports whether n's class list holds class.
func hasClass(n *html.Node, class string) bool {
	v, ok := attr(n, "class")
	if !ok {
		return false
	}
	for _, f := range strings.Fields(v) {
		if f == class {
			return true
		}
	}
	return false
}

// firstAttr returns the value of the first attribute of n named key,
// whatever its namespace, as goquery's Attr reads it; "" when there is
// none.
func firstAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// closest reports whether n or one of its ancestors matches m, as
// goquery's ClosestMatcher finds them.
func closest(n *html.Node, m cascadia.Matcher) bool {
	for ; n != nil; n = n.Parent {
		if m.Match(n) {
			return true
		}
	}
	return false
}

// isElement reports whether n is an element named tag.
func isElement(n *html.Node, tag string) bool {
	return n != nil && n.Type == html.ElementNode && n.Data == tag
}

// findOwn returns the descendants of n that match m, in document order,
// without entering any element for which stop returns true. It keeps the
// parts of one comment apart from the replies nested inside it.
func findOwn(n *html.Node, m cascadia.Selector, stop func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walkOwn(n, stop, func(c *html.Node) bool {
		if m.Match(c) {
			out = append(out, c)
		}
		return true
	})
	return out
}

// firstOwn is findOwn stopping at the first match; nil when there is none.
func firstOwn(n *html.Node, m cascadia.Selector, stop func(*html.Node) bool) *html.Node {
	var found *html.Node
	walkOwn(n, stop, func(c *html.Node) bool {
		if m.Match(c) {
			found = c
			return false
		}
		return true
	})
	return found
}

// walkOwn visits the element descendants of n in document order, skipping
// the subtrees of elements for which stop returns true, until visit returns
// false. It uses an explicit stack so that absurdly deep markup cannot
// exhaust the goroutine stack.
func walkOwn(n *html.Node, stop func(*html.Node) bool, visit func(*html.Node) bool) {
	if n == nil {
		return
	}
	var stack []*html.Node
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type != html.ElementNode || (stop != nil && stop(c)) {
			continue
		}
		if !visit(c) {
			return
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// resolve makes href absolute against base. It returns "" for empty
// hrefs, fragments and javascript: or mailto: links, and the href itself
// when it cannot be resolved but is already absolute.
func resolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.String()
	case "":
		return ""
	default:
		return ""
	}
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// anyClass compiles sel, a group of plain class selectors (".a, .b"), into
// a selector that reads each element's class list once: cascadia would
// split it again for every class of the group. It panics on any other
// selector; it is for the package's selector variables.
func anyClass(sel string) cascadia.Selector {
	var classes []string
	for _, part := range strings.Split(sel, ",") {
		part = strings.TrimSpace(part)
		name, ok := strings.CutPrefix(part, ".")
		if !ok || name == "" || identEnd(name, 0) != len(name) {
			panic("comments: not a plain class selector: " + part)
		}
		classes = append(classes, name)
	}
	return func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return false
		}
		for _, a := range n.Attr {
			if a.Key != "class" {
				continue
			}
			for rest := a.Val; rest != ""; {
				var c string
				c, rest = nextClass(rest)
				if c != "" && slices.Contains(classes, c) {
					return true
				}
			}
		}
		return false
	}
}
