package comments_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata/scraper/comments"
)

// FuzzParse checks that Parse and ParseWpDiscuzHTML never panic and always
// return a well-formed thread.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range append(files, seedPath) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"",
		`<div id="wpd-comm-1_1"><div id="wpd-comm-2_1"></div></div>`,
		`<div id="wpd-comm-3_4"></div><div id="wpd-comm-4_3"></div>`,
		`<li id="comment-1"><li id="li-comment-1"><article id="comment-2"></article></li></li>`,
		`<div class="wpd-vote-result wpd-vote-result-dislike" title="-99999999999999999999"></div>`,
		`<h2 class="comments-title">99999999999999999999 Comments</h2>`,
		`<a class="page-numbers" href="/comment-page-99999999999999999999/">x</a><div class="comment-navigation"><a href="http://[::1/comment-page-2/">y</a></div>`,
		`<div class="wpd-comment-date" title="Dezember 31, 9999 at 23:59 pm"></div>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			return
		}
		th := comments.Parse(doc, mustURL(t, "https://fuzz.example/2024/01/01/post/"), comments.Options{})
		if strings.HasPrefix(th.Note, "comment parser failed") {
			t.Fatalf("Parse recovered from a panic: %s", th.Note)
		}
		if th.Complete != (th.Note == "") {
			t.Errorf("Complete %v with Note %q", th.Complete, th.Note)
		}
		if p := threadProblem(th.Comments); p != "" {
			t.Errorf("Parse: %s", p)
		}
		if p := threadProblem(comments.ParseWpDiscuzHTML(src, nil, nil)); p != "" {
			t.Errorf("ParseWpDiscuzHTML: %s", p)
		}
	})
}
