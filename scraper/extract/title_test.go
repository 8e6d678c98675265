package extract_test

import (
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

// titleCase is a page given as its head and body markup and the title
// expected of it.
type titleCase struct{ name, head, body, want string }

func runTitleCases(t *testing.T, tests []titleCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "<!DOCTYPE html><html><head>" + tt.head + "</head><body>" + tt.body + "</body></html>"
			if a := extractFrom(t, src, "", extract.Options{}); a.Title != tt.want {
				t.Errorf("Title = %q, want %q", a.Title, tt.want)
			}
		})
	}
}

func TestExtractTitleRewrittenMetadata(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"search title rewritten, the h1 is what readers see",
			`<meta property="og:title" content="Ferry timetable: all changes at a glance | Gazette">`,
			`<article><h1>Ferries stay in port while the new timetable starts</h1><p>text</p></article>`,
			"Ferries stay in port while the new timetable starts"},
		{"a one-word h1 sharing the subject",
			`<meta property="og:title" content="Professional design for your company | Studio">`,
			`<main><h1>Design</h1><p>text</p></main>`, "Design"},
		{"an h1 of five words or more is a headline though it shares no word",
			`<meta property="og:title" content="About us | Institute">`,
			`<main><h1>The strategic think and do tank</h1><p>text</p></main>`, "The strategic think and do tank"},
		{"an h1 naming a section shares no word and loses",
			`<meta property="og:title" content="Ferries stay in port">`,
			`<article><h1>Opinion</h1><p>text</p></article>`, "Ferries stay in port"},
		{"a shared word in the site name does not count",
			`<meta property="og:site_name" content="Harbour Opinion"><meta property="og:title" content="Ferries stay in port | Harbour Opinion">`,
			`<article><h1>Opinion</h1><p>text</p></article>`, "Ferries stay in port"},
	})
}

func TestExtractTitleShownOnPage(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"og:title shown in the page header beats a heading of the article",
			`<meta property="og:title" content="Blessing of the throats: protection for the winter">`,
			`<header class="site-header"><h1>Blessing of the throats: protection for the winter</h1></header>
			<article><h1>Radio piece on the blessing of the throats</h1><p>text</p></article>`,
			"Blessing of the throats: protection for the winter"},
		{"part of the document title shown as a heading",
			`<title>Site News - Press releases - Tobacco tax law announced</title>`,
			`<h1>Site News</h1><h1>Press releases</h1><div><h1>Tobacco tax law announced</h1><p>text</p></div>`,
			"Tobacco tax law announced"},
		{"a date after the title in og:title, the heading without it",
			`<meta property="og:title" content="So much rain has not fallen for a long time : 31.10.2023, 10.19 Uhr">`,
			`<div><h1>So much rain has not fallen for a long time</h1></div><div><h1>Most read</h1></div>`,
			"So much rain has not fallen for a long time"},
		{"the h1 is the site's name, the title an h2",
			`<title>Echo Blog » Number two: Leo</title>`,
			`<h1><a href="/">Echo Blog</a></h1><h2>Number two: Leo</h2><p>text</p>`, "Number two: Leo"},
		{"a heading that is the site's name is never the title",
			`<title>blog | Echo Blog Daily News</title>`,
			`<h1 id="site-title"><a href="http://echo.example/">Echo Blog Daily News</a></h1>
			<article><h2 class="entry-title"><a href="/post">Dear people</a></h2><p>text</p></article>`, "Dear people"},
		{"og:title shown as a heading, not guessed shorter",
			`<meta property="og:site_name" content="Dora's Blog"><meta property="og:title" content="Office 365 – data protection – the third">`,
			`<h1><a href="/">Dora's Blog</a></h1><h2>Office 365 – data protection – the third</h2>`,
			"Office 365 – data protection – the third"},
	})
}

