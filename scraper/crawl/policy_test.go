package crawl

import (
	"sort"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
)

// TestSchedule checks the due time and priority schedule gives pages of
// each kind and age.
func TestSchedule(t *testing.T) {
	const h, day = time.Hour, 24 * time.Hour
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	pol := DefaultPolicy()
	pol.ListingEvery = 2 * h
	article := func(published time.Duration) strata.Page {
		return strata.Page{Kind: strata.KindArticle, PublishedAt: now.Add(-published), DiscoveredAt: now.Add(-h)}
	}
	tests := []struct {
		name  string
		page  strata.Page
		depth int
		facts scheduleFacts
		prio  int
		wait  time.Duration // before the 9/10 slack
	}{
		{"young article", article(5 * h), 2, scheduleFacts{}, prioTier, h},
		{"a week old", article(7 * day), 2, scheduleFacts{}, prioTier + 1, day},
		{"a month old", article(30 * day), 2, scheduleFacts{}, prioTier + 2, 7 * day},
		{"a year old", article(365 * day), 2, scheduleFacts{}, prioTier + 3, 30 * day},
		{"old but commented today", func() strata.Page { p := article(30 * day); p.CommentsAt = now.Add(-3 * h); return p }(), 2, scheduleFacts{}, prioTier, h},
		{"old, comments stopped", func() strata.Page { p := article(30 * day); p.CommentsAt = now.Add(-3 * day); return p }(), 2, scheduleFacts{}, prioTier + 2, 7 * day},
		{"unknown age: first seen", strata.Page{Kind: strata.KindArticle, DiscoveredAt: now.Add(-3 * day)}, 2, scheduleFacts{}, prioTier + 1, day},
		{"dated by the sitemap", strata.Page{Kind: strata.KindArticle, LastMod: now.Add(-100 * day), DiscoveredAt: now}, 2, scheduleFacts{}, prioTier + 3, 30 * day},
		{"listing", strata.Page{Kind: strata.KindListing, Depth: 0}, 2, scheduleFacts{}, prioListing, 2 * h},
		{"dead-end listing", strata.Page{Kind: strata.KindListing, Depth: 2, DiscoveredAt: now}, 2, scheduleFacts{}, prioTier + 3, 30 * day},
		{"feed", strata.Page{Kind: strata.KindFeed}, 2, scheduleFacts{}, prioFeed, 2 * h},
		{"old article timing out", func() strata.Page { p := article(365 * day); p.Failures = 3; return p }(), 2, scheduleFacts{transient: true}, prioTier + 3, 4 * h},
		{"young article gone (404)", func() strata.Page { p := article(5 * h); p.Failures = 3; return p }(), 2, scheduleFacts{}, prioTier, 4 * h},
		{"robots forbids", article(5 * h), 2, scheduleFacts{park: true}, prioTier + 3, 30 * day},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.page
			pol.schedule(&p, now, now.Add(-time.Minute), tt.depth, tt.facts)
			want := now.Add(tt.wait - tt.wait/10)
			if p.Priority != tt.prio || !p.NextDue.Equal(want) {
				t.Errorf("priority %d, due in %v; want %d, %v", p.Priority, p.NextDue.Sub(now), tt.prio, want.Sub(now))
			}
		})
	}
	// Every run at most once: a listing read every run is due after the
	// run's start.
	pol.ListingEvery = 0
	p := strata.Page{Kind: strata.KindListing}
	pol.schedule(&p, now, now, 2, scheduleFacts{})
	if !p.NextDue.After(now) {
		t.Errorf("listing due at %v, not after the run's start", p.NextDue)
	}
}

// TestFreshNewestFirst checks that pages never fetched are due at once,
// the newest first.
func TestFreshNewestFirst(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	var pages []strata.Page
	for i, d := range []time.Duration{5, 1, 300, 40} {
		p := strata.Page{URL: string(rune('a' + i)), Kind: strata.KindArticle, DiscoveredAt: now, LastMod: now.Add(-d * time.Hour)}
		fresh(&p)
		if p.NextDue.After(now) {
			t.Errorf("fresh page due at %v", p.NextDue)
		}
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].NextDue.Before(pages[j].NextDue) })
	var order string
	for _, p := range pages {
		order += p.URL
	}
	if order != "badc" {
		t.Errorf("due order %q, want newest first: b a d c", order)
	}
}

func TestThreadBeyondPage(t *testing.T) {
	one := []strata.Comment{{ID: "1", Text: "First."}}
	tests := []struct {
		name string
		snap strata.Snapshot
		want bool
	}{
		{"no comment system", strata.Snapshot{}, false},
		{"wordpress", strata.Snapshot{CommentSystem: comments.SystemWordPress, Comments: one}, false},
		{"disqus: an embed and an API", strata.Snapshot{CommentSystem: comments.SystemDisqus}, true},
		// Later comment pages can change while the first page's body
		// stays the same.
		{"drupal with comments", strata.Snapshot{CommentSystem: comments.SystemDrupal, Comments: one}, true},
		{"drupal without comments", strata.Snapshot{CommentSystem: comments.SystemDrupal}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := threadBeyondPage(&tt.snap); got != tt.want {
				t.Errorf("threadBeyondPage = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestConditional(t *testing.T) {
	tests := []struct {
		name string
		page strata.Page
		want string // If-None-Match, "" when no conditional request
	}{
		{"never seen", strata.Page{ETag: `"a"`}, ""},
		{"article with a validator", strata.Page{Kind: strata.KindArticle, ETag: `"a"`}, `"a"`},
		{"listing", strata.Page{Kind: strata.KindListing, ETag: `"b"`}, `"b"`},
		// A 304 would skip the extraction that reads a thread beyond the
		// page (a Disqus embed, Drupal's later comment pages).
		{"article whose thread lives beyond the page", strata.Page{Kind: strata.KindArticle, ETag: `"a"`, FullExtract: true}, ""},
		{"no validator", strata.Page{Kind: strata.KindArticle}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := conditional(tt.page).Get("If-None-Match"); got != tt.want {
				t.Errorf("If-None-Match = %q, want %q", got, tt.want)
			}
		})
	}
}
