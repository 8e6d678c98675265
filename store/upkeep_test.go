package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// dump returns every version of the archive as JSON lines, with deltas.
func dump(t *testing.T, s *store.Store) string {
	t.Helper()
	var sb strings.Builder
	err := s.Walk(store.WalkOptions{AllVersions: true, Body: true}, func(v *store.Version) error {
		b, err := json.Marshal(v)
		sb.Write(b)
		sb.WriteByte('\n')
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

// TestBackupDuringWrites takes backups while goroutines keep saving, and
// checks that every copy verifies and holds a consistent prefix of history.
func TestBackupDuringWrites(t *testing.T) {
	s := newStore(t)
	var (
		stop  atomic.Bool
		wg    sync.WaitGroup
		saved atomic.Int64
	)
	for g := range 4 {
		wg.Go(func() {
			for i := 0; !stop.Load(); i++ {
				snap := testSnapshot(fmt.Sprintf("https://example.com/%d/%d", g, i%5))
				snap.BodyText = fmt.Sprintf("body %d of writer %d", i, g)
				snap.Comments[0].Text = strings.Repeat(snap.BodyText+" ", 50)
				if _, err := s.Save(snap, captureOf(snap, []byte(snap.Comments[0].Text))); err != nil {
					t.Error(err)
					return
				}
				saved.Add(1)
			}
		})
	}
	dir := t.TempDir()
	for i := range 5 {
		for saved.Load() < int64(10*(i+1)) {
			time.Sleep(time.Millisecond)
		}
		var buf bytes.Buffer
		if _, err := s.Backup(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("copy%d.db", i))
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		c := openStore(t, path, store.Options{ReadOnly: true})
		if err := c.Verify(); err != nil {
			t.Errorf("backup %d taken during writes: %v", i, err)
		}
		if st := mustStats(t, c); st.Versions == 0 {
			t.Errorf("backup %d is empty", i)
		}
	}
	stop.Store(true)
	wg.Wait()

	// BackupFile writes the same, atomically, and verifies it.
	path := filepath.Join(dir, "archive-backup.db")
	os.WriteFile(path, []byte("an older backup"), 0o600)
	n, err := s.BackupFile(path, store.BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Size() != n {
		t.Errorf("BackupFile wrote %d bytes, file has %d", n, fi.Size())
	}
	c := openStore(t, path, store.Options{ReadOnly: true})
	if dump(t, c) != dump(t, s) {
		t.Error("the backup differs from the archive")
	}
	if _, err := s.BackupFile(s.Path(), store.BackupOptions{}); err == nil {
		t.Error("BackupFile over the archive itself was allowed")
	}
	if _, err := s.BackupFile(filepath.Join(dir, "no", "dir", "x.db"), store.BackupOptions{}); err == nil {
		t.Error("BackupFile into a missing directory succeeded")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// growArchive makes an archive with free pages: many saves rewrite the url
// records and leave the old pages behind.
func growArchive(t *testing.T, path string) {
	t.Helper()
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 40 {
		snap := testSnapshot(fmt.Sprintf("https://example.com/%d", i%6))
		snap.BodyText = strings.Repeat(fmt.Sprintf("paragraph %d. ", i), 300)
		if _, err := s.Save(snap, captureOf(snap, []byte(snap.BodyText))); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveFailure(snap.URL, t0.Add(time.Duration(i)*time.Minute), 503, "busy"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCompact(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	growArchive(t, path)
	s := openStore(t, path, store.Options{ReadOnly: true})
	before := dump(t, s)
	stBefore := mustStats(t, s)
	s.Close()

	res, err := store.Compact(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s = openStore(t, path, store.Options{})
	verify(t, s)
	// bbolt sizes small files in powers of two, so the file may keep its
	// size; the part in use shrinks.
	if st := mustStats(t, s); res.After > res.Before || res.Before != stBefore.FileSize || st.Size >= stBefore.Size {
		t.Errorf("compact: %+v; in use %d → %d bytes, free %d → %d", res, stBefore.Size, st.Size, stBefore.FreeBytes, st.FreeBytes)
	}
	if dump(t, s) != before {
		t.Error("compaction changed the records")
	}
	// Sequences survive: the next URL gets a fresh id, the next check a key.
	mustSave(t, s, testSnapshot("https://example.com/new"), []byte("new"))
	verify(t, s)
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files beside the archive: %v", entries)
	}

	// While the archive is open, Compact refuses.
	_, err = store.Compact(path, store.Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(err, strata.ErrLocked) {
		t.Errorf("compact of an open archive: %v", err)
	}
	if _, err := store.Compact(filepath.Join(t.TempDir(), "none.db"), store.Options{}); !errors.Is(err, strata.ErrNotFound) {
		t.Errorf("compact of a missing archive: %v", err)
	}
}

// TestCompactFailureLeavesOriginal damages the copy before it is verified
// and checks that the archive is untouched.
func TestCompactFailureLeavesOriginal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	growArchive(t, path)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.SetCompactHook(func(copyPath string) {
		os.WriteFile(copyPath, []byte("not an archive"), 0o600)
	})()
	if _, err := store.Compact(path, store.Options{}); err == nil {
		t.Fatal("compact succeeded with a damaged copy")
	} else {
		t.Logf("compact: %v", err)
	}
	now, _ := os.ReadFile(path)
	if !bytes.Equal(now, orig) {
		t.Error("a failed compaction changed the archive")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("files beside the archive: %v", entries)
	}
}

// TestOpenAfterCompact opens an archive while Compact holds it; the open
// must land on the new file, not on the replaced one.
func TestOpenAfterCompact(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	growArchive(t, path)
	opened := make(chan *store.Store, 1)
	defer store.SetCompactHook(func(string) {
		go func() {
			s, err := store.Open(path, store.Options{Timeout: 10 * time.Second})
			if err != nil {
				t.Error(err)
			}
			opened <- s
		}()
		time.Sleep(300 * time.Millisecond) // the Open is now waiting for the lock
	})()
	if _, err := store.Compact(path, store.Options{}); err != nil {
		t.Fatal(err)
	}
	s := <-opened
	if s == nil {
		t.FailNow()
	}
	mustSave(t, s, testSnapshot("https://example.com/after"), []byte("after"))
	s.Close()
	s = openStore(t, path, store.Options{ReadOnly: true})
	if _, err := s.Snapshot("https://example.com/after", 0); err != nil {
		t.Errorf("a save made right after compaction was lost: %v", err)
	}
}

func TestStats(t *testing.T) {
	s := newStore(t)
	snap := testSnapshot(testURL)
	raw := bytes.Repeat([]byte("<p>the same raw page</p>"), 200)
	mustSave(t, s, snap, raw)
	snap.Title = "v2"
	mustSave(t, s, snap, raw) // same raw bytes: stored once
	other := testSnapshot(testURL + "/other")
	other.Comments = other.Comments[:1]
	mustSave(t, s, other, []byte("other"))
	s.SaveFailure("https://example.com/failed", t0, 500, "x")

	st := mustStats(t, s)
	want := store.Stats{URLs: 3, URLsWithVersions: 2, Versions: 3, Checks: 4, Blobs: 2, Comments: 3, CommentsAllVersions: 5,
		RawBytes: int64(len(raw) + 5), RawBytesReferenced: int64(2*len(raw) + 5)}
	if st.URLs != want.URLs || st.URLsWithVersions != want.URLsWithVersions || st.Versions != want.Versions ||
		st.Checks != want.Checks || st.Blobs != want.Blobs || st.Comments != want.Comments ||
		st.CommentsAllVersions != want.CommentsAllVersions || st.RawBytes != want.RawBytes ||
		st.RawBytesReferenced != want.RawBytesReferenced {
		t.Errorf("stats\n got %+v\nwant %+v", st, want)
	}
	if r := st.DedupeRatio(); r < 1.9 || r > 2 {
		t.Errorf("dedupe ratio %.2f", r)
	}
	if st.BlobCompressionRatio() <= 1 || st.VersionCompressionRatio() <= 1 {
		t.Errorf("compression ratios %.2f %.2f", st.BlobCompressionRatio(), st.VersionCompressionRatio())
	}
	if st.Bytes["blobs"] <= st.BlobBytes || st.Bytes["versions"] <= st.VersionBytes || st.Bytes["urls"] == 0 || st.Bytes["checks"] == 0 {
		t.Errorf("bytes by kind %v", st.Bytes)
	}
	if st.FileSize < st.Size || st.Size == 0 {
		t.Errorf("file size %d, in use %d", st.FileSize, st.Size)
	}
}
