package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
	"github.com/strata-archive/strata/web"
)

func q(u string, kv ...string) string {
	v := url.Values{"url": {u}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v.Encode()
}

func TestPages(t *testing.T) {
	s := newServer(t, newFixture(t), web.Options{})
	tests := []struct {
		name, target string
		status       int
		want, not    []string
	}{
		{"home", "/", 200,
			[]string{"4 articles on 2 sites, 8 versions", "Minister resigns after leaked memo", "A long thread", "Incomplete thread",
				"body edited", "comments deleted", "news.example", "forum.example", "unchanged"},
			[]string{"/gone/"}},
		{"home search", "/?q=LONG+thread", 200, []string{"1 article", "A long thread"}, []string{"Minister"}},
		{"home search by URL substring", "/?q=minister-resigns", 200, []string{"1 article", "Minister resigns"}, []string{"A long thread"}},
		{"home site filter", "/?site=forum.example", 200, []string{"2 articles", "A long thread", "Incomplete thread"}, []string{"Minister"}},
		{"home category filter", "/?category=Scandal", 200, []string{"1 article", "Minister resigns"}, []string{"A long thread"}},
		{"home body edited", "/?show=edited", 200, []string{"1 article", "Minister resigns"}, []string{"A long thread"}},
		{"home comments deleted", "/?show=deleted", 200, []string{"2 articles", "Minister resigns", "A long thread"}, []string{"Incomplete thread"}},
		{"home no match", "/?q=nothing-like-this", 200, []string{"0 articles", "No article matches."}, nil},
		{"home sorted by versions", "/?sort=versions", 200, []string{"Minister resigns"}, nil},
		{"home page past the end", "/?page=9", 200, []string{"← previous page"}, []string{"Minister"}},

		{"article latest", "/article?" + q(editedURL), 200,
			[]string{"Version 3 of 3", "Minister resigns after leaked memo", "Jane Reporter", "Scandal</a>", "knew in March",
				"Edited wording, quite different.", "A new voice.", "Pingbacks and trackbacks (1)", "Other Blog", "Timeline", "first capture",
				"&#43;1 −1 ~1", "4 checks; last 2026-03-04 10:00 UTC: unchanged", `class="label">Guest`, `title="votes">&#43;7 votes`},
			[]string{"This comment will be deleted."}},
		{"article old version", "/article?" + q(editedURL, "v", "1"), 200,
			[]string{"Version 1 of 3", "knew in January", "This comment will be deleted.", "Original wording.", "version 2 →"},
			[]string{"← version"}},
		{"article normalised URL", "/article?" + q("HTTPS://NEWS.EXAMPLE/2026/03/01/minister-resigns/#comments"), 303, nil, nil},
		{"article 300 comments", "/article?" + q(threadURL), 200, []string{"300 comments", "Pingbacks and trackbacks (1)", "Comment number 299"}, nil},
		{"article not seen", "/article?" + q(incompleteURL), 200, []string{"The thread may be incomplete.", "only the first page was captured"}, nil},
		{"article unknown", "/article?" + q("https://news.example/never/"), 404, []string{"no such article"}, nil},
		{"article only failed checks", "/article?" + q(failedURL), 404, nil, nil},
		{"article no url", "/article", 400, []string{"?url="}, nil},
		{"article bad version", "/article?" + q(editedURL, "v", "x"), 400, []string{"version number"}, nil},
		{"article missing version", "/article?" + q(editedURL, "v", "9"), 404, nil, nil},

		{"diff default", "/diff?" + q(editedURL), 200, []string{"from version 2 to 3", "Minister resigns over leaked memo", "Scandal"}, nil},
		{"diff 1 to 2", "/diff?" + q(editedURL, "from", "1", "to", "2"), 200,
			[]string{"<del>January</del><ins>March</ins>", "This comment will be deleted.", "missing since version 2 (2026-03-02 10:00 UTC)",
				`class="badge added">new`, `edited: text`, "<del>Original</del>"}, nil},
		{"diff side by side", "/diff?" + q(editedURL, "from", "1", "to", "2", "mode", "side"), 200,
			[]string{`class="paras side-by-side"`, `<div class="para old">The memo showed the ministry knew in <del>January</del>`, `<div class="para new">The memo showed the ministry knew in <ins>March</ins>`}, nil},
		{"diff across versions", "/diff?" + q(editedURL, "from", "1", "to", "3"), 200, []string{"missing since version 2 (2026-03-02 10:00 UTC)", "title"}, nil},
		{"diff not seen", "/diff?" + q(incompleteURL), 200, []string{`class="badge not-seen">not seen`, "Not in the captured part"}, []string{`class="comment removed"`}},
		{"diff single version", "/diff?" + q(hostileURL), 404, []string{"no such article"}, nil},
		{"diff bad version", "/diff?" + q(editedURL, "from", "0"), 400, nil, nil},

		{"raw", "/raw?" + q(hostileURL, "v", "1"), 200, []string{"<script>fetch("}, nil},
		{"json", "/json?" + q(editedURL, "v", "2"), 200, []string{`"version": 2`, `"body_text": "The minister resigned on Monday.`}, nil},
		{"stylesheet", "/static/style.css", 200, []string{".comment.removed"}, nil},
		{"unknown page", "/admin", 404, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, s, tt.target)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", res.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("page has %q", w)
				}
			}
			if strings.Contains(res.Header.Get("Content-Type"), "html") && res.Header.Get("Content-Security-Policy") != web.PageCSP {
				t.Errorf("CSP %q", res.Header.Get("Content-Security-Policy"))
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no nosniff")
			}
		})
	}
}

