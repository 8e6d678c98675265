package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/testsite"
)

// hostileSite serves, under /f/NAME/, a good WordPress article until
// turned hostile; then each NAME misbehaves in its own way. Its REST API
// answers garbage once hostile. Requests to other hosts are counted by
// the offsite server it redirects to.
type hostileSite struct {
	*httptest.Server
	offsite *httptest.Server
	hostile atomic.Bool
	offHits atomic.Int32
	page    string // the good article, with this site as its base
	bomb    []byte // one gzip member of 1 MiB of zeros
	thread  string // the good article with 20,000 comments more
}

// hostileFaults are the NAMEs and what the archive must say of each once
// the site is hostile: a failure naming the reason, or a line starting so.
var hostileFaults = []struct{ name, want string }{
	{"500", "failed %s: http error status 500"},
	{"429", "failed %s: http error status 429"},
	{"no-headers", "failed %s: timed out"},
	{"drip", "failed %s: timed out: no complete response within the 2s request timeout"},
	{"truncated", "failed %s: body cut short by the server"},
	{"reset", "failed %s: read body of"},
	{"loop", "failed %s: redirect loop"},
	{"to-file", "failed %s: redirect to file:///etc/passwd: leaves the site's scope"},
	{"to-ftp", "failed %s: redirect to ftp://"},
	{"big", "unchanged %s"},                                 // cut at the cap: what is kept holds the same article
	{"bomb", "failed %s: not an HTML page (binary content"}, // the cap stops the bomb; its zeros are no page
	{"bad-charset", "version 2 %s"},
	{"no-charset", "version 2 %s"},
	{"malformed", "version 2 %s"},
	{"pdf", "failed %s: not an HTML page"},
	{"json", "failed %s: not an HTML page"},
	{"garbage-rest", "unchanged %s"}, // the REST thread degrades to the page's
	{"huge-thread", "version 2 %s"},
}

func newHostileSite(t *testing.T) *hostileSite {
	t.Helper()
	h := &hostileSite{}
	h.offsite = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.offHits.Add(1)
		fmt.Fprint(w, "<html><title>elsewhere</title><body><p>Not the site.</p></body></html>")
	}))
	t.Cleanup(h.offsite.Close)
	var zb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zb, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	h.bomb = zb.Bytes()
	h.Server = httptest.NewServer(http.HandlerFunc(h.serve))
	t.Cleanup(h.Server.Close)
	h.page = testsite.Fixture("native-html5.html", h.URL)
	var b strings.Builder
	b.WriteString(`<ol class="comment-list">`)
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&b, `<li id="comment-%d" class="comment even depth-1"><article id="div-comment-%d" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Reader %d</b></div><div class="comment-metadata"><time datetime="2016-03-02T10:00:00+00:00">March 2, 2016</time></div></footer><div class="comment-content"><p>Comment number %d.</p></div></article>`, i, i, i, i)
	}
	b.WriteString(`</ol>`)
	h.thread = strings.Replace(h.page, `<ol class="comment-list">`, b.String()+`<ol class="comment-list">`, 1)
	return h
}

