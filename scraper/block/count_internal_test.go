package block

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// TestCleanCounter checks that the counted length of a page's visible
// text is the length of the text itself, cleaned.
func TestCleanCounter(t *testing.T) {
	for _, src := range []string{
		"",
		"<p>one</p>",
		"  <p>  Two   words </p>  ",
		"<p>a</p><p>b</p>\n<div>\t c \u00a0 d</div>",
		"<p>Grüße, ÄÖÜ straße</p><script>var x = 'not text';</script><style>p{}</style>",
		"<svg><text>drawn</text></svg><template><p>later</p></template><noscript>no</noscript>tail ",
		"<p>\u2028line\u2029sep\u3000ideographic\u0085next</p>",
		"<p>\xff\xfe broken \xc3</p>",
	} {
		doc, err := html.Parse(strings.NewReader("<body>" + src))
		if err != nil {
			t.Fatal(err)
		}
		var body *html.Node
		var find func(*html.Node)
		find = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "body" && body == nil {
				body = n
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				find(c)
			}
		}
		find(doc)
		var all strings.Builder
		visibleText(body, false, &all, nil)
		want := utf8.RuneCountInString(clean(all.String()))
		var c cleanCounter
		c.count(body)
		if c.n != want {
			t.Errorf("%q: counted %d, clean text has %d runes (%q)", src, c.n, want, clean(all.String()))
		}
	}
}
