package extract_test

import (
	"strings"
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

// long is a sentence long enough to make a container substantial.
var long = strings.Repeat("Rain fell on the harbour all morning and the ferries stayed in port. ", 4)

func TestExtractBodyText(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{
			name: "paragraphs, entities and white space",
			body: "<p>" + long + "</p><p>  Caf&eacute;   &#8220;open&#8221;\n\t again&nbsp;today. </p>",
			want: strings.TrimSpace(long) + "\n\nCafé “open” again today.",
		},
		{
			name: "br inside a paragraph",
			body: "<p>" + long + "</p><p>First line<br>second line<br/><br/><br/>after a gap</p>",
			want: strings.TrimSpace(long) + "\n\nFirst line\nsecond line\n\nafter a gap",
		},
		{
			name: "headings, lists and nested lists",
			body: "<p>" + long + "</p><h2>What changed</h2><ul><li>Ferries <em>cancelled</em></li><li>Roads open<ol><li>North road</li><li>Coast road</li></ol></li></ul><p>End.</p>",
			want: strings.TrimSpace(long) + "\n\nWhat changed\n\nFerries cancelled\nRoads open\nNorth road\nCoast road\n\nEnd.",
		},
		{
			name: "blockquote lines; captions stay out of the text",
			body: "<p>" + long + "</p><blockquote><p>Q: Where?</p><p>A: Here.</p></blockquote><figure><img src='/a.jpg'><figcaption>The harbour at noon</figcaption></figure>" +
				"<div class='wp-caption'><img src='/b.jpg'><p class='wp-caption-text'>The quay at dusk</p></div><p>After.</p>",
			want: strings.TrimSpace(long) + "\n\nQ: Where?\n\nA: Here.\n\nAfter.",
		},
		{
			name: "credits and captions beside an image, unnamed, stay out of the text",
			body: "<p>" + long + "</p><figure class='element'><img src='/c.jpg'><span class='description'>Ann Tide/Agency</span></figure>" +
				"<div class='image-box'><a href='/d.jpg'><img src='/d.jpg'></a><p>The new quay seen from the water.</p></div>" +
				"<div class='box'><img src='/e.jpg'><img src='/f.jpg'><p>Two boats, one quay.</p></div><p>After.</p>",
			want: strings.TrimSpace(long) + "\n\nTwo boats, one quay.\n\nAfter.",
		},
		{
			name: "data table as rows",
			body: "<p>" + long + "</p><table><caption>Sailings</caption><thead><tr><th>Day</th><th>Boats</th></tr></thead><tbody><tr><td>Mon</td><td>4</td></tr><tr><td>Tue</td><td><b>0</b></td></tr></tbody></table>",
			want: strings.TrimSpace(long) + "\n\nSailings\nDay\tBoats\nMon\t4\nTue\t0",
		},
		{
			name: "layout table keeps paragraphs",
			body: "<table><tr><td><p>" + long + "</p><p>Second paragraph.</p></td></tr></table>",
			want: strings.TrimSpace(long) + "\n\nSecond paragraph.",
		},
		{
			name: "pre keeps its lines",
			body: "<p>" + long + "</p><pre>line one\n  indented\nline three\n</pre>",
			want: strings.TrimSpace(long) + "\n\nline one\n  indented\nline three",
		},
		{
			name: "ruby readings (furigana) are not part of the text",
			body: "<p>" + long + "</p><p><ruby>子<rt>こ</rt></ruby>どもの<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>を<ruby><span>学</span><rt>まな</rt></ruby>ぶ。</p>",
			want: strings.TrimSpace(long) + "\n\n子どもの漢字を学ぶ。",
		},
		{
			name: "bare text and inline boxes",
			body: long + "<div>Loose <span>words</span> here.</div>",
			want: strings.TrimSpace(long) + "\n\nLoose words here.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `<html><body><article><div class="entry-content">` + tt.body + `</div></article></body></html>`
			a := extractFrom(t, src, "https://harbour.example/", extract.Options{})
			if a.BodyText != tt.want {
				t.Errorf("BodyText =\n%q\nwant\n%q", a.BodyText, tt.want)
			}
		})
	}
}