func (h *hostileSite) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	switch {
	case path == "/robots.txt":
		http.NotFound(w, r)
		return
	case path == "/":
		var b strings.Builder
		b.WriteString("<html><head><title>Hostile</title></head><body><h1>Index</h1>")
		for _, f := range hostileFaults {
			fmt.Fprintf(&b, "<p><a href=\"/f/%s/\">%s</a></p>", f.name, f.name)
		}
		b.WriteString(`<p><a href="/f/offsite/">offsite</a></p></body></html>`)
		fmt.Fprint(w, b.String())
		return
	case strings.HasPrefix(path, "/wp-json/"):
		if h.hostile.Load() {
			w.Header().Set("Content-Type", "application/json; charset=UTF-8")
			w.Header().Set("X-WP-Total", "99999999999999999999")
			w.Header().Set("X-WP-TotalPages", "-3")
			fmt.Fprint(w, "[{\"id\":\"\xff\xfe\",\"post\":63374,\"parent\":{\"x\":1},\"content\":{\"rendered\":\"\xc3\x28<script>\"},\"date_gmt\":\"yesterday\"},\"garbage")
			return
		}
		http.Error(w, `{"code":"rest_forbidden"}`, http.StatusUnauthorized)
		return
	}
	name := strings.Trim(strings.TrimPrefix(path, "/f/"), "/")
	if !h.hostile.Load() || name == "garbage-rest" {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		fmt.Fprint(w, h.page)
		return
	}
	switch name {
	case "500":
		http.Error(w, "boom", http.StatusInternalServerError)
	case "429":
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	case "no-headers":
		<-r.Context().Done()
	case "drip":
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < 600; i++ {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	case "truncated":
		w.Header().Set("Content-Length", "100000")
		w.Write([]byte(h.page[:1000]))
	case "reset":
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n%s", h.page[:500])
		buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
		conn.Close()
	case "loop":
		http.Redirect(w, r, "/f/loop/?again="+r.URL.Query().Get("again")+"x", http.StatusFound)
	case "to-file":
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	case "to-ftp":
		http.Redirect(w, r, "ftp://127.0.0.1/x", http.StatusMovedPermanently)
	case "offsite":
		// Another host name: the site's scope does not compare ports.
		http.Redirect(w, r, strings.Replace(h.offsite.URL, "127.0.0.1", "localhost", 1)+"/stolen/", http.StatusFound)
	case "big":
		w.Header().Set("Content-Type", "text/html")
		io := strings.Replace(h.page, "</body>", "", 1)
		w.Write([]byte(io))
		chunk := []byte(strings.Repeat("<p>fifty megabytes of padding</p>\n", 1<<10))
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case "bomb":
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		for range 10 << 10 { // 10 GiB once decompressed
			if _, err := w.Write(h.bomb); err != nil {
				return
			}
		}
	case "bad-charset":
		w.Header().Set("Content-Type", "text/html; charset=x-no-such-charset")
		fmt.Fprint(w, strings.Replace(h.page, "<p>", "<p>\xff\xfe\xe9 ", 3))
	case "no-charset":
		w.Header().Set("Content-Type", "text/html")
		page := strings.Replace(h.page, `charset="UTF-8"`, "", -1)
		fmt.Fprint(w, strings.Replace(page, "<p>", "<p>caf\xe9 \x80\x81 ", 3))
	case "malformed":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, strings.NewReplacer("</p>", "", "</div>", "<div><table><td>", "</li>", "<li><<<").Replace(h.page))
	case "pdf":
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	case "json":
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, "{\"a\":\"\xff\"")
	case "huge-thread":
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		fmt.Fprint(w, h.thread)
	default:
		http.NotFound(w, r)
	}
}

