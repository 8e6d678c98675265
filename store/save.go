package store

import (
	"bytes"
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

// Entry is one capture and the snapshot extracted from it, as SaveBatch
// takes them.
type Entry struct {
	Snapshot *strata.Snapshot
	Capture  *strata.Capture
}

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
// per distinct content), the comment delta against the previous version
// (see [VersionInfo.CommentDelta]) and a check with Outcome
// strata.OutcomeNew.
//
// snap.URL must be set and normalised. A capture with a nil Body (tests
// only) stores no blob and leaves RawSHA256 empty. The check's time is the
// capture's FetchedAt, else the snapshot's, else now.
func (s *Store) Save(snap *strata.Snapshot, capture *strata.Capture) (strata.Check, error) {
	checks, err := s.SaveBatch([]Entry{{snap, capture}})
	if err != nil {
		return strata.Check{}, err
	}
	return checks[0], nil
}

// SaveBatch saves several entries as Save does, in order, in one
// transaction: all of them or, on error, none. It returns one check per
// entry. Entries may repeat a URL. Batching spares a disk sync per entry,
// which matters for bulk loads.
func (s *Store) SaveBatch(entries []Entry) ([]strata.Check, error) {
	pending := make([]pendingSave, len(entries))
	for i, e := range entries {
		if err := pending[i].prepare(e.Snapshot, e.Capture, s.readOnly); err != nil {
			return nil, err
		}
	}
	checks := make([]strata.Check, len(entries))
	err := s.update(func(tx *bolt.Tx) error {
		b := open(tx)
		for i := range pending {
			var err error
			if checks[i], err = s.save(b, &pending[i]); err != nil {
				return fmt.Errorf("save %s: %w", pending[i].next.URL, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, p := range pending {
		if checks[i].Outcome == strata.OutcomeNew {
			*entries[i].Snapshot = p.next
		}
	}
	return checks, nil
}

// pendingSave is one entry of SaveBatch with the work done that needs no
// transaction.
type pendingSave struct {
	next    strata.Snapshot
	capture *strata.Capture
	fp      strata.Fingerprint
	rawKey  []byte
	at      time.Time
}

func (p *pendingSave) prepare(snap *strata.Snapshot, capture *strata.Capture, readOnly bool) error {
	if snap == nil || snap.URL == "" {
		return errors.New("save: snapshot has no url")
	}
	url := snap.URL
	if readOnly {
		return fmt.Errorf("save %s: %w", url, ErrReadOnly)
	}
	if capture == nil {
		return fmt.Errorf("save %s: no capture", url)
	}
	p.capture = capture
	p.fp = strata.FingerprintOf(snap)
	p.next = *snap
	p.next.ContentHash = p.fp.Hash()
	p.next.RawSHA256 = ""
	if capture.Body != nil {
		sum := sha256.Sum256(capture.Body)
		p.rawKey = sum[:]
		p.next.RawSHA256 = hex.EncodeToString(p.rawKey)
	}
	if p.next.FetchedAt.IsZero() {
		p.next.FetchedAt = capture.FetchedAt
	}
	if p.next.Status == 0 {
		p.next.Status = capture.Status
	}
	if p.next.FinalURL == "" {
		p.next.FinalURL = capture.FinalURL
	}
	p.next.Truncated = p.next.Truncated || capture.Truncated
	p.at = checkTime(capture.FetchedAt, snap.FetchedAt)
	return nil
}

// save records p inside a write transaction.
func (s *Store) save(b buckets, p *pendingSave) (strata.Check, error) {
	url := p.next.URL
	rec, err := getURL(b, url)
	if errors.Is(err, strata.ErrNotFound) {
		if rec.ID, err = b.urls.NextSequence(); err != nil {
			return strata.Check{}, err
		}
	} else if err != nil {
		return strata.Check{}, err
	}

	check := strata.Check{At: p.at, Status: p.capture.Status, Version: rec.Latest}
	changes := []string{}
	if rec.Latest > 0 {
		changes = p.fp.Changes(rec.fingerprint())
	}
	if rec.Latest > 0 && len(changes) == 0 {
		check.Outcome = strata.OutcomeUnchanged
	} else {
		delta, err := s.commentDelta(b, rec, &p.next)
		if err != nil {
			return strata.Check{}, err
		}
		p.next.Version = rec.Latest + 1
		p.next.Changes = changes
		if err := s.putVersion(b, rec.ID, &p.next, p.capture, p.rawKey, delta); err != nil {
			return strata.Check{}, err
		}
		rec.Latest = p.next.Version
		rec.ContentHash = p.next.ContentHash
		rec.setFingerprint(p.fp)
		check.Outcome = strata.OutcomeNew
		check.Version = p.next.Version
		check.Changes = slices.Clone(changes)
	}
	return check, putCheck(b, url, &rec, &check)
}

// threadRecord decodes only the comment thread of a versionRecord.
type threadRecord struct {
	Snapshot *struct {
		CommentsComplete bool             `json:"comments_complete"`
		Comments         []strata.Comment `json:"comments"`
	} `json:"snapshot"`
}

// commentDelta compares the thread of next with that of the latest version
// of rec.
func (s *Store) commentDelta(b buckets, rec urlRecord, next *strata.Snapshot) (*strata.CommentDelta, error) {
	if rec.Latest == 0 {
		d := strata.CompareThreads(nil, next).Delta(false)
		return &d, nil
	}
	data := b.versions.Get(versionKey(rec.ID, rec.Latest))
	if data == nil {
		return nil, fmt.Errorf("version %d missing: %w", rec.Latest, errDamaged)
	}
	var tr threadRecord
	if _, err := s.decode(data, nil, &tr); err != nil {
		return nil, fmt.Errorf("version %d: %w", rec.Latest, err)
	}
	if tr.Snapshot == nil {
		return nil, fmt.Errorf("version %d: no snapshot: %w", rec.Latest, errDamaged)
	}
	prev := &strata.Snapshot{CommentsComplete: tr.Snapshot.CommentsComplete, Comments: tr.Snapshot.Comments}
	d := strata.CompareThreads(prev, next).Delta(prev.CommentsComplete)
	return &d, nil
}

// putVersion writes the version record of snap and, if absent, the blob of
// the capture's body under rawKey.
func (s *Store) putVersion(b buckets, id uint64, snap *strata.Snapshot, capture *strata.Capture, rawKey []byte, delta *strata.CommentDelta) error {
	key := versionKey(id, snap.Version)
	if b.versions.Get(key) != nil {
		// The url record and the versions bucket disagree; never overwrite.
		return fmt.Errorf("version %d already exists: %w", snap.Version, errDamaged)
	}
	if rawKey != nil && b.blobs.Get(rawKey) == nil {
		if err := b.blobs.Put(rawKey, s.compress(capture.Body)); err != nil {
			return fmt.Errorf("put blob: %w", err)
		}
	}
	buf := s.buffer()
	defer s.scratch.Put(buf)
	w := bytes.NewBuffer((*buf)[:0])
	err := json.NewEncoder(w).Encode(versionRecord{
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
		CommentDelta: delta,
	})
	*buf = w.Bytes()[:0]
	if err != nil {
		return fmt.Errorf("encode version %d: %w", snap.Version, err)
	}
	// Encode ends the record with a newline, which Marshal did not write.
	data := bytes.TrimSuffix(w.Bytes(), []byte("\n"))
	if err := b.versions.Put(key, s.compress(data)); err != nil {
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
	check, err := s.saveCheck(url, strata.Check{At: at, Status: status, Outcome: strata.OutcomeFailed, Error: reason})
	if err != nil {
		return strata.Check{}, fmt.Errorf("save failure %s: %w", url, err)
	}
	return check, nil
}

// SaveCheck records a check of url that changes nothing else and returns
// it: strata.OutcomeNotModified (the server answered 304 to a conditional
// request), strata.OutcomeUnchanged (the same raw bytes as the latest
// version, not extracted again) or strata.OutcomeFailed. Its Version is
// set to the latest version (0 when there is none) and Changes cleared; a
// zero At means now. A check with Outcome strata.OutcomeNew is refused:
// only Save makes versions.
func (s *Store) SaveCheck(url string, check strata.Check) (strata.Check, error) {
	if url == "" {
		return strata.Check{}, errors.New("save check: no url")
	}
	saved, err := s.saveCheck(url, check)
	if err != nil {
		return strata.Check{}, fmt.Errorf("save check %s: %w", url, err)
	}
	return saved, nil
}

func (s *Store) saveCheck(url string, check strata.Check) (saved strata.Check, err error) {
	if s.readOnly {
		return saved, ErrReadOnly
	}
	err = s.update(func(tx *bolt.Tx) (err error) {
		saved, err = recordCheck(open(tx), url, check)
		return err
	})
	return saved, err
}

// recordCheck writes a check that makes no version, inside a write
// transaction; see SaveCheck.
func recordCheck(b buckets, url string, check strata.Check) (strata.Check, error) {
	switch check.Outcome {
	case strata.OutcomeNotModified, strata.OutcomeUnchanged, strata.OutcomeFailed:
	default:
		return strata.Check{}, fmt.Errorf("check outcome %q makes no version", check.Outcome)
	}
	rec, err := getURL(b, url)
	if errors.Is(err, strata.ErrNotFound) {
		if rec.ID, err = b.urls.NextSequence(); err != nil {
			return strata.Check{}, err
		}
	} else if err != nil {
		return strata.Check{}, err
	}
	check.At = checkTime(check.At)
	check.Version = rec.Latest
	check.Changes = nil
	if err := putCheck(b, url, &rec, &check); err != nil {
		return strata.Check{}, err
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

// compress returns src compressed with zstd, in a slice of its own: bbolt
// keeps the values it is given until the transaction commits. The encoder
// writes into a scratch buffer, so that the slice kept is no larger than
// the compressed bytes.
func (s *Store) compress(src []byte) []byte {
	buf := s.buffer()
	out := s.enc.EncodeAll(src, (*buf)[:0])
	kept := bytes.Clone(out)
	*buf = out[:0]
	s.scratch.Put(buf)
	return kept
}

// buffer returns a scratch buffer of s; put it back in s.scratch when done.
func (s *Store) buffer() *[]byte {
	if b, ok := s.scratch.Get().(*[]byte); ok {
		return b
	}
	return new([]byte)
}