func TestExtractRemovesBoilerplate(t *testing.T) {
	tests := []struct {
		name, body string
		kept       []string
		gone       []string
	}{
		{
			name: "appeals after the last paragraph, any wording",
			body: "<p>" + long + "</p><p>The ferry company said it would donate the cancelled fares to the lifeboat fund.</p>" +
				"<p><em>Independent reporting costs money. Please support us with a monthly donation.</em></p>" +
				"<p>Become a member on Patreon &raquo;</p><hr>",
			kept: []string{"would donate the cancelled fares to the lifeboat fund."},
			gone: []string{"Independent reporting", "Patreon", "<hr"},
		},
		{
			name: "labels and credits left at the end",
			body: "<p>" + long + "</p><p>The harbour master expects calmer seas by Friday.</p>" +
				"<p><strong>You may also like:</strong></p><div>Photo: Ann Tide<br></div>",
			kept: []string{"calmer seas by Friday."},
			gone: []string{"Photo: Ann Tide", "You may also like"},
		},
		{
			name: "calls to follow the site, get its app, write in or sign in, at the end",
			body: "<p>" + long + "</p><p>The ferry company posted the new timetable on Facebook on Monday.</p>" +
				"<p>Follow The Harbour Times on Twitter and Instagram.</p>" +
				"<p>For the latest news, download our app for iOS and Android.</p>" +
				"<p>We want to hear what you think. Write to our letters to the editor page.</p>" +
				"<p>You must be logged in to post a comment.</p>",
			kept: []string{"new timetable on Facebook on Monday."},
			gone: []string{"Follow The Harbour", "download our app", "want to hear", "logged in"},
		},
		{
			name: "closing sentences that name a network or an app but ask nothing of the reader",
			body: "<p>" + long + "</p><p>Other platforms such as YouTube are expected to follow suit later this year, analysts said.</p>" +
				"<p>Die Entscheidung folgt auf eine Klage gegen Facebook vor dem Landgericht Berlin.</p>" +
				"<p>Users who download the app must be at least 16 years old, the regulator said.</p>",
			kept: []string{"follow suit later this year", "folgt auf eine Klage gegen Facebook", "must be at least 16 years old"},
		},
		{
			name: "publication lines before the first paragraph and at the end",
			body: "<p>Published: 3 February 2022, 10:27</p><div>By Ann Tide | 02.03.2022</div><p>" + long + "</p>" +
				"<p>The ferries sail again on 4 March 2022, the company said in a statement.</p><p>Updated Feb 5, 2022</p>",
			kept: []string{"on 4 March 2022, the company said"},
			gone: []string{"Published:", "By Ann Tide", "Updated Feb"},
		},
		{
			name: "short last lines that are the article's",
			body: "<p>" + long + "</p><p>Quay Office<br>1 Harbour Road</p><p>+44 1234-567-890</p>" +
				"<ul><li>Tide tables</li><li>Ferry times</li></ul><p>See you at sea!</p>",
			kept: []string{"1 Harbour Road", "+44 1234-567-890", "Ferry times", "See you at sea!"},
		},
		{
			name: "a run of short lines at the end is a list, not labels",
			body: "<p>" + long + "</p><p>Coat: Harbour Wear</p><p>Boots: Quay Co</p><p>Hat: Tide Hats</p>",
			kept: []string{"Coat: Harbour Wear", "Boots: Quay Co", "Hat: Tide Hats"},
		},
		{
			name: "sections laid out around ad slots (a BEM --ads modifier of their block) stay; the ads go",
			body: "<p>" + long + "</p>" +
				"<section class='report__section report__section--ads'><div class='ad ad--top'>Advertisement: boats for sale</div><p>The north quay reopens on Monday after the repairs.</p></section>" +
				"<section class='report__section report__section--ads'><p>The south quay stays closed until the stone arrives.</p></section>" +
				"<section class='report__section report__section--ads'><p>Ferries use the outer berth in the meantime.</p></section>" +
				"<div class='teaser--ads'>Cheap ferry tickets today</div>",
			kept: []string{"north quay reopens", "south quay stays closed", "outer berth"},
			gone: []string{"boats for sale", "Cheap ferry tickets"},
		},
		{
			name: "a block's --ad variant (singular) is the block shown as an ad, and goes",
			body: "<p>" + long + "</p>" +
				"<div class='teaser teaser--ad'><a href='https://ads.example/boats'><p>Sponsored: the best boats for sale this spring at the marina</p></a></div>" +
				"<div class='box box--ad'><p>Cheap ferry tickets for the whole family this summer</p></div>" +
				"<p>The harbour master expects calmer seas by Friday.</p>",
			kept: []string{"calmer seas by Friday."},
			gone: []string{"boats for sale", "Cheap ferry tickets"},
		},
		{
			name: "appeal blocks by class",
			body: "<p>" + long + "</p><div class='donation-box'><p>Give what you can.</p></div><div id='support-us'>Every pound helps.</div><div class='newsletter-signup'>Get the morning briefing.</div>",
			gone: []string{"Give what you can", "Every pound helps", "morning briefing"},
		},
		{
			name: "share bars, related posts, ads, author boxes",
			body: "<div class='share-buttons'>Share on X</div><p>" + long + "</p>" +
				"<div class='jp-relatedposts'>Related: older storm</div><div class='yarpp-related'>More storms</div>" +
				"<div class='advertisement'>Buy boots</div><div class='ads'>Buy coats</div><div id='div-gpt-ad-99'>Buy hats</div>" +
				"<div class='author-box'>Sam writes about weather.</div><div class='social-links'>Follow us</div>",
			gone: []string{"Share on X", "older storm", "More storms", "Buy boots", "Buy coats", "Buy hats", "Sam writes", "Follow us"},
		},
		{
			name: "disclaimers, ratings, bylines, tables of contents, plugin boxes by class",
			body: "<p class='affiliate-disclosure'>We earn a commission from links.</p><div class='byline'>By Ann Tide</div>" +
				"<div id='ez-toc-container'><p class='ez-toc-title'>Contents</p></div><p>" + long + "</p>" +
				"<span class='post-ratings'>(No ratings yet)</span><div class='rating'>Rate this article</div>" +
				"<div class='sociable'>Be sociable</div><p class='timestamp'>Updated 3 May</p>" +
				"<div class='saboxplugin-wrap'><p>Ann writes about tides.</p></div><div class='abh_box'><p>Ann again.</p></div>" +
				"<div class='author_area'><p>Ann, once more.</p></div><div class='page-disclaimer'>No advice given.</div>" +
				"<div class='BorlabsCookie'><p>Click to load the map.</p></div><div class='most-popular'><p>Top storms</p></div>" +
				"<div class='entryfooter'><p>Comments closed | Trackback</p></div><p><a class='cta-button' href='/loan'>Compare loans</a></p>" +
				"<div class='share-btn'>Send</div><div class='entry-author'><p>Ann Tide, reporter</p></div>" +
				"<div class='field field--label-inline'><div class='field__label'>Release date:</div><div class='field__item'>Spring tides run high.</div></div>",
			gone: []string{"commission", "Ann Tide", "Contents", "No ratings", "Rate this", "Be sociable", "Updated 3 May",
				"Ann writes", "Ann again", "Ann, once more", "No advice", "load the map", "Top storms", "Comments closed", "Compare loans", "Send", "reporter", "Release date"},
			kept: []string{"Spring tides run high."},
		},
		{
			name: "names that only look like boilerplate",
			body: "<p><span class='dateline'>KOBE –</span> " + long + "</p><h2 id='toc_title_1'>Tides</h2><p class='affiliate-link'>Tide tables</p><div class='ratings-grid'>Five tides</div><p>The end.</p>",
			kept: []string{"KOBE –", "Tides", "Tide tables", "Five tides"},
		},
		{
			name: "comments inside the container",
			body: "<p>" + long + "</p><div class='comments'><p>Great piece!</p></div><ol class='commentlist'><li id='li-comment-9'>First!</li></ol>" +
				"<div id='comment-77'>Spam</div><div id='wpd-comm-5_0'>wpDiscuz reply</div><div id='disqus_thread'>Disqus</div>",
			gone: []string{"Great piece", "First!", "Spam", "wpDiscuz reply", "Disqus"},
		},
		{
			name: "scripts, styles, forms, iframes, handlers",
			body: "<p onclick='steal()' style='color:red'>" + long + "</p><script>var x = 'script text';</script><style>p{}</style>" +
				"<noscript>Enable JS</noscript><form><p>Your email</p></form><iframe src='https://video.example/'></iframe>" +
				"<p>A <a href='javascript:alert(1)'>link</a> in a sentence that says more than its link does.</p>",
			kept: []string{"link"},
			gone: []string{"script text", "p{}", "Enable JS", "Your email", "iframe", "onclick", "steal", "style=", "javascript:"},
		},
		{
			name: "a wrapper named like boilerplate keeps the article",
			body: "<div class='post-social-wrapper'><p>" + long + "</p><p>" + long + "</p></div><div class='social'>Like us</div>",
			kept: []string{"Rain fell on the harbour"},
			gone: []string{"Like us"},
		},
		{
			name: "the heading of a removed box goes with it; a subtitle above a share bar stays",
			body: "<h2>Ferries stay in port as the storm reaches the coast on Tuesday</h2><div class='share-bar'>Share</div><p>" + long + "</p>" +
				"<h3>More on this</h3><div class='related-posts'><p>Storm one</p></div><h3>Tides</h3><div class='ad'></div><p>High tide at six.</p>",
			kept: []string{"Ferries stay in port as the storm", "Tides", "High tide at six."},
			gone: []string{"More on this", "Storm one", "Share"},
		},
		{
			name: "grid of teasers for other articles",
			body: "<p>" + long + "</p><h2>The crossing</h2><p>The ferry left at noon.</p>" +
				"<div class='grid'><div class='card'><a href='/a'><h3>Storm damages pier</h3></a><p>Repairs will take weeks.</p></div>" +
				"<div class='card'><a href='/b'><h3>New ferry named</h3></a><p>A vote decided.</p></div></div><p>Tides turn.</p>",
			kept: []string{"The crossing", "The ferry left at noon."},
			gone: []string{"Storm damages pier", "Repairs will take", "New ferry named"},
		},
		{
			name: "sections whose headings link stay",
			body: "<p>" + long + "</p><div><h3>The <a href='/x'>North quay</a> in the winter</h3><p>" + long + "</p><h3>The <a href='/y'>South quay</a> in the winter</h3><p>Boats wait here every winter for the spring tides.</p></div>",
			kept: []string{"North quay", "South quay", "every winter"},
		},
		{
			name: "read-also link list and its label",
			body: "<p>" + long + "</p><h3>Read also</h3><ul><li><a href='/1'>Storm one</a></li><li><a href='/2'>Storm two</a></li><li><a href='/3'>Storm three</a></li></ul>",
			gone: []string{"Read also", "Storm one"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `<html><body><article><div class="entry-content">` + tt.body + `</div></article></body></html>`
			a := extractFrom(t, src, "https://harbour.example/", extract.Options{})
			checkBody(t, a, append([]string{"Rain fell on the harbour"}, tt.kept...), tt.gone)
		})
	}
}

