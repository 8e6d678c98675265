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

// VersionInfo summarises one version of a URL. Its JSON form is what
// `strata versions --json` prints.
type VersionInfo struct {
	// Version is the version number, from 1.
	Version int `json:"version"`
	// FetchedAt is when the capture behind the version was made.
	FetchedAt time.Time `json:"fetched_at"`
	// Status is the HTTP status of that capture.
	Status int `json:"status"`
	// Changes lists the parts that differ from the previous version.
	Changes []string `json:"changes"`
	// ContentHash is the snapshot's content hash.
	ContentHash string `json:"content_hash"`
	// Comments is the number of comments captured.
	Comments int `json:"comments"`
	// CommentDelta counts the comments added, removed, edited and not
	// seen since the previous version (for version 1, every comment is
	// added). It is nil for versions saved before strata kept it.
	CommentDelta *strata.CommentDelta `json:"comment_delta"`
	// Title is the article title.
	Title string `json:"title"`
}

// Versions lists the versions of url, oldest first. It fails with an error
// wrapping strata.ErrNotFound for a URL the archive never saw, and returns
// an empty list for one that has only failed checks.
func (s *Store) Versions(url string) ([]VersionInfo, error) {
	infos := []VersionInfo{}
	err := s.view(func(tx *bolt.Tx) error {
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
				Version:      sn.Version,
				FetchedAt:    sn.FetchedAt,
				Status:       sn.Status,
				Changes:      nonNil(sn.Changes),
				ContentHash:  sn.ContentHash,
				Comments:     len(sn.Comments),
				CommentDelta: sum.CommentDelta,
				Title:        sn.Title,
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
	err := s.view(func(tx *bolt.Tx) error {
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
	err := s.view(func(tx *bolt.Tx) error {
		b := open(tx)
		vr, err := s.getVersion(b, url, version)
		if err != nil {
			return err
		}
		cr := vr.Capture
		capture = cr.capture()
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
	err := s.view(func(tx *bolt.Tx) (err error) {
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
	err := s.view(func(tx *bolt.Tx) error {
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
	return s.Walk(WalkOptions{AllVersions: opts.AllVersions}, func(v *Version) error {
		return fn(v.Snapshot)
	})
}

// Version is one stored version as Walk hands it over.
type Version struct {
	// Snapshot is the version's snapshot.
	Snapshot *strata.Snapshot
	// Capture is the raw capture behind it. Its Body is nil unless
	// WalkOptions.Body is set (and for versions saved without a body).
	Capture *strata.Capture
	// CommentDelta compares the thread with the previous version's; nil
	// for versions saved before strata kept it.
	CommentDelta *strata.CommentDelta
}

// WalkOptions select what Walk visits. The filters combine.
type WalkOptions struct {
	// AllVersions visits every selected version; otherwise only the
	// newest selected version of each URL.
	AllVersions bool
	// Prefix keeps the URLs that start with it. The urls bucket is
	// sought, not scanned, so a narrow prefix is cheap on a big archive.
	Prefix string
	// URL, if set, keeps the URLs for which it returns true. It is called
	// before any version of the URL is decoded.
	URL func(url string) bool
	// Version, if set, keeps the versions for which it returns true. It is
	// called before the body is read; its argument's Capture.Body is nil.
	Version func(*Version) bool
	// Body reads each visited version's raw bytes into Capture.Body,
	// decompressed and checked against their digest.
	Body bool
}

// Walk calls fn with the selected versions of the archive in URL order,
// and in version order within a URL. Versions are decoded one at a time,
// so memory does not grow with the archive; fn may keep what it is given.
// URLs with only failed checks are skipped. An error from fn stops the walk
// and is returned as it is. fn must not call other methods of the Store.
//
// Each URL's versions are read in one read transaction. A long walk is cut
// between URLs into transactions of about walkChunk bytes, and a read-only
// Store maps the file afresh between them, so the pages a walk has read
// leave the process's resident memory: exporting a large archive keeps a
// flat RSS. Between two transactions a writer of another process may
// commit (the read-only Store then waits for its lock, at most its
// Timeout, before it goes on), and a version it commits is seen if its URL
// has not been passed yet.
func (s *Store) Walk(opts WalkOptions, fn func(*Version) error) error {
	from := []byte(opts.Prefix)
	for {
		next, err := s.walkChunk(opts, from, fn)
		if err != nil || next == nil {
			return err
		}
		if err := s.remap(); err != nil {
			return fmt.Errorf("walk: %w", err)
		}
		from = next
	}
}

// walkChunk walks from the URL key from in one read transaction until
// about s.chunk bytes have been read; it returns the key to go on from, or
// nil at the end.
func (s *Store) walkChunk(opts WalkOptions, from []byte, fn func(*Version) error) ([]byte, error) {
	var buf []byte
	var read int
	load := func(k, v []byte) (*Version, error) {
		read += len(v)
		var vr versionRecord
		var err error
		if buf, err = s.decode(v, buf, &vr); err != nil {
			return nil, fmt.Errorf("walk: version key %x: %w", k, err)
		}
		if vr.Snapshot == nil {
			return nil, fmt.Errorf("walk: version key %x: no snapshot: %w", k, errDamaged)
		}
		normalize(vr.Snapshot)
		return &Version{Snapshot: vr.Snapshot, Capture: vr.Capture.capture(), CommentDelta: vr.CommentDelta}, nil
	}
	emit := func(b buckets, ver *Version) error {
		if opts.Body && ver.Snapshot.RawSHA256 != "" {
			var err error
			if ver.Capture.Body, err = s.blob(b, ver.Snapshot.RawSHA256); err != nil {
				return fmt.Errorf("walk: %s version %d: %w", ver.Snapshot.URL, ver.Snapshot.Version, err)
			}
			read += len(ver.Capture.Body)
		}
		return fn(ver)
	}
	keep := func(ver *Version) bool { return opts.Version == nil || opts.Version(ver) }

	var next []byte
	err := s.view(func(tx *bolt.Tx) error {
		b := open(tx)
		vc := b.versions.Cursor()
		uc := b.urls.Cursor()
		prefix := []byte(opts.Prefix)
		for uk, uv := uc.Seek(from); uk != nil && bytes.HasPrefix(uk, prefix); uk, uv = uc.Next() {
			if read >= s.chunk {
				// uk is not walked yet: go on from it next time.
				next = bytes.Clone(uk)
				return nil
			}
			if opts.URL != nil && !opts.URL(string(uk)) {
				continue
			}
			var rec urlRecord
			if err := json.Unmarshal(uv, &rec); err != nil {
				return fmt.Errorf("walk: url %s: %w: %w", uk, errDamaged, err)
			}
			if rec.Latest == 0 {
				continue
			}
			idPrefix := idKey(rec.ID)
			if opts.AllVersions {
				for k, v := vc.Seek(idPrefix); k != nil && bytes.HasPrefix(k, idPrefix); k, v = vc.Next() {
					ver, err := load(k, v)
					if err != nil {
						return err
					}
					if !keep(ver) {
						continue
					}
					if err := emit(b, ver); err != nil {
						return err
					}
				}
				continue
			}
			// The newest selected version: walk back from the latest.
			latest := versionKey(rec.ID, rec.Latest)
			k, v := vc.Seek(latest)
			if !bytes.Equal(k, latest) {
				return fmt.Errorf("walk: url %s: version %d missing: %w", uk, rec.Latest, errDamaged)
			}
			for ; k != nil && bytes.HasPrefix(k, idPrefix); k, v = vc.Prev() {
				ver, err := load(k, v)
				if err != nil {
					return err
				}
				if !keep(ver) {
					continue
				}
				if err := emit(b, ver); err != nil {
					return err
				}
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return next, nil
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
