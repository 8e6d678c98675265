package web

import (
	"bytes"
	"html/template"
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sanitizer turns archived markup into HTML that is safe to show in the
// viewer's origin.
type sanitizer struct {
	policy *bluemonday.Policy
}

// newSanitizer builds the policy: bluemonday's UGC policy (no scripts, no
// event handlers, no styles, no forms or embedded content; only http,
// https and mailto URLs) without its images, ids and classes. Images are
// left out because loading them would tell the archived site (or whoever
// now holds its domain) that someone is reading the archive; the reader
// sees "[image: alt]" instead.
func newSanitizer() *sanitizer {
	p := bluemonday.NewPolicy()
	p.AllowAttrs("dir").Matching(bluemonday.Direction).Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[a-zA-Z]{2,20}(-[a-zA-Z0-9]{1,8})*$`)).Globally()
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).Globally()

	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.AllowURLSchemes("mailto", "http", "https")
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)

	p.AllowElements("article", "aside", "figure", "section", "summary", "details",
		"h1", "h2", "h3", "h4", "h5", "h6", "hgroup",
		"br", "div", "hr", "p", "span", "wbr",
		"abbr", "acronym", "cite", "code", "dfn", "em", "figcaption", "mark", "s",
		"samp", "strong", "sub", "sup", "var", "b", "i", "pre", "small", "strike",
		"tt", "u", "rp", "rt", "ruby", "del", "ins", "q")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("cite").OnElements("blockquote", "q")
	p.AllowElements("blockquote")
	p.AllowAttrs("datetime").Matching(bluemonday.ISO8601).OnElements("time", "del", "ins")
	p.AllowLists()
	p.AllowTables()
	return &sanitizer{policy: p}
}

// HTML returns fragment, archived from the page at base, as safe markup:
// relative links made absolute against base, images replaced by their alt
// text, and the result passed through the policy.
func (s *sanitizer) HTML(fragment, base string) template.HTML {
	if strings.TrimSpace(fragment) == "" {
		return ""
	}
	pre := rewrite(fragment, base)
	return template.HTML(s.policy.Sanitize(pre)) // #nosec: sanitised above
}

// rewrite makes the links of fragment absolute against base and replaces
// each img element by "[image: alt]". Everything else passes unchanged, to
// be judged by the policy.
func rewrite(fragment, base string) string {
	baseURL, _ := url.Parse(base)
	var out bytes.Buffer
	out.Grow(len(fragment))
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.DataAtom {
			case atom.Img:
				alt := "image"
				for _, a := range tok.Attr {
					if a.Key == "alt" && strings.TrimSpace(a.Val) != "" {
						alt = "image: " + strings.TrimSpace(a.Val)
					}
				}
				out.WriteString("<small>[" + html.EscapeString(alt) + "]</small>")
				continue
			case atom.A:
				for i, a := range tok.Attr {
					if a.Key == "href" && baseURL != nil {
						if ref, err := url.Parse(strings.TrimSpace(a.Val)); err == nil {
							tok.Attr[i].Val = baseURL.ResolveReference(ref).String()
						}
					}
				}
				out.WriteString(tok.String())
				continue
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
}

var blankLines = regexp.MustCompile(`\n\s*\n`)

// textHTML renders plain text as paragraphs (split at blank lines) with
// line breaks, escaped.
func textHTML(text string) template.HTML {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if text == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range blankLines.Split(text, -1) {
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(strings.TrimSpace(para)), "\n", "<br>"))
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String()) // #nosec: escaped above
}
