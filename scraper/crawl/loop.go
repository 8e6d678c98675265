package crawl

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/strata-archive/strata"
)

// result is a worker's report of one visit.
type result struct {
	page  strata.Page
	visit strata.Visit
	host  string
	// abandoned: the page was not visited (the run is stopping, its host
	// is stopped); it stays due and does not count against the budget.
	abandoned bool
	// hostFault: a failure of the host, counted against its error budget;
	// hostOK resets the count.
	hostFault, hostOK bool
	// stopsHost: this failure used up the host's error budget.
	stopsHost bool
	// added counts the pages a feed visit added to the frontier.
	added int
	took  time.Duration
	err   error
}

// loop visits the due pages until none is left, the budget is used or
// ctx ends.
func (c *crawler) loop(ctx context.Context, run *strata.Run) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	workers := c.opts.Workers
	if workers <= 0 {
		par := c.fetch.Parallelism
		if par <= 0 {
			par = 2
		}
		workers = min(maxWorkers, par*len(c.site.Hosts))
	}
	jobs := make(chan strata.Page)
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for p := range jobs {
				var r result
				if c.hostStopped(hostOf(p.URL)) {
					r = result{page: p, abandoned: true}
				} else {
					r = c.visit(ctx, p)
					// Counted here, before this worker takes another
					// page, rather than when the visit is committed.
					r.stopsHost = c.countHost(r)
				}
				select {
				case results <- r:
				case <-c.quit:
					return
				}
			}
		})
	}
	commitErr := make(chan error, 1)
	go func() {
		err := c.commitLoop(results, run)
		if err != nil {
			// Stop the run; drop what the workers still deliver.
			cancel(err)
			for {
				select {
				case <-results:
					continue
				case <-c.quit:
				}
				break
			}
		}
		commitErr <- err
	}()

	ferr := c.feed(ctx, jobs)
	workersDone := make(chan struct{})
	go func() { wg.Wait(); close(workersDone) }()
	if ctx.Err() == nil {
		<-workersDone
	} else {
		select {
		case <-workersDone:
		case <-time.After(c.opts.ShutdownGrace):
			c.log.Warn("workers still busy after the grace period; their pages stay due", "site", c.site.Name)
		}
	}
	close(c.quit)
	if err := <-commitErr; err != nil {
		return err
	}
	if ferr != nil {
		return ferr
	}
	return context.Cause(ctx)
}

// feed hands due pages to the workers, in due order, within the budget.
// It reads the frontier a chunk at a time and starts over once at the end
// (pages found meanwhile may come first), until a pass hands out nothing
// and nothing is in flight.
func (c *crawler) feed(ctx context.Context, jobs chan<- strata.Page) error {
	defer close(jobs)
	for {
		sent := 0
		cursor := ""
	pass:
		for {
			if !c.budgetLeft() {
				return nil
			}
			c.mu.Lock()
			clear(c.recent) // before the read: what is committed after it is noted anew
			c.mu.Unlock()
			pages, next, err := c.fr.DuePages(c.site.Name, c.start, cursor, feedChunk)
			if err != nil {
				return fmt.Errorf("crawl %s: %w", c.site.Name, err)
			}
			if len(pages) == 0 {
				break pass
			}
			cursor = next
			for _, p := range pages {
				if !c.claim(p) {
					continue
				}
				select {
				case jobs <- p:
					sent++
				case <-ctx.Done():
					c.unclaim(p)
					return nil
				}
			}
		}
		if sent > 0 {
			continue
		}
		if c.inflightCount() == 0 {
			return nil
		}
		select {
		case <-c.committed:
		case <-ctx.Done():
			return nil
		}
	}
}

// budgetLeft reports whether another page may be handed out.
func (c *crawler) budgetLeft() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dispatched < c.budget
}

// claim marks p in flight, unless it is already, its host is stopped or
// the budget is used.
func (c *crawler) claim(p strata.Page) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inflight[p.URL] || c.recent[p.URL] || c.stopped[hostOf(p.URL)] || c.dispatched >= c.budget {
		return false
	}
	c.inflight[p.URL] = true
	c.dispatched++
	return true
}

