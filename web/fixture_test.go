package web_test

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
	"github.com/strata-archive/strata/web"
)

// The fixture archive's articles.
const (
	editedURL     = "https://news.example/2026/03/01/minister-resigns/"
	hostileURL    = "https://news.example/2026/03/02/hostile/"
	threadURL     = "https://forum.example/2026/03/03/long-thread/"
	incompleteURL = "https://forum.example/2026/03/04/incomplete/"
	failedURL     = "https://news.example/gone/"
)

// threadSize is the number of comments of threadURL (pingbacks apart).
const threadSize = 300

var t0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

func at(h int) *time.Time { t := t0.Add(time.Duration(h) * time.Hour); return &t }

func intp(n int) *int { return &n }

func comment(id, parent, author, text string, posted *time.Time) strata.Comment {
	depth := 0
	if parent != "" {
		depth = 1
	}
	return strata.Comment{ID: id, ParentID: parent, Author: author, Text: text, HTML: "<p>" + text + "</p>",
		PostedAt: posted, PostedAtText: posted.Format("January 2, 2006 at 3:04 pm"), Type: strata.CommentTypeComment, Depth: depth}
}

func paragraphs(ps ...string) (text, html string) {
	return strings.Join(ps, "\n\n"), "<p>" + strings.Join(ps, "</p>\n<p>") + "</p>"
}

// editedVersions are the three versions of editedURL: version 2 edits a
// word of the body, deletes comment 103, edits 104 and adds 106; version 3
// changes the title and the categories.
func editedVersions() []*strata.Snapshot {
	body1, html1 := paragraphs("The minister resigned on Monday.", "The memo showed the ministry knew in January.")
	body2, html2 := paragraphs("The minister resigned on Monday.", "The memo showed the ministry knew in March.")
	thread := []strata.Comment{
		comment("101", "", "Ann", "First!", at(1)),
		comment("102", "101", "Bob", "Reply to Ann.", at(2)),
		comment("103", "", "Cleo", "This comment will be deleted.", at(3)),
		comment("104", "", "Dan", "Original wording.", at(4)),
		{ID: "105", Author: "Other Blog", AuthorURL: "https://blog.example/post/", Text: "Other Blog linked here", Type: strata.CommentTypePingback},
	}
	thread[0].Score = intp(7)
	thread[0].Label = "Guest"
	v1 := &strata.Snapshot{URL: editedURL, Title: "Minister resigns over leaked memo", Authors: []string{"Jane Reporter"},
		PublishedAt: at(0), SiteName: "News Example", Language: "en", Categories: []string{"Politics"}, Tags: []string{"memo"},
		BodyText: body1, BodyHTML: html1, CommentSystem: "wordpress", CommentsComplete: true, Comments: thread, FetchedAt: *at(5)}
	v2 := *v1
	v2.BodyText, v2.BodyHTML, v2.FetchedAt = body2, html2, *at(24)
	v2.Comments = []strata.Comment{thread[0], thread[1], comment("104", "", "Dan", "Edited wording, quite different.", at(4)),
		comment("106", "", "Eve", "A new voice.", at(20)), thread[4]}
	v3 := v2
	v3.Title, v3.Categories, v3.FetchedAt = "Minister resigns after leaked memo", []string{"Politics", "Scandal"}, *at(48)
	return []*strata.Snapshot{v1, &v2, &v3}
}

