package crawltest

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options shape a Site.
type Options struct {
	// Articles is the number of articles (30).
	Articles int
	// Now is the site's present: article i (from 0, the newest) was
	// published at Now - (i+1)*Spacing.
	Now time.Time
	// Spacing is the time between two articles (1h).
	Spacing time.Duration
	// PerPage is the number of articles a listing page links to (10).
	PerPage int
	// Comments is the number of comments of each article at the start (2).
	Comments int
	// CrawlDelay is the Crawl-delay robots.txt gives; zero gives none.
	CrawlDelay time.Duration
	// Latency is added to every answer of the main host.
	Latency time.Duration
	// FlakyArticles is how many articles live on the flaky host (3).
	FlakyArticles int
	// ParagraphBytes is the size of an article's body text (2000).
	ParagraphBytes int
	// Theme is the markup of article pages: "" a bare page with a flat
	// WordPress comment list; ThemeWordPress or ThemeWpDiscuz a page as a
	// WordPress theme prints it (head, menus, sidebar, footer, comment
	// form) with a threaded comment list, one comment in four a reply.
	Theme string
}

// Request is one request the site received.
type Request struct {
	// Host is "main", "flaky" or "other".
	Host string
	Path string
	// Start and End bound the handling of the request; End and Status
	// are zero while it runs.
	Start, End time.Time
	Status     int
	// IfNoneMatch and IfModifiedSince are the conditional headers sent.
	IfNoneMatch, IfModifiedSince string
	UserAgent                    string
}

// Flaky modes.
const (
	FlakyOK      = "ok"      // the flaky host answers like the main one
	FlakyFailing = "failing" // it answers 503 to everything
	FlakyHanging = "hanging" // it waits HangFor before answering 503
)

// HangFor is how long the flaky host waits in FlakyHanging mode.
const HangFor = 3 * time.Second

// Paths of fixed pages.
const (
	PathRobots       = "/robots.txt"
	PathSitemapIndex = "/sitemap_index.xml"
	PathFeed         = "/feed/"
	PathPrivate      = "/private/secret-article/"
	PathOther        = "/elsewhere/article/"
)

// Site is a running simulated site.
type Site struct {
	// Main, Flaky and Other are the servers; Main.URL is the site's base.
	Main, Flaky, Other *httptest.Server
	opts               Options

	mu          sync.Mutex
	log         []Request
	gen         int // bumped by ResetLog
	inflight    map[string]int
	maxInflight map[string]int
	added       map[int][]comment // comments added by AddComment
	challenge   map[int]bool
	tooMany     map[string]int // path → 429 answers left
	retryAfter  time.Duration
	flakyMode   string
	closing     chan struct{}
}

type comment struct {
	id     int
	author string
	text   string
	at     time.Time
}