func TestExtractTitleCleanup(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"the h1 carries the site's name after a bar",
			`<meta property="og:title" content="What we do not want to hear about ourselves">`,
			`<article><h1>What we do not want to hear about ourselves | EXAMPLE.NET</h1><p>text</p></article>`,
			"What we do not want to hear about ourselves"},
		{"side text in a <small> of the h1 left out",
			`<meta property="og:title" content="Spectators return to the clubs of the region">`,
			`<article><h1>Spectators return to the clubs of the region<br><small>02.02.2022 • Press</small></h1><p>text</p></article>`,
			"Spectators return to the clubs of the region"},
		{"an h1 keeps a part number after a dash",
			`<meta property="og:title" content="Trucks of the post-war years">`,
			`<article><h1>Trucks of the post-war years - Part 49</h1><p>text</p></article>`,
			"Trucks of the post-war years - Part 49"},
		{"a known site name before a bar without spaces",
			`<meta property="og:site_name" content="NEWS EASY"><meta property="og:title" content="NEWS EASY|法律ができる">`,
			`<p>text</p>`, "法律ができる"},
		{"a dash without spaces after the site name is part of a word",
			`<meta property="og:site_name" content="Spiegel"><meta property="og:title" content="Spiegel-Affäre: sixty years on">`,
			`<p>text</p>`, "Spiegel-Affäre: sixty years on"},
		{"ruby readings in the h1 left out",
			``,
			`<article><h1><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を<ruby>禁止<rt>きんし</rt></ruby>する</h1><p>text</p></article>`,
			"子どもへの体罰を禁止する"},
		{"a host name before the title",
			`<title>example.de // » Jens Weaver</title>`, `<p>text</p>`, "Jens Weaver"},
		{"a host name after the title",
			`<title>Stone walls of the north | www.example.co.uk</title>`, `<p>text</p>`, "Stone walls of the north"},
		{"a programming language's name is no host name",
			`<title>Node.js - a guide</title>`, `<p>text</p>`, "Node.js - a guide"},
		{"a <title> the parser met in the body",
			`</head><b>Warning</b>: server error<title>All new in May | Library Blog</title><head>`,
			`<div><h2>All new in May</h2><p>text</p></div>`, "All new in May"},
		{"an svg's <title> is no document title",
			``, `<svg><title>Icon</title></svg><div><p>text</p></div>`, ""},
	})
}

func TestExtractTitleFallbacks(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"of several h1, the one agreeing with the document title",
			`<title>The Club – Quick fresh hair anywhere with the new dry shampoo – Info</title>`,
			`<div><h1>Dry shampoo – quick fresh hair anywhere</h1><p>text</p><h1>How to use</h1></div>`,
			"Dry shampoo – quick fresh hair anywhere"},
		{"a section h1 agreeing with a one-word part loses to og:title shown as h1",
			`<title>News - Institute</title><meta property="og:title" content="The first electron counts">`,
			`<div><h1>News</h1><h1>The first electron counts</h1><p>text</p></div>`, "The first electron counts"},
		{"the h1 glues a label before the document title",
			`<title>Vaccination stays possible everywhere until February</title>`,
			`<main><h1>Press release of the health office :Vaccination stays possible everywhere until February</h1></main>`,
			"Vaccination stays possible everywhere until February"},
		{"the longest part of a document title of three parts or more",
			`<title>Fan Club Regensburg - The club sets the course for the future - Club Press - News</title>`,
			`<div><p>text</p></div>`, "The club sets the course for the future"},
		{"titles come in Unicode normal form C",
			`<title>` + "\u09DC" + ` news</title>`, `<p>text</p>`, "\u09A1\u09BC news"},
		{"titles come in Unicode normal form C from composed characters",
			`<title>` + "e\u0301t\u00e9" + `</title>`, `<p>text</p>`, "\u00e9t\u00e9"},
	})
}

