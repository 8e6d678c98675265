package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/strata-archive/strata"
)

// DefaultTimeout is how long Open waits for the file lock when
// Options.Timeout is zero.
const DefaultTimeout = time.Second

// formatVersion is the archive format this package writes. Open refuses a
// file with a higher number.
const formatVersion = 1

// maxDecoded bounds what one zstd value may decompress to, so that a damaged
// value cannot make the decoder allocate without limit.
const maxDecoded = 1 << 30

var (
	// ErrNotArchive means the file is not a strata archive: not a bbolt
	// database at all, or one written by another program.
	ErrNotArchive = errors.New("not a strata archive")
	// ErrReadOnly means a write was attempted on a Store opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("archive is open read-only")
)

// Options tune Open.
type Options struct {
	// Timeout is how long to wait for the file lock held by another
	// Store; zero (or less) means DefaultTimeout. Open never waits forever.
	Timeout time.Duration
	// ReadOnly opens the archive with a shared lock and refuses writes. It
	// suits show, versions and export. The file must exist.
	ReadOnly bool
}

// Store is an open archive file. Its methods are safe for concurrent use.
type Store struct {
	path     string
	readOnly bool
	db       *bolt.DB
	enc      *zstd.Encoder
	dec      *zstd.Decoder
}

// Open opens the archive at path, creating it (and its directory) unless
// opts.ReadOnly is set. It fails with an error wrapping strata.ErrLocked
// when another Store holds the file for longer than opts.Timeout, with one
// wrapping strata.ErrNotFound when a read-only open finds no file, and with
// one wrapping ErrNotArchive when the file is something else.
func Open(path string, opts Options) (*Store, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if opts.ReadOnly {
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("no archive at %s: %w", path, strata.ErrNotFound)
		case err != nil:
			return nil, fmt.Errorf("open archive %s: %w", path, err)
		case fi.IsDir():
			return nil, fmt.Errorf("%s is %w: it is a directory", path, ErrNotArchive)
		case fi.Size() == 0:
			return nil, fmt.Errorf("%s is %w: the file is empty", path, ErrNotArchive)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open archive %s: %w", path, err)
	}

	db, err := openReplaced(path, timeout, opts.ReadOnly)
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open archive %s: %w", path, strata.ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, fmt.Errorf("%s is %w: %w", path, ErrNotArchive, err)
	case err != nil:
		return nil, fmt.Errorf("open archive %s: %w", path, err)
	}

	s := &Store{path: path, readOnly: opts.ReadOnly, db: db}
	if err := s.init(); err != nil {
		_ = db.Close()
		return nil, err
	}
	s.enc, err = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault))
	if err == nil {
		s.dec, err = zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxDecoded))
	}
	if err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open archive %s: zstd: %w", path, err)
	}
	return s, nil
}

// openReplaced opens the bbolt file at path, waiting at most timeout for
// its lock. If the file was replaced while Open waited for the lock (Compact
// renames a new file over the old one), the lock it got is on the old,
// unlinked file: it lets go and opens the new one instead, so that nothing
// is ever written to a file that is no longer the archive.
func openReplaced(path string, timeout time.Duration, readOnly bool) (*bolt.DB, error) {
	deadline := time.Now().Add(timeout)
	for {
		var file *os.File
		db, err := bolt.Open(path, 0o600, &bolt.Options{
			Timeout:  timeout,
			ReadOnly: readOnly,
			// Stats reports the free pages, which a read-only open would
			// otherwise not load.
			PreLoadFreelist: true,
			OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
				f, err := os.OpenFile(name, flag, mode)
				file = f
				return f, err
			},
		})
		if err != nil {
			return nil, err
		}
		held, herr := file.Stat()
		now, nerr := os.Stat(path)
		if herr != nil || nerr != nil || os.SameFile(held, now) {
			return db, nil
		}
		_ = db.Close()
		if timeout = time.Until(deadline); timeout <= 0 {
			return nil, berrors.ErrTimeout
		}
	}
}

// init creates the buckets of a new archive and checks the format of an
// existing one.
func (s *Store) init() error {
	check := func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("%s is %w: no %q bucket", s.path, ErrNotArchive, bucketMeta)
		}
		raw := meta.Get(keyFormat)
		n, err := strconv.Atoi(string(raw))
		if err != nil {
			return fmt.Errorf("%s is %w: format %q", s.path, ErrNotArchive, raw)
		}
		if n > formatVersion {
			return fmt.Errorf("archive %s has format %d, newer than the %d this strata reads: upgrade strata", s.path, n, formatVersion)
		}
		for _, name := range dataBuckets {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("archive %s is damaged: no %q bucket", s.path, name)
			}
		}
		return nil
	}
	empty := func(tx *bolt.Tx) bool {
		none := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { none = false; return nil })
		return none
	}
	// An existing archive is only read here, so that opening it writes
	// nothing.
	var isNew bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if isNew = empty(tx); isNew && !s.readOnly {
			return nil
		}
		return check(tx)
	})
	if err != nil || !isNew {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if !empty(tx) {
			return check(tx)
		}
		// A new file (or one whose creation stopped before this step).
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return fmt.Errorf("create archive %s: %w", s.path, err)
		}
		if err := meta.Put(keyFormat, []byte(strconv.Itoa(formatVersion))); err != nil {
			return fmt.Errorf("create archive %s: %w", s.path, err)
		}
		for _, name := range dataBuckets {
			if _, err := tx.CreateBucket(name); err != nil {
				return fmt.Errorf("create archive %s: %w", s.path, err)
			}
		}
		return nil
	})
}

// Path returns the path the Store was opened with.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock. Closing twice is harmless.
func (s *Store) Close() error {
	if s.enc != nil {
		_ = s.enc.Close()
	}
	if s.dec != nil {
		s.dec.Close()
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close archive %s: %w", s.path, err)
	}
	return nil
}
