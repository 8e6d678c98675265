package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/extract"
)

// page builds a small document from head markup and an article body long
// enough to be taken as one.
func page(head, body string) string {
	if body == "" {
		body = `<article><div class="entry-content"><p>` + strings.Repeat("The quarry closed in the spring and the village changed with it. ", 5) + `</p></div></article>`
	}
	return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>"
}

func ld(json string) string { return `<script type="application/ld+json">` + json + `</script>` }

func TestExtractJSONLD(t *testing.T) {
	tests := []struct {
		name       string
		head       string
		title      string
		authors    []string
		published  string
		image      string
		siteName   string
		language   string
		categories []string
		tags       []string
	}{
		{
			name: "graph with references",
			head: ld(`{"@context":"https://schema.org","@graph":[
				{"@type":"WebSite","@id":"https://q.example/#website","name":"Quarry Gazette","inLanguage":"en-AU"},
				{"@type":"Person","@id":"https://q.example/#/person/1","name":"Ada Stone"},
				{"@type":"ImageObject","@id":"https://q.example/#img","url":"https://q.example/i.jpg"},
				{"@type":"NewsArticle","headline":"The quarry closes","author":{"@id":"https://q.example/#/person/1"},
				 "image":{"@id":"https://q.example/#img"},"datePublished":"2020-04-02T08:00:00+10:00",
				 "articleSection":"Local","keywords":"quarry, jobs , Quarry"}]}`),
			title: "The quarry closes", authors: []string{"Ada Stone"}, published: "2020-04-01T22:00:00Z",
			image: "https://q.example/i.jpg", siteName: "Quarry Gazette", language: "",
			categories: []string{"Local"}, tags: []string{"quarry", "jobs"},
		},
		{
			name: "type array and author array",
			head: ld(`[{"@context":"https://schema.org","@type":["BlogPosting","Article"],"headline":"Two voices",
				"author":[{"@type":"Person","name":"By Ann Lee"},{"@type":"Person","name":"Bo Chan"},"Ann Lee"],
				"image":["https://q.example/a.jpg","https://q.example/b.jpg"],"datePublished":"2020-04-02 09:15",
				"inLanguage":"pt_BR","keywords":["one","two"],"articleSection":["A","B"],
				"publisher":{"@type":"Organization","name":"Quarry Press"}}]`),
			title: "Two voices", authors: []string{"Ann Lee", "Bo Chan"}, published: "2020-04-02T09:15:00Z",
			image: "https://q.example/a.jpg", siteName: "Quarry Press", language: "pt-BR",
			categories: []string{"A", "B"}, tags: []string{"one", "two"},
		},
		{
			name:  "author as string, image as object, wrapped in comment markers",
			head:  ld("<!--\n{\"@context\":\"http://schema.org\",\"@type\":\"ReportageNewsArticle\",\"headline\":\"Line\nbreak\",\"author\":\"Jane Doe and John Roe\",\"image\":{\"@type\":\"ImageObject\",\"url\":\"/rel.jpg\"},\"datePublished\":\"2020-04-02T09:15:00+0200\"}\n-->"),
			title: "Line break", authors: []string{"Jane Doe", "John Roe"}, published: "2020-04-02T07:15:00Z",
			image: "https://q.example/rel.jpg", categories: []string{}, tags: []string{},
		},
		{
			name: "web page only, nested main entity",
			head: ld(`{"@context":"https://schema.org","@type":"WebPage","name":"Ignored | Gazette",
				"mainEntity":{"@type":"Article","headline":"Nested headline","author":{"@type":"Person","name":"admin"}}}`) +
				`<meta name="author" content="Real Person">`,
			title: "Nested headline", authors: []string{"Real Person"}, categories: []string{}, tags: []string{},
		},
		{
			name: "malformed json-ld is ignored",
			head: ld(`{"@type":"Article","headline":"Broken",,}`) +
				`<meta property="og:title" content="From OpenGraph"><meta property="article:published_time" content="2021-01-02T03:04:05Z">`,
			title: "From OpenGraph", authors: []string{}, published: "2021-01-02T03:04:05Z",
			categories: []string{}, tags: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, ""), "https://q.example/news/1", extract.Options{})
			if a.Title != tt.title {
				t.Errorf("Title = %q, want %q", a.Title, tt.title)
			}
			checkList(t, "Authors", a.Authors, orEmpty(tt.authors))
			checkTime(t, "PublishedAt", a.PublishedAt, tt.published)
			for _, c := range []struct{ field, got, want string }{
				{"Image", a.Image, tt.image}, {"SiteName", a.SiteName, tt.siteName}, {"Language", a.Language, tt.language},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			checkList(t, "Categories", a.Categories, orEmpty(tt.categories))
			checkList(t, "Tags", a.Tags, orEmpty(tt.tags))
			if !strings.Contains(a.BodyText, "The quarry closed") {
				t.Errorf("BodyText = %q", a.BodyText)
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestExtractAuthors(t *testing.T) {
	tests := []struct {
		name, head, body string
		want             []string
	}{
		{"by prefix and and", `<meta name="author" content="By Jane Doe and John Roe">`, "", []string{"Jane Doe", "John Roe"}},
		{"posted by, ampersand, duplicate", `<meta name="author" content="Posted by Jane Doe &amp; jane doe, Kim Park">`, "", []string{"Jane Doe", "Kim Park"}},
		{"von", `<meta name="author" content="von Lena Maier und Tom Berg">`, "", []string{"Lena Maier", "Tom Berg"}},
		{"url and admin skipped", `<meta property="article:author" content="https://facebook.com/someone"><meta name="author" content="admin">`, "", []string{}},
		{"url skipped, next source used", `<meta property="article:author" content="https://facebook.com/someone"><meta name="dc.creator" content="Ola Nordmann">`, "", []string{"Ola Nordmann"}},
		{"byline markup", "", `<article><header><span class="byline">by <span class="author vcard"><a class="url fn n" href="/a/">Ines Rota</a></span></span></header><div class="entry-content"><p>` + strings.Repeat("Words of the article body go here. ", 10) + `</p></div></article>`, []string{"Ines Rota"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, tt.body), "https://q.example/", extract.Options{})
			checkList(t, "Authors", a.Authors, tt.want)
		})
	}
}

func TestExtractDates(t *testing.T) {
	fetched := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, head, body string
		published        string
		modified         string
		offset           int // seconds east of UTC of PublishedAt
	}{
		{"rfc3339 offset kept", `<meta property="article:published_time" content="2016-03-01T15:07:41+02:00">`, "", "2016-03-01T13:07:41Z", "", 7200},
		{"space instead of T", `<meta property="article:published_time" content="2016-03-01 15:07:41+02:00">`, "", "2016-03-01T13:07:41Z", "", 7200},
		{"no seconds", `<meta property="article:published_time" content="2016-03-01T15:07+01:00">`, "", "2016-03-01T14:07:00Z", "", 3600},
		{"offset without colon", `<meta property="article:published_time" content="2016-03-01T15:07:41-0500">`, "", "2016-03-01T20:07:41Z", "", -18000},
		{"no zone is UTC", `<meta name="date" content="2016-03-01T15:07:41">`, "", "2016-03-01T15:07:41Z", "", 0},
		{"DC upper case", `<meta name="DC.date.issued" content="2016-03-01"><meta name="DCTERMS.modified" content="2016-03-04">`, "", "2016-03-01T00:00:00Z", "2016-03-04T00:00:00Z", 0},
		{"time in article header", "", `<article><header><time class="entry-date published" datetime="2019-11-20T08:00:00+00:00">20 Nov</time><time class="updated" datetime="2019-11-21T08:00:00+00:00">21 Nov</time></header><div class="entry-content"><p>` + strings.Repeat("Body text of the post. ", 12) + `</p></div></article>`, "2019-11-20T08:00:00Z", "2019-11-21T08:00:00Z", 0},
		{"relative date", "", `<article><header><time>3 hours ago</time></header><div class="entry-content"><p>` + strings.Repeat("Body text of the post. ", 12) + `</p></div></article>`, "2024-05-10T09:00:00Z", "", 0},
		{"garbage", `<meta property="article:published_time" content="soon">`, "", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, page(tt.head, tt.body), "https://q.example/", extract.Options{FetchedAt: fetched})
			checkTime(t, "PublishedAt", a.PublishedAt, tt.published)
			checkTime(t, "ModifiedAt", a.ModifiedAt, tt.modified)
			if a.PublishedAt != nil {
				if _, off := a.PublishedAt.Zone(); off != tt.offset {
					t.Errorf("PublishedAt offset = %d, want %d", off, tt.offset)
				}
			}
		})
	}
}

