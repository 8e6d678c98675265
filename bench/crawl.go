package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/crawl"
	"github.com/strata-archive/strata/scraper/crawl/crawltest"
	"github.com/strata-archive/strata/scraper/fetch"
	"github.com/strata-archive/strata/store"
)

// siteNow is the simulated site's present; every article is younger than
// two days, so that an hour later each is due again.
var siteNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func startSite(cfg *config, articles int) (*crawltest.Site, error) {
	return crawltest.Start(crawltest.Options{
		Articles: articles, Comments: cfg.comments, Now: siteNow, Spacing: 40 * time.Hour / time.Duration(articles),
		PerPage: 50, FlakyArticles: -1, Theme: crawltest.ThemeWordPress,
	})
}

// crawlResult is what a child crawl reports.
type crawlResult struct {
	Pages     int            `json:"pages"`
	Outcomes  map[string]int `json:"outcomes"`
	Seconds   float64        `json:"seconds"`
	MaxRSS    int64          `json:"-"` // bytes, from the child's rusage
	CPU       time.Duration  `json:"-"` // user and system time of the child
	FileSize  int64          `json:"file_size"`
	Size      int64          `json:"size"` // bbolt's high-water mark
	Versions  int            `json:"versions"`
	Blobs     int            `json:"blobs"`
	RawBytes  int64          `json:"raw_bytes"`
	BlobBytes int64          `json:"blob_bytes"`
	RawRefd   int64          `json:"raw_bytes_referenced"`
	VerJSON   int64          `json:"version_json_bytes"`
	VerBytes  int64          `json:"version_bytes"`
	// HWM is the child's peak RSS when the crawl ended, before the stats
	// of the archive (which read every page of the file through bbolt's
	// mmap) are taken.
	HWM int64 `json:"vm_hwm"`
}

func (r crawlResult) rate() float64 { return float64(r.Pages) / r.Seconds }

// cpuPerPage is the child's CPU time per page, in milliseconds: unlike
// pages/s, it does not depend on what else runs on the machine.
func (r crawlResult) cpuPerPage() float64 { return r.CPU.Seconds() * 1000 / float64(r.Pages) }

