package thread

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/block"
	"github.com/strata-archive/strata/scraper/comments"
	"github.com/strata-archive/strata/scraper/fetch"
)

// restPerPage is the largest page the WordPress REST API serves.
const restPerPage = 100

// wordpress completes a native WordPress or wpDiscuz thread: the REST API
// first, then the HTML sources for what REST lacks.
func (j *job) wordpress(t comments.Thread) result {
	var r result
	wpd := t.System == comments.SystemWpDiscuz
	if t.Declared != nil && *t.Declared == 0 && len(t.Comments) == 0 && !t.LoadMore && len(t.PageURLs) == 0 {
		// No comments, and the page says so: nothing to fetch.
		r.comments = t.Comments
		return r
	}

	// 1. REST: the whole tree of approved comments with true parents and
	// exact times, but no pings, votes, labels or shown dates.
	var rest []comments.RESTComment
	restDone := false
	root := comments.RESTRoot(j.doc, j.page.Header, j.pageURL)
	switch {
	case root == "":
		// Not advertised: the site hides or disabled it.
	case t.PostID == "":
		r.note("WordPress REST API not used: the page shows no post ID")
	default:
		var why string
		rest, restDone, why = j.restComments(root, t.PostID)
		if !restDone && len(rest) == 0 {
			r.note("WordPress REST API unavailable (%s), thread read from the page: parents and times as the page shows them", why)
		} else if !restDone {
			r.miss("WordPress REST API stopped after %d comments (%s)", len(rest), why)
		}
	}

	// 2. The HTML sources, unless REST plus the pings of the page already
	// account for the declared count.
	pings := 0
	for _, c := range t.Comments {
		if c.Type != strata.CommentTypeComment {
			pings++
		}
	}
	needHTML := !restDone || t.Declared == nil || *t.Declared > len(rest)+pings
	html := [][]strata.Comment{t.Comments}
	if needHTML && len(t.PageURLs) > 0 {
		seq, _, why := j.commentPages(t)
		html = append(html, seq...)
		if why != "" {
			r.miss("%s", why)
		}
	}
	if needHTML && wpd {
		w := comments.FindWpDiscuz(j.doc, j.pageURL)
		collapsed := t.Collapsed
		if t.LoadMore {
			seq, more, why := j.wpdLoadMore(t, w)
			html = append(html, seq...)
			collapsed = append(collapsed, more...)
			if why != "" {
				r.miss("%s", why)
			}
		}
		if !restDone && len(collapsed) > 0 {
			seq, why := j.wpdShowReplies(t, w, collapsed)
			html = append(html, seq...)
			if why != "" {
				r.miss("%s", why)
			}
		}
	}

	// 3. Merge: REST values win (parents, text, exact times); the HTML
	// fills votes, labels, the shown date, and brings the pings.
	restCs := make([]strata.Comment, len(rest))
	for i, rc := range rest {
		restCs[i] = rc.Comment
	}
	var fromHTML []strata.Comment
	for _, cs := range html {
		fromHTML = comments.Merge(fromHTML, cs)
	}
	all := comments.Merge(restCs, fromHTML)
	if len(rest) > 0 {
		// Without REST comments fixZones has no offset to go by.
		fixZones(all, rest, j.siteLocation())
	}
	r.comments = orderWordPress(all, html)
	return r
}

// restComments pages through /wp/v2/comments?post=ID. done is false when
// a page failed or the cap stopped it; why then says so.
func (j *job) restComments(root, postID string) (cs []comments.RESTComment, done bool, why string) {
	for n := 1; ; n++ {
		capture, err := j.get(comments.RESTCommentsURL(root, postID, n, restPerPage), "application/json")
		if err != nil {
			why = j.why(err)
			if capture != nil {
				var re *comments.RESTError
				if _, perr := comments.ParseWPREST(capture.Body, nil); errors.As(perr, &re) {
					why += " " + re.Code
				}
			}
			return cs, false, why
		}
		page, err := comments.ParseWPREST(capture.Body, j.pageURL)
		if err != nil {
			return cs, false, err.Error()
		}
		cs = append(cs, page...)
		pages, perr := strconv.Atoi(capture.Header.Get("X-WP-TotalPages"))
		if perr != nil {
			// No paging headers: a short page is the last one.
			pages = n
			if len(page) == restPerPage {
				pages = n + 1
			}
		}
		if n >= pages || len(page) == 0 {
			return cs, true, ""
		}
	}
}

