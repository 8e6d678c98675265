package extract_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

// TestExtractLinkedBody reads the article's text from its JSON-LD
// articleBody only when the markup holds next to none of it.
func TestExtractLinkedBody(t *testing.T) {
	paras := []string{
		"Engineers told the council that the sea wall repairs planned for the spring would wait until the autumn.",
		"The contractor has not found the stone the design asks for, and the quarry that supplied it closed last year.",
		"Residents of the lower town, whose cellars flooded twice last winter, asked what would be done in the meantime.",
		"The council promised sandbags and a pump on standby at the quay, and a public meeting at the town hall next month.",
		"The harbour master said the ferries would keep running, but the outer berth stays closed to larger boats.",
	}
	plain := strings.Join(paras, "\n")
	ld := func(nodes ...map[string]any) string {
		var b strings.Builder
		for _, n := range nodes {
			n["@context"] = "https://schema.org"
			j, err := json.Marshal(n)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(`<script type="application/ld+json">` + string(j) + `</script>`)
		}
		return b.String()
	}
	article := func(body string) map[string]any {
		return map[string]any{"@type": "NewsArticle", "headline": "Sea wall repairs wait", "articleBody": body}
	}
	shell := `<div id="app"><div class="label">Opinion</div><div class="main-image__title">The quay in March. Photo: Harbour News</div></div>`
	tests := []struct {
		name, head, body string
		want             string // the whole BodyText, or
		prefix           string // its start
		absent           []string
	}{
		{
			name: "client-rendered shell: the articleBody's lines become paragraphs",
			head: ld(article(plain)),
			body: shell,
			want: strings.Join(paras, "\n\n"),
		},
		{
			name: "articleBody written as HTML",
			head: ld(article("<p>" + strings.Join(paras, "</p><p>") + "</p>")),
			body: shell,
			want: strings.Join(paras, "\n\n"),
		},
		{
			name: "a standfirst the articleBody does not repeat stays in front; labels and captions do not",
			head: ld(article(plain)),
			body: `<div id="app"><article><p class="label">Opinion</p><p class="standfirst">The council delays the repairs again, and the lower town asks what happens if the winter storms come back.</p>` +
				`<figure><img src="/q.jpg"><figcaption>The quay in March, seen from the lifeboat station on the north side. Photo: Harbour News</figcaption></figure></article></div>`,
			prefix: "The council delays the repairs again, and the lower town asks what happens if the winter storms come back.\n\n" + paras[0],
			absent: []string{"Opinion", "Photo:"},
		},
		{
			name:   "an articleBody's scripts, frames, styles and ads do not reach the body",
			head:   ld(article("<p>" + strings.Join(paras, "</p><p>") + `</p><script>alert(1)<\/script><iframe src="https://ads.example/x"><\/iframe><style>p{color:red}</style><div class="ad">Advertisement: boats for sale</div>`)),
			body:   shell,
			want:   strings.Join(paras, "\n\n"),
			absent: []string{"<script", "<iframe", "<style", "boats for sale"},
		},
		{
			name: "a wall's message in the markup is no lead",
			head: ld(article(plain)),
			body: `<div id="app"><div id="main"><h2>Subscribe to continue reading</h2><p>Get unlimited access to all our local journalism for just one pound a week, cancel anytime you like.</p></div></div>`,
			want: strings.Join(paras, "\n\n"),
		},
		{
			name: "the markup's teaser paragraphs, typeset differently, are not repeated",
			head: ld(article(plain)),
			body: `<article><div class="entry-content"><p>` + strings.Replace(strings.Replace(paras[1], "the ", "the&nbsp;", 1), ", and", " \u2013 and", 1) + `</p></div></article>`,
			want: strings.Join(paras, "\n\n"),
		},
		{
			name: "the markup holds the article: it stays the source",
			head: ld(article(plain + "\nA sixth paragraph only the structured data has.")),
			body: `<article><div class="entry-content"><p>` + strings.Join(paras, "</p><p>") + `</p></div></article>`,
			want: strings.Join(paras, "\n\n"),
		},
		{
			name:   "an articleBody that is a summary does not replace a short page",
			head:   ld(article(paras[0])),
			body:   `<article><div class="entry-content"><p>` + paras[1] + `</p></div></article>`,
			want:   paras[1],
			absent: []string{paras[0]},
		},
		{
			name: "two article nodes (a listing): neither body is the page's",
			head: ld(article(plain), article(strings.ToUpper(plain))),
			body: shell,
			want: "",
		},
		{
			name: "a WebPage's text is not an article body",
			head: ld(map[string]any{"@type": "WebPage", "text": plain, "articleBody": plain}),
			body: shell,
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `<html><head><title>Sea wall repairs wait</title>` + tt.head + `</head><body>` + tt.body + `</body></html>`
			a := extractFrom(t, src, "https://harbour.example/2024/03/01/sea-wall/", extract.Options{})
			switch {
			case tt.prefix != "":
				if !strings.HasPrefix(a.BodyText, tt.prefix) {
					t.Errorf("BodyText =\n%q\nwant it to start with\n%q", a.BodyText, tt.prefix)
				}
			case tt.want == "":
				if strings.Contains(a.BodyText, paras[2]) {
					t.Errorf("BodyText took an articleBody:\n%q", a.BodyText)
				}
			case a.BodyText != tt.want:
				t.Errorf("BodyText =\n%q\nwant\n%q", a.BodyText, tt.want)
			}
			for _, s := range tt.absent {
				if strings.Contains(a.BodyText, s) || strings.Contains(a.BodyHTML, s) {
					t.Errorf("body holds %q:\n%q\n%q", s, a.BodyText, a.BodyHTML)
				}
			}
			if a.BodyText != "" && !strings.Contains(a.BodyHTML, "<p>") {
				t.Errorf("BodyHTML has no paragraphs: %q", a.BodyHTML)
			}
		})
	}
}
