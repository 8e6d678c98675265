package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// URLInfo summarises one archived URL from its small index record, without
// decoding any version.
type URLInfo struct {
	URL string
	// Latest is the latest version number, 0 while the URL has only
	// failed checks.
	Latest int
	// ContentHash is the content hash of the latest version.
	ContentHash string
	// LastCheck, LastStatus and LastOutcome describe the latest check.
	LastCheck   time.Time
	LastStatus  int
	LastOutcome string
}

// URLsOptions selects the URLs that Store.URLs lists.
type URLsOptions struct {
	// Prefix keeps only URLs starting with it.
	Prefix string
	// From starts the listing at this URL (inclusive), for paging.
	From string
}

// URLs calls fn for each archived URL in URL order, reading only the URL
// index: cheap enough to poll on large archives. An error from fn stops the
// walk and is returned as it is.
func (s *Store) URLs(opts URLsOptions, fn func(URLInfo) error) error {
	var fnErr error
	err := s.view(func(tx *bolt.Tx) error {
		c := open(tx).urls.Cursor()
		start := []byte(max(opts.Prefix, opts.From))
		prefix := []byte(opts.Prefix)
		for k, v := c.Seek(start); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var rec urlRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("url record %q: %w", k, err)
			}
			info := URLInfo{
				URL: string(k), Latest: rec.Latest, ContentHash: rec.ContentHash,
				LastCheck: rec.LastCheck, LastStatus: rec.LastStatus, LastOutcome: rec.LastOutcome,
			}
			if err := fn(info); err != nil {
				fnErr = err
				return err
			}
		}
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("list urls: %w", err)
	}
	return nil
}