// New starts a site and stops it when the test ends.
func New(tb testing.TB, opts Options) *Site {
	tb.Helper()
	s, err := Start(opts)
	if err != nil {
		tb.Fatalf("crawltest: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Start starts a site outside a test (a benchmark program); Close stops it.
func Start(opts Options) (*Site, error) {
	if opts.Articles <= 0 {
		opts.Articles = 30
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC().Truncate(time.Second)
	}
	if opts.Spacing <= 0 {
		opts.Spacing = time.Hour
	}
	if opts.PerPage <= 0 {
		opts.PerPage = 10
	}
	if opts.Comments < 0 {
		opts.Comments = 0
	} else if opts.Comments == 0 {
		opts.Comments = 2
	}
	if opts.FlakyArticles == 0 {
		opts.FlakyArticles = 3
	}
	if opts.ParagraphBytes <= 0 {
		opts.ParagraphBytes = 2000
	}
	s := &Site{
		opts:        opts,
		inflight:    map[string]int{},
		maxInflight: map[string]int{},
		added:       map[int][]comment{},
		challenge:   map[int]bool{},
		tooMany:     map[string]int{},
		flakyMode:   FlakyOK,
		closing:     make(chan struct{}),
	}
	var err error
	if s.Main, err = serve("127.0.0.1:0", s.handler("main")); err == nil {
		if s.Other, err = serve("127.0.0.2:0", s.handler("other")); err == nil {
			s.Flaky, err = serve("127.0.0.3:0", s.handler("flaky"))
		}
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close stops the site's servers.
func (s *Site) Close() {
	s.mu.Lock()
	select {
	case <-s.closing:
		s.mu.Unlock()
		return
	default:
		close(s.closing)
	}
	s.mu.Unlock()
	for _, srv := range []*httptest.Server{s.Main, s.Other, s.Flaky} {
		if srv != nil {
			srv.Close()
		}
	}
}

func serve(addr string, h http.Handler) (*httptest.Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	return srv, nil
}

// commentsOf returns the comments of article i: the initial ones, made
// from i (not kept, so that a site of 100,000 articles costs no memory),
// then those added. Call with s.mu held.
func (s *Site) commentsOf(i int) []comment {
	cs := make([]comment, 0, s.opts.Comments+len(s.added[i]))
	for j := range s.opts.Comments {
		cs = append(cs, comment{
			id: i*1000 + j + 1, author: fmt.Sprintf("Reader %d", j+1),
			text: fmt.Sprintf("Comment %d on article %d: I disagree with the second paragraph.", j+1, i),
			at:   s.published(i).Add(time.Duration(j+1) * 10 * time.Minute),
		})
	}
	return append(cs, s.added[i]...)
}

// URL returns the main host's URL of path.
func (s *Site) URL(path string) string { return s.Main.URL + path }

// ArticleURL returns the URL of article i (0 is the newest).
func (s *Site) ArticleURL(i int) string { return s.Main.URL + s.ArticlePath(i) }

// ArticlePath returns the path of article i.
func (s *Site) ArticlePath(i int) string {
	return s.published(i).Format("/2006/01/02/") + fmt.Sprintf("article-%04d/", i)
}

// FlakyURL returns the URL of the flaky host's article i.
func (s *Site) FlakyURL(i int) string { return s.Flaky.URL + fmt.Sprintf("/flaky/story-%d/", i) }

// OtherURL returns the URL of the page outside the site.
func (s *Site) OtherURL() string { return s.Other.URL + PathOther }

// Articles returns the URLs of all articles of the main host, newest first.
func (s *Site) Articles() []string {
	out := make([]string, s.opts.Articles)
	for i := range out {
		out[i] = s.ArticleURL(i)
	}
	return out
}

func (s *Site) published(i int) time.Time {
	return s.opts.Now.Add(-time.Duration(i+1) * s.opts.Spacing)
}

// AddComment adds a comment to article i, posted at at.
func (s *Site) AddComment(i int, author, text string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.opts.Comments + len(s.added[i])
	s.added[i] = append(s.added[i], comment{id: i*1000 + n + 1, author: author, text: text, at: at})
}

// SetChallenge makes article i answer with a Cloudflare-style challenge
// page (status 200) instead of itself, or stops it.
func (s *Site) SetChallenge(i int, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.challenge[i] = on
}

// TooManyRequests makes the next n requests for path answer 429 with a
// Retry-After of d (whole seconds).
func (s *Site) TooManyRequests(path string, n int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tooMany[path] = n
	s.retryAfter = d
}

// SetFlaky sets the flaky host's mode.
func (s *Site) SetFlaky(mode string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flakyMode = mode
}

// Log returns the requests received so far, in the order they started.
func (s *Site) Log() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]Request(nil), s.log...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// ResetLog forgets the requests received so far.
func (s *Site) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
	s.gen++
	s.maxInflight = map[string]int{}
}

// MaxInflight returns the most requests a host handled at once since the
// last ResetLog.
func (s *Site) MaxInflight(host string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInflight[host]
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *Site) handler(host string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := Request{Host: host, Path: r.URL.RequestURI(), Start: time.Now(),
			IfNoneMatch: r.Header.Get("If-None-Match"), IfModifiedSince: r.Header.Get("If-Modified-Since"),
			UserAgent: r.UserAgent()}
		// Logged when it starts (a hanging request counts), completed
		// when it ends.
		s.mu.Lock()
		s.inflight[host]++
		if s.inflight[host] > s.maxInflight[host] {
			s.maxInflight[host] = s.inflight[host]
		}
		i := len(s.log)
		s.log = append(s.log, req)
		gen := s.gen
		s.mu.Unlock()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			s.mu.Lock()
			s.inflight[host]--
			if gen == s.gen {
				s.log[i].End = time.Now()
				s.log[i].Status = sw.status
			}
			s.mu.Unlock()
		}()
		switch host {
		case "main":
			if s.opts.Latency > 0 {
				s.sleep(s.opts.Latency)
			}
			s.serveMain(sw, r)
		case "flaky":
			s.serveFlaky(sw, r)
		default:
			s.page(sw, r, "Elsewhere", "<p>Not part of the site.</p>", time.Time{})
		}
	})
}