func TestExtractLanguage(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"html lang wins", `<html lang="en_gb"><head><meta property="og:locale" content="fr_FR"></head><body></body></html>`, "en-GB"},
		{"og:locale", `<html><head><meta property="og:locale" content="fr_FR"></head><body></body></html>`, "fr-FR"},
		{"json-ld inLanguage", `<html><head>` + ld(`{"@type":"Article","inLanguage":"es-mx"}`) + `</head><body></body></html>`, "es-MX"},
		{"content-language", `<html><head><meta http-equiv="Content-Language" content="nl"></head><body></body></html>`, "nl"},
		{"script subtag", `<html lang="zh-hant-tw"><body></body></html>`, "zh-Hant-TW"},
		{"junk", `<html lang="{{lang}}"><body></body></html>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a := extractFrom(t, tt.src, "", extract.Options{}); a.Language != tt.want {
				t.Errorf("Language = %q, want %q", a.Language, tt.want)
			}
		})
	}
}

func TestExtractTitleSuffix(t *testing.T) {
	tests := []struct{ name, head, want string }{
		{"pipe site name", `<title>The quarry closes | Quarry Gazette</title><meta property="og:site_name" content="Quarry Gazette">`, "The quarry closes"},
		{"en dash site name", `<title>The quarry closes – Quarry Gazette</title><meta property="og:site_name" content="Quarry Gazette">`, "The quarry closes"},
		{"site name first", `<title>Quarry Gazette | The quarry closes today</title><meta property="og:site_name" content="Quarry Gazette">`, "The quarry closes today"},
		{"og title with suffix", `<meta property="og:title" content="The quarry closes - Quarry Gazette"><meta property="og:site_name" content="Quarry Gazette">`, "The quarry closes"},
		{"unknown site name", `<title>The quarry closes after ninety years | QG</title>`, "The quarry closes after ninety years"},
		{"dash inside title kept", `<title>Covid-19: what the quarry closure means</title>`, "Covid-19: what the quarry closure means"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a := extractFrom(t, page(tt.head, "<p>x</p>"), "", extract.Options{}); a.Title != tt.want {
				t.Errorf("Title = %q, want %q", a.Title, tt.want)
			}
		})
	}
}
