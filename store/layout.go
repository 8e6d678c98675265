package store

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
)

// Bucket names and meta keys; doc.go describes the layout.
var (
	bucketMeta     = []byte("meta")
	bucketURLs     = []byte("urls")
	bucketVersions = []byte("versions")
	bucketChecks   = []byte("checks")
	bucketBlobs    = []byte("blobs")
	bucketFrontier = []byte("frontier")
	bucketDue      = []byte("due")
	bucketRuns     = []byte("runs")

	keyFormat = []byte("format")
)

// bucketsOf returns the data buckets an archive of format n has.
func bucketsOf(n int) [][]byte {
	b := [][]byte{bucketURLs, bucketVersions, bucketChecks, bucketBlobs}
	if n >= 2 {
		b = append(b, bucketFrontier, bucketDue, bucketRuns)
	}
	return b
}

// Key lengths.
const (
	idLen         = 8
	versionKeyLen = idLen + 8
	checkKeyLen   = idLen + 8 + 8
	blobKeyLen    = 32
)

// buckets are the data buckets of one transaction. The crawl buckets
// (frontier, due, runs) are nil in a read-only transaction on an archive
// of format 1, which has not been migrated.
type buckets struct {
	urls, versions, checks, blobs *bolt.Bucket
	frontier, due, runs           *bolt.Bucket
}

// open returns the data buckets of tx; Open has made sure they exist.
func open(tx *bolt.Tx) buckets {
	return buckets{
		urls:     tx.Bucket(bucketURLs),
		versions: tx.Bucket(bucketVersions),
		checks:   tx.Bucket(bucketChecks),
		blobs:    tx.Bucket(bucketBlobs),
		frontier: tx.Bucket(bucketFrontier),
		due:      tx.Bucket(bucketDue),
		runs:     tx.Bucket(bucketRuns),
	}
}

// urlRecord is the value of the urls bucket.
type urlRecord struct {
	// ID prefixes the URL's keys in versions and checks.
	ID uint64 `json:"id"`
	// Latest is the latest version number, 0 while there is none.
	Latest int `json:"latest"`
	// ContentHash and Fingerprint (part → hex digest) describe the latest
	// version, so that Save compares without decoding it.
	ContentHash string            `json:"content_hash,omitempty"`
	Fingerprint map[string]string `json:"fingerprint,omitempty"`
	// LastCheck, LastStatus and LastOutcome describe the latest check.
	LastCheck   time.Time `json:"last_check"`
	LastStatus  int       `json:"last_status"`
	LastOutcome string    `json:"last_outcome"`
}

func (r *urlRecord) fingerprint() strata.Fingerprint {
	fp := make(strata.Fingerprint, len(r.Fingerprint))
	for part, h := range r.Fingerprint {
		var d [32]byte
		if n, err := hex.Decode(d[:], []byte(h)); err == nil && n == len(d) {
			fp[part] = d
		}
	}
	return fp
}

func (r *urlRecord) setFingerprint(fp strata.Fingerprint) {
	r.Fingerprint = make(map[string]string, len(fp))
	for part, d := range fp {
		r.Fingerprint[part] = hex.EncodeToString(d[:])
	}
}

// errNoURL is wrapped by the read methods for a URL the archive never saw.
var errNoURL = fmt.Errorf("no such url: %w", strata.ErrNotFound)

// getURL returns the record of url, or an error wrapping ErrNotFound.
func getURL(b buckets, url string) (urlRecord, error) {
	var rec urlRecord
	v := b.urls.Get([]byte(url))
	if v == nil {
		return rec, errNoURL
	}
	if err := json.Unmarshal(v, &rec); err != nil {
		return rec, fmt.Errorf("decode url record: %w", err)
	}
	return rec, nil
}

