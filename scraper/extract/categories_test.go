package extract_test

import (
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

// termPage wraps body markup in a page with a short article, so that
// each case shows only the convention it tests.
func termPage(head, body string) string {
	return `<!DOCTYPE html><html lang="en"><head><title>A walk by the river</title>` + head + `</head><body>
<header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/politics/">Politics</a></li><li><a href="/sport/">Sport</a></li>
</ul></nav></header>
<main><article><h1>A walk by the river</h1>
<p>We walked along the river for an hour and watched the herons fish in the shallow water near the old mill.</p>
<p>The path was muddy after the rain, but the light on the water made up for the wet boots on the way back.</p>
` + body + `</article></main>
<footer class="site-footer"><ul><li><a href="/about/">About us</a></li></ul></footer>
</body></html>`
}

// activeNavPage is a page whose only category is the menu's current
// item, in the markup of WordPress menus, aria-current and tabs.
func activeNavPage(menu string) string {
	return `<!DOCTYPE html><html><head><title>A walk</title></head><body><header><nav>` + menu + `</nav></header>
<article><h1>A walk</h1><p>We walked along the river for an hour and watched the herons fish in the water.</p></article>
</body></html>`
}

// TestExtractActiveSection covers the section a site's menu marks as
// current, the last source of a category.
func TestExtractActiveSection(t *testing.T) {
	tests := []struct {
		name, menu string
		categories []string
	}{
		{
			name: "WordPress current-menu-item and its ancestor",
			menu: `<ul><li class="menu-item"><a href="/">Home</a></li>
<li class="menu-item current-menu-ancestor"><a href="/outdoors/">Outdoors</a><ul>
<li class="menu-item current-menu-item"><a href="/outdoors/walks/">Walks</a></li></ul></li></ul>`,
			categories: []string{"Outdoors", "Walks"},
		},
		{
			name:       "aria-current",
			menu:       `<a href="/">Start</a> <a href="/nature/" aria-current="page">Nature</a>`,
			categories: []string{"Nature"},
		},
		{
			// The home page, a language switcher and tabs are no sections.
			name: "home, language and tabs",
			menu: `<ul><li class="active"><a href="/">Front page news</a></li><li class="active"><a href="/?lang=en">English</a></li></ul>
<ul class="nav-tabs"><li class="active"><a href="/photos/">Photos</a></li></ul>`,
			categories: []string{},
		},
		{
			// Every submenu marks a default item: no one section.
			name: "many menus each with an active item",
			menu: `<ul><li class="active"><a href="/a/">Table</a></li></ul><ul><li class="active"><a href="/b/">Fixtures</a></li></ul>
<ul><li class="active"><a href="/c/">Players</a></li></ul>`,
			categories: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, activeNavPage(tt.menu), "https://river.example/2020/a-walk", extract.Options{})
			checkList(t, "Categories", a.Categories, tt.categories)
		})
	}
}

