package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// compactTxSize bounds the bytes copied per transaction by Compact.
const compactTxSize = 64 << 20

// testHookCompact, when set by a test, is called with the path of the
// copy before it is verified.
var testHookCompact func(copyPath string)

// CompactResult says what Compact did.
type CompactResult struct {
	// Before and After are the file sizes in bytes.
	Before, After int64
}

// Compact rewrites the archive at path into a new file holding the same
// records in as few pages as possible, giving back the room that bbolt
// never returns by itself.
//
// It takes the archive's exclusive lock, so it refuses (with an error
// wrapping strata.ErrLocked, after opts.Timeout) while any other Store,
// reader or writer, has the file open, and keeps others out until it is
// done. It copies the records into a temporary file beside path, syncs
// and verifies the copy (Store.Verify, and the same number of records of
// each kind), and only then renames it over path. On any failure path is
// left untouched and the temporary file removed. A strata Open that was
// waiting for the lock meanwhile notices the rename and opens the new
// file. opts.ReadOnly and opts.Shared are ignored.
func Compact(path string, opts Options) (CompactResult, error) {
	var res CompactResult
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // replace the file, not a link to it
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return res, errNoArchive(path)
	case err != nil:
		return res, fmt.Errorf("compact %s: %w", path, err)
	}
	res.Before = fi.Size()

	opts.ReadOnly, opts.Shared = false, false
	src, err := Open(path, opts)
	if err != nil {
		return res, err
	}
	err = replaceFile(path, fi.Mode().Perm(), func(tmp *os.File) error {
		dst, err := bolt.Open(tmp.Name(), fi.Mode().Perm(), &bolt.Options{Timeout: time.Second, NoSync: true})
		if err != nil {
			return fmt.Errorf("open copy: %w", err)
		}
		if err := bolt.Compact(dst, src.db, compactTxSize); err != nil {
			_ = dst.Close()
			return fmt.Errorf("copy records: %w", err)
		}
		// The copy was written without a sync per transaction; one sync
		// now makes all of it durable before it is verified and renamed.
		if err := dst.Sync(); err != nil {
			_ = dst.Close()
			return fmt.Errorf("sync copy: %w", err)
		}
		if err := dst.Close(); err != nil {
			return fmt.Errorf("close copy: %w", err)
		}
		if testHookCompact != nil {
			testHookCompact(tmp.Name())
		}
		if err := verifyFile(tmp.Name()); err != nil {
			return err
		}
		return sameCounts(src, tmp.Name())
	})
	// The lock is held until the new file is in place.
	cerr := src.Close()
	if err != nil {
		return res, fmt.Errorf("compact %s: %w", path, err)
	}
	if cerr != nil {
		return res, cerr
	}
	if fi, err := os.Stat(path); err == nil {
		res.After = fi.Size()
	}
	return res, nil
}

// sameCounts checks that the archive at path has as many keys in each
// bucket as src.
func sameCounts(src *Store, path string) error {
	count := func(db *bolt.DB) (map[string]int, error) {
		n := map[string]int{}
		err := db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				n[string(name)] = b.Stats().KeyN
				return nil
			})
		})
		return n, err
	}
	want, err := count(src.db)
	if err != nil {
		return fmt.Errorf("count records: %w", err)
	}
	c, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("open copy: %w", err)
	}
	defer c.Close()
	got, err := count(c.db)
	if err != nil {
		return fmt.Errorf("count records of copy: %w", err)
	}
	for name, n := range want {
		if got[name] != n {
			return fmt.Errorf("copy has %d records in %s, the archive %d", got[name], name, n)
		}
	}
	if len(got) != len(want) {
		return fmt.Errorf("copy has %d buckets, the archive %d", len(got), len(want))
	}
	return nil
}