func TestExtractChoosesContainer(t *testing.T) {
	tests := []struct {
		name, body string
		with       []string
		without    []string
	}{
		{
			name: "blogger post body",
			body: `<div class="widget Blog" id="Blog1"><div class="post hentry"><h3 class="post-title">Post</h3><div class="post-body entry-content">` + long + `</div></div><div id="comments" class="comments"><p>Blogger comment text</p></div></div>`,
			with: []string{"Rain fell"}, without: []string{"Blogger comment text"},
		},
		{
			name: "ghost content",
			body: `<main><article><section class="gh-content"><p>` + long + `</p></section><aside class="gh-sidebar">Ghost sidebar</aside></article></main>`,
			with: []string{"Rain fell"}, without: []string{"Ghost sidebar"},
		},
		{
			name: "largest of several matches",
			body: `<div class="entry-content"><p>Teaser only.</p></div><div class="entry-content"><p>` + long + `</p></div>`,
			with: []string{"Rain fell"}, without: []string{"Teaser only."},
		},
		{
			name: "scoring fallback without known containers",
			body: `<div id="menu"><a href="/">Home</a> <a href="/news">News</a></div><div id="x1"><div id="x2"><p>` + long + `</p><p>` + long + `, and then, later, the wind dropped.</p></div></div><div id="foot"><p>Contact: harbour office</p></div>`,
			with: []string{"the wind dropped."}, without: []string{"Home", "Contact:"},
		},
		{
			name: "the page's only WordPress entry inside a wrapper named like a sidebar",
			body: `<div class="sidebar_content"><div class="post-7 post type-post hentry category-news"><h2 class="entry-title">Ferries stay in port</h2>` +
				`<p class="post-meta">May 6, 2022</p><p>` + long + `</p><p>The harbour master expects calmer seas by Friday.</p></div></div>` +
				`<div class="sidebar"><ul><li><a href="/a">Storm one</a></li><li><a href="/b">Storm two</a></li></ul></div>`,
			with: []string{"Rain fell", "calmer seas by Friday."}, without: []string{"Storm one"},
		},
		{
			name: "the only entry in a sidebar widget, the article's h1 outside it: not protected",
			body: `<div id="page"><div class="wrap"><h1>Ferries stay in port</h1><p>` + long + `</p><p>The harbour master expects calmer seas by Friday.</p></div>` +
				`<div id="sidebar"><div class="widget widget-featured"><h3>Featured post</h3><div class="post-99 post type-post hentry"><h2><a href="/old">An older story about the quay</a></h2>` +
				`<p>The quay was built in 1820 from stones brought by sea from the north. ` + long + `</p><p>The lifeboat station beside it was built in the same year and still stands.</p></div></div>` +
				`<div class="widget"><ul><li><a href="/a">Storm one</a></li><li><a href="/b">Storm two</a></li></ul></div></div></div>`,
			with: []string{"Rain fell", "calmer seas by Friday."}, without: []string{"built in 1820", "lifeboat station", "Storm one"},
		},
		{
			name: "the only entry beside a site title h1 in the page header: protected",
			body: `<header><div class="logo"><h1><a href="/">Harbour News</a></h1></div></header><div class="sidebar_content"><div class="post-7 post type-post hentry category-news"><h2 class="entry-title">Ferries stay in port</h2>` +
				`<p class="post-meta">May 6, 2022</p><p>` + long + `</p><p>The harbour master expects calmer seas by Friday.</p></div></div>` +
				`<div class="sidebar"><ul><li><a href="/a">Storm one</a></li><li><a href="/b">Storm two</a></li></ul></div>`,
			with: []string{"Rain fell", "calmer seas by Friday."}, without: []string{"Storm one"},
		},
		{
			name: "the only entry beside a site title h1 linking home: protected",
			body: `<div class="top"><h1 class="site-title"><a href="https://harbour.example/">Harbour News</a></h1></div><div class="sidebar_content"><div class="post-7 post type-post hentry"><h2 class="entry-title">Ferries stay in port</h2>` +
				`<p>` + long + `</p><p>The harbour master expects calmer seas by Friday.</p></div></div>`,
			with: []string{"Rain fell", "calmer seas by Friday."},
		},
		{
			name: "one entry among several is a listing's teaser, not protected",
			body: `<div class="entry-content"><p>` + long + `</p></div>` +
				`<div class="sidebar_content"><div class="post hentry"><p>Teaser of an older story about the quay and its stones.</p></div>` +
				`<div class="post hentry"><p>Teaser of another older story about the ferries.</p></div></div>`,
			with: []string{"Rain fell"}, without: []string{"Teaser of"},
		},
		{
			name: "layout wrapper named sidebar",
			body: `<div class="container right-sidebar"><div class="post-entry"><p>` + long + `</p></div><div class="widget"><p>Widget text</p></div></div>`,
			with: []string{"Rain fell"}, without: []string{"Widget text"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, "<html><body>"+tt.body+"</body></html>", "https://harbour.example/", extract.Options{})
			checkBody(t, a, tt.with, tt.without)
		})
	}
}