// versionRecord is the value of the versions bucket, before compression.
type versionRecord struct {
	Snapshot *strata.Snapshot `json:"snapshot"`
	Capture  captureRecord    `json:"capture"`
	// CommentDelta compares the thread with the previous version's; it is
	// absent (nil) from versions written before strata computed it.
	CommentDelta *strata.CommentDelta `json:"comment_delta,omitempty"`
}

// captureRecord is what a version keeps of its capture; the body is in
// blobs under RawSHA256 ("" when the capture had no body).
type captureRecord struct {
	URL       string      `json:"url"`
	FinalURL  string      `json:"final_url"`
	Status    int         `json:"status"`
	Header    http.Header `json:"header"`
	FetchedAt time.Time   `json:"fetched_at"`
	Truncated bool        `json:"truncated"`
	RawSHA256 string      `json:"raw_sha256"`
	RawSize   int         `json:"raw_size"`
}

// capture returns the capture described by cr, without its body.
func (cr *captureRecord) capture() *strata.Capture {
	return &strata.Capture{
		URL:       cr.URL,
		FinalURL:  cr.FinalURL,
		Status:    cr.Status,
		Header:    cr.Header,
		Truncated: cr.Truncated,
		FetchedAt: cr.FetchedAt,
	}
}

// versionSummary decodes only what VersionInfo needs from a versionRecord;
// comments are counted, not decoded.
type versionSummary struct {
	Snapshot struct {
		Version     int        `json:"version"`
		FetchedAt   time.Time  `json:"fetched_at"`
		Status      int        `json:"status"`
		Changes     []string   `json:"changes"`
		ContentHash string     `json:"content_hash"`
		Title       string     `json:"title"`
		Comments    []struct{} `json:"comments"`
	} `json:"snapshot"`
	CommentDelta *strata.CommentDelta `json:"comment_delta"`
}

func idKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, idLen), id)
}

func versionKey(id uint64, version int) []byte {
	k := make([]byte, 0, versionKeyLen)
	k = binary.BigEndian.AppendUint64(k, id)
	return binary.BigEndian.AppendUint64(k, uint64(version))
}

func parseVersionKey(k []byte) (id uint64, version int, err error) {
	if len(k) != versionKeyLen {
		return 0, 0, fmt.Errorf("version key %x: length %d", k, len(k))
	}
	v := binary.BigEndian.Uint64(k[idLen:])
	if v == 0 || v > math.MaxInt32 {
		return 0, 0, fmt.Errorf("version key %x: version %d", k, v)
	}
	return binary.BigEndian.Uint64(k), int(v), nil
}

func checkKey(id uint64, at time.Time, seq uint64) []byte {
	k := make([]byte, 0, checkKeyLen)
	k = binary.BigEndian.AppendUint64(k, id)
	k = binary.BigEndian.AppendUint64(k, sortableNanos(at))
	return binary.BigEndian.AppendUint64(k, seq)
}

// sortableNanos maps at to Unix nanoseconds with the sign bit flipped, so
// that big-endian byte order is time order, before 1970 included. Times
// beyond what int64 nanoseconds hold (years before 1678 or after 2261) are
// clamped.
func sortableNanos(at time.Time) uint64 {
	var n int64
	switch sec := at.Unix(); {
	case sec <= math.MinInt64/int64(time.Second):
		n = math.MinInt64
	case sec >= math.MaxInt64/int64(time.Second):
		n = math.MaxInt64
	default:
		n = at.UnixNano()
	}
	return uint64(n) ^ (1 << 63)
}

// errDamaged marks records that are missing or cannot be decoded.
var errDamaged = errors.New("archive is damaged")

// nonNil returns s, or an empty slice when s is nil.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// normalize makes the lists of a snapshot read back empty rather than nil.
func normalize(s *strata.Snapshot) {
	s.Authors = nonNil(s.Authors)
	s.Categories = nonNil(s.Categories)
	s.Tags = nonNil(s.Tags)
	s.Comments = nonNil(s.Comments)
	s.Changes = nonNil(s.Changes)
}
