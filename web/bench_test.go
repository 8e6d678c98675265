package web_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
	"github.com/strata-archive/strata/web"
)

// benchSize is the number of snapshots (versions) of the benchmark
// archive: 2,000, or 100,000 with STRATA_BENCH_FULL=1.
func benchSize() int {
	if os.Getenv("STRATA_BENCH_FULL") == "1" {
		return 100_000
	}
	return 2_000
}

var benchArchive struct {
	sync.Mutex
	dir   string
	paths map[int]string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchArchive.dir != "" {
		os.RemoveAll(benchArchive.dir)
	}
	os.Exit(code)
}

// bigArchive returns an archive of n snapshots, built once per test binary
// run, plus the threadURL article (300 comments, two versions).
func bigArchive(tb testing.TB, n int) string {
	tb.Helper()
	benchArchive.Lock()
	defer benchArchive.Unlock()
	if p, ok := benchArchive.paths[n]; ok {
		return p
	}
	if benchArchive.dir == "" {
		dir, err := os.MkdirTemp("", "strata-web-bench-")
		if err != nil {
			tb.Fatal(err)
		}
		benchArchive.dir, benchArchive.paths = dir, map[int]string{}
	}
	path := filepath.Join(benchArchive.dir, fmt.Sprintf("archive-%d.db", n))
	start := time.Now()
	fillArchive(tb, path, n)
	tb.Logf("built an archive of %d snapshots in %v", n, time.Since(start).Round(time.Millisecond))
	benchArchive.paths[n] = path
	return path
}

// fillArchive writes n snapshots to a new archive: articles on 100 sites
// with 1 to 4 versions each (version 2 edits the body, 3 deletes a comment,
// 4 adds one), 4 comments and a 2 KB raw page each.
func fillArchive(tb testing.TB, path string, n int) {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	save(tb, st, "", threadVersions()...)
	n -= 2
	page := strings.Repeat("<p>filler text of the raw page, as sites send it</p>\n", 40)
	const batch = 2000
	entries := make([]store.Entry, 0, batch)
	flush := func() {
		if _, err := st.SaveBatch(entries); err != nil {
			tb.Fatal(err)
		}
		entries = entries[:0]
	}
	made := 0
	for i := 0; made < n; i++ {
		url := fmt.Sprintf("https://site%02d.example/2026/03/article-%06d/", i%100, i)
		for v := range 1 + i%4 {
			if made == n {
				break
			}
			at := t0.Add(time.Duration(made) * time.Second)
			published := t0.Add(-time.Duration(i) * time.Minute)
			s := &strata.Snapshot{URL: url, CanonicalURL: url, FetchedAt: at, Status: 200,
				Title: "Article " + strconv.Itoa(i) + " about subject " + strconv.Itoa(i%97), Authors: []string{"Ann Author"},
				PublishedAt: &published, Categories: []string{"Category " + strconv.Itoa(i%37), "News"},
				BodyText:         fmt.Sprintf("Paragraph one of article %d.\n\nParagraph two, version %d.", i, min(v, 1)),
				CommentsComplete: true}
			for c := range 4 {
				if v >= 2 && c == 1 {
					continue
				}
				s.Comments = append(s.Comments, strata.Comment{ID: strconv.Itoa(c), Author: "Reader " + strconv.Itoa(c),
					Text: "A comment of a few words, number " + strconv.Itoa(c), Type: strata.CommentTypeComment})
			}
			if v == 3 {
				s.Comments = append(s.Comments, strata.Comment{ID: "9", Author: "Late", Text: "Late comment", Type: strata.CommentTypeComment})
			}
			capture := &strata.Capture{URL: url, FinalURL: url, Status: 200, FetchedAt: at,
				Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
				Body:   fmt.Appendf(nil, "<!doctype html><title>Article %d v%d</title>\n%s", i, v, page)}
			entries = append(entries, store.Entry{Snapshot: s, Capture: capture})
			made++
			if len(entries) == batch {
				flush()
			}
		}
	}
	if len(entries) > 0 {
		flush()
	}
}

// BenchmarkIndex measures a full build of the home page's index and a
// refresh of an unchanged archive, with the default bursts and pauses.
func BenchmarkIndex(b *testing.B) {
	path := bigArchive(b, benchSize())
	b.Run("build", func(b *testing.B) {
		var s *web.Server
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for b.Loop() {
			s = newServer(b, path, web.Options{})
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "index-heap-B")
		runtime.KeepAlive(s)
	})
	b.Run("refresh", func(b *testing.B) {
		s := newServer(b, path, web.Options{})
		for b.Loop() {
			if err := s.Refresh(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPages measures each page as a browser asks for it, the
// archive's open and close included.
func BenchmarkPages(b *testing.B) {
	n := benchSize()
	path := bigArchive(b, n)
	s := newServer(b, path, web.Options{})
	some := "https://site07.example/2026/03/article-000107/" // four versions
	pages := []struct{ name, target string }{
		{"home", "/"},
		{"home-search", "/?q=subject+42"},
		{"home-site-category", "/?site=site07.example&category=Category+7"},
		{"home-deleted-by-versions", "/?show=deleted&sort=versions"},
		{"home-last-page", "/?page=" + strconv.Itoa(n/2/50)},
		{"article", "/article?" + q(some)},
		{"article-300-comments", "/article?" + q(threadURL)},
		{"diff", "/diff?" + q(some, "from", "1", "to", "4")},
		{"diff-300-comments", "/diff?" + q(threadURL)},
		{"raw", "/raw?" + q(some)},
		{"json", "/json?" + q(some)},
	}
	for _, p := range pages {
		if res, body := get(b, s, p.target); res.StatusCode != 200 {
			b.Fatalf("%s: %d\n%s", p.target, res.StatusCode, body)
		}
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				get(b, s, p.target)
			}
		})
	}
}
