package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
)

// VersionInfo summarises one version of a URL.
type VersionInfo struct {
	// Version is the version number, from 1.
	Version int
	// FetchedAt is when the capture behind the version was made.
	FetchedAt time.Time
	// Status is the HTTP status of that capture.
	Status int
	// Changes lists the parts that differ from the previous version.
	Changes []string
	// ContentHash is the snapshot's content hash.
	ContentHash string
	// Comments is the number of comments captured.
	Comments int
	// Title is the article title.
	Title string
}

// Versions lists the versions of url, oldest first. It fails with an error
// wrapping strata.ErrNotFound for a URL the archive never saw, and returns
// an empty list for one that has only failed checks.
func (s *Store) Versions(url string) ([]VersionInfo, error) {
	infos := []VersionInfo{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := open(tx)
		rec, err := getURL(b, url)
		if err != nil {
			return err
		}
		var buf []byte
		prefix := idKey(rec.ID)
		c := b.versions.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var sum versionSummary
			if buf, err = s.decode(v, buf, &sum); err != nil {
				return fmt.Errorf("version key %x: %w", k, err)
			}
			sn := &sum.Snapshot
			infos = append(infos, VersionInfo{
				Version:     sn.Version,
				FetchedAt:   sn.FetchedAt,
				Status:      sn.Status,
				Changes:     nonNil(sn.Changes),
				ContentHash: sn.ContentHash,
				Comments:    len(sn.Comments),
				Title:       sn.Title,
			})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("versions %s: %w", url, err)
	}
	return infos, nil
}

