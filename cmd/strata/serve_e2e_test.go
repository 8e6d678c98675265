package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/strata-archive/strata/scraper/testsite"
)

// findChromium returns the path of a Chromium to drive, or skips the test.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (looked for chromium, chromium-browser, google-chrome on PATH): " +
		"install Debian's chromium package to run the browser test; .ci/run does")
	return ""
}

// artifactDir is where the browser test keeps its screenshots:
// $STRATA_ARTIFACTS when set, else a temporary directory.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("STRATA_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir, err := filepath.Abs(dir)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// deleteComment removes the wpDiscuz comment id (a leaf at the top level)
// from the seed page and lowers the declared count.
func deleteComment(t *testing.T, site *testsite.Site, id, nextID string) {
	t.Helper()
	page := site.Page(testsite.SeedPath)
	start := strings.Index(page, "<div id='wpd-comm-"+id+"_0'")
	end := strings.Index(page, "<div id='wpd-comm-"+nextID+"_0'")
	if start < 0 || end < start {
		t.Fatalf("comment %s not found in the seed page", id)
	}
	page = page[:start] + page[end:]
	page = strings.Replace(page, `data-comments-count="5"`, `data-comments-count="4"`, 1)
	site.SetPage(testsite.SeedPath, page)
}

// TestServeInBrowser archives an article three times (a stealth edit of the
// body, then a deleted comment), serves the archive, and drives headless
// Chromium through it as a person would: home page, article, timeline,
// diff. It keeps screenshots in $STRATA_ARTIFACTS.
func TestServeInBrowser(t *testing.T) {
	chromium := findChromium(t)
	site := testsite.New(t)
	e := newEnv(t)
	articleURL := site.URL + testsite.SeedPath
	e.mustRun(exitOK, "archive", articleURL)
	site.Edit(t, testsite.SeedPath, "Turkish prosecutors are demanding life sentences", "Turkish prosecutors are seeking life sentences")
	e.mustRun(exitOK, "archive", articleURL)
	deleteComment(t, site, "1188849", "1188830")
	e.mustRun(exitOK, "archive", articleURL)
	v1, v3 := e.show(articleURL, 1), e.show(articleURL, 3)
	if v3.Version != 3 || len(v3.Comments) != len(v1.Comments)-1 {
		t.Fatalf("fixture: version %d with %d comments (v1 had %d)", v3.Version, len(v3.Comments), len(v1.Comments))
	}
	var deleted string
	for _, c := range v1.Comments {
		if c.ID == "1188849" {
			deleted = c.Text
		}
	}
	s := e.serve("--addr", "127.0.0.1:0")

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 45*time.Second)
	defer cancelTimeout()

	// Anything the browser complains about (a blocked resource, a CSP
	// violation, an exception) is a failure: the pages load nothing but
	// the stylesheet and run no script.
	var mu sync.Mutex
	var complaints []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				complaints = append(complaints, ev.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			complaints = append(complaints, ev.ExceptionDetails.Text)
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v\nserver stderr: %s", what, err, s.stderr)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	dir := artifactDir(t)
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}

	// The home page lists the article with both badges.
	do("open the home page", chromedp.Navigate(s.base+"/"), chromedp.WaitVisible(chromedp.CSS(`table.list`)))
	home := text(`table.list`)
	for _, want := range []string{v3.Title, "body edited", "comments deleted"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q:\n%s", want, home)
		}
	}
	shot("serve-home.png")

	// The article opens at its latest version; step back through the
	// timeline to version 1, then forward with "next".
	do("open the article", chromedp.Click(chromedp.CSS(`td.title a`), chromedp.NodeVisible), chromedp.WaitVisible(chromedp.CSS(`aside.timeline`)))
	if got := text(`.version-line`); !strings.Contains(got, "Version 3 of 3") {
		t.Errorf("article opened at %q", got)
	}
	do("open version 1 from the timeline", chromedp.Click(chromedp.CSS(`.versions li:last-child a.v`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`.versions li.current:last-child`)))
	if got := text(`.version-line`); !strings.Contains(got, "Version 1 of 3") {
		t.Errorf("the timeline's first entry opened %q", got)
	}
	if !strings.Contains(text(`.comments`), firstWords(deleted, 6)) {
		t.Error("version 1 does not show the comment deleted later")
	}
	shot("serve-article-v1.png")
	do("step to version 2", chromedp.Click(chromedp.CSS(`.version-nav a[rel=next]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`.version-nav a[rel=prev]`)))
	if got := text(`.version-line`); !strings.Contains(got, "Version 2 of 3") {
		t.Errorf("next from version 1 opened %q", got)
	}
	do("step to version 3", chromedp.Click(chromedp.CSS(`.version-nav a[rel=next]`), chromedp.NodeVisible),
		chromedp.WaitNotPresent(chromedp.CSS(`.version-nav a[rel=next]`)))
	if got := text(`.version-line`); !strings.Contains(got, "Version 3 of 3") {
		t.Errorf("next from version 2 opened %q", got)
	}

	// "What changed in this version", then widen the diff to 1 → 3 with
	// the form, as a person would.
	do("open the diff", chromedp.Click(chromedp.CSS(`.version-nav a.diff`), chromedp.NodeVisible), chromedp.WaitVisible(chromedp.CSS(`form.pick`)))
	if got := text(`h1`); got != "What changed from version 2 to 3" {
		t.Errorf("diff heading %q", got)
	}
	do("compare 1 with 3", chromedp.SetValue(chromedp.CSS(`select[name=from]`), "1"),
		chromedp.Click(chromedp.CSS(`form.pick button`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`.body-diff ins`)))

	// The deleted comment is still there, struck through, saying when it
	// went missing; the edit of the body is highlighted.
	removed, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(`li.comment.removed`), chromedp.NodeVisible))
	if err != nil || len(removed) != 1 {
		t.Errorf("%d deleted comments shown (%v), want 1", len(removed), err)
	}
	if got := text(`li.comment.removed del.comment-body`); deleted == "" || !strings.Contains(got, firstWords(deleted, 6)) {
		t.Errorf("deleted comment shows %q, want %q", got, deleted)
	}
	if got := eval(`getComputedStyle(document.querySelector('li.comment.removed del.comment-body')).textDecorationLine`); got != "line-through" {
		t.Errorf("deleted comment's text-decoration is %q, want line-through", got)
	}
	if got := text(`li.comment.removed .gone`); !strings.Contains(got, "missing since version 3") {
		t.Errorf("deleted comment says %q", got)
	}
	if got := text(`.body-diff ins`); got != "seeking" {
		t.Errorf("highlighted insertion %q, want \"seeking\"", got)
	}
	if got := text(`.body-diff del`); got != "demanding" {
		t.Errorf("highlighted deletion %q, want \"demanding\"", got)
	}
	if bg := eval(`getComputedStyle(document.querySelector('.body-diff ins')).backgroundColor`); bg == "" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("insertion not highlighted: background %q", bg)
	}
	do("scroll to the edit", chromedp.ScrollIntoView(chromedp.CSS(`.body-diff ins`)))
	shot("serve-diff.png")

	mu.Lock()
	defer mu.Unlock()
	for _, c := range complaints {
		t.Errorf("browser complained: %s", c)
	}
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}
