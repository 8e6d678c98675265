package crawl_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/crawl"
	"github.com/strata-archive/strata/scraper/crawl/crawltest"
	"github.com/strata-archive/strata/scraper/fetch"
	"github.com/strata-archive/strata/store"
)

// benchArticles is the size of the benchmark site: 2,000 articles, or
// STRATA_BENCH_ARTICLES (the heavy variant, e.g. 20000).
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("STRATA_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 2000
}

// peakMemory samples the heap in use until stop is closed and returns its
// highest value.
func peakMemory(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// vmHWM returns the process's peak resident set in bytes (Linux), or 0.
func vmHWM() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkCrawl crawls a simulated site of benchArticles articles on
// loopback, without politeness delay, four requests at a time: the first
// crawl (every article new) and an unchanged re-crawl two hours later
// (every article answered 304). It reports pages per second and the peak
// heap in use during the crawl; the process's peak RSS (VmHWM) includes
// the simulated site. Run it once:
//
//	go test ./scraper/crawl/ -run '^$' -bench Crawl -benchtime 1x
func BenchmarkCrawl(b *testing.B) {
	n := benchArticles()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	// All articles younger than two days: the re-crawl finds each due.
	spacing := 40 * time.Hour / time.Duration(n)
	site := crawltest.New(b, crawltest.Options{Articles: n, Now: now, Spacing: spacing, FlakyArticles: -1, PerPage: 50})
	clk := &clock{t: now}
	var st *store.Store
	var mu sync.Mutex
	opts := func() crawl.Options {
		return crawl.Options{
			Site: crawl.Site{Name: "bench", Hosts: []string{"127.0.0.1"}, StartURLs: []string{site.URL("/")},
				Sitemaps: []string{site.URL(crawltest.PathSitemapIndex)}, Depth: 1, MaxPages: 10 * n},
			Frontier: st,
			Fetch:    fetch.Options{UserAgent: "strata-bench", Parallelism: 4, Timeout: 10 * time.Second},
			Now:      clk.Now,
		}
	}
	crawlOnce := func(b *testing.B) *strata.Run {
		mu.Lock()
		defer mu.Unlock()
		stop := make(chan struct{})
		peak := peakMemory(stop)
		start := time.Now()
		run, err := crawl.Run(context.Background(), opts())
		took := time.Since(start)
		close(stop)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(run.Pages)/took.Seconds(), "pages/s")
		b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(vmHWM())/(1<<20), "VmHWM-MiB")
		b.ReportMetric(float64(run.Pages), "pages")
		return run
	}
	fresh := func(b *testing.B) {
		var err error
		st, err = store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{Shared: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		clk.t = now
	}
	b.Run(fmt.Sprintf("first/%d", n), func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			fresh(b)
			b.StartTimer()
			run := crawlOnce(b)
			if run.Outcomes[strata.OutcomeNew] != n {
				b.Fatalf("first crawl: %+v", run.Outcomes)
			}
		}
	})
	b.Run(fmt.Sprintf("recrawl/%d", n), func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			fresh(b)
			crawlOnce(b)
			clk.Add(2 * time.Hour) // all articles are younger than two days: due hourly
			b.StartTimer()
			run := crawlOnce(b)
			if run.Outcomes[strata.OutcomeNotModified] < n || run.Outcomes[strata.OutcomeNew] != 0 {
				b.Fatalf("re-crawl: %+v", run.Outcomes)
			}
		}
	})
}