// Snapshot returns version of url; version 0 means the latest. It fails
// with an error wrapping strata.ErrNotFound when there is no such URL or
// version.
func (s *Store) Snapshot(url string, version int) (*strata.Snapshot, error) {
	var snap *strata.Snapshot
	err := s.db.View(func(tx *bolt.Tx) error {
		vr, err := s.getVersion(open(tx), url, version)
		if err != nil {
			return err
		}
		snap = vr.Snapshot
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", url, err)
	}
	return snap, nil
}

// Capture returns the raw capture behind version of url (0 means the
// latest): the header, status, URLs, fetch time, truncated flag and the
// body, decompressed and verified. Body is nil when the version was saved
// without one. It fails with an error wrapping strata.ErrNotFound when
// there is no such URL or version.
func (s *Store) Capture(url string, version int) (*strata.Capture, error) {
	var capture *strata.Capture
	err := s.db.View(func(tx *bolt.Tx) error {
		b := open(tx)
		vr, err := s.getVersion(b, url, version)
		if err != nil {
			return err
		}
		cr := vr.Capture
		capture = &strata.Capture{
			URL:       cr.URL,
			FinalURL:  cr.FinalURL,
			Status:    cr.Status,
			Header:    cr.Header,
			Truncated: cr.Truncated,
			FetchedAt: cr.FetchedAt,
		}
		if cr.RawSHA256 != "" {
			capture.Body, err = s.blob(b, cr.RawSHA256)
			if err != nil {
				return fmt.Errorf("version %d: %w", vr.Snapshot.Version, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("capture %s: %w", url, err)
	}
	return capture, nil
}

// Raw returns the raw bytes whose SHA-256 is sha256hex (a Snapshot's
// RawSHA256), decompressed and verified against the digest. It fails with
// an error wrapping strata.ErrNotFound when the archive has no such blob.
func (s *Store) Raw(sha256hex string) ([]byte, error) {
	var raw []byte
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		raw, err = s.blob(open(tx), sha256hex)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("raw %s: %w", sha256hex, err)
	}
	return raw, nil
}

// Checks returns the checks of url, oldest first. It fails with an error
// wrapping strata.ErrNotFound for a URL the archive never saw.
func (s *Store) Checks(url string) ([]strata.Check, error) {
	checks := []strata.Check{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := open(tx)
		rec, err := getURL(b, url)
		if err != nil {
			return err
		}
		prefix := idKey(rec.ID)
		c := b.checks.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var ch strata.Check
			if err := json.Unmarshal(v, &ch); err != nil {
				return fmt.Errorf("check key %x: %w: %w", k, errDamaged, err)
			}
			checks = append(checks, ch)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("checks %s: %w", url, err)
	}
	return checks, nil
}

// EachOptions tune Each.
type EachOptions struct {
	// AllVersions walks every version; otherwise only the latest version
	// of each URL.
	AllVersions bool
}

// Each calls fn with the snapshots of the archive in URL order, and in
// version order within a URL, inside one read transaction. Snapshots are
// decoded one at a time, so memory does not grow with the archive; fn may
// keep the snapshot it is given. URLs with only failed checks are skipped.
// An error from fn stops the walk and is returned as it is. fn must not
// call other methods of the Store.
func (s *Store) Each(opts EachOptions, fn func(*strata.Snapshot) error) error {
	var buf []byte
	emit := func(k, v []byte) error {
		var vr versionRecord
		var err error
		if buf, err = s.decode(v, buf, &vr); err != nil {
			return fmt.Errorf("each: version key %x: %w", k, err)
		}
		if vr.Snapshot == nil {
			return fmt.Errorf("each: version key %x: no snapshot: %w", k, errDamaged)
		}
		normalize(vr.Snapshot)
		return fn(vr.Snapshot)
	}
	return s.db.View(func(tx *bolt.Tx) error {
		b := open(tx)
		vc := b.versions.Cursor()
		uc := b.urls.Cursor()
		for uk, uv := uc.First(); uk != nil; uk, uv = uc.Next() {
			var rec urlRecord
			if err := json.Unmarshal(uv, &rec); err != nil {
				return fmt.Errorf("each: url %s: %w: %w", uk, errDamaged, err)
			}
			if rec.Latest == 0 {
				continue
			}
			if !opts.AllVersions {
				k := versionKey(rec.ID, rec.Latest)
				v := b.versions.Get(k)
				if v == nil {
					return fmt.Errorf("each: url %s: version %d missing: %w", uk, rec.Latest, errDamaged)
				}
				if err := emit(k, v); err != nil {
					return err
				}
				continue
			}
			prefix := idKey(rec.ID)
			for k, v := vc.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = vc.Next() {
				if err := emit(k, v); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// getVersion decodes version of url (0: the latest).
func (s *Store) getVersion(b buckets, url string, version int) (*versionRecord, error) {
	rec, err := getURL(b, url)
	if err != nil {
		return nil, err
	}
	v := version
	if v == 0 {
		v = rec.Latest
	}
	if v <= 0 || v > rec.Latest {
		if version == 0 {
			return nil, fmt.Errorf("no version: %w", strata.ErrNotFound)
		}
		return nil, fmt.Errorf("version %d: %w", version, strata.ErrNotFound)
	}
	data := b.versions.Get(versionKey(rec.ID, v))
	if data == nil {
		return nil, fmt.Errorf("version %d missing: %w", v, errDamaged)
	}
	vr := new(versionRecord)
	if _, err := s.decode(data, nil, vr); err != nil {
		return nil, fmt.Errorf("version %d: %w", v, err)
	}
	if vr.Snapshot == nil {
		return nil, fmt.Errorf("version %d: no snapshot: %w", v, errDamaged)
	}
	normalize(vr.Snapshot)
	return vr, nil
}

// blob returns the decompressed, verified blob whose digest is sha256hex.
func (s *Store) blob(b buckets, sha256hex string) ([]byte, error) {
	key, err := hex.DecodeString(sha256hex)
	if err != nil || len(key) != blobKeyLen {
		return nil, fmt.Errorf("not a sha256 digest: %q", sha256hex)
	}
	data := b.blobs.Get(key)
	if data == nil {
		return nil, fmt.Errorf("no blob: %w", strata.ErrNotFound)
	}
	return s.unpackBlob(key, data)
}

// unpackBlob decompresses a blob and checks it against its key.
func (s *Store) unpackBlob(key, data []byte) ([]byte, error) {
	raw, err := s.dec.DecodeAll(data, nil)
	if err != nil {
		return nil, fmt.Errorf("blob %x: %w: %w", key, errDamaged, err)
	}
	if raw == nil {
		raw = []byte{}
	}
	if sum := sha256.Sum256(raw); !bytes.Equal(sum[:], key) {
		return nil, fmt.Errorf("blob %x: %w: content has digest %x", key, errDamaged, sum)
	}
	return raw, nil
}

// decode decompresses data into buf (reusing its memory) and unmarshals the
// JSON into v. It returns buf for the next call.
func (s *Store) decode(data, buf []byte, v any) ([]byte, error) {
	buf, err := s.dec.DecodeAll(data, buf[:0])
	if err != nil {
		return buf, fmt.Errorf("%w: %w", errDamaged, err)
	}
	if err := json.Unmarshal(buf, v); err != nil {
		return buf, fmt.Errorf("%w: %w", errDamaged, err)
	}
	return buf, nil
}