func TestExtractTitleHomeLinkH1(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"an h1 linking to the home page with a language query is the site's name",
			`<title>Children and work » Aid Society</title>`,
			`<h1 id="branding"><a href="/?locale=de-DE"><span>Aid Society</span> <span>Helping working children</span></a></h1>
			<div><h2>Children and work</h2><p>text</p></div>`, "Children and work"},
		{"a home-link h1 equal in length to the post's part of the title",
			`<title>Liver with apple and onion | Love goes through the stomach</title>`,
			`<h1><a href="http://blog.example/">Love goes through the stomach</a></h1><div><h2>Liver with apple and onion</h2></div>`,
			"Liver with apple and onion"},
		{"the home-link h1 cut from the end of a three-part document title",
			`<title>Cross-body turn - Dance figures - Rueda Club</title>`,
			`<h1><a href="/">Dance figures - Rueda Club</a></h1><div><h2>Calls after the basic step</h2><p>text</p></div>`,
			"Cross-body turn"},
		{"the home-link h1 cut from the start of the document title",
			`<title>Law Blog » Is the ban on pseudonyms lawful?</title>`,
			`<h1><a href="http://blog.example/">Law Blog</a></h1><div><h3>Is the ban on pseudonyms lawful?</h3><p>text</p></div>`,
			"Is the ban on pseudonyms lawful?"},
		{"a document title that does not hold the home-link h1 is kept whole",
			`<title>Cross-body turn - Dance figures</title>`,
			`<h1><a href="/">Rueda Club</a></h1><div><p>text</p></div>`,
			"Cross-body turn - Dance figures"},
		{"an h1 linking to a post by number is its title",
			`<title>Blog</title>`,
			`<h1><a href="http://blog.example/?p=123">First curlews of the spring</a></h1><div><p>text</p></div>`,
			"First curlews of the spring"},
	})
}

func TestExtractTitleKickerBeforeMetadataTitle(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a kicker in its own span before the metadata title goes",
			`<meta property="og:title" content="Harbour reopens after the storm">`,
			`<article><h1 class="entry-title"><span class="top">Coastal towns</span> Harbour reopens after the storm</h1><p>text</p></article>`,
			"Harbour reopens after the storm"},
		{"a plain h1 without a colon before the metadata title gives way to it",
			`<title>Harbour reopens after the storm</title>`,
			`<h1>Good news: the Harbour reopens after the storm</h1><p>text</p>`,
			"Harbour reopens after the storm"},
		{"a plain h1 written quote, colon, title is whole",
			`<meta property="og:title" content="Harbour reopens after the storm - Gazette">`,
			`<article><h1 class="entry-title">"At last": Harbour reopens after the storm</h1><p>text</p></article>`,
			`"At last": Harbour reopens after the storm`},
	})
}

func TestExtractTitleSmallClass(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a span of class small in the h1 is side text",
			`<title>Free power check for households | Building</title>`,
			`<h1><span class="small">Energy initiative</span> Free power check for households</h1><p>text</p>`,
			"Free power check for households"},
		{"a class name ending in small is side text too",
			`<title>Energy initiative - free power check | Building</title>`,
			`<h1><span class="h1small">Energy initiative</span> Free power check for households</h1><p>text</p>`,
			"Free power check for households"},
		{"a span of another class stays",
			`<title>Energy initiative - free power check | Building</title>`,
			`<h1><span class="lead">Energy initiative</span> Free power check for households</h1><p>text</p>`,
			"Energy initiative Free power check for households"},
	})
}

func TestExtractTitleHeadlineH2(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"an h2 marked as the headline on a page without an h1",
			`<title>Style - Writing Desk</title>`,
			`<div><h2>Menu</h2><h2 itemprop="headline">Write for your readers</h2><p>text</p></div>`,
			"Write for your readers"},
		{"an h2 of class headline when the only h1 is a strapline",
			`<meta property="og:title" content="Maps now show more places">`,
			`<h1 class="strapline">Update: places on routes</h1><h2 class="article-headline">Maps now show more places</h2><p>text</p>`,
			"Maps now show more places"},
		{"an h2 of class headline that shares nothing with the title is a box's heading",
			`<title>On the trail of a champion</title>`,
			`<div><h2 class="text__headline">Contact</h2><p>text</p></div>`,
			"On the trail of a champion"},
		{"a plain h1 wins over an h2 of class headline",
			`<meta property="og:title" content="Air show in the city: second plane nears approval">`,
			`<h1>Air show in the city: second plane nears approval</h1><h2 class="article-headline">Air show: second plane nears approval</h2><p>text</p>`,
			"Air show in the city: second plane nears approval"},
	})
}