// TestExtractTermConventions covers one convention per case, on markup
// written for the test.
func TestExtractTermConventions(t *testing.T) {
	tests := []struct {
		name, src        string
		categories, tags []string
	}{
		{
			// MediaWiki's category box, with long names; the hidden
			// maintenance categories are left out.
			name: "MediaWiki catlinks",
			src: termPage("", `<div id="catlinks" class="catlinks"><div id="mw-normal-catlinks" class="mw-normal-catlinks">
<a href="/wiki/Special:Categories">Categories</a>: <ul>
<li><a href="/wiki/Category:Rivers" title="Category:Rivers">Rivers</a></li>
<li><a href="/wiki/Category:Articles_with_information_from_the_county_survey_of_rivers_and_streams">Articles with information from the county survey of rivers and streams</a></li>
</ul></div><div id="mw-hidden-catlinks" class="mw-hidden-catlinks mw-hidden-cats-hidden">Hidden categories: <ul>
<li><a href="/wiki/Category:Stubs">Stubs</a></li></ul></div></div>`),
			categories: []string{"Rivers", "Articles with information from the county survey of rivers and streams"},
			tags:       []string{},
		},
		{
			// A nav element named as the article's category list is one;
			// the site's navigation is not.
			name: "nav named as the article's categories",
			src: termPage("", `<nav class="article-categories"><span>Categories:</span><ul>
<li><a href="/c/walks">Walks</a></li><li><a href="/c/birds">Birds</a></li></ul></nav>`),
			categories: []string{"Walks", "Birds"},
			tags:       []string{},
		},
		{
			// A div holding only a label heads the list after it; a box
			// titled "Topics" is the site's list of topics.
			name: "div label",
			src: termPage("", `<div data-kind="related"><div class="heading">Related Topics</div><ul>
<li><a href="/t/herons">HERONS</a></li><li><a href="/t/mills">MILLS</a></li></ul></div>
<div class="box"><div class="heading">Topics</div><ul><li><a href="/latest">Latest news</a></li></ul></div>`),
			categories: []string{},
			tags:       []string{"HERONS", "MILLS"},
		},
		{
			// The Article node names no keywords: the page's Recipe does.
			name: "JSON-LD recipe keywords",
			src: termPage(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
{"@type":"Article","headline":"A walk by the river"},
{"@type":"Recipe","name":"River trout","keywords":"trout, grilled fish, summer"}]}</script>`, ``),
			categories: []string{},
			tags:       []string{"trout", "grilled fish", "summer"},
		},
		{
			// A journal's keywords after a heading, without links; a
			// list after a label in running text is part of a sentence.
			name: "plain keyword list after a heading",
			src: termPage("", `<section><h3>Keywords</h3><ul class="subjects">
<li><span>Grey heron</span></li><li><span>River ecology</span></li></ul></section>
<div>Category: <ul><li>Best walk</li><li>Best view</li></ul> of the year, said the club.</div>`),
			categories: []string{},
			tags:       []string{"Grey heron", "River ecology"},
		},
		{
			// Links to tag and category archives in a short line of the
			// article; not in a sentence, not a date archive, not a menu.
			name: "archive links in the article's meta line",
			src: termPage("", `<p class="meta">In <a href="/category/outdoors/">Outdoors</a> on <a href="/tag/date/20200219">19 02 2020</a></p>
<ul class="more-x"><li><a href="/tags/herons/">Herons</a></li><li><a href="/tags/mills/">Mills</a></li></ul>
<p>Read more about <a href="/tag/weather/">the weather</a> on the river in our long guide for walkers this year.</p>`),
			categories: []string{"Outdoors"},
			tags:       []string{"Herons", "Mills"},
		},
		{
			// Fourteen category links, one per box: a menu.
			name:       "archive links in a menu",
			src:        termPage("", `<div class="dropdown"><div><a href="/category/s0/">Section 0</a></div><div><a href="/category/s1/">Section 1</a></div><div><a href="/category/s2/">Section 2</a></div><div><a href="/category/s3/">Section 3</a></div><div><a href="/category/s4/">Section 4</a></div><div><a href="/category/s5/">Section 5</a></div><div><a href="/category/s6/">Section 6</a></div><div><a href="/category/s7/">Section 7</a></div><div><a href="/category/s8/">Section 8</a></div><div><a href="/category/s9/">Section 9</a></div><div><a href="/category/s10/">Section 10</a></div><div><a href="/category/s11/">Section 11</a></div><div><a href="/category/s12/">Section 12</a></div><div><a href="/category/s13/">Section 13</a></div></div>`),
			categories: []string{},
			tags:       []string{},
		},
		{
			// A theme's category block without links; one article:tag
			// holding the whole list. A term block without a label is
			// not read as a list.
			name: "unlinked category block and one article:tag list",
			src: termPage(`<meta property="article:tag" content="herons, mills, rain">`,
				`<span class="cat-links">Categories: Outdoors, Birds</span><span class="tags-links">Share this walk</span>`),
			categories: []string{"Outdoors", "Birds"},
			tags:       []string{"herons", "mills", "rain"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, tt.src, "https://river.example/2020/a-walk", extract.Options{})
			checkList(t, "Categories", a.Categories, tt.categories)
			checkList(t, "Tags", a.Tags, tt.tags)
		})
	}
}
