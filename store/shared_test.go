package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// TestSharedLetsReadersIn checks that a Shared Store holds the file only
// during its transactions: a reader opens the archive between two saves,
// and a save made while a reader holds the file waits for it.
func TestSharedLetsReadersIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	w := openStore(t, path, store.Options{Shared: true, Timeout: 5 * time.Second})
	mustSave(t, w, testSnapshot(testURL), []byte("raw"))

	r, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("reader between two saves: %v", err)
	}
	if infos, err := r.Versions(testURL); err != nil || len(infos) != 1 {
		t.Errorf("reader sees %v, %v", infos, err)
	}
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		snap := testSnapshot(testURL)
		snap.Title = "Changed"
		_, err := w.Save(snap, captureOf(snap, []byte("raw2")))
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("save went through while a reader held the file: %v", err)
	default:
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("save after the reader left: %v", err)
	}
	if waited := time.Since(start); waited < 300*time.Millisecond {
		t.Errorf("save waited %v", waited)
	}
	verify(t, w)
	if infos, err := w.Versions(testURL); err != nil || len(infos) != 2 {
		t.Errorf("versions %v, %v", infos, err)
	}
}

// TestSharedTimeout checks that a Shared Store that cannot get the file
// within its timeout fails with ErrLocked, and works again once it can.
func TestSharedTimeout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	w := openStore(t, path, store.Options{Shared: true, Timeout: 200 * time.Millisecond})
	held := openStore(t, path, store.Options{ReadOnly: true})
	_, err := w.Save(testSnapshot(testURL), captureOf(testSnapshot(testURL), []byte("raw")))
	if !errors.Is(err, strata.ErrLocked) {
		t.Fatalf("save while held: %v, want ErrLocked", err)
	}
	if err := held.Close(); err != nil {
		t.Fatal(err)
	}
	mustSave(t, w, testSnapshot(testURL), []byte("raw"))
	if s2, err := store.Open(path, store.Options{Shared: true, Timeout: 100 * time.Millisecond}); err != nil {
		t.Errorf("second Shared store between transactions: %v", err)
	} else {
		s2.Close()
	}
}

// TestSharedConcurrent saves from many goroutines through one Shared
// Store: overlapping transactions share one opening of the file.
func TestSharedConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s := openStore(t, path, store.Options{Shared: true})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 10 {
				snap := testSnapshot(fmt.Sprintf("https://example.com/%d/%d", i, j))
				if _, err := s.Save(snap, captureOf(snap, []byte(snap.URL))); err != nil {
					t.Error(err)
				}
				if _, err := s.Versions(snap.URL); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	verify(t, s)
	if st := mustStats(t, s); st.Versions != 80 {
		t.Errorf("%d versions, want 80", st.Versions)
	}
	if n := s.Opens(); n < 2 || n > 1+80*2+2 {
		t.Errorf("%d opens", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Versions(testURL); err == nil {
		t.Error("a closed Shared store still reads")
	}
}

// TestMigrateFormat1 builds an archive of format 1 by hand and checks that
// a read-only open reads it unchanged (with no crawl state), and that a
// read-write open migrates it in place to format 2, keeping every record.
func TestMigrateFormat1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s := openStore(t, path, store.Options{})
	snap := testSnapshot(testURL)
	mustSave(t, s, snap, []byte("raw"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Turn it back into format 1: drop the crawl buckets, set the number.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"frontier", "due", "runs"} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("format"), []byte("1"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	format := func() string {
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var f string
		db.View(func(tx *bolt.Tx) error {
			f = string(tx.Bucket([]byte("meta")).Get([]byte("format")))
			return nil
		})
		return f
	}

	ro := openStore(t, path, store.Options{ReadOnly: true})
	verify(t, ro)
	if pages, _, err := ro.DuePages("site", t0, "", 10); err != nil || len(pages) != 0 {
		t.Errorf("DuePages on format 1: %v, %v", pages, err)
	}
	if runs, err := ro.Runs(store.RunsOptions{}); err != nil || len(runs) != 0 {
		t.Errorf("Runs on format 1: %v, %v", runs, err)
	}
	ro.Close()
	if f := format(); f != "1" {
		t.Fatalf("a read-only open changed the format to %s", f)
	}

	rw := openStore(t, path, store.Options{Shared: true})
	if f := format(); f != "2" {
		t.Fatalf("format %s after a read-write open, want 2", f)
	}
	verify(t, rw)
	got, err := rw.Snapshot(testURL, 0)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "snapshot after migration", snap, got)
	if _, err := rw.AddPages([]strata.Page{{Site: "s", URL: testURL, NextDue: t0}}, nil); err != nil {
		t.Errorf("AddPages after migration: %v", err)
	}
	verify(t, rw)
}

// BenchmarkSharedOpenClose measures what a Shared Store pays per
// transaction for opening and closing the file, against a Store that
// keeps it open: the same small check is recorded each time.
func BenchmarkSharedOpenClose(b *testing.B) {
	for _, shared := range []bool{false, true} {
		b.Run(fmt.Sprintf("shared=%v", shared), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "a.db")
			s := openStore(b, path, store.Options{Shared: shared})
			// Some bulk, so that the file is not trivially small.
			for i := range 200 {
				snap, raw := realisticSnapshot(fmt.Sprintf("https://example.com/%d", i), uint64(i))
				mustSave(b, s, snap, raw)
			}
			opens := s.Opens()
			b.ResetTimer()
			for range b.N {
				if _, err := s.SaveCheck(testURL, strata.Check{Outcome: strata.OutcomeNotModified, Status: 304}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(s.Opens()-opens)/float64(b.N), "opens/op")
		})
	}
}

// BenchmarkSharedRead measures a read transaction (Versions of one URL)
// with and without opening the file for it.
func BenchmarkSharedRead(b *testing.B) {
	for _, shared := range []bool{false, true} {
		b.Run(fmt.Sprintf("shared=%v", shared), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "a.db")
			s := openStore(b, path, store.Options{Shared: shared})
			for i := range 200 {
				snap, raw := realisticSnapshot(fmt.Sprintf("https://example.com/%d", i), uint64(i))
				mustSave(b, s, snap, raw)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := s.Versions("https://example.com/7"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
