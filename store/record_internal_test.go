package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
)

// TestStoredBytes checks what Save writes: the version record is the zstd
// of exactly what json.Marshal makes of it, and the blob the zstd of the
// body under the SHA-256 of the body.
func TestStoredBytes(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	snap := &strata.Snapshot{
		URL: "https://example.com/a", FetchedAt: at, Status: 200, Title: "A <b> & \u2028",
		BodyText: strings.Repeat("text ", 500), BodyHTML: "<p>text</p>", Changes: []string{},
		Comments: []strata.Comment{{ID: "1", Author: "x", Text: "hi", Type: strata.CommentTypeComment}},
	}
	body := []byte(strings.Repeat("<p>page</p>", 1000))
	capture := &strata.Capture{URL: snap.URL, FinalURL: snap.URL, Status: 200, FetchedAt: at,
		Header: http.Header{"Content-Type": {"text/html"}}, Body: body}
	if _, err := s.Save(snap, capture); err != nil {
		t.Fatal(err)
	}
	delta := strata.CompareThreads(nil, snap).Delta(false)
	want, err := json.Marshal(versionRecord{Snapshot: snap, Capture: captureRecord{
		URL: capture.URL, FinalURL: capture.FinalURL, Status: 200, Header: capture.Header, FetchedAt: at,
		RawSHA256: snap.RawSHA256, RawSize: len(body)}, CommentDelta: &delta})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	err = s.view(func(tx *bolt.Tx) error {
		b := open(tx)
		v, err := s.dec.DecodeAll(b.versions.Get(versionKey(1, 1)), nil)
		if err != nil {
			return err
		}
		if !bytes.Equal(v, want) {
			t.Errorf("version record:\n%s\nwant\n%s", v, want)
		}
		raw, err := s.dec.DecodeAll(b.blobs.Get(sum[:]), nil)
		if err != nil {
			return err
		}
		if !bytes.Equal(raw, body) {
			t.Errorf("blob holds %d bytes, want the body's %d", len(raw), len(body))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