func TestExtractTitleCJKSiteName(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a CJK title joined to the site's name by a dash",
			`<title>武汉的声音：有你，才有城！-新华网</title>`, `<p>text</p>`, "武汉的声音：有你，才有城！"},
		{"a CJK title with a dash inside keeps a long part",
			`<title>益阳：数字-是优长的一个很长的部分</title>`, `<p>text</p>`, "益阳：数字-是优长的一个很长的部分"},
		{"a Latin title keeps its hyphenated word",
			`<title>Start-Up Guide</title>`, `<p>text</p>`, "Start-Up Guide"},
	})
}

func TestExtractTitleHiddenSeparator(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a dash hidden from screen readers sets a kicker apart",
			`<meta property="og:title" content="Zoonoses – How damage to nature breeds epidemics">`,
			`<article><h1><span>Zoonoses</span><span aria-hidden="true"> – </span><span>How damage to nature breeds epidemics</span></h1><p>text</p></article>`,
			"How damage to nature breeds epidemics"},
		{"a visible dash stays",
			`<meta property="og:title" content="Zoonoses – How damage to nature breeds epidemics">`,
			`<article><h1><span>Zoonoses</span><span> – </span><span>How damage to nature breeds epidemics</span></h1><p>text</p></article>`,
			"Zoonoses – How damage to nature breeds epidemics"},
		{"a hidden icon with words is no separator",
			`<meta property="og:title" content="Zoonoses How damage to nature breeds epidemics">`,
			`<article><h1><span>Zoonoses</span> <span aria-hidden="true">icon</span> <span>How damage to nature breeds epidemics</span></h1><p>text</p></article>`,
			"Zoonoses icon How damage to nature breeds epidemics"},
	})
}

func TestExtractTitleParenthesis(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a heading shows the metadata title without its remark in parentheses",
			`<meta property="og:title" content="The historic somersault (2021/5)">`,
			`<div><h2>The historic somersault</h2><p>text</p></div>`, "The historic somersault"},
		{"a heading holding the remark is taken as it is",
			`<meta property="og:title" content="The historic somersault (2021/5)">`,
			`<div><h2>The historic somersault (2021/5)</h2><p>text</p></div>`, "The historic somersault (2021/5)"},
		{"a remark longer than the heading is no remark",
			`<meta property="og:title" content="Tips (for the very long winter evenings at home)">`,
			`<div><h2>Tips</h2><p>text</p></div>`, "Tips (for the very long winter evenings at home)"},
	})
}

func TestExtractTitleLeadingDate(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a date before a separator at the start goes",
			`<title>23.01.2022 - Wierer may cheer at the finale</title>`, `<p>text</p>`, "Wierer may cheer at the finale"},
		{"an ISO date before a bar goes",
			`<title>2022-01-23 | Wierer may cheer at the finale</title>`, `<p>text</p>`, "Wierer may cheer at the finale"},
		{"a date inside the headline stays",
			`<title>What changes for drivers on 23.01.2022</title>`, `<p>text</p>`, "What changes for drivers on 23.01.2022"},
		{"a title that is only a date stays",
			`<title>23.01.2022</title>`, `<p>text</p>`, "23.01.2022"},
		{"a version number is no date",
			`<title>1.2.23 - Release notes of the ferry app</title>`, `<p>text</p>`, "1.2.23 - Release notes of the ferry app"},
	})
}

func TestExtractTitleTypography(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"the heading's dash for the metadata title's hyphen",
			`<meta property="og:title" content="Corsets - shops, designers, buying online">`,
			`<div><h2>Top sellers</h2><h2>Corsets – shops, designers, buying online</h2><p>text</p></div>`,
			"Corsets – shops, designers, buying online"},
		{"the heading's curly quotes for straight ones",
			`<meta property="og:title" content="&quot;Never again&quot;: the band splits up">`,
			`<div><h2>News</h2><h2>„Never again“: the band splits up</h2><p>text</p></div>`,
			"„Never again“: the band splits up"},
		{"a heading with other words is not the title",
			`<meta property="og:title" content="Corsets - shops, designers, buying online">`,
			`<div><h2>Corsets – shops in Berlin</h2><p>text</p></div>`,
			"Corsets - shops, designers, buying online"},
	})
}