// TestHostileContentInert checks that nothing of the hostile article's
// markup can run or load anything: no script, frame, object, form, style
// or base element, no event handler or style attribute, no javascript: or
// data: URL, no image.
func TestHostileContentInert(t *testing.T) {
	s := newServer(t, newFixture(t), web.Options{})
	for _, target := range []string{"/article?" + q(hostileURL), "/", "/?q=hostile"} {
		res, body := get(t, s, target)
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d", target, res.StatusCode)
		}
		doc, err := html.Parse(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *html.Node, inForm bool)
		walk = func(n *html.Node, inForm bool) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "iframe", "object", "embed", "svg", "math", "style", "base", "img", "frame", "audio", "video":
					t.Errorf("%s: <%s> element in the page", target, n.Data)
				case "input", "button", "select", "textarea":
					if !inForm {
						t.Errorf("%s: <%s> outside the viewer's forms", target, n.Data)
					}
				case "form":
					if attr(n, "action") != "/" {
						t.Errorf("%s: foreign form %q", target, attr(n, "action"))
					}
					inForm = true
				case "link":
					if attr(n, "href") != "/static/style.css" {
						t.Errorf("%s: foreign link %q", target, attr(n, "href"))
					}
				case "meta":
					if attr(n, "http-equiv") != "" {
						t.Errorf("%s: meta http-equiv %q", target, attr(n, "http-equiv"))
					}
				}
				for _, a := range n.Attr {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcdoc" ||
						strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:") {
						t.Errorf("%s: <%s %s=%q>", target, n.Data, a.Key, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inForm)
			}
		}
		walk(doc, false)
		if target != "/article?"+q(hostileURL) {
			continue
		}
		for _, want := range []string{
			"Click bait paragraph.", "[image: Protest photo]", "Last paragraph, <b>bold</b>",
			`<a href="https://news.example/2016/03/02/related/" rel="nofollow noreferrer noopener" target="_blank">a relative link</a>`, // resolved against the article
			`&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Hostile page`,
			`&lt;b&gt;Mallory&lt;/b&gt;`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("hostile article lacks %q", want)
			}
		}
		if strings.Contains(body, "pwned-by-script") || strings.Contains(body, "tracker.example") {
			t.Error("script text or tracker URL in the page")
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestRawAndJSONAreNeverHTML(t *testing.T) {
	s := newServer(t, newFixture(t), web.Options{})
	tests := []struct {
		target, ctype, disposition string
	}{
		{"/raw?" + q(hostileURL), "text/plain; charset=utf-8", `inline; filename="news.example-2026-03-02-hostile-v1.html.txt"`},
		{"/raw?" + q(hostileURL, "download", "1"), "text/plain; charset=utf-8", `attachment; filename="news.example-2026-03-02-hostile-v1.html.txt"`},
		{"/json?" + q(hostileURL), "application/json; charset=utf-8", `inline; filename="news.example-2026-03-02-hostile-v1.json"`},
	}
	for _, tt := range tests {
		res, body := get(t, s, tt.target)
		h := res.Header
		if res.StatusCode != 200 || h.Get("Content-Type") != tt.ctype || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Content-Security-Policy") != web.RawCSP || h.Get("Content-Disposition") != tt.disposition {
			t.Errorf("%s: %d %v", tt.target, res.StatusCode, h)
		}
		if !strings.Contains(body, "Hostile page") {
			t.Errorf("%s: body %.100q", tt.target, body)
		}
	}
	if !strings.Contains(web.RawCSP, "sandbox") {
		t.Error("raw CSP without sandbox")
	}
}