// threadVersions are two versions of threadURL with threadSize comments
// three levels deep: version 2 deletes comment 1150 (which has replies)
// and edits 1200.
func threadVersions() []*strata.Snapshot {
	var cs []strata.Comment
	for i := range threadSize {
		id := strconv.Itoa(1000 + i)
		parent := ""
		switch i % 3 {
		case 1, 2:
			parent = strconv.Itoa(1000 + i - 1)
		}
		c := comment(id, parent, "Reader "+strconv.Itoa(i%17), "Comment number "+strconv.Itoa(i)+" of the long thread.", at(6+i/10))
		c.Depth = i % 3
		c.Score = intp(i % 5)
		cs = append(cs, c)
	}
	cs = append(cs, strata.Comment{ID: "2000", Author: "Aggregator", Text: "Linked from the aggregator", Type: strata.CommentTypeTrackback})
	text, html := paragraphs("A post that drew a long discussion.")
	v1 := &strata.Snapshot{URL: threadURL, Title: "A long thread", PublishedAt: at(5), Categories: []string{"Forum"},
		BodyText: text, BodyHTML: html, CommentsComplete: true, Comments: cs, FetchedAt: *at(40)}
	v2 := *v1
	v2.FetchedAt = *at(60)
	v2.Comments = nil
	for _, c := range cs {
		switch c.ID {
		case "1150":
			continue
		case "1200":
			c.Text, c.HTML = "Comment number 200, rewritten by a moderator.", "<p>Comment number 200, rewritten by a moderator.</p>"
		}
		v2.Comments = append(v2.Comments, c)
	}
	return []*strata.Snapshot{v1, &v2}
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// hostileVersion is an article whose archived markup tries everything.
func hostileVersion(t testing.TB) *strata.Snapshot {
	c := comment("666", "", "<b>Mallory</b>", "Nice article click styled", at(2))
	c.HTML = readTestdata(t, "hostile-comment.html")
	c.AuthorURL = "javascript:alert('author')"
	return &strata.Snapshot{URL: hostileURL, Title: `<script>alert("title")</script> Hostile page`,
		Authors: []string{`<img src=x onerror=alert(1)>`}, Categories: []string{`"><script>alert(1)</script>`},
		BodyText: "Ordinary paragraph.", BodyHTML: readTestdata(t, "hostile-body.html"),
		CommentsComplete: true, Comments: []strata.Comment{c}, FetchedAt: *at(3)}
}

// incompleteVersions are two versions of incompleteURL; the second
// captured only part of the thread, so two comments are "not seen".
func incompleteVersions() []*strata.Snapshot {
	cs := []strata.Comment{comment("1", "", "A", "one", at(1)), comment("2", "", "B", "two", at(2)), comment("3", "", "C", "three", at(3))}
	v1 := &strata.Snapshot{URL: incompleteURL, Title: "Incomplete thread", BodyText: "Body.", CommentsComplete: true, Comments: cs, FetchedAt: *at(10)}
	v2 := *v1
	v2.FetchedAt, v2.CommentsComplete, v2.Comments, v2.CommentsNote = *at(30), false, cs[:1], "only the first page was captured"
	return []*strata.Snapshot{v1, &v2}
}

// save stores the versions of one URL, each with a small raw capture.
func save(t testing.TB, st *store.Store, raw string, versions ...*strata.Snapshot) {
	t.Helper()
	for i, s := range versions {
		s.Status = 200
		body := raw
		if body == "" {
			body = "<!doctype html><title>" + s.Title + "</title><p>version " + strconv.Itoa(i+1) + "</p>"
		}
		capture := &strata.Capture{URL: s.URL, FinalURL: s.URL, Status: 200, FetchedAt: s.FetchedAt,
			Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(body)}
		check, err := st.Save(s, capture)
		if err != nil {
			t.Fatal(err)
		}
		if check.Outcome != strata.OutcomeNew {
			t.Fatalf("%s version %d: %s", s.URL, i+1, check.Outcome)
		}
	}
}

// newFixture writes the fixture archive and returns its path.
func newFixture(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archive.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	save(t, st, "", editedVersions()...)
	save(t, st, readTestdata(t, "hostile-raw.html"), hostileVersion(t))
	save(t, st, "", threadVersions()...)
	save(t, st, "", incompleteVersions()...)
	// A later unchanged check of the edited article.
	v3 := editedVersions()[2]
	v3.Comments = editedVersions()[1].Comments
	if c, err := st.Save(v3, &strata.Capture{URL: editedURL, Status: 200, FetchedAt: *at(72)}); err != nil || c.Outcome != strata.OutcomeUnchanged {
		t.Fatalf("unchanged check: %v %v", c, err)
	}
	if _, err := st.SaveFailure(failedURL, *at(8), 404, "http error status 404 Not Found"); err != nil {
		t.Fatal(err)
	}
	return path
}

// testLogger logs the server's errors into the test's log.
func testLogger(t testing.TB) *log.Logger {
	return log.New(logWriter{t}, "", 0)
}

type logWriter struct{ t testing.TB }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// newServer returns a viewer of the archive at path with its index built.
func newServer(t testing.TB, path string, opts web.Options) *web.Server {
	t.Helper()
	opts.Path = path
	if opts.ErrorLog == nil {
		opts.ErrorLog = log.New(io.Discard, "", 0)
	}
	s := web.New(opts)
	if err := s.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// get asks h for target as a browser on this machine would.
func get(t testing.TB, h http.Handler, target string) (*http.Response, string) {
	t.Helper()
	return do(t, h, http.MethodGet, "localhost:8080", target)
}

func do(t testing.TB, h http.Handler, method, host, target string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}
