package discover_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"path/filepath"
	"testing"

	"github.com/strata-archive/strata/scraper/discover"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func addSeeds(f *testing.F, pattern string) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds for %s", pattern)
	}
	for _, name := range files {
		b := readTestdata(f, name[len("testdata/"):])
		f.Add(b)
		f.Add(gz(b))
	}
}

// FuzzParseSitemap feeds arbitrary bytes to the sitemap parser: it must
// not panic nor hang, and what it emits is absolute http(s).
func FuzzParseSitemap(f *testing.F) {
	addSeeds(f, "sitemaps/*")
	f.Add([]byte("<urlset><url><loc>https://a.example/x</loc><lastmod>2024-01-01</lastmod></url></urlset>"))
	f.Add([]byte("<sitemapindex><sitemap><loc>/child.xml</loc></sitemap></sitemapindex>"))
	f.Add([]byte("\xef\xbb\xbf  https://a.example/1\nhttps://a.example/2"))
	f.Add([]byte{0x1f, 0x8b, 0x08})
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		err := discover.ParseSitemapForTest(data, "https://example.org/sitemap.xml", func(e discover.Entry, child bool) error {
			n++
			if len(e.URL) < 8 || (e.URL[:7] != "http://" && e.URL[:8] != "https://") {
				t.Fatalf("emitted %q", e.URL)
			}
			return nil
		})
		if n > discover.MaxSitemapEntries {
			t.Fatalf("%d entries from one file", n)
		}
		_ = err
	})
}

// FuzzParseFeed feeds arbitrary bytes to the feed reader.
func FuzzParseFeed(f *testing.F) {
	addSeeds(f, "feeds/*")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"url":"/a"}]}`))
	f.Add([]byte(`<rss><channel><item><link>x</link></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := discover.ParseFeed(data, "https://example.org/feed/")
		if err != nil && entries != nil {
			t.Fatalf("entries with error %v", err)
		}
		if err != nil && !errors.Is(err, discover.ErrNotFeed) && !errors.Is(err, discover.ErrTooLarge) {
			// gzip and reader errors are fine too; they must simply not panic.
			_ = err
		}
		for _, e := range entries {
			if e.URL == "" || e.Source != discover.SourceFeed {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}
