package strata

import "time"

// Sources of a crawled page: how a crawl first found it.
const (
	SourceStart   = "start"
	SourceSitemap = "sitemap"
	SourceFeed    = "feed"
	SourceLink    = "link"
)

// Kinds of crawled page.
const (
	// KindUnknown: not known before the page is read; the crawl then
	// tells an article from a listing by the page itself.
	KindUnknown = ""
	// KindArticle: an article, archived version by version.
	KindArticle = "article"
	// KindListing: a page of links (a start page, a category, an
	// archive), read for links and never archived.
	KindListing = "listing"
	// KindFeed: an RSS, Atom or JSON feed, read for article links.
	KindFeed = "feed"
)

// Page is what a crawl keeps about one URL of a site between runs: how it
// was found, when it is due again, and what the next visit's conditional
// request sends. The pages of all sites make up the frontier.
type Page struct {
	// URL is the normalised URL (see NormalizeURL); with Site it
	// identifies the page in the frontier.
	URL string `json:"url"`
	// Site is the name of the [[site]] the page belongs to.
	Site string `json:"site"`
	// Source is one of the Source constants; Depth the number of links
	// followed from a start URL, sitemap or feed to reach it.
	Source string `json:"source"`
	Depth  int    `json:"depth"`
	// Kind is one of the Kind constants: what the page is, as far as
	// the crawl knows.
	Kind string `json:"kind"`
	// DiscoveredAt is when the page was first found.
	DiscoveredAt time.Time `json:"discovered_at"`
	// LastMod is the modification time a sitemap or feed gave, if any.
	LastMod time.Time `json:"lastmod,omitzero"`
	// PublishedAt is the article's publication time once extracted.
	PublishedAt time.Time `json:"published_at,omitzero"`

	// Priority orders the due pages: lower first. NextDue is when the
	// page is due again; among pages of one priority the earliest due
	// comes first.
	Priority int       `json:"priority"`
	NextDue  time.Time `json:"next_due"`

	// LastFetchAt and LastStatus describe the last visit (zero before the
	// first).
	LastFetchAt time.Time `json:"last_fetch_at,omitzero"`
	LastStatus  int       `json:"last_status,omitempty"`
	// ETag and LastModified are the validators of the last archived
	// response, sent back as If-None-Match and If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// RawSHA256 is the hex digest of the body behind the latest version
	// (for a listing page, of the last body read): an identical body is
	// not extracted again.
	RawSHA256 string `json:"raw_sha256,omitempty"`
	// FullExtract asks for extraction even of an identical body, because
	// the thread came from requests beyond the page (an embed, an API).
	FullExtract bool `json:"full_extract,omitempty"`
	// Comments is the number of comments last captured; CommentsAt the
	// last visit at which it grew.
	Comments   int       `json:"comments"`
	CommentsAt time.Time `json:"comments_at,omitzero"`
	// Failures counts the visits in a row that failed.
	Failures int `json:"failures,omitempty"`
}

// Statuses of a crawl run.
const (
	// RunRunning: the run is going on, or its process died without saying
	// so (shown as RunDied once no crawl holds the archive).
	RunRunning = "running"
	// RunCompleted: the run fetched everything due or used its budget.
	RunCompleted = "completed"
	// RunInterrupted: the run was stopped by a signal and committed what
	// it had fetched.
	RunInterrupted = "interrupted"
	// RunDied: the run's process ended without closing the record
	// (SIGKILL, a crash, a power cut).
	RunDied = "died"
	// RunFailed: the run stopped on an error of its own (the archive, the
	// configuration).
	RunFailed = "failed"
)

// Outcomes counted by a run besides the Check outcomes.
const (
	// OutcomeListing: a listing page was read for links.
	OutcomeListing = "listing"
	// OutcomeSkipped: the page was not fetched (robots.txt, out of scope).
	OutcomeSkipped = "skipped"
)

