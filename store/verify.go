package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
)

// maxProblems bounds how many problems a VerifyReport describes; the rest
// are only counted.
const maxProblems = 100

// VerifyReport is the outcome of Store.Examine: what was examined and every
// fault found.
type VerifyReport struct {
	// Path is the archive file.
	Path string `json:"path"`
	// URLs, Versions, Checks and Blobs count the records examined.
	URLs     int `json:"urls"`
	Versions int `json:"versions"`
	Checks   int `json:"checks"`
	Blobs    int `json:"blobs"`
	// Pages and Runs count the crawl's frontier pages and run records.
	Pages int `json:"pages"`
	Runs  int `json:"runs"`
	// Problems describes the first faults found, one sentence each, naming
	// the record (URL and version, or key) and what is wrong with it.
	Problems []string `json:"problems"`
	// Unlisted counts the faults found beyond those in Problems.
	Unlisted int `json:"unlisted"`
}

// OK reports whether no fault was found.
func (r *VerifyReport) OK() bool { return len(r.Problems) == 0 }

// Faults is the number of faults found.
func (r *VerifyReport) Faults() int { return len(r.Problems) + r.Unlisted }

// VerifyError is the error Verify returns for a damaged archive.
type VerifyError struct {
	Report VerifyReport
}

// Error lists the problems, one per line.
func (e *VerifyError) Error() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "verify %s: archive is damaged: %d fault(s)", e.Report.Path, e.Report.Faults())
	for _, p := range e.Report.Problems {
		sb.WriteString("\n  ")
		sb.WriteString(p)
	}
	if e.Report.Unlisted > 0 {
		fmt.Fprintf(&sb, "\n  … and %d more", e.Report.Unlisted)
	}
	return sb.String()
}

// Verify checks the archive as Examine does and returns nil, a *VerifyError
// listing the faults, or the error that stopped it.
func (s *Store) Verify() error {
	r, err := s.Examine()
	if err != nil {
		return err
	}
	if !r.OK() {
		return &VerifyError{Report: r}
	}
	return nil
}

// Examine checks the archive in one transaction: bbolt's own page
// consistency check (tx.Check), then every record: each url record decodes
// and its versions are exactly 1…latest (gapless), each version decodes,
// belongs to its URL, carries its number and points to a blob that exists,
// the latest version's content hash matches the url record, each check
// decodes, belongs to a URL and names a version that exists, and each blob
// decompresses to bytes with its digest. It reads the whole file, so it
// takes time on a large archive; on a read-write Store it holds the write
// lock meanwhile (bbolt's page check is not safe beside a writer), so
// saves wait. The error is for what stopped the check, not for faults,
// which are in the report.
func (s *Store) Examine() (r VerifyReport, err error) {
	r.Path = s.path
	r.Problems = []string{}
	report := func(format string, args ...any) {
		if len(r.Problems) < maxProblems {
			r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
		} else {
			r.Unlisted++
		}
	}
	err = s.checkTx(func(tx *bolt.Tx) {
		// A damaged page can make bbolt panic while reading it; report it
		// as a fault rather than crash.
		defer func() {
			if p := recover(); p != nil {
				report("file structure is damaged: bbolt: %v", p)
			}
		}()
		for err := range tx.Check() {
			report("file structure: bbolt: %v", err)
		}
		b := open(tx)
		s.checkRecords(b, &r, report)
		if b.frontier != nil {
			checkCrawl(b, &r, report)
		}
	})
	if err != nil {
		return r, fmt.Errorf("verify %s: %w", s.path, err)
	}
	return r, nil
}

// checkTx runs fn in a transaction no writer can change under it: a read
// transaction on a read-only Store (no writer can exist), otherwise a write
// transaction that is rolled back.
func (s *Store) checkTx(fn func(*bolt.Tx)) error {
	if s.readOnly {
		return s.view(func(tx *bolt.Tx) error { fn(tx); return nil })
	}
	db, err := s.acquire()
	if err != nil {
		return err
	}
	defer s.release()
	tx, err := db.Begin(true)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	fn(tx)
	return nil
}

