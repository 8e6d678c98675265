package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/strata-archive/strata"
)

// DefaultTimeout is how long Open waits for the file lock when
// Options.Timeout is zero.
const DefaultTimeout = time.Second

// DefaultReadTimeout is how long readers should wait for the file lock:
// long enough to wait out a commit of a Shared writer.
const DefaultReadTimeout = 5 * time.Second

// DefaultSharedTimeout is how long a Shared Store waits for the file lock
// for each transaction when Options.Timeout is zero: long enough to wait
// out a reader such as an export.
const DefaultSharedTimeout = 2 * time.Minute

// formatVersion is the archive format this package writes. Open refuses a
// file with a higher number and migrates one with a lower number in place.
//
//	1  urls, versions, checks, blobs
//	2  adds frontier, due and runs (crawls)
const formatVersion = 2

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
	// Shared holds the file only for the length of each transaction:
	// every method opens the bbolt file, runs its transaction and closes
	// it again (calls that overlap within the process share one opening).
	// Between transactions other processes, readers included, may open
	// the archive. Timeout then bounds each transaction's wait for the
	// lock (DefaultSharedTimeout when zero). It suits long writers:
	// archive and crawl. It is ignored with ReadOnly.
	Shared bool
}

// Store is an open archive file. Its methods are safe for concurrent use.
type Store struct {
	path     string
	readOnly bool
	shared   bool
	timeout  time.Duration
	enc      *zstd.Encoder
	dec      *zstd.Decoder
	// scratch holds *[]byte buffers for encoding records and compressing
	// values, so that what is stored is allocated at its final size.
	scratch sync.Pool

	mu     sync.Mutex
	db     *bolt.DB // nil between the transactions of a Shared Store
	users  int      // transactions running on db (Shared)
	closed bool
	opens  int // bbolt opens made (Shared), for tests and benchmarks

	chunk int // bytes a Walk reads in one transaction (walkChunk)
}

// walkChunk is about how many bytes of versions and raw pages a Walk reads
// in one read transaction before it maps the file afresh.
const walkChunk = 4 << 20

// Open opens the archive at path, creating it (and its directory) unless
// opts.ReadOnly is set. It fails with an error wrapping strata.ErrLocked
// when another Store holds the file for longer than opts.Timeout, with one
// wrapping strata.ErrNotFound when a read-only open finds no file, and with
// one wrapping ErrNotArchive when the file is something else.
func Open(path string, opts Options) (*Store, error) {
	shared := opts.Shared && !opts.ReadOnly
	timeout := opts.Timeout
	switch {
	case timeout > 0:
	case shared:
		timeout = DefaultSharedTimeout
	default:
		timeout = DefaultTimeout
	}
	if opts.ReadOnly {
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, errNoArchive(path)
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

	s := &Store{path: path, readOnly: opts.ReadOnly, shared: shared, timeout: timeout, chunk: walkChunk}
	db, err := s.openDB()
	if err != nil {
		return nil, err
	}
	s.db = db
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
	if shared {
		// Let go of the file until the first transaction.
		s.db = nil
		if err := db.Close(); err != nil {
			return nil, fmt.Errorf("open archive %s: %w", s.path, err)
		}
	}
	return s, nil
}

// openDB opens the bbolt file, mapping its errors to the package's.
func (s *Store) openDB() (*bolt.DB, error) {
	db, err := openReplaced(s.path, s.timeout, s.readOnly)
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open archive %s: %w", s.path, strata.ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, fmt.Errorf("%s is %w: %w", s.path, ErrNotArchive, err)
	case err != nil:
		return nil, fmt.Errorf("open archive %s: %w", s.path, err)
	}
	s.opens++
	return db, nil
}

// errClosed is returned by the methods of a closed Store.
var errClosed = errors.New("archive is closed")

// acquire returns the open bbolt file, opening it first for a Shared Store
// with no transaction running. Every successful acquire must be matched by
// a release.
func (s *Store) acquire() (*bolt.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("%s: %w", s.path, errClosed)
	}
	if s.db == nil {
		db, err := s.openDB()
		if err != nil {
			return nil, err
		}
		s.db = db
	}
	s.users++
	return s.db, nil
}

