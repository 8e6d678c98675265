package crawl_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
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

// clock is a settable clock for due times.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a simulated site, an archive and the options of a crawl of
// one into the other.
type fixture struct {
	t     *testing.T
	site  *crawltest.Site
	st    *store.Store
	clock *clock
	opts  crawl.Options
}

func newFixture(t *testing.T, so crawltest.Options) *fixture {
	t.Helper()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	so.Now = now
	site := crawltest.New(t, so)
	st, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Verify(); err != nil {
			t.Errorf("verify: %v", err)
		}
		st.Close()
	})
	clk := &clock{t: now}
	var logger *slog.Logger
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return &fixture{t: t, site: site, st: st, clock: clk, opts: crawl.Options{
		Site: crawl.Site{
			Name:      "sim",
			Hosts:     []string{"127.0.0.1", "127.0.0.3"},
			StartURLs: []string{site.URL("/")},
			Discover:  true,
			Depth:     2,
			MaxPages:  1000,
		},
		Frontier: st,
		Fetch: fetch.Options{
			UserAgent:    "strata-test/1.0",
			Timeout:      time.Second,
			Parallelism:  2,
			Delay:        20 * time.Millisecond,
			Retries:      1,
			RetryBackoff: 10 * time.Millisecond,
		},
		Now:            clk.Now,
		Logger:         logger,
		CommitInterval: 50 * time.Millisecond,
	}}
}

func (f *fixture) crawl() *strata.Run {
	f.t.Helper()
	run, err := crawl.Run(context.Background(), f.opts)
	if err != nil {
		f.t.Fatalf("crawl: %v", err)
	}
	return run
}