func TestExtractTitleShortenedTeaser(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"an .entry-title of a slider cut short, the h1 in full",
			`<meta property="og:title" content="Cell maker raises factory output - Battery Weekly">`,
			`<div class="slider"><h3 class="entry-title"><a href="/cell-maker">Cell maker raises factory output</a></h3>
			<h3 class="entry-title"><a href="/other">Another story entirely</a></h3></div>
			<main><h1>Cell maker raises factory output in Tennessee</h1><p>text</p></main>`,
			"Cell maker raises factory output in Tennessee"},
		{"an .entry-title in a list of them is a teaser's, the only h1 the page's",
			`<title>Cheap car loans in May</title>`,
			`<main><h1>Car loans</h1><p>text</p><h2>Questions and answers</h2>
			<h3 class="entry-title">What is a car loan?</h3><p>text</p>
			<h3 class="entry-title">Why are dealer loans dearer?</h3><p>text</p>
			<h3 class="entry-title">Can I repay early?</h3><p>text</p></main>`,
			"Car loans"},
		{"a Blogger post title in an h3 .entry-title stays when it is the only one",
			`<title>Notes from the garden: First frost</title>`,
			`<h1><a href="/">Notes from the garden</a></h1><div class="post"><h3 class="post-title entry-title">First frost</h3><p>text</p></div>`,
			"First frost"},
		{"an h1 that does not continue the .entry-title leaves it",
			`<meta property="og:title" content="Cell maker raises factory output - Battery Weekly">`,
			`<h2 class="entry-title">Cell maker raises factory output</h2><main><h1>Battery Weekly news</h1><p>text</p></main>`,
			"Cell maker raises factory output"},
	})
}

func TestExtractTitleFullerH2(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"the h2 after the h1 goes on with the sentence",
			`<title>Winter without weight gain: 10 tips | Health</title>`,
			`<h1>Winter without weight gain: 10 tips</h1><div><h2><span class="subline">Slim tricks</span>
			<span class="headline">Winter without weight gain: 10 tips for a light feast</span></h2><p>text</p></div>`,
			"Winter without weight gain: 10 tips for a light feast"},
		{"an h2 styled as the main headline adds a part after a dash",
			`<title>Old fire engines - part 49 - Engines Worldwide</title>`,
			`<div id="news"><h1>Old fire engines - part 49</h1><em>2 November 2021</em>
			<h2 class="h1">Old fire engines - part 49 – Büssing (1931 – 1945)</h2><p>text</p></div>`,
			"Old fire engines - part 49 – Büssing (1931 – 1945)"},
		{"the h2 after the h1 continues it with plain words",
			`<title>Winter without weight gain: 10 tips | Health</title>`,
			`<h1>Winter without weight gain: 10 tips</h1><div><h2>Winter without weight gain: 10 tips for a light feast</h2><p>text</p></div>`,
			"Winter without weight gain: 10 tips for a light feast"},
		{"a plain h2 adding a slogan after a dash is no headline",
			`<title>1000 euro loan</title>`,
			`<h1>1000 euro loan</h1><div><h2>1000 euro loan - fast and online</h2><p>text</p></div>`,
			"1000 euro loan"},
		{"a later section heading starting with the h1 is no headline",
			`<title>1000 euro loan</title>`,
			`<h1>1000 euro loan</h1><div><h2>How it works</h2><p>text</p><h2>1000 euro loan without a credit check</h2><p>text</p></div>`,
			"1000 euro loan"},
		{"a section heading after the intro starting with the h1 is no headline",
			`<meta property="og:title" content="Sourdough Bread"><title>Sourdough Bread | Baking Blog</title>`,
			`<main><h1>Sourdough Bread</h1><p>This loaf takes two days, but most of that time the dough rests on its own in the fridge.</p>
			<h2>Sourdough Bread Ingredients</h2><p>text</p></main>`,
			"Sourdough Bread"},
		{"a German section heading after the intro starting with the h1 is no headline",
			`<title>Kiel - Stadtportal</title>`,
			`<main><h1>Kiel</h1><p>Kiel ist die Landeshauptstadt Schleswig-Holsteins und liegt an der Kieler Förde.</p><h2>Kiel in Zahlen</h2><p>text</p></main>`,
			"Kiel"},
	})
}

