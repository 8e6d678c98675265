// Package testsite serves a local WordPress-like site for strata's tests:
// realistic article pages (wpDiscuz and native WordPress comment markup)
// and endpoints that misbehave on purpose. It never touches the internet.
//
// It also fakes every comment system strata completes threads from (see
// threads.go, wordpress.go, wpdiscuz.go, disqus.go, services.go): each
// page holds a generated thread in full (Site.Thread), shows its first
// part the way the system does and serves the rest only through the
// system's comment pages, REST API, admin-ajax.php actions (with the
// nonce wpDiscuz 7.6.45+ requires) or API, with the real reply shapes.
// Disqus runs on a second server (NewDisqus). RequestLog records every
// request with its method, User-Agent, form and time, for politeness
// checks.
package testsite

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

//go:embed testdata/*.html
var fixtures embed.FS

// Paths of the pages the site serves.
const (
	// SeedPath is the seed article with wpDiscuz 7 comments.
	SeedPath = "/2016/03/01/leaked-telephone-transcripts-show-turkey-is-helping-isis-in-syria/"
	// NativeHTML5Path is the seed article with native WordPress comments
	// from the html5 walker (nested replies, pingbacks).
	NativeHTML5Path = "/native/html5/"
	// NativeXHTMLPath is the seed article with the xhtml walker's markup.
	NativeXHTMLPath = "/native/xhtml/"
	// RedirectPath answers 301 to SeedPath.
	RedirectPath = "/?p=63374"
	// LoopPath redirects to itself by way of a second URL, forever.
	LoopPath = "/loop/a"
	// NotFoundPath answers 404.
	NotFoundPath = "/missing/"
	// ServerErrorPath answers 500.
	ServerErrorPath = "/broken/"
	// PDFPath serves a PDF document.
	PDFPath = "/files/report.pdf"
	// MalformedPath serves badly broken HTML that still holds an article.
	MalformedPath = "/malformed/"
	// CP1251Path serves a windows-1251 page whose charset is named only in
	// a <meta> element.
	CP1251Path = "/ru/statya/"
	// HugePath serves a page of HugeSize bytes.
	HugePath = "/huge/"
	// TruncatedPath promises more bytes in Content-Length than it sends.
	TruncatedPath = "/truncated/"
	// SlowPath waits SlowDelay before answering.
	SlowPath = "/slow/"
	// PrivatePath is disallowed by robots.txt.
	PrivatePath = "/private/secret-article/"
)

// HugeSize is the size of the page at HugePath.
const HugeSize = 3 << 20

// SlowDelay is how long SlowPath waits.
const SlowDelay = 5 * time.Second

// Site is a running test site. Pages can be changed while it runs.
type Site struct {
	*httptest.Server

	mu     sync.Mutex
	pages  map[string]string // path → HTML with {{BASE}} filled in
	log    []string          // request paths, in order
	reqs   []Request         // requests, in order
	routes []route           // handlers of the comment-system pages
	// state of the comment-system fakes, under mu
	threads map[string]*threadState
	nonces  map[string]bool
}

// Request is one request the site received.
type Request struct {
	Method    string
	URI       string
	UserAgent string
	// Form holds the POST form fields, if any.
	Form url.Values
	At   time.Time
}

// route sends the requests for a path, or every path under a prefix
// ending in "/", to a handler.
type route struct {
	path string
	h    http.HandlerFunc
}

