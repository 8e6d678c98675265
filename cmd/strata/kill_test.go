package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/crawl/crawltest"
	"github.com/strata-archive/strata/store"
)

// killIterations is how many times TestCrawlKill kills a crawl: 5 by
// default (CI), STRATA_KILL_ITERATIONS for more (the full run: 50).
func killIterations() int {
	var n int
	if _, err := fmt.Sscan(os.Getenv("STRATA_KILL_ITERATIONS"), &n); err == nil && n > 0 {
		return n
	}
	return 5
}

// holdsCrawlLock reports whether process pid holds the crawl lock of db,
// from /proc/locks (Linux), without touching the lock. Elsewhere it
// reports whether the lock file exists, which is good enough to start
// counting.
func holdsCrawlLock(db string, pid int) bool {
	fi, err := os.Stat(crawlLockPath(db))
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	f, err := os.Open("/proc/locks")
	if err != nil || !ok {
		return true
	}
	defer f.Close()
	ino := ":" + strconv.FormatUint(st.Ino, 10)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 1: FLOCK  ADVISORY  WRITE 12345 08:01:1234567 0 EOF
		fields := strings.Fields(sc.Text())
		if len(fields) >= 6 && fields[1] == "FLOCK" && fields[4] == strconv.Itoa(pid) && strings.HasSuffix(fields[5], ino) {
			return true
		}
	}
	return false
}

// strataBinary builds the strata command once per test, so that the
// archive is checked by the real program, as an operator would.
func strataBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "strata")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// committed is every version in the archive: "URL#N" → content hash, raw
// digest and fetch time. An archive not yet created has none.
func (e *crawlEnv) committed() map[string]string {
	e.t.Helper()
	if _, err := os.Stat(e.db); err != nil {
		return map[string]string{}
	}
	st, err := store.Open(e.db, store.Options{ReadOnly: true, Timeout: 30 * time.Second})
	if err != nil {
		e.t.Fatal(err)
	}
	defer st.Close()
	m := map[string]string{}
	err = st.Walk(store.WalkOptions{AllVersions: true}, func(v *store.Version) error {
		s := v.Snapshot
		m[fmt.Sprintf("%s#%d", s.URL, s.Version)] = s.ContentHash + " " + s.RawSHA256 + " " + s.FetchedAt.String()
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

// killDuringCommit kills p as soon as the archive file is written to
// after wait: in the middle of a commit, between its first write and its
// last fsync, or just after it.
func (e *crawlEnv) killDuringCommit(p *process, wait time.Duration) {
	select {
	case <-p.done:
		return
	case <-time.After(wait):
	}
	first, err := os.Stat(e.db)
	if err != nil {
		_ = p.cmd.Process.Kill()
		return
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return
		default:
		}
		if fi, err := os.Stat(e.db); err == nil && (fi.ModTime() != first.ModTime() || fi.Size() != first.Size()) {
			break
		}
		time.Sleep(100 * time.Microsecond)
	}
	_ = p.cmd.Process.Kill()
}

// TestCrawlKill kills crawl processes with SIGKILL at random moments (every
// other one as the archive file is being written: during a commit) and
// restarts them until one completes. After every kill the real strata
// binary verifies the archive, and every version committed before the
// crawl started is still there, unchanged, with no second version of any
// page. The resumed archive must equal an uninterrupted crawl's, URL by
// URL.
func TestCrawlKill(t *testing.T) {
	t.Parallel()
	so := crawltest.Options{Articles: 40, FlakyArticles: -1, Latency: 15 * time.Millisecond, Now: time.Now().UTC().Truncate(time.Second)}
	e := newCrawlEnv(t, so, "")
	bin := strataBinary(t)

	// The reference: the same site crawled without interruption.
	ref := crawlEnvFor(t, e.site, "")
	ref.mustRun(exitOK, "crawl")
	_, want := ref.versionsByURL()
	if len(want) != so.Articles {
		t.Fatalf("reference crawl archived %d articles", len(want))
	}

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	iterations := killIterations()
	killed, midRun, inCommit := 0, 0, 0
	for i := range iterations {
		before := e.committed()
		runsBefore := 0
		if len(before) > 0 || i > 0 {
			runsBefore = len(e.runs())
		}
		p := e.strataProcess("crawl")
		e.waitCrawling(p)
		// Anywhere from the opening of the archive to the end of the run.
		wait := time.Duration(rng.Int64N(int64(1500 * time.Millisecond)))
		if i%2 == 1 {
			e.killDuringCommit(p, wait/2)
		} else {
			select {
			case <-p.done:
			case <-time.After(wait):
				_ = p.cmd.Process.Kill()
			}
		}
		<-p.done
		wasKilled := false
		if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			wasKilled = true
			killed++
			if i%2 == 1 {
				inCommit++
			}
		} else if code := p.cmd.ProcessState.ExitCode(); code != exitOK {
			t.Fatalf("iteration %d: crawl exited %d before the kill\n%s", i, code, p.out)
		}

		// The real program finds the file sound…
		out, err := exec.Command(bin, "--db", e.db, "--config", e.config, "verify").CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "ok") {
			t.Fatalf("iteration %d: strata verify after the kill: %v\n%s", i, err, out)
		}
		// …nothing committed is lost or changed, and no page has two versions.
		after := e.committed()
		for k, v := range before {
			if after[k] != v {
				t.Errorf("iteration %d: %s was %q before the kill, %q after", i, k, v, after[k])
			}
		}
		for k := range after {
			if !strings.HasSuffix(k, "#1") {
				t.Errorf("iteration %d: a second version: %s", i, k)
			}
		}
		// The killed run's record, left running, shows as died.
		if runs := e.runs(); len(runs) > runsBefore {
			switch {
			case runs[0].Status == strata.RunDied && wasKilled:
				midRun++
			case runs[0].Status == strata.RunCompleted:
			default:
				t.Errorf("iteration %d: the run shows %s (killed %v)", i, runs[0].Status, wasKilled)
			}
		}
		if t.Failed() {
			return
		}
	}
	p := e.strataProcess("crawl")
	<-p.done
	if code := p.cmd.ProcessState.ExitCode(); code != exitOK {
		t.Fatalf("final crawl: exit %d\n%s", code, p.out)
	}
	if out, err := exec.Command(bin, "--db", e.db, "--config", e.config, "verify").CombinedOutput(); err != nil {
		t.Fatalf("strata verify at the end: %v\n%s", err, out)
	}
	n, got := e.versionsByURL()
	for u, h := range want {
		switch {
		case n[u] != 1:
			t.Errorf("%s: %d versions, want 1", u, n[u])
		case got[u] != h:
			t.Errorf("%s: content %s, the uninterrupted crawl has %s", u, got[u], h)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d URLs archived, the uninterrupted crawl has %d", len(got), len(want))
	}
	died := 0
	for _, r := range e.runs() {
		switch r.Status {
		case strata.RunDied:
			died++
		case strata.RunCompleted:
		default:
			t.Errorf("run %d: status %s", r.ID, r.Status)
		}
	}
	if died != midRun {
		t.Errorf("%d runs died, %d processes were killed while their run was recorded", died, midRun)
	}
	t.Logf("%d of %d crawls killed (%d as the file was written), %d of them mid-run", killed, iterations, inCommit, midRun)
}
