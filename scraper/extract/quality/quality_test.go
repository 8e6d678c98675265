package quality_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/extract/quality"
)

func TestScorePage(t *testing.T) {
	pub := time.Date(2020, 1, 2, 23, 30, 0, 0, time.FixedZone("", 3600))
	p := &quality.Page{
		With: []string{"first  line", "missing"}, Without: []string{"Impressum", "absent"},
		Comments: []string{"great post"}, Title: "A  Title ", Author: "Von Ann Lee und Bo Chan",
		Date: "2020-01-02", Categories: []string{"News"}, Tags: []string{"Boats", "rain"},
	}
	p.Authors = []string{"ann lee", "bo chan"}
	r := quality.Result{Page: p, Snap: &strata.Snapshot{
		Title: "A Title", BodyText: "first\nline\n\nImpressum\n\ngreat post", PublishedAt: &pub,
		Authors: []string{"Bo Chan", "Ann Lee"}, Categories: []string{"news"}, Tags: []string{"boats"},
		Comments: []strata.Comment{{Text: "a great post indeed"}},
	}}
	s := quality.ScorePage(r)
	if s.Text != (quality.Counts{TP: 1, FP: 1, TN: 1, FN: 1}) {
		t.Errorf("text counts = %+v", s.Text)
	}
	if !s.TitleOK || !s.DateOK || !s.AuthorOK {
		t.Errorf("title %v date %v author %v", s.TitleOK, s.DateOK, s.AuthorOK)
	}
	if s.CommentsFound.Hit != 1 || s.CommentsLeaked.Hit != 1 {
		t.Errorf("comments found %+v leaked %+v", s.CommentsFound, s.CommentsLeaked)
	}
	if s.Categories != (quality.Tally{Hit: 1, Total: 1}) || s.Tags != (quality.Tally{Hit: 1, Total: 2}) {
		t.Errorf("categories %+v tags %+v", s.Categories, s.Tags)
	}
	// A page that failed counts every with snippet as missed.
	s = quality.ScorePage(quality.Result{Page: p, Err: os.ErrNotExist})
	if s.Text.FN != 2 || s.Text.TN != 2 {
		t.Errorf("failed page counts = %+v", s.Text)
	}
}

// corpusDir returns the corpus named by STRATA_CORPUS, or skips: the full
// corpus takes longer than CI's budget for one test under -race.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("STRATA_CORPUS")
	if dir == "" {
		tb.Skip("set STRATA_CORPUS to a corpus directory (e.g. ../shared/corpus/trafilatura-dev) to run")
	}
	if _, err := os.Stat(filepath.Join(dir, "evaldata.json")); err != nil {
		tb.Skipf("no corpus at %s: %v", dir, err)
	}
	return dir
}

// TestCorpusQuality extracts the whole corpus and fails when a figure
// falls below the floor it has reached, so that a change which makes
// extraction worse is noticed.
func TestCorpusQuality(t *testing.T) {
	c, err := quality.Load(corpusDir(t))
	if err != nil {
		t.Fatal(err)
	}
	s := quality.Summarize("all", quality.Run(c, 0), nil)
	for _, f := range []struct {
		name       string
		got, floor float64
	}{
		{"text F1", s.Text.F1(), 0.93},
		{"comments absent from body", s.CommentsAbsent().Share(), 0.98},
		{"title", s.Title.Share(), 0.895},
		{"title (any case)", s.TitleFold.Share(), 0.92},
		{"date", s.Date.Share(), 0.90},
		{"author", s.Author.Share(), 0.845},
		{"categories+tags recall", s.Terms().Share(), 0.80},
	} {
		t.Logf("%-26s %.3f", f.name, f.got)
		if f.got < f.floor {
			t.Errorf("%s = %.3f, below its floor %.2f", f.name, f.got, f.floor)
		}
	}
}

// BenchmarkCorpus measures extraction throughput over the corpus, one
// page after another: go test -bench Corpus -cpu 1 with STRATA_CORPUS set.
// Pages are read into memory first; b.SetBytes makes MB/s the raw size.
func BenchmarkCorpus(b *testing.B) {
	c, err := quality.Load(corpusDir(b))
	if err != nil {
		b.Fatal(err)
	}
	raws := make([][]byte, len(c.Pages))
	total := 0
	for i := range c.Pages {
		if raws[i], err = c.Read(&c.Pages[i]); err != nil {
			b.Fatal(err)
		}
		total += len(raws[i])
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for b.Loop() {
		for i := range c.Pages {
			quality.Extract(&c.Pages[i], raws[i])
		}
	}
	b.ReportMetric(float64(len(c.Pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
}

func TestReachOf(t *testing.T) {
	page := []byte(`<html><head><meta property="og:title" content="Caf&eacute; opens"><title>Site</title></head>
<body><h1>Rain <em>in</em>
 Spain</h1><p>Hy<b>phen</b>ated</p><p>` + "Re\u0301sume\u0301" + `</p><span class="byline">By ANN LEE</span></body></html>`)
	for _, tt := range []struct {
		name          string
		title         string
		authors       []string
		onPage, named bool
	}{
		{name: "attribute with entity", title: "Café opens", onPage: true},
		{name: "split over inline markup", title: "Rain in Spain", onPage: true},
		{name: "split inside a word", title: "Hyphenated", onPage: true},
		{name: "decomposed on the page", title: "R\u00e9sum\u00e9", onPage: true},
		{name: "other case", title: "RAIN IN SPAIN", onPage: false},
		{name: "nowhere", title: "Snow in Spain", onPage: false},
		{name: "author in any case", authors: []string{"ann lee"}, named: true},
		{name: "one of two authors missing", authors: []string{"ann lee", "bo chan"}, named: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := quality.ReachOf(&quality.Page{Title: tt.title, Authors: tt.authors}, page)
			if !r.Known || r.Title != tt.onPage || r.Author != tt.named {
				t.Errorf("ReachOf = %+v, want title %v author %v", r, tt.onPage, tt.named)
			}
		})
	}
}
