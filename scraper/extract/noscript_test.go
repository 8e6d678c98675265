package extract_test

import (
	"strings"
	"testing"

	"github.com/strata-archive/strata/scraper/extract"
)

// TestExtractNoscriptBody reads the article from the noscript copy that
// Blogger's templates for Google's blogs write beside a script template,
// and only there: a noscript beside real text, or outside the article's
// containers, stays out.
func TestExtractNoscriptBody(t *testing.T) {
	post := `<span class="byline-author">Posted by Ann Tide, Harbour team</span>` +
		`<p>` + long + `</p><p><strong>What changes</strong></p><p>The ferries keep to the winter timetable until March.</p>`
	tests := []struct {
		name, body string
		with, gone []string
	}{
		{
			name: "Blogger script template and noscript copy",
			body: `<div class="post-body"><div class="post-content" itemprop="articleBody">` +
				`<script type="text/template">` + post + `</script><noscript>` + post + `</noscript></div></div>`,
			with: []string{"Rain fell on the harbour", "What changes", "winter timetable until March."},
			gone: []string{"Posted by"},
		},
		{
			name: "a container with its own text keeps its noscript out",
			body: `<div class="entry-content"><p>` + long + `</p><noscript><p>Enable JavaScript to see the gallery of the north quay in the winter storms of last year.</p></noscript></div>`,
			with: []string{"Rain fell on the harbour"},
			gone: []string{"Enable JavaScript", "gallery"},
		},
		{
			name: "a fallback of links (a menu) in a thin container stays out",
			body: `<article><div class="post-body"><p>Short intro.</p><noscript><div class="menu"><ul>` +
				strings.Repeat(`<li><a href="/s">Sport and weather from the harbour and the coast road</a></li>`, 20) +
				`</ul></div><img src="https://px.example/tr?id=1" width="1" height="1"></noscript></div></article>`,
			with: []string{"Short intro."},
			gone: []string{"Sport and weather"},
		},
		{
			name: "a navigation fallback outside the article stays out",
			body: `<nav><noscript><ul><li><p>News</p></li><li><p>Sport and weather from the harbour and the coast road</p></li></ul></noscript></nav>` +
				`<article><div class="entry-content"><p>` + long + `</p></div></article>`,
			with: []string{"Rain fell on the harbour"},
			gone: []string{"Sport and weather"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `<html><head><title>Winter timetable</title></head><body>` + tt.body + `</body></html>`
			a := extractFrom(t, src, "https://harbour.example/2024/01/winter.html", extract.Options{})
			checkBody(t, a, tt.with, tt.gone)
		})
	}
}
