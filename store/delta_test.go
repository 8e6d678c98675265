package store_test

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// TestCommentDeltas saves a thread through additions, edits, removals and
// an incomplete capture, and checks the delta kept with each version.
func TestCommentDeltas(t *testing.T) {
	s := newStore(t)
	snap := testSnapshot(testURL) // comments 1 and 2, complete
	steps := []struct {
		name string
		edit func(*strata.Snapshot)
		want strata.CommentDelta
	}{
		{"first version", nil, strata.CommentDelta{Added: 2}},
		{"one added", func(s *strata.Snapshot) {
			s.Comments = append(s.Comments, strata.Comment{ID: "3", Author: "Dee", Text: "Third", Type: strata.CommentTypeComment})
		}, strata.CommentDelta{Added: 1, PrevComplete: true}},
		{"one edited, one removed", func(s *strata.Snapshot) {
			s.Comments[0].Text = "First! (edited)"
			s.Comments = s.Comments[:2]
		}, strata.CommentDelta{Edited: 1, Removed: 1, PrevComplete: true}},
		{"incomplete thread misses one", func(s *strata.Snapshot) {
			s.CommentsComplete = false
			s.Comments = s.Comments[:1]
		}, strata.CommentDelta{NotSeen: 1, PrevComplete: true}},
		{"complete again, with a new one", func(s *strata.Snapshot) {
			s.CommentsComplete = true
			s.Comments = append(s.Comments, strata.Comment{ID: "2", ParentID: "1", Author: "Cy", Text: "Reply"},
				strata.Comment{ID: "5", Author: "Eve", Text: "Fifth"})
		}, strata.CommentDelta{Added: 2}},
		{"body only", func(s *strata.Snapshot) { s.BodyText += "\n\nMore." }, strata.CommentDelta{PrevComplete: true}},
	}
	for i, step := range steps {
		if step.edit != nil {
			step.edit(snap)
		}
		snap.FetchedAt = t0.Add(time.Duration(i) * time.Hour)
		if check := mustSave(t, s, snap, []byte("raw")); check.Outcome != strata.OutcomeNew {
			t.Fatalf("step %q: %s", step.name, check.Outcome)
		}
	}
	infos, err := s.Versions(testURL)
	if err != nil {
		t.Fatal(err)
	}
	for i, info := range infos {
		if info.CommentDelta == nil || *info.CommentDelta != steps[i].want {
			t.Errorf("version %d (%s): delta %+v, want %+v", info.Version, steps[i].name, info.CommentDelta, steps[i].want)
		}
	}
	var walked []*strata.CommentDelta
	err = s.Walk(store.WalkOptions{AllVersions: true}, func(v *store.Version) error {
		walked = append(walked, v.CommentDelta)
		return nil
	})
	if err != nil || len(walked) != len(steps) || *walked[2] != steps[2].want {
		t.Errorf("Walk deltas: %v, %v", walked, err)
	}
}

// TestFormat1WithoutDeltas rewrites the version records of an archive as
// strata wrote them before comment deltas existed and checks that they
// read back with an unknown (nil) delta and that Save carries on.
func TestFormat1WithoutDeltas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	snap := testSnapshot(testURL)
	mustSave(t, s, snap, []byte("raw"))
	snap.Comments = snap.Comments[:1]
	mustSave(t, s, snap, []byte("raw"))
	s.Close()

	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	dec, _ := zstd.NewReader(nil)
	enc, _ := zstd.NewWriter(nil)
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("versions"))
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			data, err := dec.DecodeAll(v, nil)
			if err != nil {
				return err
			}
			var rec map[string]json.RawMessage
			if err := json.Unmarshal(data, &rec); err != nil {
				return err
			}
			if rec["comment_delta"] == nil {
				t.Error("version record has no comment_delta")
			}
			delete(rec, "comment_delta")
			data, _ = json.Marshal(rec)
			if err := b.Put(append([]byte(nil), k...), enc.EncodeAll(data, nil)); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	s = openStore(t, path, store.Options{})
	infos, err := s.Versions(testURL)
	if err != nil || len(infos) != 2 || infos[0].CommentDelta != nil || infos[1].CommentDelta != nil {
		t.Fatalf("Versions of a format 1 archive: %+v, %v", infos, err)
	}
	snap.Comments = nil
	mustSave(t, s, snap, []byte("raw"))
	infos, _ = s.Versions(testURL)
	if d := infos[2].CommentDelta; d == nil || *d != (strata.CommentDelta{Removed: 1, PrevComplete: true}) {
		t.Errorf("delta after an old version: %+v", d)
	}
	verify(t, s)
}

// TestSaveBatch saves many entries in one transaction, some repeating a URL.
func TestSaveBatch(t *testing.T) {
	s := newStore(t)
	var entries []store.Entry
	for i := range 30 {
		snap := testSnapshot(testURL + "/" + string(rune('a'+i%10)))
		snap.BodyText = "body " + string(rune('a'+i/10))
		entries = append(entries, store.Entry{Snapshot: snap, Capture: captureOf(snap, []byte(snap.BodyText))})
	}
	checks, err := s.SaveBatch(entries)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range checks {
		if c.Outcome != strata.OutcomeNew || c.Version != i/10+1 || entries[i].Snapshot.Version != c.Version {
			t.Fatalf("entry %d: %+v", i, c)
		}
	}
	if st := mustStats(t, s); st.URLs != 10 || st.Versions != 30 || st.Blobs != 3 {
		t.Errorf("stats %+v", st)
	}

	// A bad entry saves nothing.
	bad := append([]store.Entry{entries[0]}, store.Entry{Snapshot: &strata.Snapshot{URL: testURL}})
	if _, err := s.SaveBatch(bad); err == nil {
		t.Error("a batch with an entry without capture was saved")
	}
	if st := mustStats(t, s); st.Checks != 30 {
		t.Errorf("a failed batch left %d checks, want 30", st.Checks)
	}
}