func TestExtractTitleLabelH1(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"an h1 no metadata names, the h2 after it showing og:title",
			`<meta property="og:title" content="Save for your pension with your employer's help">
			<title>Company pensions - when do they pay off? - Money Guide</title>`,
			`<main><h1>Company pensions</h1><h2>Save for your pension with your employer's help</h2><p>text</p></main>`,
			"Save for your pension with your employer's help"},
		{"an h1 that only resembles og:title, the h2 after it showing it after a kicker",
			`<meta property="og:title" content="Vanlife in Sweden: Scandinavia by camper van">`,
			`<div class="breadcrumb"><h1>Vanlife in Sweden - Scandinavia by camper</h1></div>
			<div><h2><span class="subline">Vanlife in Sweden</span> <span class="headline">Scandinavia by camper van</span></h2><p>text</p></div>`,
			"Scandinavia by camper van"},
		{"an h1 ending the breadcrumb trail, the visible headline in the h2 after it",
			`<meta property="og:title" content="Covid-19: Can the spread be controlled?">`,
			`<ol class="breadcrumb"><li><a href="/">Home</a></li><li><h1>Covid-19: Can the spread be controlled?</h1></li></ol>
			<main><h2><span class="content__kicker">Covid-19</span><span class="content__title">Can the spread be controlled?</span></h2><p>text</p></main>`,
			"Can the spread be controlled?"},
		{"an h1 og:title names stays before an h2 showing twitter:title",
			`<meta property="og:title" content="Ferries stay in port"><meta name="twitter:title" content="Storm closes the harbour">`,
			`<main><h1>Ferries stay in port</h1><h2>Storm closes the harbour</h2><p>text</p></main>`,
			"Ferries stay in port"},
		{"a deck h2 that no metadata title shows leaves the h1",
			`<meta property="og:title" content="Company pensions: a guide">`,
			`<main><h1>Company pensions</h1><h2>Why the employer pays half</h2><p>text</p></main>`,
			"Company pensions"},
	})
}

func TestExtractTitleShownWithoutKicker(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a heading shows og:title after its kicker",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Neighbours become strangers"}</script>
			<meta property="og:title" content="Border closures: Germany, France and the return of resentment">`,
			`<header><h1>Report from the border</h1><nav><a href="/">Home</a></nav></header><main><h2><span class="overline">Border closures</span>
			<span itemprop="headline">Germany, France and the return of resentment</span></h2><p>People on both banks of the river have
			crossed the bridge every day for decades, to work, to shop and to see their families.</p></main>`,
			"Germany, France and the return of resentment"},
		{"a heading with a kicker showing no metadata title is passed over",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Neighbours become strangers"}</script>
			<meta property="og:title" content="Border closures: Germany, France and the return of resentment">`,
			`<header><h1>Report from the border</h1><nav><a href="/">Home</a></nav></header><main><h2><span class="overline">Border closures</span>
			<span>Life in the twin towns</span></h2><p>People on both banks of the river have crossed the bridge every day for decades,
			to work, to shop and to see their families.</p></main>`,
			"Neighbours become strangers"},
	})
}

