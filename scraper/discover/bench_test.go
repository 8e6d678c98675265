package discover_test

import (
	"testing"

	"github.com/strata-archive/strata/scraper/discover"
)

// BenchmarkParseSitemap parses a 50,000-URL sitemap (about 7.8 MB), plain
// and gzip-compressed; MB/s are of uncompressed XML.
func BenchmarkParseSitemap(b *testing.B) {
	plain := bigSitemap("https://example.org", 50_000)
	for _, bc := range []struct {
		name string
		body []byte
	}{{"xml", plain}, {"gzip", gz(plain)}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(plain)))
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				err := discover.ParseSitemapForTest(bc.body, "https://example.org/sitemap.xml", func(discover.Entry, bool) error {
					n++
					return nil
				})
				if err != nil || n != 50_000 {
					b.Fatalf("%d entries, %v", n, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/50_000, "ns/url")
		})
	}
}
