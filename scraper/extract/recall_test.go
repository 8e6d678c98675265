package extract_test

import (
	"strings"
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

func TestExtractRecallPass(t *testing.T) {
	tests := []struct {
		file       string
		kept, gone []string
	}{
		{
			// The body container holds the method; the lead in the
			// article header, the summary, the ingredients and the notes
			// beside it are the article too. Teasers, the author box, the
			// byline and the site's bands are not.
			file: "recall-modules.html",
			kept: []string{"A fisherman's stew that takes its time", "Serves four.", "1 kg mussels, cleaned",
				"Soften the fennel", "Any firm white fish works here"},
			gone: []string{"By Ina Marsh", "Smoked haddock chowder", "A creamy soup", "has cooked on the quay",
				"All rights reserved", "Recipes\n", "Slow-cooked harbour stew"},
		},
		{
			// Headings left at the end once the share bar they labelled
			// is gone go too; a heading with text after it stays.
			file: "trailing-heading.html",
			kept: []string{"A night on the water", "six fishermen"},
			gone: []string{"Share this story", "Related"},
		},
		{
			// An unclosed element puts the whole page inside the site
			// header: a header holding most of the page is no band.
			file: "broken-header.html",
			kept: []string{"two fewer crossings", "Commuters who rely on them"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := extractFrom(t, readFixture(t, tt.file), "https://quay.example/r/stew", extract.Options{})
			for _, k := range tt.kept {
				if !strings.Contains(a.BodyText, k) {
					t.Errorf("BodyText lacks %q:\n%s", k, a.BodyText)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(a.BodyText, g) {
					t.Errorf("BodyText holds %q:\n%s", g, a.BodyText)
				}
			}
		})
	}
}

func TestExtractTitleRules(t *testing.T) {
	tests := []struct{ file, want string }{
		// A blog theme's h1 is the site's name, and so is og:title here;
		// the document title's other part is the post's.
		{"title-blog-h1.html", "Mending a dry-stone wall"},
		// The h1's kicker sits in a span of its own before the element
		// its class names the headline.
		{"title-kicker.html", "Bridge closed for repairs"},
		// WordPress's old default theme: "Site » Blog Archive » Title".
		{"title-archive.html", "First curlews of the spring"},
		// A separator left at the start by a removed kicker goes.
		{"title-separator.html", "Lighthouse keepers remembered"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := extractFrom(t, readFixture(t, tt.file), "https://site.example/post", extract.Options{})
			if a.Title != tt.want {
				t.Errorf("Title = %q, want %q", a.Title, tt.want)
			}
		})
	}
}