// versions returns the number of versions of each URL in the archive.
func (f *fixture) versions() map[string]int {
	f.t.Helper()
	out := map[string]int{}
	err := f.st.Walk(store.WalkOptions{AllVersions: true}, func(v *store.Version) error {
		out[v.Snapshot.URL]++
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// pageRequests returns the logged requests of host for pages: not
// robots.txt, which the fetcher reads outside its politeness rules.
func pageRequests(log []crawltest.Request, host string) []crawltest.Request {
	var out []crawltest.Request
	for _, r := range log {
		if r.Host == host && r.Path != crawltest.PathRobots {
			out = append(out, r)
		}
	}
	return out
}

// checkPoliteness fails the test unless the requests kept parallelism par
// and delay: of any par+1 requests in a row, the last started at least
// delay after the first (each slot pauses delay after its request).
func checkPoliteness(t *testing.T, reqs []crawltest.Request, par int, delay time.Duration) {
	t.Helper()
	// The server sees when a request arrived, not when the client sent
	// it; under -race on a busy machine one request can arrive late and
	// shorten the next gap. Half the delay absorbs that, and a delay not
	// kept at all still shows as gaps of a millisecond or two.
	slack := delay / 2
	for i := 0; i+par < len(reqs); i++ {
		if gap := reqs[i+par].Start.Sub(reqs[i].Start); gap < delay-slack {
			t.Errorf("requests %d (%s) and %d (%s) started %v apart; with parallelism %d and delay %v they must be %v apart",
				i, reqs[i].Path, i+par, reqs[i+par].Path, gap, par, delay, delay)
			return
		}
	}
}

// TestCrawlLifecycle crawls a simulated site four times: the first run
// archives every article and nothing forbidden, politely; the second
// (two hours later) asks with conditional requests and makes no version;
// the third finds one new comment and makes exactly one version; the
// fourth meets a challenge page and records it as a failed check.
func TestCrawlLifecycle(t *testing.T) {
	t.Parallel()
	const articles = 24
	f := newFixture(t, crawltest.Options{Articles: articles})
	f.site.SetFlaky(crawltest.FlakyFailing)
	f.opts.Site.ErrorBudget = 2

	run := f.crawl()
	if run.Status != strata.RunCompleted || run.Outcomes[strata.OutcomeNew] != articles {
		t.Fatalf("first run: %+v", run)
	}
	got := f.versions()
	for _, u := range f.site.Articles() {
		if got[u] != 1 {
			t.Errorf("%s: %d versions after the first run, want 1", u, got[u])
		}
	}
	if len(got) != articles {
		t.Errorf("%d URLs archived, want %d: %v", len(got), articles, got)
	}
	log := f.site.Log()
	for _, r := range log {
		if r.Host == "other" || r.Path == crawltest.PathPrivate {
			t.Errorf("fetched %s %s: out of scope or disallowed", r.Host, r.Path)
		}
		if r.UserAgent != "strata-test/1.0" {
			t.Errorf("%s sent User-Agent %q", r.Path, r.UserAgent)
		}
	}
	main := pageRequests(log, "main")
	checkPoliteness(t, main, 2, f.opts.Fetch.Delay)
	if n := f.site.MaxInflight("main"); n > 2 {
		t.Errorf("%d requests at once to the main host, parallelism is 2", n)
	}
	// The budget stops new requests; one more may have been in flight.
	if len(run.StoppedHosts) != 1 || run.Failures["http_503"] < 2 || run.Failures["http_503"] > 3 {
		t.Errorf("flaky host: stopped %v, failures %v", run.StoppedHosts, run.Failures)
	}
	if flaky := pageRequests(log, "flaky"); len(flaky) != 2*run.Failures["http_503"] {
		t.Errorf("%d requests to the failing host, want 2 attempts for each of the %d failed pages", len(flaky), run.Failures["http_503"])
	}

	// Two hours on, every article is due again: conditional requests, no
	// version.
	f.clock.Add(2 * time.Hour)
	f.site.ResetLog()
	run = f.crawl()
	if run.Outcomes[strata.OutcomeNew] != 0 || run.Outcomes[strata.OutcomeNotModified] < articles {
		t.Errorf("second run: %+v", run.Outcomes)
	}
	for _, r := range pageRequests(f.site.Log(), "main") {
		if _, isArticle := articlePath(f.site, r.Path); isArticle && (r.IfNoneMatch == "" || r.Status != 304) {
			t.Errorf("second run: %s without a conditional request (If-None-Match %q, status %d)", r.Path, r.IfNoneMatch, r.Status)
		}
	}

	// A new comment on article 3 makes exactly one version.
	f.clock.Add(2 * time.Hour)
	f.site.AddComment(3, "Late Reader", "Still here.", f.clock.Now())
	run = f.crawl()
	if run.Outcomes[strata.OutcomeNew] != 1 {
		t.Errorf("third run: %+v", run.Outcomes)
	}
	infos, err := f.st.Versions(f.site.ArticleURL(3))
	if err != nil || len(infos) != 2 || fmt.Sprint(infos[1].Changes) != "[comments]" || infos[1].CommentDelta.Added != 1 {
		t.Errorf("article 3 versions: %+v, %v", infos, err)
	}

	// A challenge page is a failed check, not a version.
	f.clock.Add(2 * time.Hour)
	f.site.SetChallenge(5, true)
	run = f.crawl()
	if run.Outcomes[strata.OutcomeNew] != 0 || run.Failures[crawl.ReasonBlocked] != 1 {
		t.Errorf("fourth run: outcomes %v failures %v", run.Outcomes, run.Failures)
	}
	checks, err := f.st.Checks(f.site.ArticleURL(5))
	if err != nil {
		t.Fatal(err)
	}
	last := checks[len(checks)-1]
	if last.Outcome != strata.OutcomeFailed || !strings.Contains(last.Error, "cloudflare challenge") || last.Version != 1 {
		t.Errorf("article 5 last check: %+v", last)
	}
	if got := f.versions(); got[f.site.ArticleURL(5)] != 1 {
		t.Errorf("article 5 has %d versions", got[f.site.ArticleURL(5)])
	}
	runs, err := f.st.Runs(store.RunsOptions{Site: "sim"})
	if err != nil || len(runs) != 4 {
		t.Errorf("runs: %d, %v", len(runs), err)
	}
}

// articlePath reports whether path is one of the site's articles.
func articlePath(site *crawltest.Site, path string) (int, bool) {
	for i, u := range site.Articles() {
		if strings.HasSuffix(u, path) && strings.Count(path, "/") > 2 {
			return i, true
		}
	}
	return 0, false
}

// TestRetryAfter answers 429 with Retry-After to one article: the fetcher
// retries it after the pause, and no other request to the host starts
// meanwhile.
func TestRetryAfter(t *testing.T) {
	t.Parallel()
	f := newFixture(t, crawltest.Options{Articles: 6, FlakyArticles: -1})
	f.site.TooManyRequests(f.site.ArticlePath(2), 1, time.Second)
	run := f.crawl()
	if run.Outcomes[strata.OutcomeNew] != 6 || len(run.Failures) != 0 {
		t.Fatalf("run: %+v", run)
	}
	reqs := pageRequests(f.site.Log(), "main")
	var at time.Time
	for _, r := range reqs {
		if r.Status == 429 {
			at = r.End
		}
	}
	if at.IsZero() {
		t.Fatal("no 429 was served")
	}
	// The server cannot see when the client read the 429: a request the
	// other worker let through just before that may still arrive after
	// the 429 was sent. One such request per other worker, close after
	// the 429, is in flight, not a broken pause; anything more is.
	inFlight := f.opts.Fetch.Parallelism - 1
	for _, r := range reqs {
		since := r.Start.Sub(at)
		if since <= 20*time.Millisecond || since >= time.Second-20*time.Millisecond {
			continue
		}
		if inFlight > 0 && since < 250*time.Millisecond {
			inFlight--
			continue
		}
		t.Errorf("%s started %v after the 429 asked for 1s", r.Path, since)
	}
}

// TestCrawlDelay checks that a robots.txt Crawl-delay longer than the
// configured delay becomes the delay.
func TestCrawlDelay(t *testing.T) {
	t.Parallel()
	f := newFixture(t, crawltest.Options{Articles: 3, FlakyArticles: -1, CrawlDelay: 200 * time.Millisecond})
	f.opts.Fetch.Parallelism = 1
	f.crawl()
	reqs := pageRequests(f.site.Log(), "main")
	if len(reqs) < 6 {
		t.Fatalf("%d requests", len(reqs))
	}
	checkPoliteness(t, reqs, 1, 200*time.Millisecond)
}

// TestBudgetNewestFirst gives a run a budget smaller than the site: it
// fetches the newest articles, and the next run carries on with the
// older ones.
func TestBudgetNewestFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t, crawltest.Options{Articles: 12, FlakyArticles: -1})
	f.opts.Site.StartURLs = nil
	f.opts.Site.Sitemaps = []string{f.site.URL(crawltest.PathSitemapIndex)}
	f.opts.Site.Discover = false
	f.opts.MaxPages = 5
	run := f.crawl()
	if run.Pages != 5 {
		t.Fatalf("first run visited %d pages, budget 5", run.Pages)
	}
	got := f.versions()
	for i := range 5 {
		if got[f.site.ArticleURL(i)] != 1 {
			t.Errorf("article %d (among the 5 newest) not archived: %v", i, got)
		}
	}
	run = f.crawl()
	if run.Pages != 5 {
		t.Errorf("second run visited %d pages", run.Pages)
	}
	f.opts.MaxPages = 0
	f.crawl()
	if got := f.versions(); len(got) != 12 {
		t.Errorf("%d articles archived after three runs, want 12", len(got))
	}
}

// TestInterrupt stops a run in the middle: it ends interrupted, keeps
// what it committed, and the next run completes the site with one
// version per article.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	f := newFixture(t, crawltest.Options{Articles: 16, FlakyArticles: -1, Latency: 30 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := 0
	f.opts.Progress = func(p crawl.Progress) {
		if done++; done == 6 {
			cancel()
		}
	}
	start := time.Now()
	run, err := crawl.Run(ctx, f.opts)
	if !errors.Is(err, context.Canceled) || run.Status != strata.RunInterrupted {
		t.Fatalf("interrupted run: %v, %+v", err, run)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the stop took %v", took)
	}
	kept := f.versions()
	if len(kept) == 0 {
		t.Error("nothing committed before the stop")
	}
	f.opts.Progress = nil
	run = f.crawl()
	if run.Status != strata.RunCompleted {
		t.Fatalf("resumed run: %+v", run)
	}
	for u, n := range f.versions() {
		if n != 1 {
			t.Errorf("%s: %d versions", u, n)
		}
	}
	if got := f.versions(); len(got) != 16 {
		t.Errorf("%d articles after the resumed run, want 16", len(got))
	}
}

