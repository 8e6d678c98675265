package extract

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes holding one URL, made absolute in BodyHTML.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "action": true, "longdesc": true}

// lazySrcAttrs hold the real image URL of lazy-loaded images.
var lazySrcAttrs = []string{"data-src", "data-lazy-src", "data-original", "data-orig-file"}

// renderHTML returns the inner markup of the cleaned container c with
// relative URLs made absolute and event handlers, inline styles and
// javascript: links removed.
func (p *page) renderHTML(c *html.Node) string {
	p.sanitize(c)
	var b bytes.Buffer
	for k := c.FirstChild; k != nil; k = k.NextSibling {
		_ = html.Render(&b, k) // a bytes.Buffer does not fail
	}
	return strings.TrimSpace(b.String())
}

// sanitize rewrites the attributes of every element below n.
func (p *page) sanitize(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		attrs := c.Attr[:0]
		lazy := ""
		for _, a := range c.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(key, "on") || key == "style":
				continue
			case urlAttrs[key]:
				v := strings.TrimSpace(a.Val)
				if strings.HasPrefix(strings.ToLower(v), "javascript:") {
					continue
				}
				if !strings.HasPrefix(v, "#") && !strings.HasPrefix(strings.ToLower(v), "data:") {
					if abs := p.absURL(v); abs != "" {
						a.Val = abs
					}
				}
			case key == "srcset" || key == "data-srcset":
				a.Val = p.absSrcset(a.Val)
			}
			for _, l := range lazySrcAttrs {
				if key == l && lazy == "" {
					lazy = p.absURL(a.Val)
				}
			}
			attrs = append(attrs, a)
		}
		c.Attr = attrs
		if lazy != "" {
			setLazySrc(c, lazy)
		}
		p.sanitize(c)
	}
}

// setLazySrc puts the lazy-loaded URL in src when src is missing or a
// placeholder.
func setLazySrc(n *html.Node, lazy string) {
	for i, a := range n.Attr {
		if a.Key == "src" {
			if v := strings.TrimSpace(a.Val); v == "" || strings.HasPrefix(strings.ToLower(v), "data:") {
				n.Attr[i].Val = lazy
			}
			return
		}
	}
	if n.Data == "img" {
		n.Attr = append(n.Attr, html.Attribute{Key: "src", Val: lazy})
	}
}

// absSrcset resolves every URL of a srcset list ("a.jpg 1x, b.jpg 2x").
// URLs may hold commas, so the list is read word by word: a word that is
// not a width or density descriptor is a URL.
func (p *page) absSrcset(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		if srcsetDescriptor.MatchString(w) {
			continue
		}
		trail := ""
		if strings.HasSuffix(w, ",") {
			w, trail = w[:len(w)-1], ","
		}
		if abs := p.absURL(w); abs != "" {
			f[i] = abs + trail
		}
	}
	return strings.Join(f, " ")
}

// srcsetDescriptor matches a srcset descriptor such as "640w," or "1.5x".
var srcsetDescriptor = regexp.MustCompile(`^\d+(?:\.\d+)?[wxh],?$`)

// absURL resolves s against the page's base URL. It returns "" for data:
// and javascript: URLs and s itself when it cannot be parsed.
func (p *page) absURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "data:") {
		return ""
	}
	if p.base == nil {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	return p.base.ResolveReference(u).String()
}
