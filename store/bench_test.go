package store_test

import (
	"fmt"
	"testing"

	"github.com/strata-archive/strata"
)

// BenchmarkSaveNewVersion saves a realistic snapshot (8 KB of text, 50
// comments, 60 KB of raw HTML) whose comments and raw bytes change every
// time, so each Save writes a version, a blob and a check.
func BenchmarkSaveNewVersion(b *testing.B) {
	s := newStore(b)
	snap, raw := realisticSnapshot(testURL, 1)
	capture := captureOf(snap, raw)
	marker := len(raw) / 2
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		snap.Comments[i%len(snap.Comments)].Text = fmt.Sprintf("edited %d", i)
		body := append([]byte(nil), raw...)
		copy(body[marker:], fmt.Sprintf("<!-- %d -->", i))
		capture.Body = body
		check, err := s.Save(snap, capture)
		if err != nil {
			b.Fatal(err)
		}
		if check.Outcome != strata.OutcomeNew {
			b.Fatalf("save %d: %s", i, check.Outcome)
		}
	}
	b.StopTimer()
	st := mustStats(b, s)
	b.ReportMetric(float64(st.Size)/float64(st.Versions), "file-B/version")
	b.ReportMetric(float64(st.BlobBytes)/float64(st.Blobs), "blob-B")
}

// BenchmarkSaveUnchanged saves the same realistic snapshot again and again,
// so each Save compares fingerprints and writes only a check.
func BenchmarkSaveUnchanged(b *testing.B) {
	s := newStore(b)
	snap, raw := realisticSnapshot(testURL, 1)
	capture := captureOf(snap, raw)
	if _, err := s.Save(snap, capture); err != nil {
		b.Fatal(err)
	}
	before := mustStats(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		check, err := s.Save(snap, capture)
		if err != nil {
			b.Fatal(err)
		}
		if check.Outcome != strata.OutcomeUnchanged {
			b.Fatalf("save %d: %s", i, check.Outcome)
		}
	}
	b.StopTimer()
	st := mustStats(b, s)
	b.ReportMetric(float64(st.Size-before.Size)/float64(b.N), "file-B/check")
}