func (s *Site) sleep(d time.Duration) {
	select {
	case <-time.After(d):
	case <-s.closing:
	}
}

func (s *Site) serveFlaky(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	mode := s.flakyMode
	s.mu.Unlock()
	switch {
	case r.URL.Path == PathRobots:
		http.NotFound(w, r)
	case mode == FlakyHanging:
		s.sleep(HangFor)
		http.Error(w, "busy", http.StatusServiceUnavailable)
	case mode == FlakyFailing:
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	default:
		s.page(w, r, "A flaky story", article(s.opts.ParagraphBytes, r.URL.Path), time.Time{})
	}
}

func (s *Site) serveMain(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	s.mu.Lock()
	if n := s.tooMany[p]; n > 0 {
		s.tooMany[p] = n - 1
		d := s.retryAfter
		s.mu.Unlock()
		w.Header().Set("Retry-After", strconv.Itoa(int(d/time.Second)))
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	s.mu.Unlock()
	switch {
	case p == PathRobots:
		s.robots(w)
	case p == PathSitemapIndex:
		s.sitemapIndex(w)
	case strings.HasPrefix(p, "/sitemap-"):
		s.sitemap(w, r)
	case p == PathFeed:
		s.feed(w)
	case p == "/":
		s.listing(w, r, 1)
	case strings.HasPrefix(p, "/page/"):
		n, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(p, "/page/"), "/"))
		if err != nil || n < 1 {
			http.NotFound(w, r)
			return
		}
		s.listing(w, r, n)
	case p == PathPrivate:
		s.page(w, r, "Secret", article(s.opts.ParagraphBytes, "secret"), time.Time{})
	default:
		i, ok := s.articleIndex(p)
		if !ok {
			http.NotFound(w, r)
			return
		}
		s.article(w, r, i)
	}
}

// articleIndex parses /YYYY/MM/DD/article-NNNN/.
func (s *Site) articleIndex(p string) (int, bool) {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	if len(parts) != 4 || !strings.HasPrefix(parts[3], "article-") {
		return 0, false
	}
	i, err := strconv.Atoi(strings.TrimPrefix(parts[3], "article-"))
	if err != nil || i < 0 || i >= s.opts.Articles || s.ArticlePath(i) != p {
		return 0, false
	}
	return i, true
}

func (s *Site) robots(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\n")
	if s.opts.CrawlDelay > 0 {
		fmt.Fprintf(w, "Crawl-delay: %g\n", s.opts.CrawlDelay.Seconds())
	}
	fmt.Fprintf(w, "\nSitemap: %s%s\n", s.Main.URL, PathSitemapIndex)
}

