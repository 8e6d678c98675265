package discover

import (
	"strings"
	"time"
)

// w3cLayouts are the W3C datetime forms sitemaps use (YYYY, YYYY-MM,
// YYYY-MM-DD, with hh:mm, hh:mm:ss and fractions, and a zone of Z or
// ±hh:mm), then the variants found in the wild: no zone (read as UTC), a
// space for the T, ±hhmm zones, and RFC 1123 dates.
var w3cLayouts = []string{
	"2006-01-02T15:04:05Z07:00", // fractions are accepted after :05
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05-07",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01",
	"2006",
	time.RFC1123Z,
	time.RFC1123,
}

// parseW3CTime reads a sitemap lastmod in UTC, or returns the zero time
// when s is not a date of years 1970 to 2999.
func parseW3CTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if len(s) < 4 || len(s) > 64 {
		return time.Time{}
	}
	for _, layout := range w3cLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1970 || t.Year() > 2999 {
				return time.Time{}
			}
			return t.UTC()
		}
	}
	return time.Time{}
}