// unclaim undoes claim for a page that was not handed out or not visited.
func (c *crawler) unclaim(p strata.Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.inflight, p.URL)
	c.dispatched--
}

func (c *crawler) inflightCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.inflight)
}

func (c *crawler) hostStopped(host string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopped[host]
}

// countHost keeps the host's failures in a row and reports whether this
// result used up its error budget.
func (c *crawler) countHost(r result) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case r.hostFault:
		c.failures[r.host]++
		if c.failures[r.host] >= c.site.ErrorBudget && !c.stopped[r.host] {
			c.stopped[r.host] = true
			return true
		}
	case r.hostOK:
		c.failures[r.host] = 0
	}
	return false
}

// signal tells the feeder that pages left flight.
func (c *crawler) signal() {
	select {
	case c.committed <- struct{}{}:
	default:
	}
}

// commitLoop commits the workers' visits in batches until c.quit is
// closed, then commits what is left. A commit error stops it: the run
// cannot go on without its archive.
func (c *crawler) commitLoop(results <-chan result, run *strata.Run) error {
	var pending []result
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	flush := func() error {
		timer.Stop()
		if len(pending) == 0 {
			return nil
		}
		visits := make([]strata.Visit, len(pending))
		for i, r := range pending {
			visits[i] = r.visit
		}
		_, err := c.fr.Commit(run, visits)
		if err != nil {
			return fmt.Errorf("crawl %s: %w", c.site.Name, err)
		}
		for _, r := range pending {
			c.mu.Lock()
			delete(c.inflight, r.page.URL)
			c.recent[r.page.URL] = true
			c.done++
			done, total := c.done, max(c.total, c.done)
			c.mu.Unlock()
			if c.opts.Progress != nil {
				c.opts.Progress(Progress{URL: r.page.URL, Outcome: outcomeOf(r.visit), Done: done, Total: total})
			}
		}
		pending = pending[:0]
		c.signal()
		return nil
	}
	take := func(r result) error {
		if r.abandoned {
			c.unclaim(r.page)
			c.signal()
			return nil
		}
		c.logVisit(r)
		run.Discovered += r.added
		if r.stopsHost {
			c.log.Warn("host failed too often in a row; no more requests to it in this run",
				"site", c.site.Name, "host", r.host, "failures", c.site.ErrorBudget)
			if !slices.Contains(run.StoppedHosts, r.host) {
				run.StoppedHosts = append(run.StoppedHosts, r.host)
			}
		}
		if n := len(r.visit.Found); n > 0 {
			c.mu.Lock()
			c.total = min(c.total+n, c.budget)
			c.mu.Unlock()
		}
		pending = append(pending, r)
		if len(pending) == 1 {
			timer.Reset(c.opts.CommitInterval)
		}
		if len(pending) >= c.opts.CommitEvery {
			return flush()
		}
		return nil
	}
	for {
		select {
		case r := <-results:
			if err := take(r); err != nil {
				return err
			}
		case <-timer.C:
			if err := flush(); err != nil {
				return err
			}
		case <-c.quit:
			for {
				select {
				case r := <-results:
					if err := take(r); err != nil {
						return err
					}
				default:
					return flush()
				}
			}
		}
	}
}

// outcomeOf is what a visit counts as.
func outcomeOf(v strata.Visit) string {
	switch {
	case v.Check != nil:
		return v.Check.Outcome
	case v.Snapshot != nil:
		return "extracted"
	}
	return v.Outcome
}

// logVisit logs one visit at debug level, a failure at info.
func (c *crawler) logVisit(r result) {
	attrs := []any{"site", c.site.Name, "url", r.page.URL, "outcome", outcomeOf(r.visit),
		"status", r.visit.Page.LastStatus, "took", r.took.Round(time.Millisecond)}
	if r.err != nil {
		c.log.Info("page failed", append(attrs, "reason", r.visit.Reason, "err", r.err)...)
		return
	}
	c.log.Debug("page visited", attrs...)
}