// TestDryRun lists what is due and writes nothing.
func TestDryRun(t *testing.T) {
	t.Parallel()
	f := newFixture(t, crawltest.Options{Articles: 5, FlakyArticles: -1})
	f.crawl()
	f.clock.Add(3 * time.Hour)
	f.site.ResetLog()
	var listed []string
	f.opts.DryRun = true
	f.opts.Report = func(p strata.Page) { listed = append(listed, p.URL) }
	run, err := crawl.Run(context.Background(), f.opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) < 5 {
		t.Errorf("dry run listed %v", listed)
	}
	for _, r := range f.site.Log() {
		if _, ok := articlePath(f.site, r.Path); ok || r.Path == "/" {
			t.Errorf("dry run fetched %s", r.Path)
		}
	}
	runs, _ := f.st.Runs(store.RunsOptions{})
	if len(runs) != 1 || run.ID != 0 {
		t.Errorf("dry run stored a record: %d runs", len(runs))
	}
}

// TestSlowHost gives the site a second host that never answers in time:
// after ErrorBudget timeouts in a row the run leaves it alone and still
// archives the main host.
func TestSlowHost(t *testing.T) {
	t.Parallel()
	f := newFixture(t, crawltest.Options{Articles: 4, FlakyArticles: 5})
	f.site.SetFlaky(crawltest.FlakyHanging)
	f.opts.Fetch.Timeout = 300 * time.Millisecond
	f.opts.Fetch.Parallelism = 1
	f.opts.Site.ErrorBudget = 2
	run := f.crawl()
	// Two workers: one more page may already wait for the host's slot
	// when the budget runs out.
	timeouts := run.Failures[crawl.ReasonTimeout]
	if run.Outcomes[strata.OutcomeNew] != 4 || timeouts < 2 || timeouts > 3 || len(run.StoppedHosts) != 1 {
		t.Errorf("run: outcomes %v failures %v stopped %v", run.Outcomes, run.Failures, run.StoppedHosts)
	}
	if n := len(pageRequests(f.site.Log(), "flaky")); n != 2*timeouts {
		t.Errorf("%d requests to the slow host, want 2 attempts for each of the %d pages", n, timeouts)
	}
}
