package store

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
)

// maxProblems bounds how many problems Verify reports.
const maxProblems = 20

// Verify checks the archive in one read transaction: bbolt's own page
// consistency check (tx.Check), then every record: each url record decodes
// and its versions are exactly 1…latest, each version decodes, belongs to
// its URL, carries its number and points to a blob that exists, the latest
// version's content hash matches the url record, each check decodes and
// belongs to a URL, and each blob decompresses to bytes with its digest.
// It returns nil or an error listing the first problems found. It reads the
// whole file, so it takes time on a large archive.
func (s *Store) Verify() error {
	var problems []error
	report := func(format string, args ...any) bool {
		problems = append(problems, fmt.Errorf(format, args...))
		return len(problems) < maxProblems
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			if !report("bbolt: %w", err) {
				return nil
			}
		}
		b := open(tx)

		type urlInfo struct {
			url      string
			rec      urlRecord
			versions int
		}
		byID := map[uint64]*urlInfo{}
		c := b.urls.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var rec urlRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				if !report("url %s: %w", k, err) {
					return nil
				}
				continue
			}
			if prev := byID[rec.ID]; prev != nil {
				if !report("url %s: id %d also used by %s", k, rec.ID, prev.url) {
					return nil
				}
				continue
			}
			byID[rec.ID] = &urlInfo{url: string(k), rec: rec}
		}

		var buf []byte
		c = b.versions.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			id, version, err := parseVersionKey(k)
			if err != nil {
				if !report("%w", err) {
					return nil
				}
				continue
			}
			u := byID[id]
			if u == nil {
				if !report("version key %x: no url has id %d", k, id) {
					return nil
				}
				continue
			}
			u.versions++
			ok := true
			var vr versionRecord
			if buf, err = s.decode(v, buf, &vr); err != nil {
				ok = report("%s version %d: %w", u.url, version, err)
			} else {
				switch snap := vr.Snapshot; {
				case version != u.versions:
					ok = report("%s: version %d where %d was due", u.url, version, u.versions)
				case snap == nil:
					ok = report("%s version %d: no snapshot", u.url, version)
				case snap.Version != version || snap.URL != u.url:
					ok = report("%s version %d: record says %s version %d", u.url, version, snap.URL, snap.Version)
				case version == u.rec.Latest && snap.ContentHash != u.rec.ContentHash:
					ok = report("%s version %d: content hash %s, url record has %s", u.url, version, snap.ContentHash, u.rec.ContentHash)
				case snap.RawSHA256 != "" && b.blobs.Get(mustHex(snap.RawSHA256)) == nil:
					ok = report("%s version %d: blob %s missing", u.url, version, snap.RawSHA256)
				}
			}
			if !ok {
				return nil
			}
		}
		for _, u := range byID {
			if u.versions != u.rec.Latest {
				if !report("%s: %d versions stored, url record says %d", u.url, u.versions, u.rec.Latest) {
					return nil
				}
			}
		}

		c = b.checks.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var ch strata.Check
			switch {
			case len(k) != checkKeyLen:
				if !report("check key %x: length %d", k, len(k)) {
					return nil
				}
			case byID[binary.BigEndian.Uint64(k)] == nil:
				if !report("check key %x: no url has its id", k) {
					return nil
				}
			case json.Unmarshal(v, &ch) != nil || ch.Outcome == "":
				if !report("check key %x: undecodable", k) {
					return nil
				}
			}
		}

		c = b.blobs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(k) != blobKeyLen {
				if !report("blob key %x: length %d", k, len(k)) {
					return nil
				}
				continue
			}
			if _, err := s.unpackBlob(k, v); err != nil {
				if !report("%w", err) {
					return nil
				}
			}
		}
		return nil
	})
	if err != nil {
		problems = append(problems, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("verify %s: %w", s.path, errors.Join(problems...))
	}
	return nil
}

// mustHex decodes a hex digest, or returns a key that matches no blob.
func mustHex(h string) []byte {
	key, err := hex.DecodeString(h)
	if err != nil || len(key) != blobKeyLen {
		return []byte{0}
	}
	return key
}

// Stats counts what an archive holds.
type Stats struct {
	// URLs counts the URLs with at least one check.
	URLs int
	// Versions, Checks and Blobs count the stored records of each kind.
	Versions, Checks, Blobs int
	// BlobBytes is the compressed size of all blobs.
	BlobBytes int64
	// Size is the part of the file in use, in bytes (bbolt's high-water
	// mark); the file itself may be larger.
	Size int64
}

// Stats counts the records of the archive in one read transaction.
func (s *Store) Stats() (Stats, error) {
	var st Stats
	err := s.db.View(func(tx *bolt.Tx) error {
		b := open(tx)
		st.URLs = b.urls.Stats().KeyN
		st.Versions = b.versions.Stats().KeyN
		st.Checks = b.checks.Stats().KeyN
		c := b.blobs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			st.Blobs++
			st.BlobBytes += int64(len(v))
		}
		st.Size = tx.Size()
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats %s: %w", s.path, err)
	}
	return st, nil
}
