package quality

import (
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
)

// Result is the outcome of extracting one page.
type Result struct {
	Page *Page
	// Snap is the extracted snapshot; nil when Err is set.
	Snap *strata.Snapshot
	Err  error
	// Size is the page's size in bytes.
	Size int
	// Reach says which expectations occur on the page (set by Run).
	Reach Reach
}

// FetchedAt is the fetch time given to every page of a run. The corpus
// does not record when its pages were downloaded, so relative dates are
// read against this fixed time, which keeps runs reproducible.
var FetchedAt = time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC)

// Extract runs the archive's extraction pipeline on one page.
func Extract(p *Page, raw []byte) Result {
	u := p.URL
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		// Some keys of the corpus are labels, not addresses.
		u = "http://corpus.invalid/" + url.PathEscape(p.File)
	}
	c := &strata.Capture{URL: u, FinalURL: u, Status: 200, Body: raw, FetchedAt: FetchedAt}
	snap, err := scraper.Extract(c)
	return Result{Page: p, Snap: snap, Err: err, Size: len(raw)}
}

// Run extracts every page of c with workers pages at once (GOMAXPROCS when
// workers <= 0) and returns the results in corpus order. A page that
// cannot be read counts as failed.
func Run(c *Corpus, workers int) []Result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]Result, len(c.Pages))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				p := &c.Pages[i]
				raw, err := c.Read(p)
				if err != nil {
					out[i] = Result{Page: p, Err: err}
					continue
				}
				out[i] = Extract(p, raw)
				out[i].Reach = ReachOf(p, raw)
			}
		})
	}
	for i := range c.Pages {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}