func TestExtractTitleTimeInHeadline(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a time element inside the h1 is side text",
			`<title>Blog</title>`,
			`<article><h1><time datetime="2019-06-17">Jun 17</time> The most beautiful end of the world</h1><p>text</p></article>`,
			"The most beautiful end of the world"},
		{"the entry title after its date callout shows og:title over the article's section h1",
			`<meta property="og:title" content="The most beautiful end of the world: Montauk">`,
			`<article><h2 class="entry-title" itemprop="headline"><time datetime="2019-06-17">Jun 17 </time>The most beautiful end of the world: Montauk</h2>
			<p>text</p><h1>"Downtown" Montauk</h1><p>text</p><h1>Where to stay:</h1><p>text</p></article>`,
			"The most beautiful end of the world: Montauk"},
		{"a date written as text in the h1 stays",
			`<title>Blog</title>`,
			`<article><h1>Weekly report 14 - 20 January 2022</h1><p>text</p></article>`,
			"Weekly report 14 - 20 January 2022"},
	})
}

func TestExtractTitleHeadingWrapper(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a header wrapping only the content's h1 is no site banner",
			`<meta property="og:title" content="Hazmat service"><title>Hazmat service - Qualis</title>`,
			`<header class="site"><a href="/"><img src="/logo.png" alt="Qualis"></a><nav><ul><li><a href="/a">A</a></li></ul></nav></header>
			<div id="page-content"><header class="frame-header"><h1><span>Hazardous materials management for importers</span></h1></header>
			<p>text</p></div>`,
			"Hazardous materials management for importers"},
		{"a header with the site's linked name and navigation is the banner",
			`<meta property="og:title" content="Hazmat service"><title>Hazmat service - Qualis</title>`,
			`<header class="site"><h1><a href="/about-us">Quality systems for chemical importers</a></h1><nav><ul><li><a href="/a">A</a></li></ul></nav></header>
			<div id="page-content"><p>We keep the safety data sheets of your products up to date, in every language your customers need,
			and answer the authorities' questions for you.</p></div>`,
			"Hazmat service"},
	})
}

func TestExtractTitleNumberRange(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"a dash between two numbers is a range, not a separator",
			`<title>Weekly report 14. - 20. January 2022 - SLF</title>`,
			`<div><p>text</p></div>`,
			"Weekly report 14. - 20. January 2022"},
		{"a dash between words still separates the title's parts",
			`<title>News - Weekly report on snow and avalanches, 14 January - SLF</title>`,
			`<div><p>text</p></div>`,
			"Weekly report on snow and avalanches, 14 January"},
	})
}

func TestExtractTitleContentH2(t *testing.T) {
	runTitleCases(t, []titleCase{
		{"an old template's page heading in the first h2",
			`<title>Fire Brigade Oldenburg - Training</title>`,
			`<div id="nav"><a href="/">Home</a></div><div id="content"><h2>Boat service training</h2><p>text</p></div>`,
			"Boat service training"},
		{"an h2 sharing no word with the document title is a box's heading",
			`<title>Training - Fire Brigade</title>`,
			`<div id="content"><h2>Contact</h2><p>text</p><h2>Boat service training</h2></div>`,
			"Training - Fire Brigade"},
		{"an h2 repeating the document title's words adds nothing",
			`<title>Jens Weber // Media Architecture</title>`,
			`<div id="content"><h2>» Jens Weber</h2><p>text</p></div>`,
			"Jens Weber // Media Architecture"},
		{"headings hidden for screen readers are passed over",
			`<title>New workshop - New building WSL</title>`,
			`<h2 class="sr-only">Navigation with access keys</h2><div id="content"><h2 class="text-hide">Main content</h2>
			<h2>Design competition for the new workshop</h2><p>text</p></div>`,
			"Design competition for the new workshop"},
		{"a linked h2 is a teaser for another page",
			`<title>Training - Fire Brigade</title>`,
			`<div id="content"><h2><a href="/boats">Boat service training</a></h2><p>text</p></div>`,
			"Training - Fire Brigade"},
		{"a page with a metadata title does not look at its h2",
			`<meta property="og:title" content="Training plan"><title>Fire Brigade Oldenburg - Training</title>`,
			`<div id="content"><h2>Boat service training</h2><p>text</p></div>`,
			"Training plan"},
	})
}
