package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole archive file to w and
// returns the number of bytes written. It runs in one read transaction, so
// other goroutines may keep saving meanwhile: the copy holds the archive as
// it was when Backup began. The copy is a complete archive file that Open
// accepts.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) (err error) {
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("backup %s: %w", s.path, err)
	}
	return n, nil
}

// BackupOptions tune BackupFile.
type BackupOptions struct {
	// NoVerify skips opening and verifying the copy before it is renamed
	// into place.
	NoVerify bool
}

// BackupFile writes a consistent copy of the archive (see Backup) to path,
// atomically: into a temporary file beside path that is synced, verified
// (Store.Verify) and only then renamed over path. On any failure path is
// left as it was and the temporary file removed. path must not be the
// archive itself. It returns the size of the copy.
func (s *Store) BackupFile(path string, opts BackupOptions) (n int64, err error) {
	if same, err := samePath(path, s.path); err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	} else if same {
		return 0, fmt.Errorf("backup to %s: that is the archive itself", path)
	}
	err = replaceFile(path, 0o600, func(tmp *os.File) error {
		var err error
		if n, err = s.Backup(tmp); err != nil {
			return err
		}
		if err := tmp.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", tmp.Name(), err)
		}
		if opts.NoVerify {
			return nil
		}
		return verifyFile(tmp.Name())
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// verifyFile opens the archive at path read-only and verifies it.
func verifyFile(path string) error {
	c, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("open copy: %w", err)
	}
	verr := c.Verify()
	if err := c.Close(); verr == nil && err != nil {
		verr = err
	}
	if verr != nil {
		return fmt.Errorf("copy fails verification: %w", verr)
	}
	return nil
}

// replaceFile creates a temporary file beside path, lets fill write it,
// then closes it, gives it mode, renames it over path and syncs the
// directory. On any failure the temporary file is removed and path left
// as it was.
func replaceFile(path string, mode os.FileMode, fill func(tmp *os.File) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename into %s: %w", path, err)
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// samePath reports whether a and b name the same file: the same path once
// cleaned and made absolute, or the same existing file.
func samePath(a, b string) (bool, error) {
	absA, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	absB, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	if absA == absB {
		return true, nil
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb), nil
}