// commentPages fetches the other comment pages of a paged thread (native
// WordPress, wpDiscuz with WordPress paging, Drupal's comment pager),
// following the pagination links each page shows, in page order. It
// returns the comments of each page fetched and that page's number (0
// when unknown); why says what stopped it early. A page that fails, is
// a block page or cannot be parsed stops it, and why names that page.
func (j *job) commentPages(t comments.Thread) (seq [][]strata.Comment, nums []int, why string) {
	number := pageNumberer(t.System)
	visited := map[string]bool{}
	numbers := map[int]bool{}
	if t.PageNumber > 0 {
		numbers[t.PageNumber] = true
	}
	queue := append([]string(nil), t.PageURLs...)
	for len(queue) > 0 {
		sortPages(queue, number)
		u := queue[0]
		queue = queue[1:]
		n := number(u)
		if visited[u] || (n > 0 && numbers[n]) {
			continue
		}
		visited[u] = true
		capture, err := j.get(u, "")
		if err != nil {
			return seq, nums, fmt.Sprintf("comment page %s not fetched (%s)", pageLabel(u, number), j.why(err))
		}
		doc, pu, err := parseHTML(capture)
		if err != nil {
			return seq, nums, fmt.Sprintf("comment page %s unreadable (%v)", pageLabel(u, number), err)
		}
		if reason := block.Detect(capture, doc); reason != "" {
			return seq, nums, fmt.Sprintf("comment page %s not fetched (blocked: %s)", pageLabel(u, number), reason)
		}
		th := comments.Parse(doc, pu, comments.Options{FetchedAt: capture.FetchedAt})
		seq = append(seq, th.Comments)
		if n <= 0 {
			n = th.PageNumber
		}
		nums = append(nums, n)
		if n > 0 {
			numbers[n] = true
		}
		if th.PageNumber > 0 {
			numbers[th.PageNumber] = true
		}
		for _, next := range th.PageURLs {
			if !visited[next] {
				queue = append(queue, next)
			}
		}
	}
	return seq, nums, ""
}

// pageNumberer returns how system numbers its comment page URLs: ?page=N
// for Drupal (page N+1, 1 without the parameter), /comment-page-N/ or
// ?cpage=N otherwise; 0 when a URL has no number.
func pageNumberer(system string) func(string) int {
	of := comments.CommentPageNumber
	if system == comments.SystemDrupal {
		of = comments.DrupalPageNumber
	}
	return func(raw string) int {
		u, err := url.Parse(raw)
		if err != nil {
			return 0
		}
		return of(u)
	}
}

func pageLabel(u string, number func(string) int) string {
	if n := number(u); n > 0 {
		return strconv.Itoa(n)
	}
	return u
}

// sortPages orders comment page URLs by page number, then text.
func sortPages(us []string, number func(string) int) {
	sort.SliceStable(us, func(a, b int) bool {
		na, nb := number(us[a]), number(us[b])
		if na != nb {
			return na < nb
		}
		return us[a] < us[b]
	})
}

