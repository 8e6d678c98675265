package extract_test

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata/scraper/extract"
)

// FuzzExtract checks that no page makes Extract panic.
func FuzzExtract(f *testing.F) {
	f.Add(readSeed(f))
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		f.Add(readFixture(f, filepath.Base(name)))
	}
	f.Add(`<script type="application/ld+json">{"@graph":[{"@type":["Article"],"author":[{"@id":"x"}],"image":[{}],"keywords":[1,null]}]}</script>`)
	f.Add(`<table><tr><td><ul><li><pre>a<br>b</pre></li></ul></td></tr></table>`)
	f.Add(`<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"<p>` + strings.Repeat("a b ", 200) + `<br><ul><li>x</ul>\n\ny"}</script><article><p>` + strings.Repeat("lead ", 20) + `</p></article>`)
	base, _ := url.Parse("https://fuzz.example/a/b")
	fetched := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			return // the parser's limits, not ours
		}
		a := extract.Extract(doc, base, extract.Options{FetchedAt: fetched})
		if a.Authors == nil || a.Categories == nil || a.Tags == nil {
			t.Errorf("nil list in %+v", a)
		}
		if strings.Contains(a.BodyText, "\n\n\n") {
			t.Errorf("BodyText has more than one blank line between paragraphs: %q", a.BodyText)
		}
	})
}

// BenchmarkExtractSeed measures parsing and extracting the seed page.
func BenchmarkExtractSeed(b *testing.B) {
	src := readSeed(b)
	u, _ := url.Parse(seedURL)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			b.Fatal(err)
		}
		if a := extract.Extract(doc, u, extract.Options{}); a.BodyText == "" {
			b.Fatal("empty body")
		}
	}
}

// BenchmarkDeepNesting extracts a 1 MB page flat and under hundreds of
// nested elements that each start like a byline or a date: a rule that
// builds the whole text below every level costs depth × page size. The
// nested pages should cost about what the flat one does.
func BenchmarkDeepNesting(b *testing.B) {
	const depth = 400
	big := "<p>" + strings.Repeat("word ", 200000) + "</p>"
	pages := []struct{ name, src string }{
		{"flat", "<h1>A headline of some words</h1>" + big},
		{"nested-bylines", "<h1>A headline of some words</h1>" + strings.Repeat("<div><span>By</span>", depth) + big},
		{"nested-digits", "<h1>A headline of some words</h1>" + strings.Repeat("<div>1 ", depth) + big +
			strings.Repeat("</div>", depth) + "<p>The end of it all.</p>"},
		{"nested-digits-unclosed", "<h1>A headline of some words</h1>" + strings.Repeat("<div>1 ", depth) + big},
	}
	u, _ := url.Parse("https://example.com/a/b")
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(p.src)))
			for b.Loop() {
				doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><body>" + p.src))
				if err != nil {
					b.Fatal(err)
				}
				extract.Extract(doc, u, extract.Options{})
			}
		})
	}
}