func (s *Site) sitemapIndex(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n")
	fmt.Fprintf(w, "<sitemap><loc>%s/sitemap-1.xml</loc></sitemap>\n", s.Main.URL)
	fmt.Fprintf(w, "<sitemap><loc>%s/sitemap-2.xml.gz</loc></sitemap>\n", s.Main.URL)
	fmt.Fprint(w, "</sitemapindex>\n")
}

// sitemap serves the newer half of the articles in /sitemap-1.xml and the
// older half, gzipped, in /sitemap-2.xml.gz.
func (s *Site) sitemap(w http.ResponseWriter, r *http.Request) {
	half := (s.opts.Articles + 1) / 2
	from, to := 0, half
	gz := false
	switch r.URL.Path {
	case "/sitemap-1.xml":
	case "/sitemap-2.xml.gz":
		from, to, gz = half, s.opts.Articles, true
	default:
		http.NotFound(w, r)
		return
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "<url><loc>%s</loc><lastmod>%s</lastmod></url>\n", s.ArticleURL(i), s.published(i).Format(time.RFC3339))
	}
	b.WriteString("</urlset>\n")
	if !gz {
		w.Header().Set("Content-Type", "application/xml")
		w.Write(b.Bytes())
		return
	}
	w.Header().Set("Content-Type", "application/x-gzip")
	zw := gzip.NewWriter(w)
	zw.Write(b.Bytes())
	zw.Close()
}

