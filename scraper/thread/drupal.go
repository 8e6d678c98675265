package thread

import (
	"sort"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
)

// drupal completes a Drupal thread: the other pages of Drupal's comment
// pager (?page=N), fetched and followed as WordPress comment pages are,
// and merged in page order. Complete() returns a thread without
// PageURLs unchanged, before this runs.
func (j *job) drupal(t comments.Thread) result {
	var r result
	seq, nums, why := j.commentPages(t)
	if why != "" {
		r.miss("%s", why)
	}
	type page struct {
		n  int
		cs []strata.Comment
	}
	pages := []page{{t.PageNumber, t.Comments}}
	for i, cs := range seq {
		pages = append(pages, page{nums[i], cs})
	}
	// Pages of unknown number (0) go last, in the order fetched.
	sort.SliceStable(pages, func(a, b int) bool {
		na, nb := pages[a].n, pages[b].n
		if na == 0 || nb == 0 {
			return na != 0 && nb == 0
		}
		return na < nb
	})
	var all []strata.Comment
	for _, p := range pages {
		all = comments.Merge(all, p.cs)
	}
	r.comments = all
	return r
}
