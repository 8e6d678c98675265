package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/crawl/crawltest"
	"github.com/strata-archive/strata/store"
)

// crawlEnv is an env whose config crawls a simulated site.
type crawlEnv struct {
	*env
	site *crawltest.Site
}

// newCrawlEnv starts a simulated site and writes a config with one
// [[site]] for it; extra is added to the [[site]] table.
func newCrawlEnv(t *testing.T, so crawltest.Options, extra string) *crawlEnv {
	t.Helper()
	return crawlEnvFor(t, crawltest.New(t, so), extra)
}

// crawlEnvFor is newCrawlEnv for a running site.
func crawlEnvFor(t *testing.T, site *crawltest.Site, extra string) *crawlEnv {
	t.Helper()
	// Not newEnv: it sets environment variables, which parallel tests may
	// not; --db and --config are always passed.
	dir := t.TempDir()
	e := &env{t: t, db: filepath.Join(dir, "archive.db"), config: filepath.Join(dir, "strata.toml")}
	cfg := fmt.Sprintf(`[fetch]
delay = "5ms"
timeout = "2s"
user_agent = "strata-test/1.0"
retries = 1
retry_backoff = "10ms"
parallelism = 2

[comments]
fetch = false

[[site]]
name = "sim"
hosts = ["127.0.0.1"]
start_urls = [%q]
%s
`, site.URL("/"), extra)
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return &crawlEnv{env: e, site: site}
}

// versionsByURL returns how many versions each URL has and its latest
// content hash.
func (e *crawlEnv) versionsByURL() (map[string]int, map[string]string) {
	e.t.Helper()
	st, err := store.Open(e.db, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		e.t.Fatal(err)
	}
	defer st.Close()
	n, hash := map[string]int{}, map[string]string{}
	err = st.Walk(store.WalkOptions{AllVersions: true}, func(v *store.Version) error {
		n[v.Snapshot.URL]++
		hash[v.Snapshot.URL] = v.Snapshot.ContentHash
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return n, hash
}

func (e *crawlEnv) runs() []strata.Run {
	e.t.Helper()
	var runs []strata.Run
	out := e.mustRun(exitOK, "runs", "--json", "--limit", "0")
	if err := json.Unmarshal([]byte(out), &runs); err != nil {
		e.t.Fatalf("runs --json: %v\n%s", err, out)
	}
	return runs
}

func TestCrawlCommand(t *testing.T) {
	t.Parallel()
	e := newCrawlEnv(t, crawltest.Options{Articles: 8, FlakyArticles: -1}, "")
	code, out, errs := e.run("crawl")
	if code != exitOK {
		t.Fatalf("crawl: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.HasPrefix(out, "crawl sim: run 1 completed") || !strings.Contains(out, "8 new versions") || strings.Count(out, "\n") != 1 {
		t.Errorf("crawl printed %q", out)
	}
	if errs != "" {
		t.Errorf("a quiet crawl wrote to stderr: %q", errs)
	}
	n, _ := e.versionsByURL()
	if len(n) != 8 {
		t.Errorf("%d articles archived", len(n))
	}
	runs := e.runs()
	if len(runs) != 1 || runs[0].Status != strata.RunCompleted || runs[0].Outcomes[strata.OutcomeNew] != 8 {
		t.Errorf("runs: %+v", runs)
	}
	table := e.mustRun(exitOK, "runs")
	if !strings.Contains(table, "completed") || !strings.Contains(table, "RUN") {
		t.Errorf("runs table:\n%s", table)
	}
	e.mustRun(exitOK, "verify")

	// JSON logs at debug level: one object per line, a line per page.
	code, _, errs = e.run("crawl", "--log-format", "json", "--log-level", "debug")
	if code != exitOK {
		t.Fatalf("second crawl: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil || m["msg"] == nil {
			t.Errorf("log line is not JSON: %q", l)
			break
		}
	}
	if !strings.Contains(errs, `"msg":"crawl ended"`) {
		t.Errorf("no end of run in the logs")
	}

	// Dry run: lists, records nothing.
	out = e.mustRun(exitOK, "crawl", "--dry-run")
	if !strings.Contains(out, "dry run") {
		t.Errorf("dry run printed %q", out)
	}
	if runs := e.runs(); len(runs) != 2 {
		t.Errorf("the dry run recorded a run: %d runs", len(runs))
	}
	if code, _, errs := e.run("crawl", "--site", "nope"); code != exitCannotRun || !strings.Contains(errs, `no [[site]] called "nope"`) {
		t.Errorf("unknown site: exit %d, %q", code, errs)
	}
}

// TestCrawlOverlap holds the crawl lock as a running crawl would: a second
// crawl exits at once with status 12, or with --wait waits for the lock.
func TestCrawlOverlap(t *testing.T) {
	t.Parallel()
	e := newCrawlEnv(t, crawltest.Options{Articles: 3, FlakyArticles: -1}, "")
	lock, err := lockCrawl(context.Background(), e.db, false)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code, _, errs := e.run("crawl")
	if code != exitCrawling || !strings.Contains(errs, "another crawl is running on this archive") || !strings.Contains(errs, "--wait") {
		t.Errorf("overlapping crawl: exit %d, stderr %q", code, errs)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the overlapping crawl took %v to give up", d)
	}
	if code, _, _ := e.run("schedule"); code != exitCannotRun {
		t.Errorf("schedule without schedules: exit %d", code)
	}
	go func() {
		time.Sleep(500 * time.Millisecond)
		lock.Unlock()
	}()
	start = time.Now()
	code, out, errs := e.run("crawl", "--wait")
	if code != exitOK || time.Since(start) < 400*time.Millisecond {
		t.Errorf("crawl --wait: exit %d after %v\n%s%s", code, time.Since(start), out, errs)
	}
}

// TestReadersDuringCrawl reads the archive again and again while a slow
// crawl writes it: every read succeeds.
func TestReadersDuringCrawl(t *testing.T) {
	t.Parallel()
	e := newCrawlEnv(t, crawltest.Options{Articles: 20, FlakyArticles: -1, Latency: 40 * time.Millisecond}, "")
	e.mustRun(exitOK, "crawl", "--max-pages", "3") // so that there is something to read
	url := e.site.ArticleURL(0)
	done := make(chan int)
	go func() {
		code, _, _ := e.run("crawl")
		done <- code
	}()
	reads := 0
	for running := true; running; {
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("crawl: exit %d", code)
			}
			running = false
		default:
			for _, args := range [][]string{{"versions", url}, {"export", "--format", "jsonl"}, {"runs"}} {
				if code, _, errs := e.run(args...); code != exitOK {
					t.Errorf("%s during a crawl: exit %d: %s", args[0], code, errs)
				}
				reads++
			}
		}
	}
	if reads < 6 {
		t.Errorf("only %d reads happened during the crawl", reads)
	}
}

// TestScheduleCommand runs schedule for a few seconds with a site due
// every second: it crawls, keeps a cron crawl out (status 12) and stops
// with status 0 on the signal.
func TestScheduleCommand(t *testing.T) {
	t.Parallel()
	e := newCrawlEnv(t, crawltest.Options{Articles: 4, FlakyArticles: -1}, `schedule = "@every 1s"`)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"--db", e.db, "--config", e.config, "schedule", "--grace", "5s"}, &out, &errb)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !holdsCrawlLock(e.db, os.Getpid()) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // until schedule holds the lock
	}
	for {
		if code, _, _ := e.run("crawl"); code != exitCrawling && code != exitCannotRun {
			t.Errorf("crawl during schedule: exit %d, want %d", code, exitCrawling)
		}
		runs := 0
		if code, outRuns, _ := e.run("runs", "--json"); code == exitOK {
			runs = strings.Count(outRuns, `"status": "completed"`)
		}
		if runs >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("schedule: exit %d\n%s", code, errb.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("schedule did not stop")
	}
	if n := strings.Count(out.String(), "crawl sim: run"); n < 2 {
		t.Errorf("%d runs in 20s of @every 1s:\n%s\n%s", n, out.String(), errb.String())
	}
	e.mustRun(exitOK, "verify")

	bad := newCrawlEnv(t, crawltest.Options{Articles: 1, FlakyArticles: -1}, `schedule = "every hour"`)
	if code, _, errs := bad.run("schedule"); code != exitCannotRun || !strings.Contains(errs, `site "sim": schedule: bad cron expression`) {
		t.Errorf("bad schedule: exit %d, %q", code, errs)
	}
}