func (s *Site) feed(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/rss+xml")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Simulated News</title>`)
	fmt.Fprintf(&b, "<link>%s/</link>", s.Main.URL)
	for i := range min(10, s.opts.Articles) {
		fmt.Fprintf(&b, "<item><title>Article %d</title><link>%s</link><pubDate>%s</pubDate></item>",
			i, s.ArticleURL(i), s.published(i).Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>")
	fmt.Fprint(w, b.String())
}

// listing serves page n of the article list (the home page is page 1).
func (s *Site) listing(w http.ResponseWriter, r *http.Request, n int) {
	per := s.opts.PerPage
	from := (n - 1) * per
	if from >= s.opts.Articles && n > 1 {
		http.NotFound(w, r)
		return
	}
	var b strings.Builder
	head := fmt.Sprintf(`<link rel="alternate" type="application/rss+xml" title="Simulated News Feed" href="%s%s">`, s.Main.URL, PathFeed)
	if from+per < s.opts.Articles {
		head += fmt.Sprintf(`<link rel="next" href="%s/page/%d/">`, s.Main.URL, n+1)
	}
	b.WriteString("<ul>")
	for i := from; i < min(from+per, s.opts.Articles); i++ {
		fmt.Fprintf(&b, `<li><article class="post"><h2><a href="%s">Article %d</a></h2></article></li>`, s.ArticlePath(i), i)
	}
	b.WriteString("</ul>")
	if n == 1 {
		fmt.Fprintf(&b, `<p><a href="%s">A secret article</a> <a href="%s">Elsewhere</a></p><ul>`, PathPrivate, s.OtherURL())
		for i := range s.opts.FlakyArticles {
			fmt.Fprintf(&b, `<li><a href="%s">Flaky story %d</a></li>`, s.FlakyURL(i), i)
		}
		b.WriteString("</ul>")
	}
	s.write(w, r, fmt.Sprintf("Simulated News – page %d", n), head, `class="home blog"`, b.String(), time.Time{})
}

// article serves article i with its comments, or the challenge page.
func (s *Site) article(w http.ResponseWriter, r *http.Request, i int) {
	s.mu.Lock()
	challenged := s.challenge[i]
	cs := s.commentsOf(i)
	s.mu.Unlock()
	if challenged {
		w.Header().Set("Server", "cloudflare")
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>`+
			`<script>window._cf_chl_opt={cvId:'3',cZone:'example.org'};</script></head>`+
			`<body><div id="challenge-running">Checking your browser before accessing the site.</div>`+
			`<noscript>Enable JavaScript and cookies to continue</noscript></body></html>`)
		return
	}
	if s.opts.Theme != "" {
		s.themedArticle(w, r, i, cs)
		return
	}
	pub := s.published(i)
	modified := pub
	var b strings.Builder
	fmt.Fprintf(&b, `<article class="post type-post"><header><h1 class="entry-title">Article %d</h1>`+
		`<time class="entry-date published" datetime="%s">%s</time> <span class="author vcard">By Ann Author</span></header>`,
		i, pub.Format(time.RFC3339), pub.Format("January 2, 2006"))
	fmt.Fprintf(&b, `<div class="entry-content">%s</div></article>`, article(s.opts.ParagraphBytes, fmt.Sprint(i)))
	// Related articles: the two older ones.
	b.WriteString(`<aside class="related"><ul>`)
	for j := i + 1; j < min(i+3, s.opts.Articles); j++ {
		fmt.Fprintf(&b, `<li><a href="%s">Article %d</a></li>`, s.ArticlePath(j), j)
	}
	b.WriteString(`</ul></aside>`)
	fmt.Fprintf(&b, `<div id="comments" class="comments-area"><h2 class="comments-title">%d thoughts on &ldquo;Article %d&rdquo;</h2><ol class="comment-list">`, len(cs), i)
	for _, c := range cs {
		if c.at.After(modified) {
			modified = c.at
		}
		fmt.Fprintf(&b, `<li id="comment-%d" class="comment depth-1"><article id="div-comment-%d" class="comment-body">`+
			`<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">%s</b> <span class="says">says:</span></div>`+
			`<div class="comment-metadata"><a href="%s#comment-%d"><time datetime="%s">%s</time></a></div></footer>`+
			`<div class="comment-content"><p>%s</p></div></article></li>`,
			c.id, c.id, html.EscapeString(c.author), s.ArticlePath(i), c.id, c.at.Format(time.RFC3339), c.at.Format("January 2, 2006 at 3:04 pm"), html.EscapeString(c.text))
	}
	b.WriteString(`</ol></div>`)
	head := fmt.Sprintf(`<meta property="og:type" content="article"><meta property="article:published_time" content="%s">`+
		`<link rel="canonical" href="%s">`, pub.Format(time.RFC3339), s.ArticleURL(i))
	s.write(w, r, fmt.Sprintf("Article %d – Simulated News", i), head, `class="post-template-default single single-post"`, b.String(), modified)
}

// page serves a plain page.
func (s *Site) page(w http.ResponseWriter, r *http.Request, title, body string, modified time.Time) {
	s.write(w, r, title, "", "", body, modified)
}

// write serves an HTML page with an ETag (and Last-Modified when
// modified is set), answering 304 to a matching conditional request.
func (s *Site) write(w http.ResponseWriter, r *http.Request, title, head, bodyAttrs, body string, modified time.Time) {
	page := fmt.Sprintf("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>%s</head><body %s>%s</body></html>\n",
		html.EscapeString(title), head, bodyAttrs, body)
	sum := sha256.Sum256([]byte(page))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("ETag", etag)
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if inm == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		if t, err := http.ParseTime(ims); err == nil && !modified.Truncate(time.Second).After(t) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	fmt.Fprint(w, page)
}

// article returns paragraphs of about n bytes of text, seeded by seed.
func article(n int, seed string) string {
	words := strings.Fields(`the council met on tuesday to discuss the budget for the river school
		and residents raised questions about the new road the report found that costs had risen
		while the mayor said the plan would go ahead after a review of the evidence by the committee`)
	var b strings.Builder
	h := sha256.Sum256([]byte(seed))
	k := uint(h[0])
	for b.Len() < n {
		b.WriteString("<p>")
		for range 40 {
			b.WriteString(words[k%uint(len(words))])
			b.WriteByte(' ')
			k = k*31 + 7
		}
		fmt.Fprintf(&b, "(%s)</p>\n", seed)
	}
	return b.String()
}
