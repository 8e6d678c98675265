package store_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// Environment of the helper process started by TestLockOtherProcess.
const (
	envHelperPath     = "STRATA_STORE_HELPER_PATH"
	envHelperReadOnly = "STRATA_STORE_HELPER_READONLY"
	exitLocked        = 3
)

// TestLockSameProcess checks that a second Open of a held file in the same
// process fails fast with ErrLocked, except for two readers.
func TestLockSameProcess(t *testing.T) {
	tests := []struct {
		holder, opener bool // read-only?
		wantLocked     bool
	}{
		{false, false, true},
		{false, true, true},
		{true, false, true},
		{true, true, false},
	}
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, tt := range tests {
		t.Run(fmt.Sprintf("holder ro=%v opener ro=%v", tt.holder, tt.opener), func(t *testing.T) {
			held, err := store.Open(path, store.Options{ReadOnly: tt.holder})
			if err != nil {
				t.Fatal(err)
			}
			defer held.Close()

			start := time.Now()
			s, err := store.Open(path, store.Options{ReadOnly: tt.opener, Timeout: 200 * time.Millisecond})
			elapsed := time.Since(start)
			if !tt.wantLocked {
				if err != nil {
					t.Fatalf("second reader: %v", err)
				}
				s.Close()
				return
			}
			if err == nil {
				s.Close()
				t.Fatal("second Open succeeded")
			}
			if !errors.Is(err, strata.ErrLocked) {
				t.Errorf("error %q does not wrap ErrLocked", err)
			}
			if want := "open archive " + path + ": archive is in use by another strata process"; err.Error() != want {
				t.Errorf("error %q, want %q", err, want)
			}
			// bbolt retries every 50ms and gives up once less than one retry
			// is left, so about 150ms.
			if elapsed < 100*time.Millisecond || elapsed > 5*time.Second {
				t.Errorf("Open gave up after %v, want about 200ms", elapsed)
			}
		})
	}
}

// TestLockOtherProcess holds the archive and opens it from a second
// process: the test binary itself, running TestHelperProcess.
func TestLockOtherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, testSnapshot(testURL), []byte("raw"))

	child := func(readOnly bool) (string, int) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), envHelperPath+"="+path, fmt.Sprintf("%s=%v", envHelperReadOnly, readOnly))
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("run helper: %v", err)
		}
		return strings.TrimSpace(string(out)), cmd.ProcessState.ExitCode()
	}

	for _, readOnly := range []bool{false, true} {
		out, code := child(readOnly)
		want := "open archive " + path + ": archive is in use by another strata process"
		if code != exitLocked || !strings.Contains(out, want) {
			t.Errorf("child (read-only %v) while held: exit %d, output %q; want exit %d and %q", readOnly, code, out, exitLocked, want)
		}
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if out, code := child(false); code != 0 || !strings.Contains(out, "opened") {
		t.Errorf("child after release: exit %d, output %q; want it to open the archive", code, out)
	}
}

// TestHelperProcess is not a test: TestLockOtherProcess runs it in a child
// process to open the archive named by its environment.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(envHelperPath)
	if path == "" {
		return
	}
	s, err := store.Open(path, store.Options{ReadOnly: os.Getenv(envHelperReadOnly) == "true", Timeout: 200 * time.Millisecond})
	switch {
	case errors.Is(err, strata.ErrLocked):
		fmt.Println(err)
		os.Exit(exitLocked)
	case err != nil:
		fmt.Println(err)
		os.Exit(1)
	}
	infos, err := s.Versions(testURL)
	s.Close()
	if err != nil || len(infos) != 1 {
		fmt.Println("versions:", infos, err)
		os.Exit(1)
	}
	fmt.Println("opened")
	os.Exit(0)
}