// wpdLoadMore fetches the wpDiscuz batches after the first, following the
// lastParentId keyset until is_show_load_more is false. It returns the
// batches, the comments whose replies they show collapsed, and why it
// stopped early ("" when it did not).
func (j *job) wpdLoadMore(t comments.Thread, w comments.WpDiscuz) (seq [][]strata.Comment, collapsed []string, why string) {
	if t.PostID == "" {
		return nil, nil, "more wpDiscuz comments exist, but the page shows no post ID to ask for them"
	}
	nonce, nerr := "", error(nil)
	if !w.Legacy && w.NeedsNonce() {
		nonce, nerr = j.wpdNonce(w)
		if nerr != nil && !errors.Is(nerr, comments.ErrWpdUnknownAction) {
			return nil, nil, "wpDiscuz nonce not obtained (" + j.why(nerr) + "), so the batches after the first were not fetched"
		}
	}
	last := t.LastParentID
	if last == "" {
		last = "0"
	}
	firstLoad := len(t.Comments) == 0
	refreshed := false
	seen := map[string]bool{}
	for _, c := range t.Comments {
		seen[c.ID] = true
	}
	for offset := 1; ; offset++ {
		form := url.Values{}
		form.Set("postId", t.PostID)
		form.Set("lastParentId", last)
		form.Set("offset", strconv.Itoa(offset))
		if w.Legacy {
			order := w.Order
			if order == "" {
				order = "desc"
			}
			form.Set("action", "loadMoreComments")
			form.Set("orderBy", "comment_date_gmt")
			form.Set("order", order)
		} else {
			form.Set("action", "wpdLoadMoreComments")
			form.Set("isFirstLoad", boolDigit(firstLoad))
			form.Set("wpdType", "")
			if nonce != "" {
				form.Set("wpdiscuz_nonce", nonce)
			}
		}
		capture, err := j.post(w.AjaxURL, form)
		var b comments.WpdBatch
		var perr error
		if capture != nil {
			b, perr = comments.ParseWpdAJAX(capture.Body)
		}
		if errors.Is(perr, comments.ErrWpdNonce) && !refreshed && !w.Legacy {
			// Nonces expire; ask once for a fresh one and retry.
			refreshed = true
			if nonce, nerr = j.wpdNonce(w); nerr == nil {
				offset--
				continue
			}
			err = nerr
		}
		after := "the first batch"
		if last != "0" {
			after = "comment " + last
		}
		switch {
		case errors.Is(perr, comments.ErrWpdNonce):
			return seq, collapsed, "wpDiscuz refused the nonce for the batch after " + after
		case err != nil:
			return seq, collapsed, "wpDiscuz batch after " + after + " not fetched (" + j.why(err) + ")"
		case perr != nil:
			return seq, collapsed, "wpDiscuz batch after " + after + " unreadable (" + perr.Error() + ")"
		}
		cs, col := comments.ParseWpDiscuzBatch(b.HTML, j.pageURL, j.siteLocation())
		seq = append(seq, cs)
		collapsed = append(collapsed, col...)
		fresh := 0
		for _, c := range cs {
			if !seen[c.ID] {
				seen[c.ID] = true
				fresh++
			}
		}
		if !b.More {
			return seq, collapsed, ""
		}
		if b.LastParentID == "" || b.LastParentID == last || fresh == 0 {
			return seq, collapsed, "wpDiscuz announced more comments after " + after + " but gave no new batch"
		}
		last = b.LastParentID
		firstLoad = false
	}
}

// wpdNonce asks wpDiscuz (7.6.45 and later) for the nonce of its AJAX
// actions. The cookie it also sets stays in the fetcher's jar, for the
// versions that read the nonce from there.
func (j *job) wpdNonce(w comments.WpDiscuz) (string, error) {
	form := url.Values{}
	form.Set("action", "wpdGetNonce")
	capture, err := j.post(w.AjaxURL, form)
	if capture != nil {
		nonce, perr := comments.ParseWpdNonce(capture.Body)
		if perr == nil {
			return nonce, nil
		}
		if errors.Is(perr, comments.ErrWpdUnknownAction) {
			return "", perr
		}
		if err == nil {
			err = perr
		}
	}
	if err == nil {
		err = errors.New("empty reply")
	}
	var se *fetch.StatusError
	if errors.As(err, &se) && se.Status == 400 {
		return "", comments.ErrWpdUnknownAction
	}
	return "", err
}

// wpdShowReplies fetches the replies that wpDiscuz folded behind "View
// Replies" toggles, one wpdShowReplies call per collapsed comment.
func (j *job) wpdShowReplies(t comments.Thread, w comments.WpDiscuz, ids []string) (seq [][]strata.Comment, why string) {
	action := "wpdShowReplies"
	if w.Legacy {
		action = "wpdiscuzShowReplies"
	}
	done := map[string]bool{}
	for _, id := range ids {
		if done[id] {
			continue
		}
		done[id] = true
		form := url.Values{}
		form.Set("action", action)
		form.Set("postId", t.PostID)
		form.Set("commentId", id)
		capture, err := j.post(w.AjaxURL, form)
		if err != nil {
			return seq, "replies to comment " + id + " not fetched (" + j.why(err) + ")"
		}
		b, err := comments.ParseWpdAJAX(capture.Body)
		if err != nil {
			return seq, "replies to comment " + id + " unreadable (" + err.Error() + ")"
		}
		cs, _ := comments.ParseWpDiscuzBatch(b.HTML, j.pageURL, j.siteLocation())
		seq = append(seq, cs)
	}
	return seq, ""
}