// Environment of the strata process that TestHelperStrata becomes.
const envHelperArgs = "STRATA_TEST_HELPER_ARGS"

// TestHelperStrata is not a test: the process tests start a copy of the
// test binary that runs strata with the arguments in its environment.
func TestHelperStrata(t *testing.T) {
	raw := os.Getenv(envHelperArgs)
	if raw == "" {
		t.Skip("helper process only")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(99)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// process is strata running in a process of its own.
type process struct {
	cmd  *exec.Cmd
	out  *bytes.Buffer
	done chan struct{} // closed once it has exited
}

// strataProcess starts strata with args in a process of its own.
func (e *crawlEnv) strataProcess(args ...string) *process {
	e.t.Helper()
	full, _ := json.Marshal(append([]string{"--db", e.db, "--config", e.config}, args...))
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperStrata$")
	cmd.Env = append(os.Environ(), envHelperArgs+"="+string(full))
	p := &process{cmd: cmd, out: &bytes.Buffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(p.done) }()
	return p
}

// waitCrawling waits until a crawl process holds the crawl lock and has
// created the archive file (a process may start slowly under -race), or
// has exited. It looks without taking the lock: a probe that held it for a
// moment would make the crawl starting then exit with status 12.
func (e *crawlEnv) waitCrawling(p *process) {
	e.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(e.db); err == nil && fi.Size() > 0 && holdsCrawlLock(e.db, p.cmd.Process.Pid) {
			return
		}
		select {
		case <-p.done:
			return
		case <-time.After(2 * time.Millisecond):
		}
	}
	e.t.Fatal("the crawl process did not start within a minute")
}

// TestCrawlSIGTERM stops a crawl process with SIGTERM: it exits within
// seconds with status 130 and its run is recorded interrupted.
func TestCrawlSIGTERM(t *testing.T) {
	t.Parallel()
	e := newCrawlEnv(t, crawltest.Options{Articles: 40, FlakyArticles: -1, Latency: 50 * time.Millisecond}, "")
	p := e.strataProcess("crawl")
	e.waitCrawling(p)
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-p.done
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("SIGTERM took %v to stop the crawl", took)
	}
	if code := p.cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Fatalf("exit %d, want %d\n%s", code, exitInterrupted, p.out)
	}
	runs := e.runs()
	if len(runs) != 1 || runs[0].Status != strata.RunInterrupted || runs[0].End.IsZero() {
		t.Errorf("run after SIGTERM: %+v", runs)
	}
	e.mustRun(exitOK, "verify")
}