func TestReadOnlyAndLoopbackOnly(t *testing.T) {
	path := newFixture(t)
	s := newServer(t, path, web.Options{})
	tests := []struct {
		method, host string
		status       int
	}{
		{"GET", "localhost:8080", 200},
		{"GET", "127.0.0.1:8080", 200},
		{"GET", "[::1]:8080", 200},
		{"HEAD", "localhost", 200},
		{"GET", "evil.example", http.StatusMisdirectedRequest},
		{"GET", "192.168.1.5:8080", http.StatusMisdirectedRequest},
		{"POST", "localhost:8080", http.StatusMethodNotAllowed},
		{"DELETE", "localhost:8080", http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		res, _ := do(t, s, tt.method, tt.host, "/")
		if res.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.host, res.StatusCode, tt.status)
		}
	}
	public := newServer(t, path, web.Options{Public: true})
	if res, _ := do(t, public, "GET", "archive.example.org", "/"); res.StatusCode != 200 {
		t.Errorf("public server refused another host: %d", res.StatusCode)
	}
}

// TestThreadNesting checks the 300-comment thread: every comment once,
// three levels deep, and in the diff the deleted comment, struck through,
// still holding its replies.
func TestThreadNesting(t *testing.T) {
	s := newServer(t, newFixture(t), web.Options{})
	_, body := get(t, s, "/article?"+q(threadURL, "v", "1"))
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	comments := map[string]int{} // id → nesting level
	var walk func(*html.Node, int)
	walk = func(n *html.Node, level int) {
		if n.Type == html.ElementNode && n.Data == "li" && strings.Contains(attr(n, "class"), "comment") {
			comments[attr(n, "id")] = level
			level++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, level)
		}
	}
	walk(doc, 0)
	if len(comments) != threadSize+1 {
		t.Fatalf("%d comments in the page, want %d", len(comments), threadSize+1)
	}
	for id, want := range map[string]int{"comment-1000": 0, "comment-1001": 1, "comment-1002": 2, "comment-1299": 2, "comment-1297": 0, "comment-2000": 0} {
		if comments[id] != want {
			t.Errorf("%s at level %d, want %d", id, comments[id], want)
		}
	}

	_, body = get(t, s, "/diff?"+q(threadURL))
	removed := regexp.MustCompile(`(?s)<li class="comment removed" id="comment-1150">.*?<del class="comment-body"><p>Comment number 150 of the long thread.</p></del>.*?<ol class="thread">\s*<li class="comment" id="comment-1151">`)
	if !removed.MatchString(body) {
		t.Error("deleted comment 1150 is not struck through with its replies under it")
	}
	if !strings.Contains(body, `<li class="comment edited" id="comment-1200">`) || !strings.Contains(body, "<ins>, rewritten by a moderator</ins>") {
		t.Error("edited comment 1200 not marked")
	}
	if n := strings.Count(body, `<li class="comment`); n != threadSize+1 {
		t.Errorf("diff shows %d comments, want %d", n, threadSize+1)
	}
	if !strings.Contains(body, `2 changed: <a class="removed" href="#comment-1150">Reader 14</a> <a class="edited" href="#comment-1200">Reader 13</a>`) {
		t.Error("no jump links to the changed comments")
	}

	// Only the changed comments, with what they reply to.
	_, body = get(t, s, "/diff?"+q(threadURL, "comments", "changed"))
	var ids []string
	for _, m := range regexp.MustCompile(`<li class="comment[^"]*" id="comment-(\d+)"`).FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	if got := strings.Join(ids, " "); got != "1150 1198 1199 1200" {
		t.Errorf("changed comments only: %s, want 1150 1198 1199 1200", got)
	}
}

