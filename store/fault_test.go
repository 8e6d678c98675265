package store_test

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/strata-archive/strata/store"
)

// fill saves versions of incompressible pages into the archive at path
// until a Save fails; it returns how many were saved and the error.
func fill(tb testing.TB, path string, opts store.Options) (int, error) {
	tb.Helper()
	s, err := store.Open(path, opts)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	for i := 0; i < 10000; i++ {
		raw := make([]byte, 64<<10)
		rand.Read(raw)
		snap := testSnapshot(fmt.Sprintf("https://example.org/%d/", i))
		if _, err := s.Save(snap, captureOf(snap, raw)); err != nil {
			return i, err
		}
	}
	return 10000, errors.New("the disk never filled")
}

// checkAfterFull reopens the archive a failed write left: it verifies and
// holds the saved versions, each whole.
func checkAfterFull(t *testing.T, path string, saved, urls int) {
	t.Helper()
	s, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopen after the failed write: %v", err)
	}
	defer s.Close()
	verify(t, s)
	st := mustStats(t, s)
	if st.Versions != saved || st.URLsWithVersions != urls {
		t.Errorf("%d versions of %d URLs after the failed write; %d of %d were saved", st.Versions, st.URLsWithVersions, saved, urls)
	}
	for i := range urls {
		if _, err := s.Snapshot(fmt.Sprintf("https://example.org/%d/", i), 0); err != nil {
			t.Errorf("version %d saved before the failure: %v", i, err)
		}
	}
}

// TestDiskFull fills a 2 MB tmpfs (it needs root and a kernel that lets
// it mount; it skips otherwise): the failing Save says "no space left on
// device" with the archive's path, and the archive reopens, verifies and
// holds everything saved before.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root outside a restricted container): %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", dir).Run() })
	path := filepath.Join(dir, "archive.db")
	saved, err := fill(t, path, store.Options{})
	if err == nil || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), path) {
		t.Fatalf("after %d saves: err = %v, want no space left on device, naming %s", saved, err, path)
	}
	if saved == 0 {
		t.Fatal("nothing could be saved")
	}
	t.Logf("%d saves, then: %v", saved, err)
	checkAfterFull(t, path, saved, saved)
	// A Shared store, as crawl uses it, fails the same way and can go on
	// once there is room again.
	// (It saves the same pages again, which adds only checks, until a new
	// URL needs room: pages the failed commit freed may take one or two.)
	more, err := fill(t, path, store.Options{Shared: true})
	if err == nil || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Shared store on a full disk: %v", err)
	}
	checkAfterFull(t, path, more, more)
}

// Environment of the process TestHelperFill becomes.
const envFillHelper = "STRATA_TEST_FILL"

// TestHelperFill is not a test: TestFileSizeLimit runs it in a process of
// its own whose files may not grow past a limit (RLIMIT_FSIZE), where it
// fills an archive and prints how many saves succeeded and the error.
func TestHelperFill(t *testing.T) {
	path := os.Getenv(envFillHelper)
	if path == "" {
		t.Skip("helper process only")
	}
	limit := uint64(3 << 20)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Println("setrlimit:", err)
		os.Exit(3)
	}
	saved, err := fill(t, path, store.Options{Shared: os.Getenv("STRATA_TEST_FILL_SHARED") != ""})
	fmt.Printf("%d\n%v\n", saved, err)
	os.Exit(0)
}

// TestFileSizeLimit is TestDiskFull anywhere: the archive may not grow
// past 3 MB (RLIMIT_FSIZE, in a process of its own), so a commit's write
// fails half-way. The error says so, and the archive reopens, verifies and
// holds everything saved before.
func TestFileSizeLimit(t *testing.T) {
	for _, shared := range []bool{false, true} {
		t.Run(fmt.Sprintf("shared=%v", shared), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "archive.db")
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperFill$")
			cmd.Env = append(os.Environ(), envFillHelper+"="+path)
			if shared {
				cmd.Env = append(cmd.Env, "STRATA_TEST_FILL_SHARED=1")
			}
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("helper: %v\n%s", err, out)
			}
			lines := strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)
			saved, _ := strconv.Atoi(lines[0])
			if len(lines) < 2 || saved == 0 || !strings.Contains(lines[1], "file too large") || !strings.Contains(lines[1], path) {
				t.Fatalf("helper printed %q, want saves then a \"file too large\" error naming the archive", out)
			}
			t.Logf("%d saves, then: %s", saved, lines[1])
			checkAfterFull(t, path, saved, saved)
		})
	}
}
