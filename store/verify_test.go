package store_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata/store"
)

// flipInFile finds value in the file at path and flips one byte in the
// middle of each copy (stale copies may linger in free pages), as a
// failing disk would.
func flipInFile(t *testing.T, path string, value []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(data, value) == 0 {
		t.Fatal("value not found in the file")
	}
	for off := 0; ; {
		i := bytes.Index(data[off:], value)
		if i < 0 {
			break
		}
		data[off+i+len(value)/2] ^= 0x55
		off += i + len(value)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// value returns a copy of the value of key in bucket.
func value(t *testing.T, path, bucket string, key func(*bolt.Bucket) []byte) []byte {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v []byte
	db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucket))
		v = append(v, b.Get(key(b))...)
		return nil
	})
	return v
}

func TestVerifyFindsDamage(t *testing.T) {
	const url2 = testURL + "/two"
	raw := bytes.Repeat([]byte("<p>a page of some length that compresses well</p>\n"), 50)
	tests := []struct {
		name   string
		damage func(t *testing.T, path string, rawKey []byte)
		want   []string // in the report
	}{
		{"blob byte flipped on disk", func(t *testing.T, path string, rawKey []byte) {
			flipInFile(t, path, value(t, path, "blobs", func(*bolt.Bucket) []byte { return rawKey }))
		}, []string{"archive is damaged", url2 + " version 1: raw blob", url2 + " version 2: raw blob"}},
		{"version record byte flipped on disk", func(t *testing.T, path string, _ []byte) {
			flipInFile(t, path, value(t, path, "versions", func(b *bolt.Bucket) []byte { k, _ := b.Cursor().Last(); return k }))
		}, []string{url2 + " version 2: record does not decode"}},
		{"version record not JSON", func(t *testing.T, path string, _ []byte) {
			update(t, path, func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("versions"))
				k, _ := b.Cursor().First()
				enc, _ := zstd.NewWriter(nil)
				return b.Put(k, enc.EncodeAll([]byte(`{"snapshot": {"url": 7`), nil))
			})
		}, []string{testURL + " version 1: record does not decode"}},
		{"version missing: gap", func(t *testing.T, path string, _ []byte) {
			update(t, path, func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("versions"))
				k, _ := b.Cursor().First() // version 1 of the first URL
				return b.Delete(k)
			})
		}, []string{testURL + ": the first version stored is 2: version numbers have a gap"}},
		{"url record not JSON", func(t *testing.T, path string, _ []byte) {
			update(t, path, func(tx *bolt.Tx) error { return tx.Bucket([]byte("urls")).Put([]byte(testURL), []byte("{")) })
		}, []string{"url " + testURL + ": record does not decode", "no url has id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.db")
			s, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			snap := testSnapshot(testURL)
			mustSave(t, s, snap, []byte("the first raw page"))
			snap.Title = "second"
			mustSave(t, s, snap, []byte("the second raw page"))
			snap2 := testSnapshot(url2)
			mustSave(t, s, snap2, raw)
			snap2.Title = "second"
			mustSave(t, s, snap2, raw)
			if err := s.Verify(); err != nil {
				t.Fatalf("before damage: %v", err)
			}
			s.Close()

			tt.damage(t, path, mustDecodeHex(t, snap2.RawSHA256))

			s = openStore(t, path, store.Options{ReadOnly: true})
			err = s.Verify()
			var verr *store.VerifyError
			if !errors.As(err, &verr) {
				t.Fatalf("Verify = %v, want a *VerifyError", err)
			}
			msg := err.Error()
			t.Logf("%s", msg)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("report lacks %q", w)
				}
			}
			if verr.Report.OK() || verr.Report.Faults() == 0 || verr.Report.URLs != 2 {
				t.Errorf("report %+v", verr.Report)
			}
		})
	}
}

// update changes the archive at path behind the Store's back.
func update(t *testing.T, path string, fn func(*bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}