// runCrawl crawls the site into db in a child process, on the site's
// clock plus later, and returns what it reports.
func runCrawl(cfg *config, site *crawltest.Site, db string, later time.Duration, profile string) (crawlResult, error) {
	self, err := os.Executable()
	if err != nil {
		return crawlResult{}, err
	}
	args := []string{"-child-crawl", "-db", db, "-base", site.URL("/"), "-now", siteNow.Add(later).Format(time.RFC3339),
		"-parallel", fmt.Sprint(cfg.parallel)}
	if profile != "" {
		args = append(args, "-profile", profile)
	}
	cmd := exec.Command(self, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return crawlResult{}, fmt.Errorf("child crawl: %w", err)
	}
	var r crawlResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return r, fmt.Errorf("child crawl: %w (%q)", err, out.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.MaxRSS = ru.Maxrss << 10 // kilobytes on Linux
		if r.HWM > 0 {
			r.MaxRSS = r.HWM
		}
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return r, nil
}

// childCrawl is the child process: one crawl.Run of the site at -base into
// -db, as strata crawl makes it, reported as JSON on standard output.
func childCrawl(args []string) int {
	fs := flag.NewFlagSet("child-crawl", flag.ExitOnError)
	db := fs.String("db", "", "archive")
	base := fs.String("base", "", "site URL")
	now := fs.String("now", "", "clock of due times")
	par := fs.Int("parallel", 4, "parallelism")
	profile := fs.String("profile", "", "profile prefix")
	fs.Parse(args)
	at, err := time.Parse(time.RFC3339, *now)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	st, err := store.Open(*db, store.Options{Shared: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer st.Close()
	if *profile != "" {
		f, err := os.Create(*profile + ".cpu.pprof")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		pprof.StartCPUProfile(f)
	}
	start := time.Now()
	run, err := crawl.Run(context.Background(), crawl.Options{
		Site: crawl.Site{Name: "bench", Hosts: []string{"127.0.0.1"}, StartURLs: []string{*base},
			Sitemaps: []string{*base + crawltest.PathSitemapIndex[1:]}, Depth: 1, MaxPages: 1 << 30},
		Frontier: st,
		Fetch:    fetch.Options{UserAgent: "strata-bench", Parallelism: *par, Timeout: 30 * time.Second},
		Now:      func() time.Time { return at.Add(time.Since(start)) },
	})
	took := time.Since(start)
	hwm := vmHWM()
	if *profile != "" {
		pprof.StopCPUProfile()
		if f, err := os.Create(*profile + ".heap.pprof"); err == nil {
			runtime.GC()
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	stats, err := st.Stats()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	outcomes := map[string]int{}
	for k, v := range run.Outcomes {
		outcomes[k] = v
	}
	json.NewEncoder(os.Stdout).Encode(crawlResult{
		Pages:    run.Outcomes[strata.OutcomeNew] + run.Outcomes[strata.OutcomeUnchanged] + run.Outcomes[strata.OutcomeNotModified],
		Outcomes: outcomes, Seconds: took.Seconds(), FileSize: stats.FileSize, Size: stats.Size,
		Versions: stats.Versions, Blobs: stats.Blobs, RawBytes: stats.RawBytes, BlobBytes: stats.BlobBytes,
		RawRefd: stats.RawBytesReferenced, VerJSON: stats.VersionJSONBytes, VerBytes: stats.VersionBytes, HWM: hwm,
	})
	return 0
}

// bareColly fetches urls with a plain colly collector, par at a time, and
// returns pages per second.
func bareColly(urls []string, par int) (float64, error) {
	c := colly.NewCollector(colly.UserAgent("colly-bench"))
	c.WithTransport(&http.Transport{MaxIdleConnsPerHost: par, IdleConnTimeout: 30 * time.Second})
	c.SetRequestTimeout(30 * time.Second)
	var pages, fails atomic.Int64
	c.OnResponse(func(r *colly.Response) { pages.Add(1) })
	c.OnError(func(r *colly.Response, err error) { fails.Add(1) })
	jobs := make(chan string)
	var wg sync.WaitGroup
	start := time.Now()
	for range par {
		wg.Go(func() {
			for u := range jobs {
				c.Visit(u)
			}
		})
	}
	for _, u := range urls {
		jobs <- u
	}
	close(jobs)
	wg.Wait()
	took := time.Since(start)
	if f := fails.Load(); f > 0 {
		return 0, fmt.Errorf("colly: %d of %d pages failed", f, len(urls))
	}
	return float64(pages.Load()) / took.Seconds(), nil
}

// pipeline measures the first crawl and the re-crawl against bare colly.
func pipeline(cfg *config, t *table) error {
	n := cfg.articles
	site, err := startSite(cfg, n)
	if err != nil {
		return err
	}
	defer site.Close()
	urls := site.Articles()
	bare1, err := bareColly(urls, cfg.parallel)
	if err != nil {
		return err
	}
	logf("bare colly: %.0f pages/s", bare1)
	db := filepath.Join(cfg.tmp, "pipeline.db")
	profile := ""
	if cfg.profileDir != "" {
		os.MkdirAll(cfg.profileDir, 0o755)
		profile = filepath.Join(cfg.profileDir, "first")
	}
	first, err := runCrawl(cfg, site, db, 0, profile)
	if err != nil {
		return err
	}
	logf("first crawl: %d pages in %.1fs, %.0f pages/s, %.2f CPU ms/page, max RSS %s, outcomes %v", first.Pages, first.Seconds, first.rate(), first.cpuPerPage(), mib(first.MaxRSS), first.Outcomes)
	if first.Outcomes[strata.OutcomeNew] != n {
		return fmt.Errorf("first crawl archived %d of %d articles: %v", first.Outcomes[strata.OutcomeNew], n, first.Outcomes)
	}
	bare2, err := bareColly(urls, cfg.parallel)
	if err != nil {
		return err
	}
	logf("bare colly again: %.0f pages/s", bare2)
	bare := (bare1 + bare2) / 2
	if cfg.profileDir != "" {
		profile = filepath.Join(cfg.profileDir, "recrawl")
	}
	second, err := runCrawl(cfg, site, db, 2*time.Hour, profile)
	if err != nil {
		return err
	}
	logf("re-crawl: %d pages in %.1fs, %.0f pages/s, %.2f CPU ms/page, outcomes %v", second.Pages, second.Seconds, second.rate(), second.cpuPerPage(), second.Outcomes)
	if second.Outcomes[strata.OutcomeNotModified]+second.Outcomes[strata.OutcomeUnchanged] < n || second.Outcomes[strata.OutcomeNew] != 0 {
		return fmt.Errorf("re-crawl: %v", second.Outcomes)
	}

	ratio := first.rate() / bare
	t.add(row{figure: fmt.Sprintf("Pipeline: first crawl, %d articles × %d comments, %d in flight (pages/s)", n, cfg.comments, cfg.parallel),
		value: fmt.Sprintf("%.0f (%.1f CPU ms/page)", first.rate(), first.cpuPerPage()), baseline: fmt.Sprintf("%.0f (bare colly, mean of %.0f before, %.0f after)", bare, bare1, bare2),
		ratio: fmt.Sprintf("%.2f×", ratio), target: "≥ 0.7×", met: met(ratio >= 0.7)})
	speedup := second.rate() / first.rate()
	t.add(row{figure: "Re-crawl, site unchanged (pages/s)", value: fmt.Sprintf("%.0f (%.1f s, %.2f CPU ms/page)", second.rate(), second.Seconds, second.cpuPerPage()),
		baseline: fmt.Sprintf("%.0f (%.1f s, first crawl)", first.rate(), first.Seconds), ratio: fmt.Sprintf("%.1f×", speedup), target: "≥ 3×", met: met(speedup >= 3)})
	growth := float64(second.Size-first.Size) / float64(first.Size)
	t.add(row{figure: "Re-crawl: archive growth (bytes in use)", value: fmt.Sprintf("%+.2f%% (%s → %s)", 100*growth, mib(first.Size), mib(second.Size)),
		target: "< 1%", met: met(growth < 0.01)})
	t.add(row{figure: "Re-crawl: archive file size", value: fmt.Sprintf("%s → %s", mib(first.FileSize), mib(second.FileSize)),
		ratio: fmt.Sprintf("%+.2f%%", 100*float64(second.FileSize-first.FileSize)/float64(first.FileSize))})
	t.add(row{figure: "Crawl archive: raw HTML compression (raw ÷ stored)", value: fmt.Sprintf("%.1f× (%s → %s, %d captures)", float64(first.RawBytes)/float64(first.BlobBytes), mib(first.RawBytes), mib(first.BlobBytes), first.Blobs)})
	t.add(row{figure: "Crawl archive: raw HTML dedupe (referenced ÷ stored)", value: fmt.Sprintf("%.2f× (%d versions, %d captures)", float64(second.RawRefd)/float64(second.RawBytes), second.Versions, second.Blobs)})
	t.add(row{figure: "Crawl archive: bytes per snapshot (file in use ÷ versions)", value: fmt.Sprintf("%.1f KB (version record %.1f KB → %.1f KB compressed)", float64(first.Size)/float64(first.Versions)/1e3,
		float64(first.VerJSON)/float64(first.Versions)/1e3, float64(first.VerBytes)/float64(first.Versions)/1e3)})
	pipelineDB = db
	pipelineVersions = first.Versions
	return nil
}

// pipelineDB is the archive of the pipeline's crawls, exported later.
var (
	pipelineDB       string
	pipelineVersions int
	memoryDB         string
	memoryVersions   int
)

// memory crawls sites of growing size and reports each crawl's peak RSS.
func memory(cfg *config, t *table) error {
	var rss []int64
	var sizes []int
	for _, n := range cfg.memSizes {
		site, err := startSite(cfg, n)
		if err != nil {
			return err
		}
		db := filepath.Join(cfg.tmp, fmt.Sprintf("memory-%d.db", n))
		r, err := runCrawl(cfg, site, db, 0, "")
		site.Close()
		if err != nil {
			return err
		}
		if r.Outcomes[strata.OutcomeNew] != n {
			return fmt.Errorf("memory crawl of %d: %d articles archived, outcomes %v", n, r.Outcomes[strata.OutcomeNew], r.Outcomes)
		}
		logf("memory crawl of %d: %.0f s, %.0f pages/s, max RSS %s", n, r.Seconds, r.rate(), mib(r.MaxRSS))
		rss = append(rss, r.MaxRSS)
		sizes = append(sizes, n)
		if memoryDB != "" {
			os.Remove(memoryDB)
		}
		memoryDB, memoryVersions = db, r.Versions
		t.add(row{figure: fmt.Sprintf("Memory: peak RSS of a crawl of %d pages", n), value: mib(r.MaxRSS),
			baseline: fmt.Sprintf("%.0f pages/s", r.rate()), target: "< 300 MiB", met: met(r.MaxRSS < 300<<20)})
	}
	if len(rss) > 1 {
		first, last := rss[0], rss[len(rss)-1]
		growth := float64(last-first) / float64(first)
		t.add(row{figure: fmt.Sprintf("Memory: RSS growth from %d to %d pages", sizes[0], sizes[len(sizes)-1]),
			value:  fmt.Sprintf("%+.0f%% (%s → %s)", 100*growth, mib(first), mib(last)),
			target: "flat (< +25% for 10× the pages)", met: met(growth < 0.25)})
	}
	return nil
}

// vmHWM returns the process's peak resident set in bytes (Linux), or 0.
func vmHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
