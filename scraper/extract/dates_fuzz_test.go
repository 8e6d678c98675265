package extract

import (
	"testing"
	"time"
)

// FuzzDates checks that no text makes the date readers panic or hang:
// the machine formats, the patterns for dates in words, and the
// go-dateparser wrapper, with and without a reference time.
func FuzzDates(f *testing.F) {
	for _, s := range []string{
		"2016-03-01T15:07:41+00:00", "2. März 2016", "Mar 2, 2016 1:15 AM", "vor 3 Tagen", "il y a 2 jours",
		"3 hours ago", "yesterday", "31.02.2020", "2.11.22", "11/01/2021", "15 августа 2016", "2022-01-10T22:06:08:684Z", "Datum: 26. Januar 2022", "9999-99-99", "", "\x00\xff", "١٢ مارس ٢٠٢٠",
	} {
		f.Add(s, "de")
		f.Add(s, "")
	}
	ref := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s, lang string) {
		for _, r := range []time.Time{{}, ref} {
			check := func(what string, d *time.Time) {
				if d != nil && (d.Year() < 1970 || d.Year() > 2200) {
					t.Errorf("%s(%q) = %v: implausible", what, s, d)
				}
			}
			check("parseDate", parseDate(s, r))
			check("findDateInText", findDateInText(s))
			for _, mf := range []bool{false, true} {
				d, at, end := scanDate(s, mf)
				check("scanDate", d)
				if d != nil && (at < 0 || end <= at || end > len(s)) || d == nil && at != -1 {
					t.Errorf("scanDate(%q) = %v at [%d, %d)", s, d, at, end)
				}
			}
			done := make(chan *time.Time, 1)
			go func() { done <- sharedLocalDates().parse(s, lang, r) }()
			select {
			case d := <-done:
				check("localDates.parse", d)
			case <-time.After(5 * time.Second):
				t.Fatalf("localDates.parse(%q, %q) hangs", s, lang)
			}
		}
	})
}