// New starts a site and stops it when the test ends.
func New(tb testing.TB) *Site {
	tb.Helper()
	s := &Site{pages: map[string]string{}, threads: map[string]*threadState{}, nonces: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	s.addThreadRoutes()
	for path, name := range map[string]string{
		SeedPath:        "wpdiscuz-seed.html",
		NativeHTML5Path: "native-html5.html",
		NativeXHTMLPath: "native-xhtml.html",
	} {
		s.pages[path] = s.Fixture(name)
	}
	return s
}

// Fixture returns a fixture page with the site's base URL filled in.
func (s *Site) Fixture(name string) string {
	b, err := fixtures.ReadFile("testdata/" + name)
	if err != nil {
		panic(fmt.Sprintf("testsite: fixture %s: %v", name, err))
	}
	return strings.ReplaceAll(string(b), "{{BASE}}", s.URL)
}

// Fixture returns a fixture page with base as its site URL, for tests
// that parse pages without a server.
func Fixture(name, base string) string {
	b, err := fixtures.ReadFile("testdata/" + name)
	if err != nil {
		panic(fmt.Sprintf("testsite: fixture %s: %v", name, err))
	}
	return strings.ReplaceAll(string(b), "{{BASE}}", base)
}

// Page returns the HTML served at path.
func (s *Site) Page(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pages[path]
}

// SetPage replaces the HTML served at path.
func (s *Site) SetPage(path, html string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = html
}

// Edit applies a textual replacement to the page at path and fails the
// test if old does not occur in it.
func (s *Site) Edit(tb testing.TB, path, old, new string) {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	page := s.pages[path]
	if !strings.Contains(page, old) {
		tb.Fatalf("testsite: %q not found in %s", old, path)
	}
	s.pages[path] = strings.Replace(page, old, new, 1)
}

// Requests returns the paths requested so far.
func (s *Site) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// RequestLog returns the requests received so far, robots.txt included.
func (s *Site) RequestLog() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// UnreachableURL returns a URL on loopback where nothing listens.
func UnreachableURL(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/gone/"
}

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	var form url.Values
	if r.Method == http.MethodPost {
		r.ParseForm()
		form = r.PostForm
	}
	s.mu.Lock()
	s.log = append(s.log, r.URL.RequestURI())
	s.reqs = append(s.reqs, Request{Method: r.Method, URI: r.URL.RequestURI(), UserAgent: r.UserAgent(), Form: form, At: time.Now()})
	page, ok := s.pages[r.URL.Path]
	routes := s.routes
	s.mu.Unlock()

	for _, rt := range routes {
		if r.URL.Path == rt.path || (strings.HasSuffix(rt.path, "/") && strings.HasPrefix(r.URL.Path, rt.path)) {
			rt.h(w, r)
			return
		}
	}

	switch r.URL.RequestURI() {
	case RedirectPath:
		http.Redirect(w, r, SeedPath, http.StatusMovedPermanently)
		return
	}
	switch r.URL.Path {
	case "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case LoopPath:
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	case "/loop/b":
		http.Redirect(w, r, LoopPath, http.StatusFound)
	case NotFoundPath:
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<!doctype html><title>Page not found</title><h1>Oops! That page can&rsquo;t be found.</h1>")
	case ServerErrorPath:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, "<h1>Error establishing a database connection</h1>")
	case PDFPath:
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	case MalformedPath:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, malformedPage)
	case CP1251Path:
		w.Header().Set("Content-Type", "text/html") // no charset: only the <meta> says
		b, err := charmap.Windows1251.NewEncoder().String(cp1251Page)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		fmt.Fprint(w, b)
	case HugePath:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var b bytes.Buffer
		b.WriteString("<!doctype html><html><head><title>Huge page</title></head><body><article class=\"entry-content\">")
		para := "<p>" + strings.Repeat("All work and no play makes a very large page. ", 20) + "</p>\n"
		for b.Len() < HugeSize {
			b.WriteString(para)
		}
		w.Write(b.Bytes()[:HugeSize])
	case TruncatedPath:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(100000))
		fmt.Fprint(w, "<!doctype html><html><head><title>Cut</title></head><body><p>The server dies mid-way")
		// returning closes the connection short of Content-Length
	case SlowPath:
		select {
		case <-time.After(SlowDelay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<title>late</title><p>finally</p>")
	default:
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Header().Set("Link", "<"+s.URL+"/wp-json/>; rel=\"https://api.w.org/\"")
		fmt.Fprint(w, page)
	}
}

const malformedPage = `<html><head><title>Broken markup survives | Test Blog</title>
<body><div class="entry-content"><p>First paragraph of a page whose markup is badly broken <b>bold <i>nested</b> wrong</i>
<p>Second paragraph without closing tags<table><tr><td>cell<p>Third paragraph inside a stray table cell
<div><span>unclosed span <a href="/x">link text</div>
<p>Fourth paragraph after the mess &amp entity &copy 2016 &#xZZZ; still readable.`

const cp1251Page = `<!DOCTYPE html>
<html lang="ru">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Новые расшифровки телефонных разговоров</title>
<meta property="og:site_name" content="Тестовая газета">
</head>
<body>
<article class="post">
<h1 class="entry-title">Новые расшифровки телефонных разговоров</h1>
<div class="entry-content">
<p>Газета опубликовала новые расшифровки телефонных разговоров между боевиками и офицерами на сирийско-турецкой границе.</p>
<p>Документы, как сообщается, взяты из материалов судебного дела, которое рассматривается в Анкаре.</p>
<p>По данным издания, под наблюдением оказались по меньшей мере девятнадцать человек, а обвинения предъявлены двадцати семи.</p>
</div>
<footer class="entry-footer"><a href="/category/politika/" rel="category tag">Политика</a></footer>
</article>
</body>
</html>
`