// Run is the record of one crawl of one site.
type Run struct {
	// ID numbers the runs of an archive from 1.
	ID   uint64 `json:"id"`
	Site string `json:"site"`
	// Start and End bound the run; End is zero while it runs. Updated is
	// the time of its last commit, the best guess of when a run that died
	// stopped.
	Start   time.Time `json:"start"`
	End     time.Time `json:"end,omitzero"`
	Updated time.Time `json:"updated,omitzero"`
	// Status is one of the Run constants.
	Status string `json:"status"`
	// Pages counts the pages visited (articles and listings).
	Pages int `json:"pages"`
	// Outcomes counts the visits by outcome: the Check outcomes,
	// OutcomeListing and OutcomeSkipped.
	Outcomes map[string]int `json:"outcomes"`
	// Failures counts the failed visits by reason ("timeout", "http_503",
	// "blocked", …).
	Failures map[string]int `json:"failures"`
	// Discovered counts the URLs added to the frontier.
	Discovered int `json:"discovered"`
	// SitemapsWalked reports that the run read the site's sitemaps;
	// SitemapEntries counts the in-scope URLs they listed.
	SitemapsWalked bool `json:"sitemaps_walked"`
	SitemapEntries int  `json:"sitemap_entries"`
	// StoppedHosts lists the hosts the run stopped fetching from after too
	// many failures in a row.
	StoppedHosts []string `json:"stopped_hosts"`
	// Error says why a failed run stopped.
	Error string `json:"error,omitempty"`
}

// Count adds one visit with outcome (and, for a failure, reason) to r.
func (r *Run) Count(outcome, reason string) {
	if r.Outcomes == nil {
		r.Outcomes = map[string]int{}
	}
	r.Pages++
	r.Outcomes[outcome]++
	if outcome == OutcomeFailed {
		if r.Failures == nil {
			r.Failures = map[string]int{}
		}
		if reason == "" {
			reason = "other"
		}
		r.Failures[reason]++
	}
}

// Clone returns a deep copy of r.
func (r *Run) Clone() *Run {
	c := *r
	c.Outcomes = cloneCounts(r.Outcomes)
	c.Failures = cloneCounts(r.Failures)
	c.StoppedHosts = append([]string(nil), r.StoppedHosts...)
	return &c
}

func cloneCounts(m map[string]int) map[string]int {
	c := make(map[string]int, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// Visit is what one visit of a page changes, committed at once: the
// page's new state, and either a snapshot to save (as Archive.Save does)
// or a check to record, plus the pages found on it.
type Visit struct {
	// Page replaces the page's stored state.
	Page Page
	// Snapshot and Capture, when set, are saved: a new version or an
	// unchanged check.
	Snapshot *Snapshot
	Capture  *Capture
	// Check, when Snapshot is nil, is recorded as it is (not modified,
	// unchanged, failed). Listing pages record none.
	Check *Check
	// Outcome and Reason are counted in the run when no check is
	// recorded; Reason also names the failure of a failed Check.
	Outcome string
	Reason  string
	// Found holds the pages discovered on this one, added to the frontier
	// when new.
	Found []Page
}

// Frontier keeps the pages of the sites a crawl visits and the records of
// its runs; store.Store implements it.
type Frontier interface {
	// AddPages adds the pages the frontier does not hold. For one it
	// holds, merge (if not nil) may update the stored page in place and
	// return true to store it. It returns how many pages were added.
	AddPages(pages []Page, merge func(stored *Page, found Page) bool) (int, error)
	// DuePages returns up to limit pages of site in due order (priority,
	// then NextDue) whose NextDue is not after cutoff, starting after the
	// opaque cursor after ("" for the start), and the cursor of the last
	// one.
	DuePages(site string, cutoff time.Time, after string, limit int) ([]Page, string, error)
	// Commit records visits and the run's record in one transaction and
	// returns the check recorded for each visit (zero when none). The
	// run's counts are updated only if the commit succeeds.
	Commit(run *Run, visits []Visit) ([]Check, error)
	// PutRun writes a run record, numbering it first if its ID is 0.
	PutRun(run *Run) error
	// CountDue counts the pages of site that DuePages would return for
	// cutoff.
	CountDue(site string, cutoff time.Time) (int, error)
}
