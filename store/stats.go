package store

import (
	"fmt"
	"os"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
)

// Stats counts what an archive holds and how much room it takes.
type Stats struct {
	// URLs counts the URLs with at least one check; URLsWithVersions
	// those with at least one version.
	URLs             int `json:"urls"`
	URLsWithVersions int `json:"urls_with_versions"`
	// Versions, Checks and Blobs count the stored records of each kind.
	// Blobs are the distinct raw captures.
	Versions int `json:"versions"`
	Checks   int `json:"checks"`
	Blobs    int `json:"blobs"`
	// Comments counts the comments of the latest version of each URL;
	// CommentsAllVersions counts them over every version.
	Comments            int `json:"comments"`
	CommentsAllVersions int `json:"comments_all_versions"`

	// Bytes holds the bytes of keys and values stored, by kind: "urls",
	// "versions", "checks" and "blobs" (as stored, compressed).
	Bytes map[string]int64 `json:"bytes"`
	// BlobBytes is the compressed size of all blobs; RawBytes their size
	// uncompressed; RawBytesReferenced the raw size behind every version,
	// counting shared captures once per version.
	BlobBytes          int64 `json:"blob_bytes"`
	RawBytes           int64 `json:"raw_bytes"`
	RawBytesReferenced int64 `json:"raw_bytes_referenced"`
	// VersionBytes is the compressed size of the version records;
	// VersionJSONBytes their size uncompressed.
	VersionBytes     int64 `json:"version_bytes"`
	VersionJSONBytes int64 `json:"version_json_bytes"`

	// Size is the part of the file in use, in bytes (bbolt's high-water
	// mark); FileSize is the size of the file on disk; FreeBytes the bytes
	// of the file that hold nothing (free pages and room past the
	// high-water mark), which compact gives back.
	Size      int64 `json:"size"`
	FileSize  int64 `json:"file_size"`
	FreeBytes int64 `json:"free_bytes"`
}

// DedupeRatio is the raw bytes behind all versions over the raw bytes
// stored: how much storing each distinct capture once saves (1 when
// nothing is shared). It is 0 for an archive without raw captures.
func (st Stats) DedupeRatio() float64 { return ratio(st.RawBytesReferenced, st.RawBytes) }

// BlobCompressionRatio is the uncompressed over the compressed size of
// the raw captures.
func (st Stats) BlobCompressionRatio() float64 { return ratio(st.RawBytes, st.BlobBytes) }

// VersionCompressionRatio is the uncompressed over the compressed size of
// the version records.
func (st Stats) VersionCompressionRatio() float64 {
	return ratio(st.VersionJSONBytes, st.VersionBytes)
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// statsRecord decodes what Stats needs of a versionRecord.
type statsRecord struct {
	Snapshot struct {
		Comments []struct{} `json:"comments"`
	} `json:"snapshot"`
	Capture struct {
		RawSize int64 `json:"raw_size"`
	} `json:"capture"`
}

// Stats counts the records of the archive in one read transaction. It
// decompresses every version record (not the raw captures), so it takes
// time on a large archive.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Bytes: map[string]int64{}}
	err := s.view(func(tx *bolt.Tx) error {
		b := open(tx)
		for _, kind := range []struct {
			name string
			b    *bolt.Bucket
		}{{"urls", b.urls}, {"versions", b.versions}, {"checks", b.checks}, {"blobs", b.blobs}} {
			var n int64
			c := kind.b.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				n += int64(len(k) + len(v))
			}
			st.Bytes[kind.name] = n
		}
		st.URLs = b.urls.Stats().KeyN
		st.Checks = b.checks.Stats().KeyN

		var buf []byte
		c := b.versions.Cursor()
		var lastID []byte
		var lastComments int
		for k, v := c.First(); k != nil; k, v = c.Next() {
			st.Versions++
			var rec statsRecord
			var err error
			if buf, err = s.decode(v, buf, &rec); err != nil {
				return fmt.Errorf("version key %x: %w", k, err)
			}
			st.VersionBytes += int64(len(v))
			st.VersionJSONBytes += int64(len(buf))
			st.RawBytesReferenced += rec.Capture.RawSize
			n := len(rec.Snapshot.Comments)
			st.CommentsAllVersions += n
			// Keys are id ‖ version: the last key of an id is its latest.
			if lastID != nil && string(k[:idLen]) != string(lastID) {
				st.URLsWithVersions++
				st.Comments += lastComments
			}
			lastID = append(lastID[:0], k[:idLen]...)
			lastComments = n
		}
		if lastID != nil {
			st.URLsWithVersions++
			st.Comments += lastComments
		}

		c = b.blobs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			st.Blobs++
			st.BlobBytes += int64(len(v))
			n, err := s.rawSize(k, v)
			if err != nil {
				return err
			}
			st.RawBytes += n
		}

		st.Size = tx.Size()
		free := tx.DB().Stats()
		st.FreeBytes = int64(free.FreePageN+free.PendingPageN) * int64(tx.DB().Info().PageSize)
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats %s: %w", s.path, err)
	}
	if fi, err := os.Stat(s.path); err == nil {
		st.FileSize = fi.Size()
		if st.FileSize > st.Size {
			st.FreeBytes += st.FileSize - st.Size
		}
	}
	return st, nil
}

// rawSize returns the uncompressed size of a blob: from its zstd frame
// header when that records it, otherwise by decompressing it.
func (s *Store) rawSize(key, data []byte) (int64, error) {
	var h zstd.Header
	if err := h.Decode(data); err == nil && h.HasFCS && !h.Skippable {
		return int64(h.FrameContentSize), nil
	}
	raw, err := s.unpackBlob(key, data)
	if err != nil {
		return 0, err
	}
	return int64(len(raw)), nil
}
