package comments_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/comments"
)

// batch is the comment_list of a wpdLoadMoreComments reply that continues
// the wpdiscuz7-nested fixture: it repeats 8985 (a comment arrived in the
// meantime) and brings a late reply to 9003.
const batch = `<div id='wpd-comm-8985_0' class='pingback even thread-even depth-1 wpd-comment wpd_comment_level-1'><div class="wpd-comment-wrap wpd-blog-guest">
<div id='comment-8985' class="wpd-comment-right"><div class="wpd-comment-header"><div class="wpd-comment-author "><a href="https://elsewhere.example/2024/05/10/linked/" rel="noreferrer ugc nofollow">Elsewhere &#8211; Linked post</a></div>
<div class="wpd-comment-date" title="May 10, 2024 9:45 AM">1 year ago</div></div><div class="wpd-comment-text"><p>[&#8230;] as discussed here [&#8230;]</p></div></div></div><div id='wpdiscuz_form_anchor-8985_0'></div></div>
<div id='wpd-comm-8970_0' class='comment odd alt thread-odd depth-1 wpd-comment wpd_comment_level-1'><div class="wpd-comment-wrap wpd-blog-guest">
<div class="wpd-comment-left "><div class="wpd-comment-label" wpd-tooltip="Guest"><span>Guest</span></div></div>
<div id='comment-8970' class="wpd-comment-right"><div class="wpd-comment-header"><div class="wpd-comment-author ">Gus</div>
<div class="wpd-comment-date" title="May 10, 2024 9:01 AM">1 year ago</div></div>
<div class="wpd-comment-text"><p>Early bird.</p></div>
<div class="wpd-comment-footer"><div class="wpd-vote"><div class="wpd-vote-result" title="2">2</div></div></div></div></div><div id='wpdiscuz_form_anchor-8970_0'></div>
<div id='wpd-comm-8971_8970' class='comment even depth-2 wpd-comment wpd-reply wpd_comment_level-2'><div class="wpd-comment-wrap wpd-blog-guest">
<div id='comment-8971' class="wpd-comment-right"><div class="wpd-comment-header"><div class="wpd-comment-author ">Hal</div>
<div class="wpd-comment-date" title="May 10, 2024 9:30 AM">1 year ago</div></div>
<div class="wpd-comment-text"><p>Reply in the batch.</p></div></div></div><div id='wpdiscuz_form_anchor-8971_8970'></div></div></div>
<div id='wpd-comm-9006_9003' class='comment odd depth-4 wpd-comment wpd-reply wpd_comment_level-4'><div class="wpd-comment-wrap wpd-blog-guest">
<div id='comment-9006' class="wpd-comment-right"><div class="wpd-comment-header"><div class="wpd-comment-author ">Ivy</div>
<div class="wpd-comment-date" title="May 12, 2024 7:00 PM">1 year ago</div></div>
<div class="wpd-comment-text"><p>Late reply to a comment of the first page.</p></div></div></div></div>`

func TestParseWpDiscuzHTML(t *testing.T) {
	site := time.FixedZone("+02:00", 2*3600)
	got := comments.ParseWpDiscuzHTML(batch, mustURL(t, "https://forum.example/2024/05/10/nested-replies/"), site)
	checkComments(t, got, []want{
		{ID: "8985", Author: "Elsewhere – Linked post", URL: "https://elsewhere.example/2024/05/10/linked/", Type: "pingback",
			PostedAt: "2024-05-10T07:45:00Z", PostedAtText: "May 10, 2024 9:45 AM", Text: "[…] as discussed here […]"},
		{ID: "8970", Author: "Gus", Type: "comment", Score: intp(2), Label: "Guest",
			PostedAt: "2024-05-10T07:01:00Z", PostedAtText: "May 10, 2024 9:01 AM", Text: "Early bird."},
		{ID: "8971", Parent: "8970", Depth: 1, Author: "Hal", Type: "comment",
			PostedAt: "2024-05-10T07:30:00Z", PostedAtText: "May 10, 2024 9:30 AM", Text: "Reply in the batch."},
		// Its parent is on the first page: an orphan here.
		{ID: "9006", Parent: "9003", Depth: 1, Author: "Ivy", Type: "comment",
			PostedAt: "2024-05-12T17:00:00Z", PostedAtText: "May 12, 2024 7:00 PM", Text: "Late reply to a comment of the first page."},
	})

	if got := comments.ParseWpDiscuzHTML(batch, nil, nil); len(got) != 4 || got[0].PostedAt != nil || got[0].PostedAtText == "" {
		t.Errorf("without a site offset: %d comments, first PostedAt %v; want 4, nil, text kept", len(got), got[0].PostedAt)
	}
	if got := comments.ParseWpDiscuzHTML("", nil, nil); got == nil || len(got) != 0 {
		t.Errorf("ParseWpDiscuzHTML(\"\") = %v, want an empty list", got)
	}
}

// TestMergePageAndBatch is the fetching stage's use: page one, then an
// AJAX batch, merged into one thread.
func TestMergePageAndBatch(t *testing.T) {
	doc := mustDoc(t, readPage(t, filepath.Join("testdata", "wpdiscuz7-nested.html"), ""))
	page := comments.Parse(doc, mustURL(t, "https://forum.example/2024/05/10/nested-replies/"), comments.Options{})
	more := comments.ParseWpDiscuzHTML(batch, nil, comments.SiteLocation(doc))
	got := comments.Merge(page.Comments, more)

	var ids []string
	depth := map[string]int{}
	for _, c := range got {
		ids = append(ids, c.ID)
		depth[c.ID] = c.Depth
	}
	wantIDs := []string{"9001", "9002", "9003", "9004", "9006", "9005", "8990", "8985", "8970", "8971"}
	if len(ids) != len(wantIDs) {
		t.Fatalf("merged IDs %v, want %v", ids, wantIDs)
	}
	for i := range ids {
		if ids[i] != wantIDs[i] {
			t.Fatalf("merged IDs %v, want %v", ids, wantIDs)
		}
	}
	if depth["9006"] != 3 || depth["8971"] != 1 {
		t.Errorf("depths 9006=%d 8971=%d, want 3 and 1", depth["9006"], depth["8971"])
	}
	checkThread(t, got)
}
