package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
)

// Save records one capture and the snapshot extracted from it, in one
// transaction, and returns the check it recorded.
//
// If the snapshot's content (strata.FingerprintOf) equals that of the URL's
// latest version, Save records only a check with Outcome
// strata.OutcomeUnchanged and leaves snap as it was. Otherwise it writes
// version latest+1: it sets snap.Version, snap.Changes (the parts that
// differ from the previous version, empty for version 1), snap.ContentHash
// and snap.RawSHA256 (the hex SHA-256 of capture.Body), fills snap's
// FetchedAt, Status and FinalURL from the capture where they are zero, and
// stores the snapshot, the capture's metadata, the body (compressed, once
// per distinct content) and a check with Outcome strata.OutcomeNew.
//
// snap.URL must be set and normalised. A capture with a nil Body (tests
// only) stores no blob and leaves RawSHA256 empty. The check's time is the
// capture's FetchedAt, else the snapshot's, else now.
func (s *Store) Save(snap *strata.Snapshot, capture *strata.Capture) (strata.Check, error) {
	if snap == nil || snap.URL == "" {
		return strata.Check{}, errors.New("save: snapshot has no url")
	}
	url := snap.URL
	if s.readOnly {
		return strata.Check{}, fmt.Errorf("save %s: %w", url, ErrReadOnly)
	}
	if capture == nil {
		return strata.Check{}, fmt.Errorf("save %s: no capture", url)
	}

	// Work that needs no transaction is done before taking the write lock.
	fp := strata.FingerprintOf(snap)
	next := *snap
	next.ContentHash = fp.Hash()
	next.RawSHA256 = ""
	var rawKey []byte
	if capture.Body != nil {
		sum := sha256.Sum256(capture.Body)
		rawKey = sum[:]
		next.RawSHA256 = hex.EncodeToString(rawKey)
	}
	if next.FetchedAt.IsZero() {
		next.FetchedAt = capture.FetchedAt
	}
	if next.Status == 0 {
		next.Status = capture.Status
	}
	if next.FinalURL == "" {
		next.FinalURL = capture.FinalURL
	}
	next.Truncated = next.Truncated || capture.Truncated
	at := checkTime(capture.FetchedAt, snap.FetchedAt)

	var check strata.Check
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := open(tx)
		rec, err := getURL(b, url)
		if errors.Is(err, strata.ErrNotFound) {
			if rec.ID, err = b.urls.NextSequence(); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}

		check = strata.Check{At: at, Status: capture.Status, Version: rec.Latest}
		changes := []string{}
		if rec.Latest > 0 {
			changes = fp.Changes(rec.fingerprint())
		}
		if rec.Latest > 0 && len(changes) == 0 {
			check.Outcome = strata.OutcomeUnchanged
		} else {
			next.Version = rec.Latest + 1
			next.Changes = changes
			if err := s.putVersion(b, rec.ID, &next, capture, rawKey); err != nil {
				return err
			}
			rec.Latest = next.Version
			rec.ContentHash = next.ContentHash
			rec.setFingerprint(fp)
			check.Outcome = strata.OutcomeNew
			check.Version = next.Version
			check.Changes = slices.Clone(changes)
		}
		return putCheck(b, url, &rec, &check)
	})
	if err != nil {
		return strata.Check{}, fmt.Errorf("save %s: %w", url, err)
	}
	if check.Outcome == strata.OutcomeNew {
		*snap = next
	}
	return check, nil
}

// putVersion writes the version record of snap and, if absent, the blob of
// the capture's body under rawKey.
func (s *Store) putVersion(b buckets, id uint64, snap *strata.Snapshot, capture *strata.Capture, rawKey []byte) error {
	key := versionKey(id, snap.Version)
	if b.versions.Get(key) != nil {
		// The url record and the versions bucket disagree; never overwrite.
		return fmt.Errorf("version %d already exists: %w", snap.Version, errDamaged)
	}
	if rawKey != nil && b.blobs.Get(rawKey) == nil {
		if err := b.blobs.Put(rawKey, s.enc.EncodeAll(capture.Body, nil)); err != nil {
			return fmt.Errorf("put blob: %w", err)
		}
	}
	data, err := json.Marshal(versionRecord{
		Snapshot: snap,
		Capture: captureRecord{
			URL:       capture.URL,
			FinalURL:  capture.FinalURL,
			Status:    capture.Status,
			Header:    capture.Header,
			FetchedAt: capture.FetchedAt,
			Truncated: capture.Truncated,
			RawSHA256: snap.RawSHA256,
			RawSize:   len(capture.Body),
		},
	})
	if err != nil {
		return fmt.Errorf("encode version %d: %w", snap.Version, err)
	}
	if err := b.versions.Put(key, s.enc.EncodeAll(data, nil)); err != nil {
		return fmt.Errorf("put version %d: %w", snap.Version, err)
	}
	return nil
}

// SaveFailure records a failed check (Outcome strata.OutcomeFailed) of url,
// which need not have a version yet, and returns it. Versions are left
// alone. A zero at means now.
func (s *Store) SaveFailure(url string, at time.Time, status int, reason string) (strata.Check, error) {
	if url == "" {
		return strata.Check{}, errors.New("save failure: no url")
	}
	if s.readOnly {
		return strata.Check{}, fmt.Errorf("save failure %s: %w", url, ErrReadOnly)
	}
	at = checkTime(at)
	var check strata.Check
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := open(tx)
		rec, err := getURL(b, url)
		if errors.Is(err, strata.ErrNotFound) {
			if rec.ID, err = b.urls.NextSequence(); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		check = strata.Check{At: at, Status: status, Outcome: strata.OutcomeFailed, Version: rec.Latest, Error: reason}
		return putCheck(b, url, &rec, &check)
	})
	if err != nil {
		return strata.Check{}, fmt.Errorf("save failure %s: %w", url, err)
	}
	return check, nil
}

// putCheck appends check to url's checks and writes rec with the check as
// its last one.
func putCheck(b buckets, url string, rec *urlRecord, check *strata.Check) error {
	seq, err := b.checks.NextSequence()
	if err != nil {
		return err
	}
	data, err := json.Marshal(check)
	if err != nil {
		return fmt.Errorf("encode check: %w", err)
	}
	if err := b.checks.Put(checkKey(rec.ID, check.At, seq), data); err != nil {
		return fmt.Errorf("put check: %w", err)
	}
	rec.LastCheck = check.At
	rec.LastStatus = check.Status
	rec.LastOutcome = check.Outcome
	data, err = json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode url record: %w", err)
	}
	if err := b.urls.Put([]byte(url), data); err != nil {
		return fmt.Errorf("put url record: %w", err)
	}
	return nil
}

// checkTime returns the first non-zero time of ts in UTC, or now.
func checkTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t.UTC()
		}
	}
	return time.Now().UTC().Round(0)
}