// release ends a use of the file begun by acquire; a Shared Store closes
// it when no transaction is left.
func (s *Store) release() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users--
	if !s.shared || s.users > 0 || s.db == nil {
		return nil
	}
	db := s.db
	s.db = nil
	if err := db.Close(); err != nil {
		return fmt.Errorf("close archive %s: %w", s.path, err)
	}
	return nil
}

// view runs fn in a read transaction.
func (s *Store) view(fn func(*bolt.Tx) error) error { return s.inTx((*bolt.DB).View, fn) }

// update runs fn in a write transaction; a Shared Store has the file
// closed, so the commit released, when update returns.
func (s *Store) update(fn func(*bolt.Tx) error) error { return s.inTx((*bolt.DB).Update, fn) }

// inTx runs fn through run (the View or Update of the open bbolt file),
// holding the file for as long.
func (s *Store) inTx(run func(*bolt.DB, func(*bolt.Tx) error) error, fn func(*bolt.Tx) error) error {
	db, err := s.acquire()
	if err != nil {
		return err
	}
	err = run(db, fn)
	if rerr := s.release(); err == nil {
		err = rerr
	}
	return err
}

// remap closes and reopens the bbolt file of a read-only Store that no
// transaction uses, which unmaps the pages read so far. Other Stores keep
// the file as it is: a Shared one already closes it after each
// transaction, and a writer must not let go of its lock.
func (s *Store) remap() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.readOnly || s.shared || s.users > 0 || s.db == nil || s.closed {
		return nil
	}
	db := s.db
	s.db = nil
	if err := db.Close(); err != nil {
		return fmt.Errorf("close archive %s: %w", s.path, err)
	}
	db, err := s.openDB()
	if err != nil {
		return err
	}
	s.db = db
	return nil
}

// Opens returns how many times the bbolt file was opened: once for a
// Store that is not Shared, once per transaction (or overlapping group of
// them) for a Shared one.
func (s *Store) Opens() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opens
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

// init creates the buckets of a new archive, checks the format of an
// existing one and migrates an older format in place (read-write only).
func (s *Store) init() error {
	format := 0
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
		format = n
		for _, name := range bucketsOf(n) {
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
	if err != nil {
		return err
	}
	if !isNew {
		if format < formatVersion && !s.readOnly {
			return s.migrate()
		}
		return nil
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
		for _, name := range bucketsOf(formatVersion) {
			if _, err := tx.CreateBucket(name); err != nil {
				return fmt.Errorf("create archive %s: %w", s.path, err)
			}
		}
		return nil
	})
}

// migrate brings an archive of an older format to formatVersion in one
// transaction: it adds the buckets of the newer formats and records the
// number. Nothing is rewritten, so a crash leaves the old format intact.
func (s *Store) migrate() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		n, err := strconv.Atoi(string(meta.Get(keyFormat)))
		if err != nil || n >= formatVersion {
			return err
		}
		for _, name := range bucketsOf(formatVersion) {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("migrate archive %s to format %d: %w", s.path, formatVersion, err)
			}
		}
		if err := meta.Put(keyFormat, []byte(strconv.Itoa(formatVersion))); err != nil {
			return fmt.Errorf("migrate archive %s to format %d: %w", s.path, formatVersion, err)
		}
		return nil
	})
}

// Path returns the path the Store was opened with.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock. Closing twice is harmless. It must
// not be called while other methods of the Store run.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.enc != nil {
		_ = s.enc.Close()
	}
	if s.dec != nil {
		s.dec.Close()
	}
	if s.db == nil {
		return nil
	}
	db := s.db
	s.db = nil
	if err := db.Close(); err != nil {
		return fmt.Errorf("close archive %s: %w", s.path, err)
	}
	return nil
}

// errNoArchive says that there is no archive file at path; it wraps
// strata.ErrNotFound.
func errNoArchive(path string) error {
	return fmt.Errorf("no archive at %s (%w)", path, strata.ErrNotFound)
}
