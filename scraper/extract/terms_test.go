package extract_test

import (
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

// TestExtractTerms covers the category and tag conventions beyond rel
// links: breadcrumb trails, labels, term-list blocks, WordPress post
// classes and keyword meta.
func TestExtractTerms(t *testing.T) {
	tests := []struct {
		name, file, url  string
		categories, tags []string
	}{
		{
			// JSON-LD trail out of order; the home step and the article
			// itself are left out. Keyword meta, split, stands in for tags.
			name: "JSON-LD breadcrumbs and keyword meta", file: "terms-breadcrumbs.html",
			url:        "https://rheinbote.example/region/verkehr/neue-faehre",
			categories: []string{"Verkehr"}, tags: []string{"Fähre", "Altrhein", "Verkehr"},
		},
		{
			// "Kategorien:" decides over rel="tag"; a sentence ends a
			// label's list ("Permalink" is not a tag); counts, "#", share
			// and comment links and widget lists are left out; microdata
			// breadcrumbs add their middle step; keyword meta is not used
			// when the page names tags.
			name: "labels, term lists and microdata breadcrumbs", file: "terms-labels.html",
			url:        "https://garten.example/ein-jahr/",
			categories: []string{"Draußen", "Familie", "Jahreszeiten", "Garten"},
			tags:       []string{"Kompost", "Bohnen", "Zucchini", "Ernte"},
		},
		{
			// No term links in the article: the post classes name the
			// terms, by a link's text when the page has one (even in a
			// menu), else de-slugged.
			name: "WordPress post classes", file: "terms-postclass.html",
			url:        "https://walls.example/mending/",
			categories: []string{"Walls & Hedges", "How to"}, tags: []string{"Sri lanka"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, readFixture(t, tt.file), tt.url, extract.Options{})
			checkList(t, "Categories", a.Categories, tt.categories)
			checkList(t, "Tags", a.Tags, tt.tags)
		})
	}
}

// TestExtractBylineAuthors covers authors read from the byline when the
// metadata names only the site.
func TestExtractBylineAuthors(t *testing.T) {
	tests := []struct {
		name, file, url string
		authors         []string
		published       string
	}{
		{
			// The organisation author is the site: the byline text names
			// the people. The UTC evening time is shown as the next day,
			// so it keeps the offset of that day.
			name: "text byline over site-name author", file: "byline-text.html", url: "https://talbote.example/bruecke",
			authors: []string{"Anna Berg", "Jonas Keller"}, published: "2022-11-07T00:30:00+01:00",
		},
		{
			// A domain name as author meta; the author archive link's text
			// loses "View all posts by"; a teaser's author link elsewhere
			// is not a second author.
			name: "author archive link over domain author", file: "byline-link.html", url: "https://railnotes.example/night-trains",
			authors: []string{"Mary Jones"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, readFixture(t, tt.file), tt.url, extract.Options{})
			checkList(t, "Authors", a.Authors, tt.authors)
			if tt.published != "" {
				checkTime(t, "PublishedAt", a.PublishedAt, tt.published)
				if got := a.PublishedAt.Format("2006-01-02"); got != tt.published[:10] {
					t.Errorf("PublishedAt day = %s, want %s", got, tt.published[:10])
				}
			}
		})
	}
}
