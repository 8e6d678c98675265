package crawl

import (
	"time"

	"github.com/strata-archive/strata"
)

// Policy says when a page is due again.
type Policy struct {
	// Tiers are age bands by increasing MaxAge; the last may have MaxAge
	// zero, covering every older article. An article's age is the time
	// since its publication (else since a sitemap or feed dated it, else
	// since it was first seen).
	Tiers []Tier
	// CommentsActive keeps an article at the first tier's pace while its
	// comment count grew within this long.
	CommentsActive time.Duration
	// ListingEvery is the time between two reads of a listing page or a
	// feed; zero means every run.
	ListingEvery time.Duration
}

// Tier is one age band of a Policy.
type Tier struct {
	// MaxAge is the oldest age covered; zero means no limit.
	MaxAge time.Duration
	// Every is the time between two visits.
	Every time.Duration
}

// DefaultPolicy revisits articles hourly for two days, daily for two
// weeks, weekly for three months and monthly after that; hourly while
// comments arrived in the last day; listing pages and feeds every run.
func DefaultPolicy() Policy {
	const day = 24 * time.Hour
	return Policy{
		Tiers: []Tier{
			{MaxAge: 2 * day, Every: time.Hour},
			{MaxAge: 14 * day, Every: day},
			{MaxAge: 90 * day, Every: 7 * day},
			{Every: 30 * day},
		},
		CommentsActive: day,
	}
}

// Priorities of the due order: feeds first (they name the newest
// articles), then listing pages, then pages never fetched, then known
// articles by tier, youngest first.
const (
	prioFeed    = 0
	prioListing = 1
	prioNew     = 2
	prioTier    = 3
)

// epoch is the centre of mirror.
var epoch = time.Unix(0, 0).UTC()

// mirror reflects t about the Unix epoch, so that a later t gives an
// earlier time. A page never fetched is due at once, and among such pages
// the due order is then newest first.
func mirror(t time.Time) time.Time { return epoch.Add(-t.Sub(epoch)) }

// fresh sets the priority and due time of a page never fetched.
func fresh(p *strata.Page) {
	switch p.Kind {
	case strata.KindFeed:
		p.Priority = prioFeed
	case strata.KindListing:
		p.Priority = prioListing
	default:
		p.Priority = prioNew
	}
	date := p.LastMod
	if date.IsZero() {
		date = p.DiscoveredAt
	}
	p.NextDue = mirror(date)
}

// age is how old an article is at.
func age(p *strata.Page, at time.Time) time.Duration {
	base := p.PublishedAt
	if base.IsZero() {
		base = p.LastMod
	}
	if base.IsZero() {
		base = p.DiscoveredAt
	}
	return at.Sub(base)
}

// tier returns the index of the tier an article of age d falls in.
func (pol *Policy) tier(d time.Duration) int {
	for i, t := range pol.Tiers {
		if t.MaxAge == 0 || d <= t.MaxAge {
			return i
		}
	}
	return len(pol.Tiers) - 1
}

// maxFailureBackoff bounds the wait after failures in a row.
const maxFailureBackoff = 7 * 24 * time.Hour

// scheduleFacts are what a visit tells schedule beyond the page.
type scheduleFacts struct {
	// transient: the visit failed for the host's sake (timeout, 5xx, a
	// block page); it is retried sooner than a slow tier would.
	transient bool
	// park: the page cannot be read (robots.txt forbids it, it is not
	// HTML): only the slowest tier looks at it again.
	park bool
}

// schedule sets the priority and next due time of p, visited at at in a
// run that started at runStart. A page whose links the crawl follows
// (depth < maxDepth) and a feed are read at ListingEvery; any other page
// by the age tiers. After failures in a row the wait is 1h, 2h, 4h… (at
// most a week): no longer than the page's pace for a transient failure,
// no shorter for another.
//
// The wait is nine tenths of the interval, so that a cron firing at the
// interval finds the page due; and it always ends after runStart, so that
// a run never visits a page twice.
func (pol *Policy) schedule(p *strata.Page, at, runStart time.Time, maxDepth int, f scheduleFacts) {
	last := len(pol.Tiers) - 1
	var every time.Duration
	switch {
	case f.park:
		p.Priority = prioTier + last
		every = pol.Tiers[last].Every
	case p.Kind == strata.KindFeed:
		p.Priority = prioFeed
		every = pol.ListingEvery
	case p.Kind == strata.KindListing && p.Depth < maxDepth:
		p.Priority = prioListing
		every = pol.ListingEvery
	default:
		i := pol.tier(age(p, at))
		if p.Kind == strata.KindListing {
			i = last // a dead end: only its kind may change
		} else if !p.CommentsAt.IsZero() && at.Sub(p.CommentsAt) <= pol.CommentsActive {
			i = 0
		}
		p.Priority = prioTier + i
		every = pol.Tiers[i].Every
	}
	if p.Failures > 0 && !f.park {
		backoff := min(time.Hour<<min(p.Failures-1, 20), maxFailureBackoff)
		if f.transient {
			if every > 0 {
				every = min(every, backoff)
			}
		} else {
			every = max(every, backoff)
		}
	}
	next := at.Add(every - every/10)
	if !next.After(runStart) {
		next = runStart.Add(time.Nanosecond)
	}
	p.NextDue = next
}
