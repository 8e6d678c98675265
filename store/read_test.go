package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// TestEach checks the order and selection of Each and that an error from
// its callback stops the walk.
func TestEach(t *testing.T) {
	s := newStore(t)
	if err := s.Each(store.EachOptions{AllVersions: true}, func(*strata.Snapshot) error {
		t.Error("fn called on an empty archive")
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// Saved out of URL order; the failed-only URL sorts first and is skipped.
	history := []struct {
		url      string
		versions int
	}{
		{"https://c.example/3", 3},
		{"https://a.example/1", 2},
		{"https://b.example/2", 1},
	}
	if _, err := s.SaveFailure("https://0.example/", t0, 0, "timeout"); err != nil {
		t.Fatal(err)
	}
	for _, h := range history {
		for v := range h.versions {
			snap := testSnapshot(h.url)
			snap.Title = fmt.Sprintf("v%d", v+1)
			snap.FetchedAt = t0.Add(time.Duration(v) * time.Hour)
			mustSave(t, s, snap, []byte(h.url+snap.Title))
		}
	}

	errStop := errors.New("stop")
	tests := []struct {
		name    string
		opts    store.EachOptions
		stopAt  int // return errStop on this call (1-based), 0: never
		want    []string
		wantErr error
	}{
		{"latest", store.EachOptions{}, 0,
			[]string{"https://a.example/1 v2", "https://b.example/2 v1", "https://c.example/3 v3"}, nil},
		{"all versions", store.EachOptions{AllVersions: true}, 0,
			[]string{"https://a.example/1 v1", "https://a.example/1 v2", "https://b.example/2 v1",
				"https://c.example/3 v1", "https://c.example/3 v2", "https://c.example/3 v3"}, nil},
		{"stop after two", store.EachOptions{AllVersions: true}, 2,
			[]string{"https://a.example/1 v1", "https://a.example/1 v2"}, errStop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := s.Each(tt.opts, func(snap *strata.Snapshot) error {
				if snap.Title != fmt.Sprintf("v%d", snap.Version) {
					t.Errorf("%s v%d has title %q", snap.URL, snap.Version, snap.Title)
				}
				got = append(got, fmt.Sprintf("%s v%d", snap.URL, snap.Version))
				if len(got) == tt.stopAt {
					return errStop
				}
				return nil
			})
			if err != tt.wantErr {
				t.Errorf("Each error = %v, want %v", err, tt.wantErr)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Each visited\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestNotFound checks that lookups of absent things wrap strata.ErrNotFound.
func TestNotFound(t *testing.T) {
	s := newStore(t)
	snap := testSnapshot(testURL)
	mustSave(t, s, snap, []byte("raw"))
	if _, err := s.SaveFailure("https://example.com/failed", t0, 500, "boom"); err != nil {
		t.Fatal(err)
	}
	absent := strings.Repeat("ab", 32)

	tests := []struct {
		name string
		call func() error
	}{
		{"Versions unknown URL", func() error { _, err := s.Versions("https://example.com/unknown"); return err }},
		{"Checks unknown URL", func() error { _, err := s.Checks("https://example.com/unknown"); return err }},
		{"Snapshot unknown URL", func() error { _, err := s.Snapshot("https://example.com/unknown", 0); return err }},
		{"Snapshot unknown version", func() error { _, err := s.Snapshot(testURL, 2); return err }},
		{"Snapshot negative version", func() error { _, err := s.Snapshot(testURL, -1); return err }},
		{"Snapshot failed-only URL", func() error { _, err := s.Snapshot("https://example.com/failed", 0); return err }},
		{"Capture unknown URL", func() error { _, err := s.Capture("https://example.com/unknown", 1); return err }},
		{"Capture unknown version", func() error { _, err := s.Capture(testURL, 9); return err }},
		{"Raw absent digest", func() error { _, err := s.Raw(absent); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, strata.ErrNotFound) {
				t.Errorf("error = %v, want one wrapping ErrNotFound", err)
			}
		})
	}
	if _, err := s.Raw("not-hex"); err == nil || errors.Is(err, strata.ErrNotFound) {
		t.Errorf("Raw(not-hex) error = %v, want a bad-digest error", err)
	}
}

// TestDamageDetected damages an archive behind the Store's back and checks
// that Raw and Verify notice.
func TestDamageDetected(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(tx *bolt.Tx, rawKey []byte) error
		wantRaw bool // Raw fails too
	}{
		{"blob content swapped", func(tx *bolt.Tx, rawKey []byte) error {
			enc, _ := zstd.NewWriter(nil)
			defer enc.Close()
			return tx.Bucket([]byte("blobs")).Put(rawKey, enc.EncodeAll([]byte("other bytes"), nil))
		}, true},
		{"blob not zstd", func(tx *bolt.Tx, rawKey []byte) error {
			return tx.Bucket([]byte("blobs")).Put(rawKey, []byte("garbage"))
		}, true},
		{"version record deleted", func(tx *bolt.Tx, _ []byte) error {
			c := tx.Bucket([]byte("versions")).Cursor()
			k, _ := c.First()
			return tx.Bucket([]byte("versions")).Delete(k)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.db")
			s, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			snap := testSnapshot(testURL)
			mustSave(t, s, snap, []byte("the raw page"))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			rawKey := mustDecodeHex(t, snap.RawSHA256)
			if err := db.Update(func(tx *bolt.Tx) error { return tt.damage(tx, rawKey) }); err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}

			s = openStore(t, path, store.Options{ReadOnly: true})
			if err := s.Verify(); err == nil {
				t.Error("Verify passed a damaged archive")
			} else {
				t.Logf("Verify: %v", err)
			}
			_, err = s.Raw(snap.RawSHA256)
			if tt.wantRaw && (err == nil || !strings.Contains(err.Error(), "damaged")) {
				t.Errorf("Raw error = %v, want a damaged-archive error", err)
			}
		})
	}
}

func mustDecodeHex(tb testing.TB, h string) []byte {
	tb.Helper()
	var b []byte
	if _, err := fmt.Sscanf(h, "%x", &b); err != nil {
		tb.Fatal(err)
	}
	return b
}
