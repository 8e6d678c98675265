package thread_test

import (
	"strings"
	"testing"

	"github.com/strata-archive/strata/scraper/testsite"
	"github.com/strata-archive/strata/scraper/thread"
)

func TestWordPressThreads(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		query string
		// noteHas is a part of comments_note, "" for an empty note.
		noteHas string
		// skip names fields the source cannot give.
		skip []string
		// actions must all appear in the request log.
		actions []string
	}{
		{name: "native, paged newest first, REST corrects flattened parents", path: testsite.NativePagedPath},
		{name: "native, REST blocked", path: testsite.NativeNoRESTPath, noteHas: "REST API unavailable (HTTP 401 rest_forbidden)"},
		{name: "native, plain permalinks: ?cpage=N", path: testsite.NativePlainPath, query: "?p=4103"},
		{name: "wpDiscuz 7.6.63, REST blocked: batches, nonce, collapsed replies", path: testsite.WpDiscuzPath,
			noteHas: "REST API unavailable (HTTP 403 rest_cannot_access)",
			actions: []string{"POST wpdGetNonce", "POST wpdLoadMoreComments", "POST wpdShowReplies"}},
		{name: "wpDiscuz 7.6.63 with REST: a ping only in a later batch", path: testsite.WpDiscuzRESTPath,
			actions: []string{"POST wpdGetNonce", "POST wpdLoadMoreComments"}},
		{name: "wpDiscuz 7.6.45: nonce in a cookie", path: testsite.WpDiscuzCookiePath,
			actions: []string{"POST wpdGetNonce", "POST wpdLoadMoreComments"}},
		{name: "wpDiscuz 5: loadMoreComments, no nonce", path: testsite.WpDiscuz5Path,
			actions: []string{"POST loadMoreComments"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := testsite.New(t)
			snap := scrape(t, site.URL+tt.path+tt.query, thread.Options{})
			want := site.Thread(tt.path)
			checkThread(t, snap.Comments, want, tt.skip...)
			if !snap.CommentsComplete {
				t.Errorf("comments_complete false: %s", snap.CommentsNote)
			}
			if tt.noteHas == "" && snap.CommentsNote != "" || !strings.Contains(snap.CommentsNote, tt.noteHas) {
				t.Errorf("comments_note %q, want %q", snap.CommentsNote, tt.noteHas)
			}
			if snap.CommentCountDeclared == nil || *snap.CommentCountDeclared != want.Count() {
				t.Errorf("comment_count_declared %v, want %d", snap.CommentCountDeclared, want.Count())
			}
			log := site.RequestLog()
			checkPolite(t, log, thread.DefaultMaxRequests+1)
			got := strings.Join(actions(log), "\n")
			for _, a := range tt.actions {
				if !strings.Contains(got, a) {
					t.Errorf("no %s in the request log:\n%s", a, got)
				}
			}
		})
	}
}
