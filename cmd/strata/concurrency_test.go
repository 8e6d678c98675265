package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/crawl/crawltest"
	"github.com/strata-archive/strata/scraper/testsite"
)

// TestCommandsDuringCrawl runs export, show, versions, diff and backup
// again and again while a crawl process writes the archive, and starts a
// second crawl beside it: every reader succeeds, each backup verifies, and
// the second crawl exits at once with status 12.
func TestCommandsDuringCrawl(t *testing.T) {
	t.Parallel()
	// About 60 × 80 ms / 2 in flight: a crawl of a few seconds.
	e := newCrawlEnv(t, crawltest.Options{Articles: 60, FlakyArticles: -1, Latency: 80 * time.Millisecond}, "")
	e.mustRun(exitOK, "crawl", "--max-pages", "3")
	url := e.site.ArticleURL(0)

	// Two crawls started at once: one runs, the other exits 12 at once.
	a, b := e.strataProcess("crawl"), e.strataProcess("crawl")
	var p, other *process
	select {
	case <-a.done:
		p, other = b, a
	case <-b.done:
		p, other = a, b
	}
	if code := other.cmd.ProcessState.ExitCode(); code != exitCrawling || !strings.Contains(other.out.String(), "another crawl is running") {
		t.Fatalf("of two crawls started at once, the first to end exited %d\n%s", code, other.out)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	rounds := 0
	for running := true; running; rounds++ {
		select {
		case <-p.done:
			running = false
		default:
		}
		for _, args := range [][]string{
			{"export", "--format", "jsonl", "--all-versions"},
			{"show", url, "--json"},
			{"versions", url},
			{"diff", url},
			{"backup", backup},
		} {
			code, _, errs := e.run(args...)
			if code == exitOK || args[0] == "diff" && strings.Contains(errs, "nothing to compare") {
				continue
			}
			t.Errorf("%s during a crawl: exit %d: %s", args[0], code, errs)
		}
	}
	if code := p.cmd.ProcessState.ExitCode(); code != exitOK {
		t.Errorf("crawl: exit %d\n%s", code, p.out)
	}
	if rounds < 2 {
		t.Logf("only %d rounds of readers during the crawl", rounds)
	}
	e.mustRun(exitOK, "verify")
	copyEnv := &env{t: t, db: backup, config: e.config}
	copyEnv.mustRun(exitOK, "verify")
}

// TestReadOnlyArchive: an archive on a read-only file system (a tmpfs
// remounted read-only; it needs root and skips without it) or a file
// without write permission (not root) cannot be written: archive exits 2
// with a clear error, and the archive is unchanged and still readable.
func TestReadOnlyArchive(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir).CombinedOutput(); err != nil {
			t.Skipf("root, but cannot mount a tmpfs here (restricted container): %v %s", err, out)
		}
		t.Cleanup(func() { _ = exec.Command("umount", dir).Run() })
	}
	e.db = filepath.Join(dir, "archive.db")
	e.mustRun(exitOK, "archive", site.URL+testsite.SeedPath)
	before := e.mustRun(exitOK, "export", "--all-versions")
	if os.Geteuid() == 0 {
		if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
			t.Fatalf("remount read-only: %v %s", err, out)
		}
	} else {
		if err := os.Chmod(e.db, 0o444); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(e.db, 0o644) })
	}
	code, out, errs := e.run("archive", site.URL+testsite.NativeHTML5Path)
	if code != exitCannotRun || !strings.Contains(errs, e.db) ||
		!(strings.Contains(errs, "read-only file system") || strings.Contains(errs, "permission denied")) {
		t.Errorf("archive into a read-only archive: exit %d, want %d\nstdout %q\nstderr %q", code, exitCannotRun, out, errs)
	}
	if after := e.mustRun(exitOK, "export", "--all-versions"); after != before {
		t.Error("the read-only archive changed")
	}
	e.mustRun(exitOK, "verify")
}