// TestIndexRefresh adds versions and URLs after the index was built, in a
// refresh of many small bursts, and checks that the home page shows them.
func TestIndexRefresh(t *testing.T) {
	path := newFixture(t)
	opts := web.Options{}
	web.SetBursts(&opts, time.Nanosecond, time.Millisecond) // one article per burst
	s := newServer(t, path, opts)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := incompleteVersions()[1]
	v.FetchedAt, v.BodyText, v.CommentsComplete = *at(90), "Body, edited.", true
	save(t, st, "", v)
	added := &strata.Snapshot{URL: "https://third.example/new/", Title: "Brand new", FetchedAt: *at(91)}
	save(t, st, "", added)
	st.Close()

	if err := s.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, body := get(t, s, "/?show=edited")
	if !strings.Contains(body, "2 articles") || !strings.Contains(body, "Incomplete thread") {
		t.Errorf("refreshed index lacks the edit:\n%s", body)
	}
	_, body = get(t, s, "/")
	if !strings.Contains(body, "5 articles on 3 sites, 10 versions") || !strings.Contains(body, "Brand new") {
		t.Error("refreshed index lacks the new article")
	}
}

// TestWriterHoldsArchive: while another Store holds the file for writing,
// pages that read the archive answer 503 after the lock timeout and the
// home page is served from the index.
func TestWriterHoldsArchive(t *testing.T) {
	path := newFixture(t)
	s := newServer(t, path, web.Options{LockTimeout: 50 * time.Millisecond})
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, body := get(t, s, "/article?"+q(editedURL))
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "The archive is busy") {
		t.Errorf("locked: %d %q", res.StatusCode, body)
	}
	if res, _ := get(t, s, "/"); res.StatusCode != 200 {
		t.Errorf("home while locked: %d", res.StatusCode)
	}
	st.Close()
	if res, _ := get(t, s, "/article?"+q(editedURL)); res.StatusCode != 200 {
		t.Errorf("after the writer closed: %d", res.StatusCode)
	}
}

