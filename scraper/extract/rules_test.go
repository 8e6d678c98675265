package extract_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

// rulesPage is a page whose automatic extraction differs from what its
// site's rules select.
var rulesPage = `<html lang="en"><head><title>Automatic title | Site</title>
<meta property="article:published_time" content="2021-01-01T10:00:00Z">
<meta name="author" content="Meta Author"></head><body>
<div class="headline-box"><span class="real-title">Rule title</span></div>
<p class="when">Filed 3 March 2022</p>
<p class="who">By Ann Lee and Bo Chan</p>
<ul class="sections"><li>Harbours</li><li>Weather</li></ul>
<div class="labels"><span>storms</span><span>ferries</span></div>
<article><div class="entry-content"><p>` + long + `</p><div class="promo-box">Buy the print edition today, it is on sale.</div></div></article>
<div class="story"><p>First part of the story, told in the site's own markup.</p>
<div class="reader-notes"><p>A reader wrote in to say the quay was closed.</p></div></div>
<div class="story"><p>Second part of the story.</p></div>
</body></html>`

func TestExtractSiteRules(t *testing.T) {
	auto := extractFrom(t, rulesPage, "https://harbour.example/a", extract.Options{})
	if auto.Title == "Rule title" || !strings.Contains(auto.BodyText, "Rain fell") {
		t.Fatalf("automatic extraction: title %q, body %q", auto.Title, auto.BodyText)
	}
	rules := &extract.Rules{
		Title: ".real-title", Body: ".story", Date: ".when", Authors: ".who",
		Categories: ".sections li", Tags: ".labels span", Comments: ".reader-notes",
		Strip: []string{".nothing", "p:contains('Second part')"},
	}
	a := extractFrom(t, rulesPage, "https://harbour.example/a", extract.Options{Rules: rules})
	if a.Title != "Rule title" {
		t.Errorf("Title = %q, want the rule's", a.Title)
	}
	checkTime(t, "PublishedAt", a.PublishedAt, "2022-03-03T00:00:00Z")
	checkList(t, "Authors", a.Authors, []string{"Ann Lee", "Bo Chan"})
	checkList(t, "Categories", a.Categories, []string{"Harbours", "Weather"})
	checkList(t, "Tags", a.Tags, []string{"storms", "ferries"})
	if want := "First part of the story, told in the site's own markup."; a.BodyText != want {
		t.Errorf("BodyText = %q, want %q (comments and stripped blocks left out)", a.BodyText, want)
	}

	// A selector that matches nothing, or does not parse, leaves the
	// automatic stage in place.
	a = extractFrom(t, rulesPage, "https://harbour.example/a", extract.Options{Rules: &extract.Rules{Title: ".absent", Body: "[[bad", Date: ".absent"}})
	if a.Title != auto.Title || !strings.Contains(a.BodyText, "Rain fell") || a.PublishedAt == nil {
		t.Errorf("unmatched rules changed the result: %q %q %v", a.Title, a.BodyText, a.PublishedAt)
	}
}

func TestExtractTitleHeadline(t *testing.T) {
	tests := []struct{ name, head, body, want string }{
		{"h1 with curly quotes beats og:title",
			`<meta property="og:title" content="Mayor says \"no\" to new bridge - Gazette">`,
			`<article><h1>Mayor says “no” to new bridge</h1></article>`, "Mayor says “no” to new bridge"},
		{"kicker inside the h1 left out",
			`<meta property="og:title" content="Harbour - Ferries stay in port">`,
			`<article><h1><span class="kicker">Harbour</span> Ferries stay in port</h1></article>`, "Ferries stay in port"},
		{"an unrelated h1 (the site's logo) loses",
			`<meta property="og:title" content="Ferries stay in port">`,
			`<h1 class="logo">Gazette</h1><article><p>text</p></article>`, "Ferries stay in port"},
		{"a lone h1 confirmed by <title>",
			`<title>Ferries stay in port all week | Gazette</title>`,
			`<div><h1>Ferries stay in port all week</h1></div>`, "Ferries stay in port all week"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, "<html><head>"+tt.head+"</head><body>"+tt.body+"</body></html>", "", extract.Options{})
			if a.Title != tt.want {
				t.Errorf("Title = %q, want %q", a.Title, tt.want)
			}
		})
	}
}

