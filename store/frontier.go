package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
)

// A Store is a strata.Frontier.
var _ strata.Frontier = (*Store)(nil)

// errNoCrawl is wrapped when a read-only Store reads the crawl state of an
// archive of format 1, which has none.
var errNoCrawl = errors.New("archive has no crawl state")

// pageKey is the key of a page in the frontier bucket: site ‖ 0 ‖ url.
func pageKey(site, url string) []byte {
	k := make([]byte, 0, len(site)+1+len(url))
	k = append(k, site...)
	k = append(k, 0)
	return append(k, url...)
}

// siteKey is the prefix of a site's keys in the frontier and due buckets.
func siteKey(site string) []byte { return append([]byte(site), 0) }

// dueKey is the key of a page in the due bucket: site ‖ 0 ‖ priority(1) ‖
// next due(8, sortable) ‖ url. The bucket orders a site's pages as
// DuePages returns them.
func dueKey(p *strata.Page) []byte {
	k := make([]byte, 0, len(p.Site)+1+1+8+len(p.URL))
	k = append(k, p.Site...)
	k = append(k, 0, priorityByte(p.Priority))
	k = binary.BigEndian.AppendUint64(k, sortableNanos(p.NextDue))
	return append(k, p.URL...)
}

// priorityByte clamps a priority to the byte kept in due keys.
func priorityByte(p int) byte { return byte(min(max(p, 0), 255)) }

// parseDueKey splits the part of a due key after the site prefix.
func parseDueKey(rest []byte) (prio byte, due uint64, url string, ok bool) {
	if len(rest) < 1+8+1 {
		return 0, 0, "", false
	}
	return rest[0], binary.BigEndian.Uint64(rest[1:9]), string(rest[9:]), true
}

// checkPage refuses a page the frontier cannot key.
func checkPage(p *strata.Page) error {
	switch {
	case p.Site == "" || strings.IndexByte(p.Site, 0) >= 0:
		return fmt.Errorf("page %s: bad site name %q", p.URL, p.Site)
	case p.URL == "":
		return fmt.Errorf("page of site %s: no url", p.Site)
	}
	return nil
}

// getPage decodes the stored page under key; ok is false when there is
// none.
func getPage(b buckets, key []byte) (p strata.Page, ok bool, err error) {
	v := b.frontier.Get(key)
	if v == nil {
		return p, false, nil
	}
	if err := json.Unmarshal(v, &p); err != nil {
		return p, false, fmt.Errorf("page %q: %w: %w", key, errDamaged, err)
	}
	return p, true, nil
}

// putPage stores p and its due entry, replacing old's (nil for a new page).
func putPage(b buckets, old *strata.Page, p *strata.Page) error {
	if b.frontier == nil {
		return fmt.Errorf("put page: %w", errNoCrawl)
	}
	if err := checkPage(p); err != nil {
		return err
	}
	p.DiscoveredAt = p.DiscoveredAt.UTC()
	p.NextDue = p.NextDue.UTC()
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode page %s: %w", p.URL, err)
	}
	if old != nil {
		if err := b.due.Delete(dueKey(old)); err != nil {
			return fmt.Errorf("put page %s: %w", p.URL, err)
		}
	}
	if err := b.frontier.Put(pageKey(p.Site, p.URL), data); err != nil {
		return fmt.Errorf("put page %s: %w", p.URL, err)
	}
	if err := b.due.Put(dueKey(p), nil); err != nil {
		return fmt.Errorf("put page %s: %w", p.URL, err)
	}
	return nil
}

// addPage stores p unless the frontier has it; then merge may update the
// stored page. It reports whether p was new.
func addPage(b buckets, p strata.Page, merge func(*strata.Page, strata.Page) bool) (bool, error) {
	if err := checkPage(&p); err != nil {
		return false, err
	}
	old, ok, err := getPage(b, pageKey(p.Site, p.URL))
	if err != nil {
		return false, err
	}
	if !ok {
		return true, putPage(b, nil, &p)
	}
	if merge == nil {
		return false, nil
	}
	up := old
	if !merge(&up, p) {
		return false, nil
	}
	up.Site, up.URL = old.Site, old.URL
	return false, putPage(b, &old, &up)
}