// TestArchiveFaults archives every page of a site, turns it hostile and
// archives them again: every URL gets one clear line, nothing hangs past
// the timeouts, the first versions are untouched and the archive verifies.
func TestArchiveFaults(t *testing.T) {
	h := newHostileSite(t)
	e := newEnv(t)
	var urls []string
	for _, f := range hostileFaults {
		urls = append(urls, h.URL+"/f/"+f.name+"/")
	}
	e.mustRun(exitOK, append([]string{"archive"}, urls...)...)
	before := e.export(true)
	if len(before) != len(urls) {
		t.Fatalf("%d snapshots after the first archive, want %d", len(before), len(urls))
	}

	h.hostile.Store(true)
	start := time.Now()
	code, out, errs := e.run(append([]string{"archive", "--workers", "8"}, urls...)...)
	took := time.Since(start)
	if code != exitSomeFailed {
		t.Errorf("hostile archive: exit %d, want %d\n%s\n%s", code, exitSomeFailed, out, errs)
	}
	// timeout 2s, one retry: the slowest fault takes about 2 × 2s.
	if took > 30*time.Second {
		t.Errorf("the hostile archive took %v", took)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	if len(lines) != len(urls) {
		t.Errorf("%d lines for %d URLs:\n%s", len(lines), len(urls), out)
	}
	for _, f := range hostileFaults {
		u := h.URL + "/f/" + f.name + "/"
		want := fmt.Sprintf(f.want, u)
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no line starting %q in\n%s", f.name, want, out)
		}
	}

	// The first versions are as they were; the failures are recorded.
	after := e.export(true)
	first := map[string]string{}
	for _, s := range before {
		first[s.URL] = s.ContentHash + " " + s.RawSHA256
	}
	for _, s := range after {
		if s.Version == 1 && first[s.URL] != s.ContentHash+" "+s.RawSHA256 {
			t.Errorf("%s: version 1 changed", s.URL)
		}
		if s.Version == 2 && strings.Contains(s.URL, "/big/") && !s.Truncated {
			t.Errorf("the 50 MB page is not marked truncated")
		}
		if s.Version == 2 && strings.Contains(s.URL, "/huge-thread/") && (!s.Truncated || s.CommentsComplete || len(s.Comments) < 1000) {
			t.Errorf("the huge thread over the size cap: truncated %v, complete %v, %d comments", s.Truncated, s.CommentsComplete, len(s.Comments))
		}
	}
	var vs struct {
		Checks []struct {
			Status  int    `json:"status"`
			Outcome string `json:"outcome"`
			Error   string `json:"error"`
		} `json:"checks"`
	}
	out = e.mustRun(exitOK, "versions", "--json", h.URL+"/f/500/")
	if err := json.Unmarshal([]byte(out), &vs); err != nil || len(vs.Checks) != 2 {
		t.Errorf("versions --json of the 500 page: %v\n%s", err, out)
	}
	e.mustRun(exitOK, "verify")
	if n := h.offHits.Load(); n != 0 {
		t.Errorf("the offsite host was requested %d times", n)
	}
}

// TestCrawlFaults crawls the hostile site: the crawl completes within its
// timeouts, never follows a redirect off the site, records each failure,
// and changes no version archived before.
func TestCrawlFaults(t *testing.T) {
	t.Parallel()
	h := newHostileSite(t)
	dir := t.TempDir()
	e := &crawlEnv{env: &env{t: t, db: dir + "/archive.db", config: dir + "/strata.toml"}}
	cfg := fmt.Sprintf(`[fetch]
delay = "1ms"
timeout = "2s"
max_body_size = 1048576
retries = 1
retry_backoff = "10ms"
parallelism = 4

[comments]
max_requests = 5

[[site]]
name = "hostile"
hosts = ["127.0.0.1"]
start_urls = [%q]
article_patterns = ['/f/']
discover = false
error_budget = 1000
`, h.URL+"/")
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	h.hostile.Store(true)
	start := time.Now()
	code, out, errs := e.run("crawl")
	if took := time.Since(start); took > 60*time.Second {
		t.Errorf("the hostile crawl took %v", took)
	}
	if code != exitOK && code != exitSomeFailed {
		t.Fatalf("hostile crawl: exit %d\n%s\n%s", code, out, errs)
	}
	if n := h.offHits.Load(); n != 0 {
		t.Errorf("the crawl followed a redirect to another host %d times", n)
	}
	n, _ := e.versionsByURL()
	for u := range n {
		if strings.Contains(u, "/offsite/") || strings.HasPrefix(u, h.offsite.URL) {
			t.Errorf("%s archived", u)
		}
	}
	runs := e.runs()
	if len(runs) != 1 || runs[0].Outcomes["failed"] == 0 && len(runs[0].Failures) == 0 {
		t.Logf("runs: %+v", runs)
	}
	out = e.mustRun(exitOK, "versions", "--json", h.URL+"/f/offsite/")
	if !strings.Contains(out, "leaves the site's scope") {
		t.Errorf("the off-site redirect is not recorded:\n%s", out)
	}
	e.mustRun(exitOK, "verify")
}