func TestExtractDateFallbacks(t *testing.T) {
	fetched := mustTime(t, "2024-05-10T12:00:00Z")
	tests := []struct{ name, url, body, want string }{
		{"labelled date in a list", "https://gov.example/news/1",
			`<ul class="info"><li><span>Datum:</span>26. Januar 2022</li></ul><p>` + long + `</p>`, "2022-01-26T00:00:00Z"},
		{"published on, English", "https://gov.example/news/1",
			`<p>` + long + `</p><p>Published on 4 March 2021</p>`, "2021-03-04T00:00:00Z"},
		{"date in the URL path", "https://blog.example/2019/10/18/ferries/",
			`<p>` + long + `</p>`, "2019-10-18T00:00:00Z"},
		{"a time element anywhere in the page", "https://forum.example/t/1",
			`<p>` + long + `</p><span><time datetime="2022-01-21T12:25:31+0100">21 Jan</time></span>`, "2022-01-21T12:25:31+01:00"},
		{"time element in the site footer ignored", "https://forum.example/t/1",
			`<p>` + long + `</p><footer><time datetime="2022-01-21">x</time></footer>`, ""},
		{"relative date in German via go-dateparser", "https://news.example/a",
			`<p>` + long + `</p><span class="date">vor 3 Tagen</span>`, "2024-05-07T12:00:00Z"},
		{"localised date with time via go-dateparser", "https://news.example/a",
			`<p>` + long + `</p><span class="date">Mar 2, 2016 1:15 AM</span>`, "2016-03-02T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := "en"
			if strings.Contains(tt.name, "German") {
				lang = "de"
			}
			a := extractFrom(t, `<html lang="`+lang+`"><body>`+tt.body+`</body></html>`, tt.url, extract.Options{FetchedAt: fetched})
			if tt.want == "" {
				if a.PublishedAt != nil {
					t.Errorf("PublishedAt = %v, want none", a.PublishedAt)
				}
				return
			}
			if a.PublishedAt == nil || !strings.HasPrefix(a.PublishedAt.Format("2006-01-02T15:04:05Z07:00"), tt.want[:10]) {
				t.Errorf("PublishedAt = %v, want %s", a.PublishedAt, tt.want)
			}
		})
	}
}

func TestExtractDropsCrossLinks(t *testing.T) {
	src := `<html><body><article><div class="entry-content"><p>` + long + `</p>
<p><strong>Read also: <a href="/other">Storm closes the coast road</a></strong></p>
<h3><a href="/more">Ferries: what changes in winter</a></h3>
<p>The council <a href="/council">said</a> the quay would reopen in spring, after repairs.</p>
</div></article></body></html>`
	a := extractFrom(t, src, "https://harbour.example/", extract.Options{})
	checkBody(t, a, []string{"the quay would reopen in spring"}, []string{"Read also", "Storm closes", "what changes in winter"})
}

func TestExtractIgnoresDialogsAndSiteFooter(t *testing.T) {
	src := `<html><body>
<div class="modal-dialog"><div class="content"><p>` + strings.Repeat("Contact our service team any weekday, we are glad to help you. ", 8) + `</p></div></div>
<main><div><p>` + long + `</p><p>` + long + `</p></div></main>
<footer class="footer"><div class="field--name-body"><p>` + strings.Repeat("Our newsletter brings you the latest news every week, sign up. ", 8) + `</p></div></footer>
</body></html>`
	a := extractFrom(t, src, "https://harbour.example/", extract.Options{})
	checkBody(t, a, []string{"Rain fell"}, []string{"service team", "newsletter"})
}

func TestExtractSplitArticle(t *testing.T) {
	// The article is cut into modules of equal weight; all are body.
	var b strings.Builder
	b.WriteString(`<html><body><div class="page">`)
	for i, s := range []string{"first", "second", "third", "fourth"} {
		b.WriteString(`<section class="module"><div class="inner"><p>The ` + s + ` module holds a paragraph of prose, with commas, clauses, and enough words to score well.</p>` +
			`<p>It goes on for a while, as modules do, with another sentence or two of the same kind.</p></div></section>`)
		_ = i
	}
	b.WriteString(`</div></body></html>`)
	a := extractFrom(t, b.String(), "https://bank.example/", extract.Options{})
	for _, s := range []string{"first", "second", "third", "fourth"} {
		if !strings.Contains(a.BodyText, "The "+s+" module") {
			t.Errorf("BodyText lacks the %s module:\n%s", s, a.BodyText)
		}
	}
	if !slices.Equal(a.Authors, []string{}) {
		t.Errorf("Authors = %q", a.Authors)
	}
}

func TestExtractCutsAtCommentHeading(t *testing.T) {
	src := `<html><body><div class="main"><p>` + long + `</p><h3>3 Kommentare</h3>
<div class="box"><p>Ich sehe das ganz anders als der Autor.</p></div></div></body></html>`
	a := extractFrom(t, src, "https://zeitung.example/", extract.Options{})
	checkBody(t, a, []string{"Rain fell"}, []string{"Kommentare", "ganz anders"})
}
