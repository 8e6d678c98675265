package thread

import (
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
)

// TestFixZones checks that zone-less shown dates of comments REST does
// not list are read at the offset REST reveals for the nearest comment,
// daylight saving time included, and that exact times are kept.
func TestFixZones(t *testing.T) {
	at := func(s string) *time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	dur := func(d time.Duration) *time.Duration { return &d }
	winter, summer := dur(time.Hour), dur(2*time.Hour)
	rest := []comments.RESTComment{
		{Comment: strata.Comment{ID: "100", PostedAt: at("2016-01-10T10:00:00Z")}, Offset: winter},
		{Comment: strata.Comment{ID: "900", PostedAt: at("2016-07-10T10:00:00Z")}, Offset: summer},
	}
	page := time.FixedZone("+01:00", 3600)
	all := []strata.Comment{
		rest[0].Comment, rest[1].Comment,
		// A ping of July, shown zone-less, read at the page's winter offset.
		{ID: "880", PostedAtText: "Jul 11, 2016 9:00 AM", PostedAt: at("2016-07-11T08:00:00Z")},
		// A ping of January with no time yet.
		{ID: "120", PostedAtText: "Jan 11, 2016 9:00 AM"},
		// An html5 time with its own offset: kept.
		{ID: "870", PostedAtText: "July 11, 2016 at 9:00 am", PostedAt: at("2016-07-11T06:30:00Z")},
	}
	fixZones(all, rest, page)
	want := map[string]string{"880": "2016-07-11T07:00:00Z", "120": "2016-01-11T08:00:00Z", "870": "2016-07-11T06:30:00Z"}
	for _, c := range all[2:] {
		if got := c.PostedAt.UTC().Format(time.RFC3339); got != want[c.ID] {
			t.Errorf("comment %s: posted_at %s, want %s", c.ID, got, want[c.ID])
		}
	}
}
