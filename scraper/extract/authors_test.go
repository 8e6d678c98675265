package extract_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

// bylined builds an article body with header markup before its text.
func bylined(header string) string {
	return `<article><header><h1>The ferry timetable changes</h1>` + header + `</header><div class="entry-content"><p>` +
		strings.Repeat("The ferry will leave an hour earlier from May onwards, the operator said. ", 6) +
		`</p></div></article>`
}

// TestAuthorPrecedence covers which source wins when the metadata names
// the site, an organisation, a handle or a first name only and the
// visible byline names a person.
func TestAuthorPrecedence(t *testing.T) {
	const byline = `<p class="byline">By <a href="/people/mara-lind/">Mara Lind</a></p>`
	tests := []struct {
		name, url, head, body string
		want                  []string
	}{
		{"person in meta wins over byline", "", `<meta name="author" content="Ola Nordmann">`, bylined(byline), []string{"Ola Nordmann"}},
		{"site name in meta gives way", "", `<meta property="og:site_name" content="Harbour News"><meta name="author" content="Harbour News">`, bylined(byline), []string{"Mara Lind"}},
		{"domain in meta gives way", "", `<meta name="author" content="harbour-news.example">`, bylined(byline), []string{"Mara Lind"}},
		{"registered association gives way", "", `<meta name="author" content="Verein der Fährfreunde e.V.">`, bylined(byline), []string{"Mara Lind"}},
		{"company gives way", "", `<meta name="author" content="Harbour Media GmbH">`, bylined(byline), []string{"Mara Lind"}},
		{"domain inside the name gives way", "", `<meta name="author" content="Harbour Radio (www.harbour.example)">`, bylined(byline), []string{"Mara Lind"}},
		{"organisation split at und gives way", "", `<meta name="author" content="Amt für Wald und Forst - AWF">`, bylined(byline), []string{"Mara Lind"}},
		{"phrase with common words gives way", "", `<meta name="author" content="Das Magazin für Fähren">`, bylined(byline), []string{"Mara Lind"}},
		{"host name as words gives way", "https://harbour-ferry.example/a", `<meta name="author" content="Club Harbour Ferry">`, bylined(byline), []string{"Mara Lind"}},
		{"person named like the own domain stays", "https://mara-lind.example/a", `<meta name="author" content="Mara Lind">`, "", []string{"Mara Lind"}},
		{"organisation in JSON-LD gives way", "", ld(`{"@type":"NewsArticle","headline":"x","author":{"@type":"Organization","name":"HN"}}`), bylined(byline), []string{"Mara Lind"}},
		{"two-letter initials give way", "", `<meta name="author" content="ML">`, bylined(byline), []string{"Mara Lind"}},
		{"handle gives way", "", ld(`{"@type":"BlogPosting","headline":"x","author":{"@type":"Person","name":"mara.lind"}}`), bylined(byline), []string{"Mara Lind"}},
		{"first name spelled out by byline", "", `<meta name="author" content="Mara">`, bylined(byline), []string{"Mara Lind"}},
		{"login spelled out by byline", "", `<meta name="author" content="maralind">`, bylined(byline), []string{"Mara Lind"}},
		{"first name kept when byline names another", "", `<meta name="author" content="Jo">`, bylined(byline), []string{"Jo"}},
		{"weak meta kept without byline", "", `<meta name="author" content="Harbour Media GmbH">`, "", []string{"Harbour Media GmbH"}},
		{"later meta key with a person", "", `<meta property="article:author" content="Harbour News Online"><meta name="author" content="Ola Nordmann">`, bylined(byline), []string{"Ola Nordmann"}},
		{"short name does not stop a later full name", "", ld(`{"@type":"Article","headline":"x","author":"ola"}`) + `<meta name="author" content="Ola Nordmann">`, "", []string{"Ola Nordmann"}},
		{"meta listing all authors widens JSON-LD", "", ld(`{"@type":"Article","headline":"x","author":{"@type":"Person","name":"Ann Lee"}}`) +
			`<meta name="author" content="Ann Lee, Bo Chan">`, "", []string{"Ann Lee", "Bo Chan"}},
		{"initials do not widen", "", ld(`{"@type":"Article","headline":"x","author":{"@type":"Person","name":"Ann Lee"}}`) +
			`<meta name="author" content="Ann Lee, AL">`, "", []string{"Ann Lee"}},
		{"byline naming the site gives way to a text byline", "https://theharbourpress.example/a", `<meta name="author" content="theharbourpress.example">`,
			bylined(`<div class="byline"><a href="/">The Harbour Press</a></div><p><em>Von Mara Lind</em></p>`), []string{"Mara Lind"}},
		{"login in the byline markup gives way to a text byline naming a person", "", "",
			bylined(`<p class="submitted">Saved by <span class="username">harbourdesk</span></p><p>Ein Beitrag von Mara Lind</p>`), []string{"Mara Lind"}},
		{"login in the byline markup stays without a person in the text", "", "",
			bylined(`<p class="submitted">Saved by <span class="username">harbourdesk</span></p><p>Von Fähren und Häfen</p>`), []string{"harbourdesk"}},
		{"citation_author before microdata of the references", "", `<meta name="citation_author" content="Mara Lind">`,
			bylined(`<ol class="refs"><li itemscope><meta itemprop="author" content="NH. Shear, SP. Spielberg"></li></ol>`), []string{"Mara Lind"}},
		{"publisher as the author gives way to a byline", "", `<meta name="author" content="Harbour Illustrierte"><meta name="DC.publisher" content="Harbour Illustrierte">`,
			bylined(`<p class="subline">Text & Fotos: Mara Lind</p>`), []string{"Mara Lind"}},
		{"publisher as the author stays when the byline names it", "", `<meta name="author" content="Ola Nordmann"><meta name="dcterms.publisher" content="Ola Nordmann">`,
			bylined(`<div class="byline">Kolumne Von Ola Nordmann</div>`), []string{"Ola Nordmann"}},
		{"publisher as the author stays without a byline", "", `<meta name="author" content="Harbour Illustrierte"><meta name="DC.publisher" content="Harbour Illustrierte">`,
			bylined(""), []string{"Harbour Illustrierte"}},
		{"Shareaholic author meta", "", `<meta name="shareaholic:article_author_name" content="Mara Lind">`, "", []string{"Mara Lind"}},
		{"site dropped beside a person", "https://harbour.example/a", `<meta property="og:site_name" content="HNN"><meta name="author" content="Mara Lind | HNN">`, "", []string{"Mara Lind"}},
		{"site kept in an agency credit", "https://harbour.example/a", `<meta property="og:site_name" content="The Harbour"><meta name="author" content="AFP/The Harbour">`, "", []string{"AFP", "The Harbour"}},
		{"site with place names gives way", "https://harbour.example/a", `<meta property="og:site_name" content="HARBOUR NEWS"><meta name="author" content="HARBOUR NEWS, Hamburg, Germany">`,
			bylined(byline), []string{"Mara Lind"}},
		{"address after the company left out", "", `<meta name="author" content="Harbour Media GmbH, Kiel, Germany">`, "", []string{"Harbour Media GmbH"}},
		{"address with an abbreviated town left out", "", `<meta name="author" content="HARBOUR, Frankfurt a. M., Deutschland">`, "", []string{"HARBOUR"}},
		{"country after two authors left out", "", `<meta name="author" content="Mara Lind, Ola Nordmann, Germany">`, "", []string{"Mara Lind", "Ola Nordmann"}},
		{"institution's name with und is one name", "", `<meta name="author" content="Bundesamt für Häfen und Schifffahrt">`, "", []string{"Bundesamt für Häfen und Schifffahrt"}},
		{"persons joined by und are split", "", `<meta name="author" content="Mara Lind und Ola Nordmann">`, "", []string{"Mara Lind", "Ola Nordmann"}},
		{"list without a country kept", "", `<meta name="author" content="Mara Lind, Ola Nordmann, Bo Chan">`, "", []string{"Mara Lind", "Ola Nordmann", "Bo Chan"}},
		{"byline repeating a name like the site's confirms it", "https://lind.example/a", `<meta property="og:site_name" content="Mara Lind - Ferry Blog"><meta name="author" content="Mara Lind">`,
			bylined(`<p class="byline">By <a href="/about/">Mara Lind</a></p><p><em>Von Ola Nordmann</em></p>`), []string{"Mara Lind"}},
		{"caption in byline markup ignored", "", `<meta name="author" content="Harbour Media GmbH">`,
			bylined(`<span class="author">Photo from the archive of the harbour office</span>`), []string{"Harbour Media GmbH"}},
		{"recipe author", "", ld(`{"@type":"Recipe","name":"Plum cake","author":{"@type":"Person","name":"plumfan"},
			"review":[{"@type":"Review","author":{"@type":"Person","name":"someone"}}]}`), "", []string{"plumfan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.url
			if u == "" {
				u = "https://harbour.example/news/1"
			}
			a := extractFrom(t, page(tt.head, tt.body), u, extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestAuthorCleaning covers names as CMSs write them into metadata.
func TestAuthorCleaning(t *testing.T) {
	tests := []struct {
		name, head string
		want       []string
	}{
		{"trailing social handle", `<meta name="author" content="Ines Rota @inesrota">`, []string{"Ines Rota"}},
		{"twitter handle alone is no name", `<meta name="author" content="@harbournews">`, []string{}},
		{"date after the name", `<meta name="author" content="Ines Rota | 07 Dezember">`, []string{"Ines Rota"}},
		{"age after the name", `<meta name="author" content="Ines Rota | Publicado hace 3 horas">`, []string{"Ines Rota"}},
		{"numeric date after the name", `<meta name="author" content="Ines Rota, 12.03.2021">`, []string{"Ines Rota"}},
		{"login with digits kept", `<meta name="author" content="Marianne81">`, []string{"Marianne81"}},
		{"placeholder accounts", `<meta name="author" content="wordpressadmin"><meta name="dc.creator" content="No Author">`, []string{}},
		{"Dublin Core creator family name first", `<meta name="DC.creator" content="Lind, Mara">`, []string{"Mara Lind"}},
		{"citation author family name first", `<meta name="citation_author" content="Lee, Ann B.">`, []string{"Ann B. Lee"}},
		{"Dublin Core creators in order stay", `<meta name="DC.creator" content="Mara Lind, Ola Nordmann">`, []string{"Mara Lind", "Ola Nordmann"}},
		{"author meta is not read family name first", `<meta name="author" content="Lind, Nordmann">`, []string{"Lind", "Nordmann"}},
		{"copyright statement is no author", `<meta name="dcterms.creator" content="Copyright Harbour Media GmbH &amp; Co. KG - all rights reserved">`, []string{}},
		{"Joomla's default account and a template's placeholder", `<meta name="author" content="Super User"><meta name="dc.creator" content="publisher">`, []string{}},
		{"anonymous in other languages", ld(`{"@type":"NewsArticle","headline":"x","author":{"@type":"Person","name":"anónimo"}}`) + `<meta name="author" content="Anonym">`, []string{}},
		{"a name starting like anonymous is kept", `<meta name="author" content="Anonymous Lindqvist">`, []string{"Anonymous Lindqvist"}},
		{"a publisher's name is kept", `<meta name="author" content="Harbour Publishers">`, []string{"Harbour Publishers"}},
		{"team after a dash", `<meta name="author" content="Posted by Mara Lind and Ola Nordmann - Ferry safety team">`, []string{"Mara Lind", "Ola Nordmann"}},
		{"job title before the name", `<meta name="author" content="Von Online-Experte Mara Lind">`, []string{"Mara Lind"}},
		{"URL without scheme", `<meta property="article:author" content="facebook.com/harbournews"><meta name="author" content="Mara Lind">`, []string{"Mara Lind"}},
		{"quoted words are no name", `<meta name="author" content="&quot;Harbour Special&quot;">`, []string{}},
		{"date label after the name", `<meta name="author" content="Reuters Updated: January 16">`, []string{"Reuters"}},
		{"entities in JSON-LD", ld(`{"@type":"Article","headline":"x","author":{"@type":"Person","name":"Redacci&oacute;n Central"}}`), []string{"Redacción Central"}},
		{"UTF-8 read as Latin-1 in JSON-LD", ld(`{"@type":"Article","headline":"x","author":{"@type":"Person","name":"Rodrigo Mej\u00c3\u00adas"}}`), []string{"Rodrigo Mejías"}},
		{"Latin-1 letters left alone", ld(`{"@type":"Article","headline":"x","author":{"@type":"Person","name":"Ã…sa Ölund"}}`), []string{"Ã…sa Ölund"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, ""), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestBylineText covers bylines written as text in the article header.
func TestBylineText(t *testing.T) {
	tests := []struct {
		name, header string
		want         []string
	}{
		{"lowercase von", `<p><i>von Mara Lind</i></p>`, []string{"Mara Lind"}},
		{"lowercase von before one word is a phrase", `<p><i>von Künstlern</i></p>`, []string{}},
		{"word, empty anchor, name", `<span>Par&nbsp;<a href="/a"></a><a href="/people/ml">Mara Lind</a></span>`, []string{"Mara Lind"}},
		{"names joined by und", `<p>Von <strong><a href="/a">Mara Lind</a></strong> und <strong><a href="/b">Ola Nordmann</a></strong></p>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"names joined by a comma", `<p>By <a href="/a">Mara Lind</a>, <a href="/b">Ola Nordmann</a></p>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"next text ends the byline", `<p>By <a href="/a">Mara Lind</a> in <a href="/c">Travel</a></p>`, []string{"Mara Lind"}},
		{"one part of a meta line", `<div class="meta-info"><span>Travel | By Mara Lind | April 13, 2020</span></div>`, []string{"Mara Lind"}},
		{"posted on a date by", `<div class="page-meta">Posted on September 21, 2020 by Mara Lind</div>`, []string{"Mara Lind"}},
		{"ein Artikel von", `<div class="metaInfo">Ein Artikel von <strong>Mara Lind</strong> | 27.01.2022 - 12:45</div>`, []string{"Mara Lind"}},
		{"interview label", `<p>Interview: <a href="/a">Mara Lind</a></p>`, []string{"Mara Lind"}},
		{"word alone in its element", `<div class="authorbox"><strong>von</strong> <span>Mara Lind</span></div>`, []string{"Mara Lind"}},
		{"screen-reader word after a separator", `<div class="meta"><span>Travel</span><span class="sr">| By </span><span>Mara Lind</span> | <time>April 13</time></div>`, []string{"Mara Lind"}},
		{"name as text after the word's element", `<div class="intro__author"><span class="intro__author-from">von</span> Mara Lind, Ola Nordmann</div>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"label heading, names in the next element", `<div class="news-meta"><h4 class="meta-title">Autor</h4><p class="meta-text"><a href="/profil/ml">Mara Lind</a></p></div>`, []string{"Mara Lind"}},
		{"label heading, name as text after it", `<div class="info"><h5>Autor:</h5>Mara Lind<br></div>`, []string{"Mara Lind"}},
		{"label term, name in the definition", `<dl><dt>Autor</dt><dd>Mara Lind</dd></dl>`, []string{"Mara Lind"}},
		{"label term, further terms left out", `<dl><dt>Auteur</dt> <dd><a href="/staff/ml/">Mara Lind</a></dd> <dt>Cover</dt><dd>Harbour Office</dd></dl>`, []string{"Mara Lind"}},
		{"label term, names split in the definition", `<dl><dt>Autoren</dt><dd>Mara Lind und Ola Nordmann</dd><dt>Datum</dt><dd>2. März</dd></dl>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"blog post by", `<p>Blog Beitrag von Mara Lind</p>`, []string{"Mara Lind"}},
		{"guest post by, word alone", `<p><em>Gastbeitrag von</em> <a href="/a">Mara Lind</a></p>`, []string{"Mara Lind"}},
		{"plural label, names joined by und", `<p>Autoren Mara Lind und Ola Nordmann</p>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"authors label", `<p>Authors: Mara Lind and Ola Nordmann</p>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"date, dash, capitalised words: no name", `<p class="text-muted">11.12.2019 - Großer Erfolg</p>`, []string{}},
		{"date and time parts, label last: no name", `<small>04.02.2022 | 13:10 Uhr | Press Release</small>`, []string{}},
		{"date before a place is no byline", `<small>04.02.2022 | Hamburg</small>`, []string{}},
		{"date before a headline is no byline", `<small>04.02.2022 - Neue Fähren für die Insel</small>`, []string{}},
		{"category between date and name is no byline", `<small>04.02.2022 | Politik | Mara Lind</small>`, []string{}},
		{"column by", `<p><strong>Eine Kolumne von Mara Lind</strong></p>`, []string{"Mara Lind"}},
		{"picture credit cut", `<p><em>Text von Mara Lind &nbsp; Illustration von Ola Nordmann</em></p>`, []string{"Mara Lind"}},
		{"posted by, under a category", `<div class="post-data">Posted by Nesselhaus under <a href="/c/">Fun</a></div>`, []string{"Nesselhaus"}},
		{"desk label after a dash, role in brackets", `<div class="timedata">05.02.2020 <span>-&nbsp;Redaktion: Mara Lind (Pressesprecherin)</span></div>`, []string{"Mara Lind"}},
		{"headline is no byline", `<h1>Von Fähren, Häfen und Inseln</h1>`, []string{}},
		{"initials written twice stay", `<p>Von R. R.</p>`, []string{"R. R."}},
		{"job title linked, name as text", `<p>Autor: <a href="/anwalt/">Rechtsanwalt</a> Mara Lind</p>`, []string{"Mara Lind"}},
		{"login on a date after the category link", `<div class="meta">Posted in <a href="/c/" rel="category tag">News</a> by maralind on August 3, 2019</div>`, []string{"maralind"}},
		{"posted in, by login on a date, one text", `<div class="meta">Posted in News by maralind on August 3, 2019</div>`, []string{"maralind"}},
		{"sentence opening with By is no byline", `<p>By Friday in London the ferries were running again, the operator said.</p>`, []string{}},
		{"login at a time", `<div class="meta">Filed under: <a href="/c/" rel="category tag">News</a> &#8212; maralind @ 00:11</div>`, []string{"maralind"}},
		{"code is no byline", `<pre><span>text</span><span>x</span></pre>`, []string{}},
		{"teaser link ignored", `<a href="/other"><div class="teaser"><h3>Other story</h3><span>Von Ola Nordmann</span></div></a>`, []string{}},
		{"label block, name in the next block", `<div class="credits"><div class="credit-label">Interview</div><div class="credit-text">MARA LIND</div></div>`, []string{"MARA LIND"}},
		{"label block, only the first value", `<div class="credits"><div>Text</div><div>Mara Lind</div><div>Fotos</div><div>Ola Nordmann</div></div>`, []string{"Mara Lind"}},
		{"label block before another label is no byline", `<div class="tabs"><div>Text</div><div>Audio</div></div>`, []string{}},
		{"label block before prose is no byline", `<div class="intro"><div>Interview</div><p>Wir haben mit der Kapitänin gesprochen.</p></div>`, []string{}},
		{"label block before the site's name gives way", `<div class="meta"><div class="by">By</div> <a href="/">Harbour</a></div><p><em>Written by: <a href="/ml">Mara Lind</a></em></p>`, []string{"Mara Lind"}},
		{"date and time, then von and the name", `<h2>Stars <span class="small">06.11.2023 13:30 von Mara </span></h2>`, []string{"Mara"}},
		{"written date, then by and the name", `<p class="meta">May 2, 2020 by Mara Lind</p>`, []string{"Mara Lind"}},
		{"words besides the date before von: no byline", `<p>Am 12.03.2021 kamen Gäste von Mara Lind</p>`, []string{}},
		{"Chinese editor label", `<div class="info"><span>来源：新华网</span> 责任编辑： 李明 </div>`, []string{"李明"}},
		{"Chinese author label, reporter word left out", `<p>作者：记者王小红</p>`, []string{"王小红"}},
		{"Chinese author label before a sentence is no byline", `<p>作者：本报记者在北京报道了这条新闻</p>`, []string{}},
		{"agency credited under the headline", `<p class="credit">KYODO</p>`, []string{"KYODO"}},
		{"agency away from the headline is no credit", `<p class="kicker">Ferries</p><p class="credit">AP</p>`, []string{}},
		{"word under the headline is no credit", `<p class="credit">Ferries</p>`, []string{}},
		{"interview byline names both", `<p class="author">Mara Lind im Gespräch mit Ola Nordmann</p>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"conversation byline names both", `<p class="author">Mara Lind in conversation with Ola Nordmann</p>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"compound word after Von is no name", `<h3>Von Barzahler-Rabatten profitieren</h3>`, []string{}},
		{"spaced dash after the name ends it", `<p class="meta">Von Mara Lind - Hamburg</p>`, []string{"Mara Lind"}},
		{"linked title opening with Von is no byline", `<ul class="more"><li><a href="/region/von-einheimischen-gaesten-und-kuehen-4314.html">Von Einheimischen, Gästen und ganz viel Kühen</a></li></ul>`, []string{}},
		{"linked byline", `<p class="meta"><a href="/author/mara-lind/">By Mara Lind</a></p>`, []string{"Mara Lind"}},
		{"text and pictures credit", `<p class="subline">26 | 01 | 2022 | Text & Fotos: Mara Lind</p>`, []string{"Mara Lind"}},
		{"text and pictures label in an unknown element", `<table><tr><td>26 | 01 | 2022</td><td class="authorbold"><nonbold>Text & Fotos:</nonbold> Mara Lind </td></tr></table>`, []string{"Mara Lind"}},
		{"text und Bild label alone", `<p><strong>Text und Bild:</strong> Mara Lind</p>`, []string{"Mara Lind"}},
		{"text/photos credit", `<p><em>Text/Fotos: Mara Lind</em></p>`, []string{"Mara Lind"}},
		{"words and pictures by", `<p><em>Words and pictures by Mara Lind</em></p>`, []string{"Mara Lind"}},
		{"pictures alone are a photo credit", `<p><em>Fotos: Mara Lind</em></p>`, []string{}},
		{"text and pictures in a sentence", `<p>Die Rechte an allem, also Texte und Fotos, liegt bei mir.</p>`, []string{}},
		{"embedded post in a blockquote ignored", `<blockquote class="fb-xfbml-parse-ignore"><p>Rent goes up.</p><p>Posted by <a href="https://social.example/harbour">Harbour Party</a> on Monday, February 7, 2022</p></blockquote>`, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page("", bylined(tt.header)), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestDatelineAgency covers the agency named in the dateline that opens
// a report or the credit that closes it, read when the page names no
// author.
func TestDatelineAgency(t *testing.T) {
	lead := " Die Fähre fährt ab Mai eine Stunde früher, teilte der Betreiber mit.</p>"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"agency and desk", `<p>Hamburg (dpa/lno) &#8211;` + lead, []string{"dpa", "lno"}},
		{"agency in a bold first element", `<p><strong>PARIS (AFP) —</strong>` + lead, []string{"AFP"}},
		{"byline wins over the dateline", `<p class="byline">Von Mara Lind</p><p>Hamburg (dpa) –` + lead, []string{"Mara Lind"}},
		{"brackets naming no agency", `<p>Hamburg (Hafen) –` + lead, []string{}},
		{"dateline inside a sentence", `<p>Wie berichtet, <span>Hamburg (dpa) –` + lead, []string{}},
		{"closing credit of the desk and the agency", `<p>Die Fähre fährt ab Mai früher, hieß es. (HN mit dpa)</p>`, []string{"HN mit dpa"}},
		{"closing credit of the agency", `<p>Die Fähre fährt ab Mai früher, hieß es. (dpa)</p>`, []string{"dpa"}},
		{"agency inside a sentence is no credit", `<p>Die Agentur (dpa) meldete, die Fähre fahre früher.</p>`, []string{}},
		{"closing brackets naming no agency", `<p>Die Fähre fährt ab Mai früher, hieß es. (Archiv)</p>`, []string{}},
		{"abbreviation closing a paragraph is no credit", `<p>Den Antrag stellte die Arbeitsgruppe Pflege (AP)</p>`, []string{}},
		{"English abbreviation closing a paragraph is no credit", `<p>The motion was tabled by the Parliamentary Assistant (PA)</p>`, []string{}},
		{"closing credit after a quotation", `<p>„Die Fähre fährt ab Mai früher“ (AFP)</p>`, []string{"AFP"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `<article><h1>The ferry timetable changes</h1><div class="entry-content">` + tt.body + `<p>` +
				strings.Repeat("The ferry will leave an hour earlier from May onwards, the operator said. ", 6) + `</p></div></article>`
			a := extractFrom(t, page("", body), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestSourceCredit covers the source line that closes a wire report
// ("Quelle: dpa"), read as the credit when the page names no person, and
// the sources that name no author.
func TestSourceCredit(t *testing.T) {
	tests := []struct {
		name, head, body string
		want             []string
	}{
		{"agency", "", `<p>Quelle: dpa</p>`, []string{"dpa"}},
		{"agency in a link", "", `<p style="text-align:right">Quelle: <a href="https://press.example">kathpress</a></p>`, []string{"kathpress"}},
		{"agency and photo agency", "", `<p><strong>Quelle: APA/AP</strong></p>`, []string{"APA", "AP"}},
		{"desk and agency", "", `<p>Quelle: hb / DPA</p>`, []string{"hb", "DPA"}},
		{"broadcaster and desk initials", "", `<p class="text"><em>Quelle: NDR KIEL/mk</em></p>`, []string{"NDR KIEL", "mk"}},
		{"in brackets", "", `<p>(Quelle: KNA)</p>`, []string{"KNA"}},
		{"in brackets closing a paragraph", "", `<p>Die Fähre fährt ab Mai früher, hieß es. (Quelle: kathpress)</p>`, []string{"kathpress"}},
		{"office in brackets closing a paragraph", "", `<p>Die Fähre fährt ab Mai früher, hieß es. (Quelle: Hafenamt Kiel)</p>`, []string{}},
		{"site name gives way", `<meta name="author" content="harbour.example">`, `<p>Quelle: dpa</p>`, []string{"dpa"}},
		{"site name gives way to an agency's initials", `<meta name="author" content="Harbour News GmbH">`, `<p>Quelle: AP</p>`, []string{"AP"}},
		{"site name gives way to a dateline's agency", `<meta name="author" content="Harbour News GmbH">`, `<p>KIEL (AP) — Die Fähre fährt ab Mai früher.</p>`, []string{"AP"}},
		{"byline wins", "", `<p class="byline">Von Mara Lind</p><p>Quelle: dpa</p>`, []string{"Mara Lind"}},
		{"statistics office is no author", "", `<p>Quelle: Statistisches Bundesamt</p>`, []string{}},
		{"encyclopedia is no author", "", `<p>Quelle: Wikipedia</p>`, []string{}},
		{"own research is no author", "", `<p>Quelle: eigene Recherche</p>`, []string{}},
		{"office and initials are no credit", "", `<p>Quelle: Hafenamt/ab</p>`, []string{}},
		{"agency among other sources", "", `<p>Quelle: dpa, Hafenamt Kiel</p>`, []string{}},
		{"picture source", "", `<figure><img src="/f.jpg" alt=""><figcaption><p>Quelle: dpa</p></figcaption></figure>`, []string{}},
		{"picture source word", "", `<p>Bildquelle: dpa</p>`, []string{}},
		{"picture source in a WordPress caption", "", `<div class="wp-caption"><img src="/f.jpg" alt=""><p class="wp-caption-text">Quelle: dpa</p></div>`, []string{}},
		{"picture source in a caption class", "", `<div class="image"><img src="/f.jpg" alt=""><p class="caption">Quelle: dpa</p></div>`, []string{}},
		{"source in a sentence", "", `<p>Die Quelle: dpa meldete, die Fähre fahre früher ab als bisher geplant.</p>`, []string{}},
		{"source in byline markup", "", `<p class="byline">Quelle: Statistisches Bundesamt</p>`, []string{}},
		{"credit in byline markup", "", `<p class="byline">Quelle: dpa</p>`, []string{"dpa"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `<article><h1>The ferry timetable changes</h1><div class="entry-content"><p>` +
				strings.Repeat("The ferry will leave an hour earlier from May onwards, the operator said. ", 6) + `</p>` + tt.body + `</div></article>`
			a := extractFrom(t, page(tt.head, body), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestSpeaker covers the speaker a speech's title names, taken when the
// page names no author.
func TestSpeaker(t *testing.T) {
	tests := []struct {
		title, head string
		want        []string
	}{
		{"Rede von Bundespräsidentin Mara Lind beim Hafenfest in Kiel", "", []string{"Mara Lind"}},
		{"Remarks by President Lind at the Harbour Festival", "", []string{"Lind"}},
		{"Speech by Mara Lind: the future of ferries", "", []string{"Mara Lind"}},
		{"Rede von Mara Lind beim Hafenfest", `<meta name="author" content="Ola Nordmann">`, []string{"Ola Nordmann"}},
		{"Remarks by the President at the Harbour Festival", "", []string{}},
		{"Rede von der Zukunft der Fähren", "", []string{}},
		{"Mara Lind beim Hafenfest", "", []string{}},
		{"Keynote by Harbourtech at the Ferry Summit", "", []string{}},
		{"Grußwort von Stadt und Land zum Hafenfest", "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			body := `<article><h1>` + tt.title + `</h1><div class="entry-content"><p>` +
				strings.Repeat("The ferry will leave an hour earlier from May onwards, the operator said. ", 6) + `</p></div></article>`
			a := extractFrom(t, page(tt.head, body), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestBylineMarkup covers author markup of CMS themes.
func TestBylineMarkup(t *testing.T) {
	tests := []struct {
		name, header string
		want         []string
	}{
		{"schema.org name inside an author link with a picture credit", `<a href="/autoren/mara-lind-12"><span class="img"><img src="/m.jpg" alt=""><span class="copyright">&copy; Harbour Photo</span></span><span itemprop="name">Mara Lind</span></a>`, []string{"Mara Lind"}},
		{"plain author class", `<ul class="author"><li>Mara Lind</li></ul>`, []string{"Mara Lind"}},
		{"author name class in lower case", `<span class="authorname-txt"><span>Mara Lind</span></span>`, []string{"Mara Lind"}},
		{"author link class", `<div class="header-info__authors"><a class="header-info__author-link" href="/a">Mara Lind</a></div>`, []string{"Mara Lind"}},
		{"Drupal node author", `<div class="node__submitted"><div class="node__author"><span class="user__name"><a href="/u/1">Mara Lind</a></span></div></div>`, []string{"Mara Lind"}},
		{"byline-author class", `<span class="byline-author">Posted by Mara Lind, Ola Nordmann - Ferry safety team</span>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"class ending in -author", `<p class="date-author">Mara Lind, 01.12.2021</p>`, []string{"Mara Lind"}},
		{"label element beside the name", `<div class="c-author"><span class="c-author-from">von</span> Mara Lind</div>`, []string{"Mara Lind"}},
		{"created by prefix", `<span class="news-list-author">Erstellt von Mara Lind</span>`, []string{"Mara Lind"}},
		{"gender-inclusive label", `<span itemprop="author">Autor/in: Mara Lind</span>`, []string{"Mara Lind"}},
		{"reviews of a product ignored", `<div itemscope itemtype="https://schema.org/Product"><div itemprop="review" itemscope itemtype="https://schema.org/Review"><span itemprop="author" content="Georg N."></span></div></div>`, []string{}},
		{"review that is the page keeps its author", `<div itemscope itemtype="http://data-vocabulary.org/Review"><span itemprop="author">Mara Lind</span></div>`, []string{"Mara Lind"}},
		{"photo courtesy is no author", `<span class="author">Cortesía</span>`, []string{}},
		{"site title marked as author ignored", `<h1 class="vcard author"><a class="fn" href="/">Fährblog</a></h1><h4 class="vcard author"><span class="fn">vom Fährmann</span></h4>`, []string{"Fährmann"}},
		{"comment author links ignored", `<p class="intro">Text.</p><span class="comment-author-link">Some Reader</span>`, []string{}},
		{"author box with a meta line is no name", `<div class="author vcard">01.12.2022 / Solar / Wind / Storage / Top News / Economy / Politics / Grid</div>`, []string{}},
		{"author card link is no teaser", `<a href="/people/ml"><div class="news-author"><img src="/ml.jpg" alt=""><div class="news-author-name">Mara Lind</div></div></a>`, []string{"Mara Lind"}},
		{"author class in teaser link ignored", `<a href="/other"><div class="teaser"><h3>Other story</h3><span class="author">Ola Nordmann</span></div></a>`, []string{}},
		{"link beside an avatar", `<div class="meta"><img class="avatar avatar-19" src="/a.jpg" alt=""> <a href="/user/?u=7">MaraLind</a> 17.10.2019, 13:56 Uhr</div>`, []string{"MaraLind"}},
		{"element named as the avatar's name", `<a href="/u/maralind"><div class="avatar-side"><img src="/a.jpg" alt=""></div><div class="avatar-side-name">mara.lind</div></a>`, []string{"mara.lind"}},
		{"Twenty Sixteen author box", `<div class="author-info"><div class="author-avatar"><img src="/a.jpg" alt=""></div><div class="author-description"><h2 class="author-title"><span class="author-heading">Author:</span> Mara Lind</h2><p class="author-bio">Mara writes about ferries.</p></div></div>`, []string{"Mara Lind"}},
		{"Twenty Fifteen author box", `<div class="author-info"><h2 class="author-heading">Published by</h2><div class="author-avatar"></div><div class="author-description"><h3 class="author-title">Mara Lind</h3></div></div>`, []string{"Mara Lind"}},
		{"author box heading with a profile link and a button", `<div class="author-info"><div class="profile"><h3><a href="/in/ml">Mara Lind</a><a href="/login">Follow</a></h3></div></div>`, []string{"Mara Lind"}},
		{"author box heading that is a phrase", `<div class="author-info"><h3>Mehr über die Fähren in unserem Hafen</h3></div>`, []string{}},
		{"author box in the sidebar ignored", `</header></article><aside class="sidebar"><div class="author-info"><h3>Mara Lind</h3></div></aside><article><header>`, []string{}},
		{"Blogger byline in a noscript fallback", `<div class="post-body"><script>render()</script><noscript><span class="byline-author">Posted by Mara Lind and Ola Nordmann - Ferry team</span><p>The ferry leaves earlier.</p></noscript></div>`, []string{"Mara Lind", "Ola Nordmann"}},
		{"noscript fallback without byline markup", `<noscript><img src="/pixel.gif" alt=""><p>Von Mara Lind</p></noscript>`, []string{}},
		{"avatar name of a comment ignored", `<p class="intro">Text.</p><div class="comment-avatar-name">Some Reader</div>`, []string{}},
		{"avatar in the comments ignored", `<p class="intro">Text.</p><ol class="comment-list"><li class="comment"><img class="avatar" src="/a.jpg" alt=""> <a href="/u/">Some Reader</a></li></ol>`, []string{}},
		{"avatar before a long link is no byline", `<div class="meta"><img class="avatar" src="/a.jpg" alt=""> <a href="/u/">All the stories our readers sent us about the ferry this year</a></div>`, []string{}},
		{"quotation's attribution is no byline", `<blockquote><p>We run on time.</p><a href="/author/ola/"><img src="/ola.png" alt="Ola Nordmann, CEO"></a><span class="author">Ola Nordmann</span></blockquote>`, []string{}},
		{"long block named like an author is skipped", `<section class="autorelated">` + strings.Repeat("Other story about ferries and boats, and more. ", 6) + `</section>`, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page("", bylined(tt.header)), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestSignature covers a closing signature, the article's last block
// holding nothing but a person's name, and the labels, greetings and
// names of other content that must not be taken for one.
func TestSignature(t *testing.T) {
	text := `<p>` + strings.Repeat("The ferry will leave an hour earlier from May onwards, the operator said. ", 6) + `</p>`
	related := `<div class="related-posts"><h3>Related</h3><ul><li><a href="/news/2-new-pier">The new pier opens</a></li><li>Anna Berg</li></ul></div>`
	tests := []struct {
		name, tail, head string
		want             []string
	}{
		{"name alone in bold", `<p><b><i>Anna Berg</i></b></p>`, "", []string{"Anna Berg"}},
		{"name alone, plain", `<p>Stefan Holm</p>`, "", []string{"Stefan Holm"}},
		{"name after a dash", `<p>– Marina Lind</p>`, "", []string{"Marina Lind"}},
		{"name after Text:", `<p>Text: Jürgen Weber</p>`, "", []string{"Jürgen Weber"}},
		{"name after Autor:", `<p><em>Autor: Klaus von Berg</em></p>`, "", []string{"Klaus von Berg"}},
		{"short line after the body", `<p class="clearfix"><strong>Anna Berg</strong></p>`, "", []string{"Anna Berg"}},
		{"signature before a related list", `<p>Anna Berg</p>` + related, "", []string{"Anna Berg"}},
		{"byline in the metadata wins", `<p>Anna Berg</p>`, `<meta name="author" content="Ola Nordmann">`, []string{"Ola Nordmann"}},
		{"Weitere Informationen", `<p><strong>Weitere Informationen</strong></p>`, "", []string{}},
		{"Press Release", `<p>Press Release</p>`, "", []string{}},
		{"Good Luck", `<p><b><i>Good Luck</i></b></p>`, "", []string{}},
		{"Happy Holidays", `<p><b>Happy Holidays</b></p>`, "", []string{}},
		{"Großer Erfolg", `<p>– Großer Erfolg</p>`, "", []string{}},
		{"Frohe Weihnachten", `<p><em>Frohe Weihnachten</em></p>`, "", []string{}},
		{"Vielen Dank", `<p>Vielen Dank</p>`, "", []string{}},
		{"Mehr erfahren", `<p><strong>Mehr erfahren</strong></p>`, "", []string{}},
		{"Fortsetzung Folgt", `<p><em>Fortsetzung Folgt</em></p>`, "", []string{}},
		{"one word", `<p><b>Anna</b></p>`, "", []string{}},
		{"four words", `<p>Anna Maria Berg Holm</p>`, "", []string{}},
		{"not a common given name", `<p>Harbour Berg</p>`, "", []string{}},
		{"name inside a sentence", `<p>Anna Berg sagte, die Fähre fahre ab Mai früher.</p>`, "", []string{}},
		{"name in the sentence of the last paragraph", `<p>Das sagte Anna Berg.</p>`, "", []string{}},
		{"name in a comment", `<div class="comments"><div class="comment"><p>Great!</p><p>Anna Berg</p></div></div>`, "", []string{}},
		{"name in a related list", related, "", []string{}},
		{"name in a plain list", `<ul><li><a href="/news/2-new-pier">The new pier opens</a></li><li>Anna Berg</li></ul>`, "", []string{}},
		{"author box of another post", `<div class="card"><h3><a href="/news/2-new-pier-opens">The new pier opens</a></h3><p>Anna Berg</p></div>`, "", []string{}},
		{"image caption", `<figure><img src="/pier.jpg" alt=""><figcaption>Anna Berg</figcaption></figure>`, "", []string{}},
		{"caption paragraph in a figure", `<figure><img src="/pier.jpg" alt=""><p>Anna Berg</p></figure>`, "", []string{}},
		{"linked name", `<p><a href="/news/2-new-pier">Anna Berg</a></p>`, "", []string{}},
		{"table cell", `<table><tr><td>Anna Berg</td></tr></table>`, "", []string{}},
		{"attribution of a quotation", `<blockquote><p>Wir freuen uns über die neue Verbindung.</p></blockquote><p>– Anna Berg</p>`, "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `<article><h1>The ferry timetable changes</h1><div class="entry-content">` + text + text + tt.tail + `</div></article>`
			a := extractFrom(t, page(tt.head, body), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestDatedMetaName covers a short meta line of the date and then the
// author's name alone, taken when nothing else names the author.
func TestDatedMetaName(t *testing.T) {
	tests := []struct {
		name, line, head string
		want             []string
	}{
		{"date, dash, name", `<p class="text-muted">11.12.2019 - Anna Berg</p>`, "", []string{"Anna Berg"}},
		{"date, bar, name", `<small>12. Mai 2022 | Ute Holm</small>`, "", []string{"Ute Holm"}},
		{"date, time, name", `<small>04.02.2022 | 13:10 Uhr | Thomas Lind</small>`, "", []string{"Thomas Lind"}},
		{"metadata wins", `<p>11.12.2019 - Anna Berg</p>`, `<meta name="author" content="Ola Nordmann">`, []string{"Ola Nordmann"}},
		{"Großer Erfolg", `<p>11.12.2019 - Großer Erfolg</p>`, "", []string{}},
		{"Weitere Informationen", `<p>11.12.2019 | Weitere Informationen</p>`, "", []string{}},
		{"Press Release", `<p>May 2, 2020 | Press Release</p>`, "", []string{}},
		{"Happy Holidays", `<p>24.12.2019 - Happy Holidays</p>`, "", []string{}},
		{"Frohe Weihnachten", `<p>24.12.2019 - Frohe Weihnachten</p>`, "", []string{}},
		{"Vielen Dank", `<p>24.12.2019 - Vielen Dank</p>`, "", []string{}},
		{"Good Luck", `<p>24.12.2019 - Good Luck</p>`, "", []string{}},
		{"Mehr erfahren", `<p>24.12.2019 | Mehr erfahren</p>`, "", []string{}},
		{"a place after the date", `<p>11.12.2019 - Hamburg Altona</p>`, "", []string{}},
		{"words before the date", `<p>Termin 11.12.2019 - Anna Berg</p>`, "", []string{}},
		{"teaser in a related list", `<ul><li>11.12.2019 - Anna Berg</li></ul>`, "", []string{}},
		{"teaser card of another post", `<div class="card"><h3><a href="/news/2-new-pier-opens">The new pier opens</a></h3><p>11.12.2019 - Anna Berg</p></div>`, "", []string{}},
	}
	text := `<p>` + strings.Repeat("The ferry will leave an hour earlier from May onwards, the operator said. ", 6) + `</p>`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `<article><h1>The ferry timetable changes</h1>` + tt.line + `<div class="entry-content">` + text + text + `</div></article>`
			a := extractFrom(t, page(tt.head, body), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestTeaserCardBylines covers bylines in teaser cards (a heading linking
// to another article, then its author): they name that article's author.
func TestTeaserCardBylines(t *testing.T) {
	const card = `<div class="card"><h2 class="card-title"><a href="/news/other-ferry-story">Another ferry story today</a></h2>` +
		`<div class="article-author"><a href="/autor/ola-nordmann/">Ola Nordmann</a></div></div>`
	tests := []struct {
		name, body string
		want       []string
	}{
		{"cards before the article skipped", `<div class="cards">` + card + card + `</div>` +
			bylined(`<div class="story-author"><a href="/autor/mara-lind/">Mara Lind</a></div>`), []string{"Mara Lind"}},
		{"two-word title with a slug is a teaser", `<div class="card"><h3><a href="/kultur/der-stummfilm">Der Stummfilm</a></h3><span class="author">Ola Nordmann</span></div>` +
			bylined(`<p class="byline">Von Mara Lind</p>`), []string{"Mara Lind"}},
		{"section kicker is no teaser", `<div class="head"><h3><a href="/politik/">Politik</a></h3><span class="author">Mara Lind</span></div>` + bylined(""), []string{"Mara Lind"}},
		{"permalink of a post is no teaser", `<div class="hentry"><h2 class="entry-title"><a href="/2020/05/ferry-post/" rel="bookmark">A post on the ferries</a></h2>` +
			`<div class="entry-meta"><span class="author vcard"><a class="fn" href="/people/">Mara Lind</a></span></div></div>` + bylined(""), []string{"Mara Lind"}},
		{"related list item: title link, then its author", `<ul class="related"><li><a href="/presse/other-press-release/">Another press release on ferries</a>` +
			`<div class="list-autor">Pressemitteilung von Ola Nordmann</div></li></ul>` + bylined(""), []string{}},
		{"tag link before the author in a list item is no teaser", `<ul class="meta"><li><a href="/tag/ferry-times/" rel="tag">Ferry times</a> ` +
			`<span class="author">Mara Lind</span></li></ul>` + bylined(""), []string{"Mara Lind"}},
		{"heading linking to the page itself is no teaser", `<div class="post"><h2><a href="/news/1">The ferry timetable changes</a></h2>` +
			`<span class="author">Mara Lind</span></div>` + bylined(""), []string{"Mara Lind"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page("", tt.body), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestBylineWidensMetadata covers a byline listing the metadata's author
// and more: SEO plugins give only a post's first author.
func TestBylineWidensMetadata(t *testing.T) {
	const first = `<meta name="author" content="Mara Lind">`
	tests := []struct {
		name, head, header string
		want               []string
	}{
		{"byline adds a co-author", first, `<div class="meta-item author"><span class="vcard author"><span class="fn">von Mara Lind, Ola Nordmann</span></span></div>`,
			[]string{"Mara Lind", "Ola Nordmann"}},
		{"byline of other names leaves the metadata", first, `<span class="byline">By Ola Nordmann and Ines Rota</span>`, []string{"Mara Lind"}},
		{"names in two bylines left alone", first, `<div class="credits"><span class="author">Published by <a>Mara Lind</a></span><span class="author">Reporting by <a>Ola Nordmann</a></span></div>`,
			[]string{"Mara Lind"}},
		{"a role in brackets is no co-author", first, `<span class="byline">Mara Lind und Ola Nordmann (Fotos)</span>`, []string{"Mara Lind"}},
		{"a desk beside the name is no co-author", first, `<span class="byline">Mara Lind, Online-Redaktion</span>`, []string{"Mara Lind"}},
		{"a label glued to the name is no co-author", first, `<span class="byline">Mara Lind / Autoren: Mara Lind</span>`, []string{"Mara Lind"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined(tt.header)), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestFirstNameSpelledOut covers a first name in the metadata that the
// page shows in full as a text of its own.
func TestFirstNameSpelledOut(t *testing.T) {
	const first = `<meta name="author" content="Mara">`
	const label = `<div class="who"><p class="label"><strong>By</strong></p></div>`
	tests := []struct {
		name, head, header string
		want               []string
	}{
		{"full name as its element's text", first, label + `<div class="who"><p class="full-name">Mara Lind</p></div>`, []string{"Mara Lind"}},
		{"full name in an element not marked as a name is not taken", first, `<ul class="books"><li>Mara Karenina</li></ul>`, []string{"Mara"}},
		{"full name in a sentence is not taken", first, `<p class="intro">Mara Lind took the ferry.</p>`, []string{"Mara"}},
		{"full name in a link is not taken", first, `<ul class="people"><li><a href="/people/mara-berg">Mara Berg</a></li></ul>`, []string{"Mara"}},
		{"two full names are no answer", first, `<p class="name">Mara Lind</p><p class="name">Mara Berg</p>`, []string{"Mara"}},
		{"a login is not spelled out", `<meta name="author" content="mara">`, `<p class="name">Mara Lind</p>`, []string{"mara"}},
		{"lowercase words after the name", first, `<p class="name">Mara and friends</p>`, []string{"Mara"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined(tt.header)), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestSlugAndLicenseCredit covers a login written as a URL slug in the
// metadata and a licensed picture's credit marked up like a byline.
func TestSlugAndLicenseCredit(t *testing.T) {
	const credit = `<div class="img"><img src="/f.jpg" alt=""><div class="license-info"><span><a href="https://creativecommons.org/licenses/by-nd/2.0/">CC</a></span>` +
		`<span class="author-name"><a href="https://example.org/file.jpg">Ines Rota</a></span></div></div>`
	tests := []struct {
		name, head, header string
		want               []string
	}{
		{"slug login gives way to a byline", `<meta name="author" content="harbour-desk">`, `<p class="intro">Autor: Ola Nordmann</p>`, []string{"Ola Nordmann"}},
		{"slug login stays without a byline", `<meta name="author" content="harbour-desk">`, "", []string{"harbour-desk"}},
		{"capitalised double name is no slug", `<meta name="author" content="Jean-Pierre">`, `<p class="intro">Autor: Ola Nordmann</p>`, []string{"Jean-Pierre"}},
		{"picture credit beside a license is no byline", "", credit + `<p class="intro">Von Mara Lind</p>`, []string{"Mara Lind"}},
		{"author beside the article's rel=license is the byline", "", `<div class="postmeta"><div class="license"><a rel="license" href="https://creativecommons.org/licenses/by/3.0/">CC BY</a></div>` +
			`<div class="credit"><div class="author"><span>Geschrieben von</span><a href="/author/mara-lind/">Mara Lind</a></div></div></div>`, []string{"Mara Lind"}},
		{"author name without a license is the byline", "", `<span class="author-name"><a href="/people/ir">Ines Rota</a></span>`, []string{"Ines Rota"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined(tt.header)), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestWebPageAuthorGivesWay covers the author of a JSON-LD WebPage on a
// page without an Article node: the account that published the page,
// which gives way to the byline unless another source names it too.
func TestWebPageAuthorGivesWay(t *testing.T) {
	const byline = `<dl class="post-meta"><dt>Auteur</dt><dd><a href="/staff/ines-rota/">Ines Rota</a></dd></dl>`
	webPage := ld(`{"@type":"WebPage","name":"x","author":{"@type":"Person","name":"Ola Nordmann"}}`)
	article := ld(`{"@type":"Article","headline":"x","author":{"@type":"Person","name":"Ola Nordmann"}}`)
	tests := []struct {
		name, head, header string
		want               []string
	}{
		{"byline wins over a WebPage author", webPage, byline, []string{"Ines Rota"}},
		{"WebPage author stays without a byline", webPage, "", []string{"Ola Nordmann"}},
		{"WebPage author named by a meta tag too stays", webPage + `<meta name="author" content="Ola Nordmann">`, byline, []string{"Ola Nordmann"}},
		{"Article author stays", article, byline, []string{"Ola Nordmann"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined(tt.header)), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestFirstNameInBio covers a first name as the JSON-LD author whose
// description (the author's bio) opens with the full name.
func TestFirstNameInBio(t *testing.T) {
	graph := func(bio string) string {
		return ld(`{"@graph":[{"@type":"Article","headline":"x","author":{"name":"Mara","@id":"https://harbour.example/#/person/1"}},` +
			`{"@type":"Person","@id":"https://harbour.example/#/person/1","name":"Mara","description":"` + bio + `"}]}`)
	}
	tests := []struct {
		name, head string
		want       []string
	}{
		{"bio opens with the full name and a dash", graph("Mara Lind - ferry captain and writer. On the water since 2002."), []string{"Mara Lind"}},
		{"bio opens with the full name and a comma", graph("Mara Lind, ferry captain, writes about boats."), []string{"Mara Lind"}},
		{"bio in a sentence", graph("Mara writes about ferries - and boats."), []string{"Mara"}},
		{"bio naming two people", graph("Mara Lind and Ola Nordmann - the crew of this blog."), []string{"Mara"}},
		{"bio of someone else", graph("Ola Nordmann - ferry captain."), []string{"Mara"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined("")), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestPostAuthorComment covers the name of a comment marked as the post's
// author's (WordPress's bypostauthor, wpDiscuz's wpd-blog-post_author) on
// a page that names no author otherwise.
func TestPostAuthorComment(t *testing.T) {
	comment := func(class, name, replies string) string {
		return `<li id="comment-7" class="comment ` + class + ` depth-1"><article class="comment-body"><footer class="comment-meta">` +
			`<div class="comment-author vcard"><img class="avatar" src="a.png"><b class="fn">` + name + `</b> <span class="says">says:</span></div>` +
			`</footer><div class="comment-content"><p>Thank you for reading!</p></div></article>` + replies + `</li>`
	}
	thread := func(items string) string {
		return `<div id="comments" class="comments-area"><h2>3 Comments</h2><ol class="comment-list">` + items + `</ol></div>`
	}
	reply := `<ul class="children">` + comment("byuser comment-author-maralind bypostauthor", "Mara Lind", "") + `</ul>`
	tests := []struct {
		name, head, comments string
		want                 []string
	}{
		{"post author's reply", "", thread(comment("", "Ola Nordmann", reply)), []string{"Mara Lind"}},
		{"Genesis comment-author-name", "", thread(`<li class="comment bypostauthor"><header><p class="comment-author"><span class="comment-author-name"><a href="/about/">Mara Lind</a></span></p></header></li>`), []string{"Mara Lind"}},
		{"wpDiscuz", "", `<div id="wpdcom"><div class="wpd-thread-list"><div id="wpd-comm-3_0" class="wpd-comment wpd_comment_level-1"><div class="wpd-comment-wrap wpd-blog-post_author"><div class="wpd-comment-author">Mara Lind</div><div class="wpd-comment-text"><p>Thanks!</p></div></div></div></div></div>`, []string{"Mara Lind"}},
		{"ordinary commenters only", "", thread(comment("byuser comment-author-ola", "Ola Nordmann", "")), nil},
		{"the post author's comment holding another's reply", "", thread(`<li class="comment bypostauthor"><div class="comment-body"><p>Thanks!</p></div><ul class="children">` + comment("", "Ola Nordmann", "") + `</ul></li>`), nil},
		{"badge after the name", "", thread(`<li class="comment bypostauthor"><div class="comment-author"><cite class="fn">Mara Lind<br><span class="badge">Author</span></cite></div></li>`), []string{"Mara Lind"}},
		{"post author's login only", "", thread(comment("bypostauthor", "maralind", "")), nil},
		{"byline wins", `<meta name="author" content="Ines Rota">`, thread(comment("bypostauthor", "Mara Lind", "")), []string{"Ines Rota"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined("")+tt.comments), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestSiteOwner covers a personal site whose name is its owner's, spelled
// by the host name, on an article page that names no author otherwise.
func TestSiteOwner(t *testing.T) {
	const article = `<meta property="og:type" content="article">`
	site := func(name string) string { return article + `<meta property="og:site_name" content="` + name + `">` }
	header := func(title, tagline string) string {
		return `<header class="site-header"><p class="site-title"><a href="/">` + title + `</a></p><p class="site-description">` + tagline + `</p></header>`
	}
	tests := []struct {
		name, url, head, header string
		want                    []string
	}{
		{"site name with a title", "https://www.anna-lind.example/texte/zeit/", site("Dr. Anna Lind"), "", []string{"Anna Lind"}},
		{"given name and a blog host", "https://annalind.wordpress.example/2019/11/14/zeit/", site("Anna Lind"), "", []string{"Anna Lind"}},
		{"tagline in the header", "https://annalind.wordpress.example/2019/11/14/zeit/", site("Hafennotizen"), header("Hafennotizen", "Anna Lind"), []string{"Anna Lind"}},
		{"umlauts written out in the host", "https://juergen-mueller.example/a/", site("Jürgen Müller"), "", []string{"Jürgen Müller"}},
		{"JSON-LD Person", "https://annalind.example/a/", article + ld(`{"@type":"Person","name":"Anna Lind"}`), "", []string{"Anna Lind"}},
		{"JSON-LD Person named after a brand", "https://harbourglobe.example/a/", article + ld(`{"@type":"Person","name":"Harbour Globe"}`), "", nil},
		{"a brand of two words", "https://harbourglobe.example/a/", site("Harbour Globe"), "", nil},
		{"a person's name the host does not spell", "https://harbour.example/a/", site("Anna Lind"), "", nil},
		{"an organisation in JSON-LD", "https://annalind.example/a/", site("Anna Lind") + ld(`{"@type":"Organization","name":"Anna Lind"}`), "", nil},
		{"no article", "https://anna-lind.example/", `<meta property="og:site_name" content="Anna Lind">`, "", nil},
		{"a byline wins", "https://anna-lind.example/a/", site("Anna Lind") + `<meta name="author" content="Ola Nordmann">`, "", []string{"Ola Nordmann"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, tt.header+bylined("")), tt.url, extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestMainReviewAuthor covers a page whose main item is one review (a
// review site's page of one review): its author is the page's.
func TestMainReviewAuthor(t *testing.T) {
	review := `{"@context":"https://schema.org","@type":"Review","author":{"@type":"Person","name":"Mara Lind"},` +
		`"itemReviewed":{"@type":"Organization","name":"Harbour Ferries"},"reviewRating":{"@type":"Rating","ratingValue":5}}`
	product := func(reviews string) string {
		return `{"@context":"https://schema.org","@type":"Product","name":"Ferry ticket","review":[` + reviews + `]}`
	}
	one := `{"@type":"Review","author":{"@type":"Person","name":"Mara Lind"}}`
	two := `{"@type":"Review","author":{"@type":"Person","name":"Ola Nordmann"}}`
	tests := []struct {
		name, head string
		want       []string
	}{
		{"one review at the top", ld(review), []string{"Mara Lind"}},
		{"one review in a graph", ld(`{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x","mainEntity":{"@id":"#r"}},{"@id":"#r",` +
			`"@type":"Review","author":{"@type":"Person","name":"Mara Lind"}}]}`), []string{"Mara Lind"}},
		{"review as the page's main entity", ld(`{"@context":"https://schema.org","@type":"WebPage","mainEntity":` + one + `}`), []string{"Mara Lind"}},
		{"a product's one review", ld(product(one)), nil},
		{"a product's reviews", ld(product(one + "," + two)), nil},
		{"a product beside its one review", ld(product("")) + ld(review), nil},
		{"two reviews at the top", ld(review) + ld(`{"@context":"https://schema.org","@type":"Review","author":{"@type":"Person","name":"Ola Nordmann"}}`), nil},
		{"an article wins", ld(`{"@type":"NewsArticle","headline":"x","author":{"@type":"Person","name":"Ines Rota"}}`) + ld(review), []string{"Ines Rota"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined("")), "https://reviews.example/review/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestCCAttribution covers the person a site-wide Creative Commons
// license credits (ccREL's cc:attributionName and cc:attributionURL),
// read when no byline names a person.
func TestCCAttribution(t *testing.T) {
	license := func(attribution string) string {
		return `<aside class="widget"><a rel="license" href="https://creativecommons.org/licenses/by/4.0/"><img alt="CC BY"></a><br>` +
			`<span property="dct:title">Harbour Notes</span> von ` + attribution + ` steht unter einer Creative Commons Lizenz.</aside>`
	}
	tests := []struct {
		name, header, footer string
		want                 []string
	}{
		{"attribution linking to the site", "", license(`<a href="https://harbour.example/" rel="cc:attributionURL">Mara Lind</a>`), []string{"Mara Lind"}},
		{"attribution name property, relative link", "", license(`<a href="/" property="cc:attributionName" rel="cc:attributionURL">Mara Lind</a>`), []string{"Mara Lind"}},
		{"initials in the byline give way", `<span class="author vcard"><a class="url fn n" href="/author/maralind/" rel="author">ML</a></span>`,
			license(`<a href="https://harbour.example/" rel="cc:attributionURL">Mara Lind</a>`), []string{"Mara Lind"}},
		{"a byline naming a person wins", `<p class="byline">By Ola Nordmann</p>`, license(`<a href="https://harbour.example/" rel="cc:attributionURL">Mara Lind</a>`), []string{"Ola Nordmann"}},
		{"a picture's attribution elsewhere", "", license(`<a href="https://photos.example/ola" rel="cc:attributionURL">Ola Nordmann</a>`), nil},
		{"attribution to the site's name", "", license(`<a href="https://harbour.example/" rel="cc:attributionURL">Blog</a>`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page("", bylined(tt.header)+tt.footer), "https://harbour.example/news/1", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestFooterOwner covers the copyright holder a personal blog's footer
// names, for an article that names no author otherwise.
func TestFooterOwner(t *testing.T) {
	const blog = `<meta property="og:type" content="article"><meta name="generator" content="WordPress 6.4">`
	tests := []struct {
		name, head, footer string
		want               []string
	}{
		{"year and name", blog, `<footer class="site-footer"><p>© 2019 Anna Lind</p></footer>`, []string{"Anna Lind"}},
		{"copyright word, year after", blog, `<div id="footer"><p>Copyright © Anna Lind 2008</p></div>`, []string{"Anna Lind"}},
		{"(c) and a separator", blog, `<div class="copyrights-area"><p>(c) Anna Lind • Weitere Rechte siehe Impressum</p></div>`, []string{"Anna Lind"}},
		{"name in a link", blog, `<footer><p>© 2019 <a href="/about/">Anna Lind</a> | <a href="/impressum/">Impressum</a></p></footer>`, []string{"Anna Lind"}},
		{"after a Creative Commons link", `<link rel="stylesheet" href="/wp-content/themes/x/style.css">`,
			`<div class="post"></div><div id="credits"><p><small>(<a href="https://creativecommons.org/licenses/by-nc-sa/2.0/de/">CC-Lizenz</a>) 2006-2008 by Anna Lind<br>Hosted by <a href="https://host.example/">Host</a></small></p></div>`,
			[]string{"Anna Lind"}},
		{"a photo credit in a figure", blog, `<footer><figure><figcaption>© Anna Lind</figcaption></figure></footer>`, nil},
		{"a credit beside a picture", blog, `<footer><p><img src="/ig/1.jpg" alt="">© Anna Lind</p></footer>`, nil},
		{"a credit outside the footer", blog, `<div class="sidebar"><p>© Anna Lind</p></div>`, nil},
		{"the owner's business", blog, `<footer><p>© 2020 Anna Lind Fotografie</p></footer>`, nil},
		{"a company", blog, `<footer><p>© 2020 Lind Verlag GmbH</p></footer>`, nil},
		{"no given name", blog, `<footer><p>© 2020 Harbour Globe</p></footer>`, nil},
		{"two holders", blog, `<footer><p>© 2020 Anna Lind</p><p>© 2020 Jonas Berg</p></footer>`, nil},
		{"no blogging engine", `<meta property="og:type" content="article">`, `<footer><p>© 2019 Anna Lind</p></footer>`, nil},
		{"no article", `<meta name="generator" content="WordPress 6.4">`, `<footer><p>© 2019 Anna Lind</p></footer>`, nil},
		{"a byline wins", blog + `<meta name="author" content="Ola Nordmann">`, `<footer><p>© 2019 Anna Lind</p></footer>`, []string{"Ola Nordmann"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined("")+tt.footer), "https://harbour.example/2019/11/14/zeit/", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestPostAccountAuthor covers the WordPress account Yoast SEO's graph
// names as an article's author, which the page never shows, against a
// visible byline naming another person.
func TestPostAccountAuthor(t *testing.T) {
	graph := func(id string) string {
		return ld(`{"@context":"https://schema.org","@graph":[{"@type":"Article","headline":"The ferry timetable changes","author":{"@id":"` + id +
			`"}},{"@type":"Person","@id":"` + id + `","name":"Ola Nordmann"}]}`)
	}
	const yoast = "https://news.example/#/schema/person/1e7fcf8de80e1ed5"
	tests := []struct {
		name, head, header, extra string
		want                      []string
	}{
		{"the visible byline wins", graph(yoast), `<p class="byline">By Anna Lind and Jonas Berg</p>`, "", []string{"Anna Lind", "Jonas Berg"}},
		{"the account shown on the page", graph(yoast), `<p class="byline">By Anna Lind</p>`, `<footer><p>Posted by Ola Nordmann</p></footer>`, []string{"Ola Nordmann"}},
		{"shown in capitals", graph(yoast), `<p class="byline">By Anna Lind</p>`, `<div class="editor">OLA NORDMANN</div>`, []string{"Ola Nordmann"}},
		{"a byline naming no person", graph(yoast), `<p class="byline">By Staff</p>`, "", []string{"Ola Nordmann"}},
		{"no Yoast person", graph("https://news.example/people/ola"), `<p class="byline">By Anna Lind</p>`, "", []string{"Ola Nordmann"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, bylined(tt.header)+tt.extra), "https://news.example/2019/11/14/zeit/", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

// TestInterviewByline covers an interview's byline, which names the
// interviewer before its guest, against Yoast's account on a WebPage.
func TestInterviewByline(t *testing.T) {
	const body = `<article><h1>Die Fähre</h1><div class="entry-content"><p><em>%s</em></p><p>` +
		`Die Fähre fährt ab Mai eine Stunde früher, sagte der Betreiber. Die Fähre fährt ab Mai eine Stunde früher. Die Fähre fährt ab Mai früher.</p></div></article>`
	yoast := ld(`{"@context":"https://schema.org","@graph":[{"@type":"WebPage","author":{"@id":"https://news.example/#/schema/person/1e7f"}},`+
		`{"@type":"Person","@id":"https://news.example/#/schema/person/1e7f","name":"Ola Nordmann"}]}`) + `<meta name="author" content="Ola Nordmann">`
	tests := []struct {
		name, head, line string
		want             []string
	}{
		{"interviewer before the guest", "", `Ein Interview von <strong>Anna Lind</strong> mit <strong>Jana Berg</strong>.`, []string{"Anna Lind"}},
		{"the guest alone", "", `Ein Interview mit <strong>Jana Berg</strong>.`, nil},
		{"the byline over Yoast's account", yoast, `Ein Interview von <strong>Anna Lind</strong> mit <strong>Jana Berg</strong>.`, []string{"Anna Lind"}},
		{"Yoast's account without a byline", yoast, `Ein Interview mit <strong>Jana Berg</strong>.`, []string{"Ola Nordmann"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, fmt.Sprintf(body, tt.line)), "https://news.example/2019/11/14/faehre/", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}
