package store_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// TestOpenCreates checks that Open makes the directory and file, and that
// what was saved survives a reopen.
func TestOpenCreates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep", "er", "archive.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("file mode %v, want 0600", perm)
	}
	snap := testSnapshot(testURL)
	mustSave(t, s, snap, []byte("raw"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}

	s = openStore(t, path, store.Options{})
	verify(t, s)
	got, err := s.Snapshot(testURL, 0)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "snapshot after reopen", snap, got)
}

// TestOpenErrors checks the errors for files that are not usable archives.
func TestOpenErrors(t *testing.T) {
	write := func(content string) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	boltWith := func(bucket, key, value string) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Update(func(tx *bolt.Tx) error {
				b, err := tx.CreateBucketIfNotExists([]byte(bucket))
				if err != nil {
					return err
				}
				return b.Put([]byte(key), []byte(value))
			}); err != nil {
				t.Fatal(err)
			}
		}
	}

	tests := []struct {
		name     string
		setup    func(t *testing.T, path string)
		readOnly bool
		wantIs   error  // nil: only check the message
		wantMsg  string // with "PATH" standing for the path
	}{
		{"text file", write("hello, I am a text file\n"), false, store.ErrNotArchive, "PATH is not a strata archive: invalid database"},
		{"text file read-only", write("hello\n"), true, store.ErrNotArchive, "PATH is not a strata archive"},
		{"large text file", write(strings.Repeat("lorem ipsum dolor sit amet\n", 1000)), false, store.ErrNotArchive, "PATH is not a strata archive"},
		{"bbolt file of another program", boltWith("sessions", "k", "v"), false, store.ErrNotArchive, `PATH is not a strata archive: no "meta" bucket`},
		{"newer format", boltWith("meta", "format", "99"), false, nil, "archive PATH has format 99, newer than the 2 this strata reads"},
		{"newer format read-only", boltWith("meta", "format", "99"), true, nil, "has format 99"},
		{"missing file read-only", nil, true, strata.ErrNotFound, "no archive at PATH"},
		{"empty file read-only", write(""), true, store.ErrNotArchive, "PATH is not a strata archive"},
		{"directory", func(t *testing.T, path string) { os.Mkdir(path, 0o755) }, false, nil, "open archive PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.db")
			if tt.setup != nil {
				tt.setup(t, path)
			}
			before, _ := os.ReadFile(path)
			s, err := store.Open(path, store.Options{ReadOnly: tt.readOnly})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the failed Open changed the file")
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %q does not wrap %q", err, tt.wantIs)
			}
			if want := strings.ReplaceAll(tt.wantMsg, "PATH", path); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not contain %q", err, want)
			}
			if errors.Is(err, strata.ErrLocked) {
				t.Errorf("error %q wraps ErrLocked", err)
			}
		})
	}
}

// TestOpenEmptyFile checks that a read-write Open turns an empty file into
// an archive.
func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, path, store.Options{})
	mustSave(t, s, testSnapshot(testURL), []byte("raw"))
	verify(t, s)
}

// TestReadOnly checks that a read-only Store reads, refuses writes and
// shares the file with other readers.
func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	rw, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	snap := testSnapshot(testURL)
	mustSave(t, rw, snap, []byte("raw"))
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}

	ro1 := openStore(t, path, store.Options{ReadOnly: true})
	ro2 := openStore(t, path, store.Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	verify(t, ro1)
	for _, s := range []*store.Store{ro1, ro2} {
		if got, err := s.Snapshot(testURL, 1); err != nil || got.ContentHash != snap.ContentHash {
			t.Errorf("read-only Snapshot = %v, %v", got, err)
		}
	}
	if _, err := ro1.Save(testSnapshot(testURL), captureOf(snap, nil)); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("Save on read-only store: %v, want ErrReadOnly", err)
	}
	if _, err := ro1.SaveFailure(testURL, t0, 500, "x"); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("SaveFailure on read-only store: %v, want ErrReadOnly", err)
	}
	if st := mustStats(t, ro2); st.Checks != 1 {
		t.Errorf("read-only writes left traces: %+v", st)
	}
}
