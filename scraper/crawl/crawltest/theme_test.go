package crawltest_test

import (
	"context"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/crawl/crawltest"
	"github.com/strata-archive/strata/scraper/fetch"
)

// TestThemes checks that the themed article pages read as what they
// simulate: the whole thread, replies under their parents, no request
// beyond the page.
func TestThemes(t *testing.T) {
	for _, theme := range []string{crawltest.ThemeWordPress, crawltest.ThemeWpDiscuz} {
		t.Run(theme, func(t *testing.T) {
			site := crawltest.New(t, crawltest.Options{Articles: 3, Comments: 50, FlakyArticles: -1, Theme: theme,
				Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)})
			site.AddComment(1, "Late Reader", "A late comment.", time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC))
			sc := scraper.New(fetch.Options{UserAgent: "test", IgnoreRobots: true})
			snap, _, err := sc.Scrape(context.Background(), site.ArticleURL(1))
			if err != nil {
				t.Fatal(err)
			}
			if len(snap.Comments) != 51 || !snap.CommentsComplete || snap.CommentSystem != theme {
				t.Fatalf("%d comments, complete %v, system %q, note %q", len(snap.Comments), snap.CommentsComplete, snap.CommentSystem, snap.CommentsNote)
			}
			replies := 0
			for i, c := range snap.Comments {
				if c.ParentID != "" {
					replies++
					if c.Depth != 1 || snap.Comments[i-1].ID != c.ParentID {
						t.Errorf("reply %s: depth %d, parent %s after %s", c.ID, c.Depth, c.ParentID, snap.Comments[i-1].ID)
					}
				}
			}
			if replies != 12 || snap.Title != "Article 1" || len(snap.BodyText) < 1500 {
				t.Errorf("%d replies, title %q, body %d bytes", replies, snap.Title, len(snap.BodyText))
			}
			if n := len(site.Log()); n != 1 {
				t.Errorf("%d requests, want the page alone: %+v", n, site.Log())
			}
		})
	}
}