func TestHomeBeforeIndex(t *testing.T) {
	s := web.New(web.Options{Path: newFixture(t)})
	res, body := get(t, s, "/")
	if res.StatusCode != 200 || !strings.Contains(body, "Reading the archive") || !strings.Contains(body, `http-equiv="refresh"`) {
		t.Errorf("%d %s", res.StatusCode, body)
	}
	// Articles can be read before the index is ready.
	if res, _ := get(t, s, "/article?"+q(editedURL)); res.StatusCode != 200 {
		t.Errorf("article before the index: %d", res.StatusCode)
	}
	// A URL in the search box opens the article once the index is built.
	if err := s.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, _ = get(t, s, "/?q="+url.QueryEscape(editedURL+"?utm_source=x"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/article?"+q(editedURL) {
		t.Errorf("URL search: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestRunFollowsTheArchive(t *testing.T) {
	path := newFixture(t)
	s := web.New(web.Options{Path: path, Refresh: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	waitFor := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if _, body := get(t, s, "/"); strings.Contains(body, want) {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("home page never showed %q", want)
	}
	waitFor("4 articles")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	save(t, st, "", &strata.Snapshot{URL: "https://third.example/late/", Title: "Late arrival", FetchedAt: *at(99)})
	st.Close()
	waitFor("Late arrival")
}

func TestMissingArchive(t *testing.T) {
	s := web.New(web.Options{Path: t.TempDir() + "/none.db"})
	if err := s.Refresh(context.Background()); err == nil {
		t.Error("refresh of a missing archive succeeded")
	}
	res, body := get(t, s, "/")
	if res.StatusCode != 200 || !strings.Contains(body, "none.db") {
		t.Errorf("home without archive: %d %s", res.StatusCode, body)
	}
	if res, _ := get(t, s, "/article?"+q(editedURL)); res.StatusCode != 404 {
		t.Errorf("article without archive: %d", res.StatusCode)
	}
}

// TestWorksWhileCrawlWrites runs the viewer beside a writer that holds
// the archive only during its transactions, as a crawl does: neither may
// fail for the other.
func TestWorksWhileCrawlWrites(t *testing.T) {
	for _, shared := range []bool{false, true} {
		name := "open for each write"
		if shared {
			name = "shared store"
		}
		t.Run(name, func(t *testing.T) { worksWhileWriting(t, shared) })
	}
}

func worksWhileWriting(t *testing.T, shared bool) {
	path := newFixture(t)
	opts := web.Options{Path: path, Refresh: 10 * time.Millisecond, ErrorLog: testLogger(t)}
	web.SetBursts(&opts, 5*time.Millisecond, 0)
	s := web.New(opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	const writes = 20
	writerErr := make(chan error, 1)
	go func() {
		defer close(writerErr)
		var st *store.Store
		open := func() (err error) {
			st, err = store.Open(path, store.Options{Timeout: time.Second, Shared: shared})
			return err
		}
		if shared {
			if err := open(); err != nil {
				writerErr <- err
				return
			}
			defer st.Close()
		}
		for i := range writes {
			if !shared {
				if err := open(); err != nil {
					writerErr <- err
					return
				}
			}
			snap := &strata.Snapshot{URL: "https://crawl.example/" + strconv.Itoa(i) + "/", Title: "Crawled " + strconv.Itoa(i), FetchedAt: *at(100 + i)}
			_, err := st.Save(snap, &strata.Capture{URL: snap.URL, Status: 200, FetchedAt: snap.FetchedAt, Body: []byte("<p>page</p>")})
			if !shared {
				st.Close()
			}
			if err != nil {
				writerErr <- err
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	// A reader clicking around meanwhile.
	pages := []string{"/", "/article?" + q(editedURL), "/diff?" + q(threadURL), "/?q=crawled"}
	for i := 0; writerErr != nil; i++ {
		select {
		case err, open := <-writerErr:
			if err != nil {
				t.Fatalf("the writer failed beside the viewer: %v", err)
			}
			if !open {
				writerErr = nil
				continue
			}
		default:
		}
		if res, _ := get(t, s, pages[i%len(pages)]); res.StatusCode != 200 {
			t.Fatalf("%s: status %d while the writer writes", pages[i%len(pages)], res.StatusCode)
		}
		time.Sleep(15 * time.Millisecond)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := get(t, s, "/?site=crawl.example")
		if strings.Contains(body, strconv.Itoa(writes)+" articles") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the index never showed the %d crawled articles", writes)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