// AddPages adds to the frontier the pages it does not hold, in one
// transaction. For a page it holds, merge (if not nil) gets the stored
// page and the one found, may change the stored one and returns true to
// keep the change. It returns how many pages were added.
func (s *Store) AddPages(pages []strata.Page, merge func(stored *strata.Page, found strata.Page) bool) (int, error) {
	if s.readOnly {
		return 0, fmt.Errorf("add pages: %w", ErrReadOnly)
	}
	added := 0
	err := s.update(func(tx *bolt.Tx) error {
		b := open(tx)
		added = 0
		for _, p := range pages {
			isNew, err := addPage(b, p, merge)
			if err != nil {
				return err
			}
			if isNew {
				added++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("add pages: %w", err)
	}
	return added, nil
}

// Page returns the frontier's state of url in site; ok is false when the
// frontier does not hold it.
func (s *Store) Page(site, url string) (p strata.Page, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		b := open(tx)
		if b.frontier == nil {
			return nil
		}
		p, ok, err = getPage(b, pageKey(site, url))
		return err
	})
	if err != nil {
		return p, false, fmt.Errorf("page %s: %w", url, err)
	}
	return p, ok, nil
}

// DuePages returns up to limit pages of site whose NextDue is not after
// cutoff, by priority (lower first) and then NextDue (earlier first),
// starting after the cursor after ("" for the first call), and the cursor
// to pass next. It seeks the due index rather than scanning the site's
// pages: within each priority it stops at the first page not yet due.
func (s *Store) DuePages(site string, cutoff time.Time, after string, limit int) ([]strata.Page, string, error) {
	var pages []strata.Page
	next := after
	limitKey := sortableNanos(cutoff)
	err := s.view(func(tx *bolt.Tx) error {
		b := open(tx)
		if b.due == nil {
			return nil
		}
		prefix := siteKey(site)
		c := b.due.Cursor()
		var k []byte
		if after == "" {
			k, _ = c.Seek(prefix)
		} else if k, _ = c.Seek([]byte(after)); bytes.Equal(k, []byte(after)) {
			k, _ = c.Next()
		}
		return eachDue(c, prefix, k, limitKey, func(k []byte, url string) (bool, error) {
			if len(pages) >= limit {
				return false, nil
			}
			p, ok, err := getPage(b, pageKey(site, url))
			if err != nil {
				return false, err
			}
			if !ok {
				return false, fmt.Errorf("due key %q: no page: %w", k, errDamaged)
			}
			pages = append(pages, p)
			next = string(k)
			return true, nil
		})
	})
	if err != nil {
		return nil, after, fmt.Errorf("due pages of %s: %w", site, err)
	}
	return pages, next, nil
}

// eachDue calls fn with the due keys under prefix from k on (k as the
// cursor c last returned it) whose due time is at most limitKey, in key
// order: within a priority it stops at the first key not yet due and seeks
// the next priority. fn returns false to stop.
func eachDue(c *bolt.Cursor, prefix, k []byte, limitKey uint64, fn func(k []byte, url string) (bool, error)) error {
	for k != nil && bytes.HasPrefix(k, prefix) {
		prio, due, url, ok := parseDueKey(k[len(prefix):])
		if !ok {
			return fmt.Errorf("due key %q: %w", k, errDamaged)
		}
		if due > limitKey {
			if prio == 255 {
				return nil
			}
			k, _ = c.Seek(append(append([]byte(nil), prefix...), prio+1))
			continue
		}
		if more, err := fn(k, url); err != nil || !more {
			return err
		}
		k, _ = c.Next()
	}
	return nil
}

// CountDue counts the pages of site that DuePages returns for cutoff.
func (s *Store) CountDue(site string, cutoff time.Time) (int, error) {
	n := 0
	limitKey := sortableNanos(cutoff)
	err := s.view(func(tx *bolt.Tx) error {
		b := open(tx)
		if b.due == nil {
			return nil
		}
		prefix := siteKey(site)
		c := b.due.Cursor()
		first, _ := c.Seek(prefix)
		return eachDue(c, prefix, first, limitKey, func([]byte, string) (bool, error) {
			n++
			return true, nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("count due pages of %s: %w", site, err)
	}
	return n, nil
}

// Commit records visits and run's record in one transaction, so that a
// crash keeps all of them or none, and returns the check recorded for each
// visit (zero for a visit that records none).
//
// For each visit, in order: a Snapshot is saved as Save saves it (a new
// version or an unchanged check); otherwise a Check is recorded as it is
// (it must not be strata.OutcomeNew; its Version is set to the latest);
// then the page's state replaces the stored one and the pages found are
// added when new. The run (if not nil) counts each visit by the outcome of
// its check, else by Visit.Outcome, and the pages added; its record is
// written with Updated set, and run is changed only if the commit
// succeeds. Snapshots that became new versions are updated as Save
// updates them.
func (s *Store) Commit(run *strata.Run, visits []strata.Visit) ([]strata.Check, error) {
	if s.readOnly {
		return nil, fmt.Errorf("commit: %w", ErrReadOnly)
	}
	pending := make([]*pendingSave, len(visits))
	for i, v := range visits {
		if v.Snapshot == nil {
			continue
		}
		pending[i] = new(pendingSave)
		if err := pending[i].prepare(v.Snapshot, v.Capture, false); err != nil {
			return nil, fmt.Errorf("commit: %w", err)
		}
	}
	checks := make([]strata.Check, len(visits))
	var r *strata.Run
	err := s.update(func(tx *bolt.Tx) error {
		b := open(tx)
		if b.frontier == nil {
			return errNoCrawl
		}
		if run != nil {
			r = run.Clone()
		}
		for i, v := range visits {
			outcome := v.Outcome
			var err error
			switch {
			case pending[i] != nil:
				checks[i], err = s.save(b, pending[i])
				outcome = checks[i].Outcome
			case v.Check != nil:
				checks[i], err = recordCheck(b, v.Page.URL, *v.Check)
				outcome = checks[i].Outcome
			}
			if err != nil {
				return fmt.Errorf("%s: %w", v.Page.URL, err)
			}
			page := v.Page
			if err := checkPage(&page); err != nil {
				return err
			}
			old, ok, err := getPage(b, pageKey(page.Site, page.URL))
			if err != nil {
				return err
			}
			var prev *strata.Page
			if ok {
				prev = &old
			}
			if err := putPage(b, prev, &page); err != nil {
				return err
			}
			for _, f := range v.Found {
				added, err := addPage(b, f, nil)
				if err != nil {
					return err
				}
				if added && r != nil {
					r.Discovered++
				}
			}
			if r != nil && outcome != "" {
				r.Count(outcome, v.Reason)
			}
		}
		if r == nil {
			return nil
		}
		r.Updated = time.Now().UTC().Round(0)
		return putRun(b, r)
	})
	if err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	if run != nil {
		*run = *r
	}
	for i, p := range pending {
		if p != nil && checks[i].Outcome == strata.OutcomeNew {
			*visits[i].Snapshot = p.next
		}
	}
	return checks, nil
}

// putRun writes run, numbering it if it has no ID yet.
func putRun(b buckets, run *strata.Run) error {
	if run.ID == 0 {
		id, err := b.runs.NextSequence()
		if err != nil {
			return fmt.Errorf("number run: %w", err)
		}
		run.ID = id
	}
	data, err := json.Marshal(run)
	if err != nil {
		return fmt.Errorf("encode run %d: %w", run.ID, err)
	}
	if err := b.runs.Put(idKey(run.ID), data); err != nil {
		return fmt.Errorf("put run %d: %w", run.ID, err)
	}
	return nil
}

// PutRun writes a run record, numbering it first (setting run.ID) if its
// ID is 0.
func (s *Store) PutRun(run *strata.Run) error {
	if s.readOnly {
		return fmt.Errorf("put run: %w", ErrReadOnly)
	}
	r := run.Clone()
	err := s.update(func(tx *bolt.Tx) error {
		b := open(tx)
		if b.runs == nil {
			return errNoCrawl
		}
		r.ID = run.ID
		return putRun(b, r)
	})
	if err != nil {
		return fmt.Errorf("put run: %w", err)
	}
	run.ID = r.ID
	return nil
}

// RunsOptions select the runs Runs returns.
type RunsOptions struct {
	// Site keeps the runs of one site; empty keeps all.
	Site string
	// Limit is the most runs returned; 0 means all.
	Limit int
}

// Runs returns the run records, newest first.
func (s *Store) Runs(opts RunsOptions) ([]strata.Run, error) {
	runs := []strata.Run{}
	err := s.view(func(tx *bolt.Tx) error {
		b := open(tx)
		if b.runs == nil {
			return nil
		}
		c := b.runs.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r strata.Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run key %x: %w: %w", k, errDamaged, err)
			}
			if opts.Site != "" && r.Site != opts.Site {
				continue
			}
			runs = append(runs, r)
			if opts.Limit > 0 && len(runs) == opts.Limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("runs: %w", err)
	}
	return runs, nil
}

// MarkDied sets the status of every run still marked running to
// strata.RunDied and returns how many there were. Call it only while
// holding the crawl lock, when no other crawl can be running.
func (s *Store) MarkDied() (int, error) {
	if s.readOnly {
		return 0, fmt.Errorf("mark died runs: %w", ErrReadOnly)
	}
	var died []strata.Run
	find := func(tx *bolt.Tx) error {
		died = died[:0]
		c := open(tx).runs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var r strata.Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run key %x: %w: %w", k, errDamaged, err)
			}
			if r.Status == strata.RunRunning {
				r.Status = strata.RunDied
				died = append(died, r)
			}
		}
		return nil
	}
	// Look first, so that the common case writes nothing.
	err := s.view(find)
	if err == nil && len(died) > 0 {
		err = s.update(func(tx *bolt.Tx) error {
			if err := find(tx); err != nil {
				return err
			}
			// Written after the walk: a cursor does not survive changes.
			for i := range died {
				if err := putRun(open(tx), &died[i]); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return 0, fmt.Errorf("mark died runs: %w", err)
	}
	return len(died), nil
}
