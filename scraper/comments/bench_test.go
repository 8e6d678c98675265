package comments_test

import (
	"testing"

	"github.com/strata-archive/strata/scraper/comments"
)

// BenchmarkParseSeed measures Parse on the seed page, HTML parsing excluded.
func BenchmarkParseSeed(b *testing.B) {
	doc := mustDoc(b, readPage(b, seedPath, seedBase))
	u := mustURL(b, seedURL)
	b.ReportAllocs()
	for b.Loop() {
		if th := comments.Parse(doc, u, comments.Options{}); len(th.Comments) != 5 {
			b.Fatalf("got %d comments", len(th.Comments))
		}
	}
}