// checkRecords does the record checks of Check.
func (s *Store) checkRecords(b buckets, r *VerifyReport, report func(string, ...any)) {
	type urlInfo struct {
		url      string
		rec      urlRecord
		versions int // stored
		last     int // the highest seen
	}
	// Blobs first, so that the versions whose raw capture is damaged can
	// be named.
	damaged := map[string]bool{}
	c := b.blobs.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r.Blobs++
		if len(k) != blobKeyLen {
			report("blob key %x: length %d", k, len(k))
			continue
		}
		if _, err := s.unpackBlob(k, v); err != nil {
			report("%v", err)
			damaged[hex.EncodeToString(k)] = true
		}
	}

	byID := map[uint64]*urlInfo{}
	var inOrder []*urlInfo
	c = b.urls.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r.URLs++
		var rec urlRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			report("url %s: record does not decode: %v", k, err)
			continue
		}
		if prev := byID[rec.ID]; prev != nil {
			report("url %s: id %d also used by %s", k, rec.ID, prev.url)
			continue
		}
		if rec.Latest < 0 {
			report("url %s: latest version %d", k, rec.Latest)
		}
		u := &urlInfo{url: string(k), rec: rec}
		byID[rec.ID] = u
		inOrder = append(inOrder, u)
	}

	var buf []byte
	c = b.versions.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r.Versions++
		id, version, err := parseVersionKey(k)
		if err != nil {
			report("%v", err)
			continue
		}
		u := byID[id]
		if u == nil {
			report("version key %x: no url has id %d", k, id)
			continue
		}
		u.versions++
		switch {
		case version != u.last+1 && u.last == 0:
			report("%s: the first version stored is %d: version numbers have a gap", u.url, version)
		case version != u.last+1:
			report("%s: version %d follows version %d: version numbers have a gap", u.url, version, u.last)
		}
		u.last = version
		var vr versionRecord
		if buf, err = s.decode(v, buf, &vr); err != nil {
			report("%s version %d: record does not decode: %v", u.url, version, err)
			continue
		}
		switch snap := vr.Snapshot; {
		case snap == nil:
			report("%s version %d: record has no snapshot", u.url, version)
		case snap.Version != version || snap.URL != u.url:
			report("%s version %d: record says %s version %d", u.url, version, snap.URL, snap.Version)
		case version == u.rec.Latest && snap.ContentHash != u.rec.ContentHash:
			report("%s version %d: content hash %s, url record has %s", u.url, version, snap.ContentHash, u.rec.ContentHash)
		case snap.RawSHA256 != vr.Capture.RawSHA256:
			report("%s version %d: snapshot names raw %s, capture %s", u.url, version, snap.RawSHA256, vr.Capture.RawSHA256)
		case snap.RawSHA256 != "" && b.blobs.Get(mustHex(snap.RawSHA256)) == nil:
			report("%s version %d: raw blob %s missing", u.url, version, snap.RawSHA256)
		case damaged[snap.RawSHA256]:
			report("%s version %d: raw blob %s is damaged", u.url, version, snap.RawSHA256)
		}
	}
	for _, u := range inOrder {
		if u.versions != u.rec.Latest || u.last != u.rec.Latest {
			report("%s: %d versions stored, url record says %d", u.url, u.versions, u.rec.Latest)
		}
	}

	c = b.checks.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r.Checks++
		if len(k) != checkKeyLen {
			report("check key %x: length %d", k, len(k))
			continue
		}
		u := byID[binary.BigEndian.Uint64(k)]
		if u == nil {
			report("check key %x: no url has its id", k)
			continue
		}
		var ch strata.Check
		if err := json.Unmarshal(v, &ch); err != nil {
			report("%s check key %x: record does not decode: %v", u.url, k, err)
			continue
		}
		switch {
		case ch.Outcome == "":
			report("%s check key %x: no outcome", u.url, k)
		case ch.Version < 0 || ch.Version > u.rec.Latest:
			report("%s check at %s: names version %d, latest is %d", u.url, ch.At.UTC().Format("2006-01-02T15:04:05Z"), ch.Version, u.rec.Latest)
		}
	}

}

// checkCrawl checks the crawl's records: each page decodes, is keyed by
// its site and URL and has exactly its one entry in the due index, every
// due entry belongs to a page, and each run record decodes.
func checkCrawl(b buckets, r *VerifyReport, report func(string, ...any)) {
	c := b.frontier.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r.Pages++
		var p strata.Page
		if err := json.Unmarshal(v, &p); err != nil {
			report("page %q: record does not decode: %v", k, err)
			continue
		}
		switch {
		case !bytes.Equal(k, pageKey(p.Site, p.URL)):
			report("page %q: record says site %q url %s", k, p.Site, p.URL)
		case b.due.Get(dueKey(&p)) == nil:
			report("page %s of site %s: not in the due index", p.URL, p.Site)
		}
	}
	dueN := 0
	c = b.due.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		dueN++
		site, rest, ok := bytes.Cut(k, []byte{0})
		if !ok {
			report("due key %q: no site", k)
			continue
		}
		_, _, url, ok := parseDueKey(rest)
		if !ok {
			report("due key %q: too short", k)
			continue
		}
		v := b.frontier.Get(pageKey(string(site), url))
		var p strata.Page
		if v == nil || json.Unmarshal(v, &p) != nil || !bytes.Equal(dueKey(&p), k) {
			report("due entry of %s (site %s) does not match a page", url, site)
		}
	}
	if dueN != r.Pages {
		report("the due index has %d entries for %d pages", dueN, r.Pages)
	}
	c = b.runs.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r.Runs++
		var run strata.Run
		if err := json.Unmarshal(v, &run); err != nil || len(k) != idLen || run.ID != binary.BigEndian.Uint64(k) {
			report("run key %x: record does not decode or has another id", k)
		}
	}
}

// mustHex decodes a hex digest, or returns a key that matches no blob.
func mustHex(h string) []byte {
	key, err := hex.DecodeString(h)
	if err != nil || len(key) != blobKeyLen {
		return []byte{0}
	}
	return key
}