func boolDigit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// fixZones resolves the zone-less shown dates of the comments that REST
// did not give (pings, mostly) with the site's UTC offset that REST
// reveals (date minus date_gmt), taken from the REST comment nearest in
// ID, so that daylight saving time is followed. A time the page gave
// with its own offset is kept.
func fixZones(all []strata.Comment, rest []comments.RESTComment, page *time.Location) {
	type off struct {
		id  int
		off time.Duration
	}
	var offs []off
	fromREST := map[string]bool{}
	for _, rc := range rest {
		fromREST[rc.ID] = true
		if n, err := strconv.Atoi(rc.ID); err == nil && rc.Offset != nil {
			offs = append(offs, off{n, *rc.Offset})
		}
	}
	if len(offs) == 0 {
		return
	}
	for i := range all {
		c := &all[i]
		if fromREST[c.ID] || c.PostedAtText == "" {
			continue
		}
		if _, zoned := comments.ParseLocalDate(c.PostedAtText, nil); zoned {
			continue
		}
		if c.PostedAt != nil {
			// Keep a time that did not come from the shown text at the
			// page's offset (an html5 time[datetime]).
			if t, ok := comments.ParseLocalDate(c.PostedAtText, page); !ok || !t.Equal(*c.PostedAt) {
				continue
			}
		}
		id, err := strconv.Atoi(c.ID)
		if err != nil {
			continue
		}
		best := offs[0]
		for _, o := range offs[1:] {
			if abs(o.id-id) < abs(best.id-id) {
				best = o
			}
		}
		loc := time.FixedZone(zoneName(best.off), int(best.off/time.Second))
		if t, ok := comments.ParseLocalDate(c.PostedAtText, loc); ok {
			c.PostedAt = &t
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func zoneName(d time.Duration) string {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	return fmt.Sprintf("%s%02d:%02d", sign, int(d.Hours()), int(d.Minutes())%60)
}

// orderWordPress puts a WordPress thread into its documented order:
// siblings sorted by numeric comment ID, top-level comments in the
// direction the page shows them (newest first when the HTML lists them
// mostly in descending ID order, else oldest first), replies oldest first
// unless the HTML lists them the other way. The order thus depends on
// the site's settings only, not on which sources answered, so that an
// unchanged thread gives an identical snapshot. Comments with non-numeric
// IDs keep the merge order.
func orderWordPress(all []strata.Comment, html [][]strata.Comment) []strata.Comment {
	ids := make([]int, len(all))
	for i, c := range all {
		n, err := strconv.Atoi(c.ID)
		if err != nil {
			return comments.Merge(all, nil)
		}
		ids[i] = n
	}
	topDesc, replyDesc := directions(html)
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ca, cb := all[idx[a]], all[idx[b]]
		ta, tb := ca.ParentID == "", cb.ParentID == ""
		if ta != tb {
			return ta
		}
		desc := replyDesc
		if ta {
			desc = topDesc
		}
		if desc {
			return ids[idx[a]] > ids[idx[b]]
		}
		return ids[idx[a]] < ids[idx[b]]
	})
	sorted := make([]strata.Comment, len(all))
	for i, k := range idx {
		sorted[i] = all[k]
	}
	return comments.Merge(sorted, nil)
}

// directions votes, over adjacent siblings as the HTML sources list them,
// whether top-level comments and replies run in descending ID order.
func directions(html [][]strata.Comment) (topDesc, replyDesc bool) {
	var topUp, topDown, repUp, repDown int
	for _, cs := range html {
		lastTop := -1
		lastChild := map[string]int{}
		for _, c := range cs {
			n, err := strconv.Atoi(c.ID)
			if err != nil {
				continue
			}
			if c.ParentID == "" {
				if lastTop >= 0 {
					if n > lastTop {
						topUp++
					} else if n < lastTop {
						topDown++
					}
				}
				lastTop = n
				continue
			}
			if p, ok := lastChild[c.ParentID]; ok {
				if n > p {
					repUp++
				} else if n < p {
					repDown++
				}
			}
			lastChild[c.ParentID] = n
		}
	}
	return topDown > topUp, repDown > repUp
}
