package scraper_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
)

// EnvCorpus names the directory of the development corpus (an
// evaldata.json beside an html/ directory), such as
// ../shared/corpus/trafilatura-dev; a relative path is taken from the
// module root. The corpus is third-party content and
// is never copied into the repository.
const EnvCorpus = "STRATA_CORPUS"

// TestCorpusComments measures, on the corpus pages that expect comment
// snippets, the share of snippets found in the extracted comments (author
// and text) and the share found in the body. It runs Extract, which makes
// no request, and is skipped when STRATA_CORPUS is not set:
//
//	STRATA_CORPUS=../shared/corpus/trafilatura-dev go test -run TestCorpusComments -v ./scraper
func TestCorpusComments(t *testing.T) {
	dir := os.Getenv(EnvCorpus)
	if dir == "" {
		t.Skip("set " + EnvCorpus + " to the corpus directory to measure")
	}
	if !filepath.IsAbs(dir) {
		// Relative to the module root, where the command is typed; the
		// test runs in scraper/.
		if _, err := os.Stat(filepath.Join(dir, "evaldata.json")); err != nil {
			dir = filepath.Join("..", dir)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	var pages map[string]struct {
		File     string   `json:"file"`
		Comments []string `json:"comments"`
	}
	if err := json.Unmarshal(data, &pages); err != nil {
		t.Fatalf("evaldata.json: %v", err)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	urls := make([]string, 0, len(pages))
	for u := range pages {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var total, found, leaked, n int
	for _, u := range urls {
		p := pages[u]
		if len(p.Comments) == 0 {
			continue
		}
		n++
		body, err := os.ReadFile(filepath.Join(dir, "html", p.File))
		if err != nil {
			t.Errorf("%s: %v", p.File, err)
			continue
		}
		var thread, text string
		snap, err := scraper.Extract(&strata.Capture{URL: u, FinalURL: u, Status: 200, Body: body, FetchedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
		if err == nil {
			var b strings.Builder
			for _, c := range snap.Comments {
				b.WriteString(c.Author + " " + c.Text + " ")
			}
			thread, text = norm(b.String()), norm(snap.BodyText)
		}
		var miss, leak []string
		for _, s := range p.Comments {
			if s = norm(s); s == "" {
				continue
			}
			total++
			if strings.Contains(thread, s) {
				found++
			} else {
				miss = append(miss, s)
			}
			if strings.Contains(text, s) {
				leaked++
				leak = append(leak, s)
			}
		}
		if len(miss)+len(leak) > 0 && testing.Verbose() {
			sys := ""
			if snap != nil {
				sys = snap.CommentSystem
			}
			t.Logf("%s [%s]: missing %q, in body %q", p.File, sys, miss, leak)
		}
	}
	if total == 0 {
		t.Skip("the corpus has no comment expectations")
	}
	t.Logf("%d pages, %d comment snippets: %d found in comments (%.1f%%), %d in the body (%.1f%%)",
		n, total, found, 100*float64(found)/float64(total), leaked, 100*float64(leaked)/float64(total))
}
