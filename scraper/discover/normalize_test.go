package discover_test

import (
	"testing"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/discover"
)

var normalizeSeeds = []string{
	"https://example.org/2024/03/01/post/",
	"http://example.org/",
	"http://example.org",
	"https://example.org:443/a",
	"http://example.org:80/a",
	"http://example.org:8080/a",
	"http://example.org:08080/a",
	"http://example.org:99999/a",
	"https://Example.org/a",
	"https://example.org./a",
	"https://example..org/a",
	"https://127.0.0.1/a",
	"https://127.0.0.1:8080/a",
	"https://0x7f.1/a",
	"https://example.0x10/a",
	"https://example.123/a",
	"https://xn--bcher-kva.example/a",
	"https://example.org/a/./b",
	"https://example.org/a/../b",
	"https://example.org/a/..",
	"https://example.org/a/.",
	"https://example.org/a/.b/..c/",
	"https://example.org/caf%C3%A9/",
	"https://example.org/a b",
	"https://example.org/a\\b",
	"https://example.org/a?b=c",
	"https://example.org/a#b",
	"https://user@example.org/a",
	"https://example.org/it's-(a)-test;x=1,y:z@w+v*u!t$s&r=q~p",
	"https://example.org//double//slash",
	"https://example.org/UPPER/Case",
	"https://exa_mple.org/a",
	"https://-example.org/a",
	"HTTPS://example.org/a",
}

// TestNormalizeFastPath checks that URLs taken by the fast path are
// those strata.NormalizeURL leaves unchanged.
func TestNormalizeFastPath(t *testing.T) {
	taken := 0
	for _, u := range normalizeSeeds {
		if checkFastPath(t, u) {
			taken++
		}
	}
	if taken < 5 {
		t.Errorf("fast path taken for only %d URLs", taken)
	}
}

func checkFastPath(t *testing.T, u string) bool {
	if !discover.IsNormalForTest(u) {
		return false
	}
	n, err := strata.NormalizeURL(u)
	if err != nil || n != u {
		t.Errorf("fast path takes %q, but NormalizeURL gives %q, %v", u, n, err)
	}
	return true
}

func FuzzNormalizeFastPath(f *testing.F) {
	for _, u := range normalizeSeeds {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u string) { checkFastPath(t, u) })
}
