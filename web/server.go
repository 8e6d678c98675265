package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// Defaults of Options.
const (
	DefaultLockTimeout = store.DefaultReadTimeout
	DefaultRefresh     = 5 * time.Second
	// An index refresh reads for defaultBurst, then lets go of the file
	// for defaultPause: longer than the 50 ms between the attempts of a
	// waiting writer (bbolt's flock polls), so that one gets in.
	defaultBurst = 250 * time.Millisecond
	defaultPause = 60 * time.Millisecond
)

// PageCSP is the Content-Security-Policy of every HTML page: nothing but
// the viewer's own stylesheet and images may load, no script at all runs,
// forms submit only to the viewer, and no other site may frame it.
const PageCSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// RawCSP is the Content-Security-Policy of raw captures and JSON: a
// sandbox with nothing allowed, in case a browser renders them anyway.
const RawCSP = "default-src 'none'; sandbox; frame-ancestors 'none'"

// Options configure a Server.
type Options struct {
	// Path is the archive file.
	Path string
	// LockTimeout is how long one request, or one burst of the index
	// refresh, waits for the archive's file lock while a writer holds it;
	// zero means DefaultLockTimeout.
	LockTimeout time.Duration
	// Refresh is how often Run looks whether the archive file changed;
	// zero means DefaultRefresh.
	Refresh time.Duration
	// Public accepts requests for any host name. Without it only
	// localhost, 127.0.0.0/8 and ::1 are answered, which keeps web pages
	// elsewhere from reading the archive through DNS rebinding.
	Public bool
	// ErrorLog receives what goes wrong on the server side; nil means
	// the log package's standard logger.
	ErrorLog *log.Logger

	// burst and pause tune the index refresh; zero means the defaults.
	burst, pause time.Duration
}

// Server is the archive viewer: an http.Handler over one archive file,
// read-only. Its methods are safe for concurrent use.
type Server struct {
	opts  Options
	idx   *indexer
	mux   *http.ServeMux
	pages map[string]*template.Template
	san   *sanitizer
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// New returns a viewer of the archive at opts.Path. It does not read the
// archive: call Refresh, or Run, to build the index of the home page;
// the other pages read the archive on each request.
func New(opts Options) *Server {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.Refresh <= 0 {
		opts.Refresh = DefaultRefresh
	}
	if opts.burst <= 0 {
		opts.burst = defaultBurst
	}
	if opts.pause <= 0 {
		opts.pause = defaultPause
	}
	if opts.ErrorLog == nil {
		opts.ErrorLog = log.Default()
	}
	s := &Server{
		opts:  opts,
		idx:   &indexer{path: opts.Path, lockTimeout: opts.LockTimeout, burst: opts.burst, pause: opts.pause},
		mux:   http.NewServeMux(),
		pages: parsePages(),
		san:   newSanitizer(),
	}
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /article", s.article)
	s.mux.HandleFunc("GET /diff", s.diff)
	s.mux.HandleFunc("GET /raw", s.raw)
	s.mux.HandleFunc("GET /json", s.json)
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "There is no such page in the viewer.")
	})
	return s
}

// Refresh builds the index of the home page now, or brings it up to date,
// reading the archive in short bursts.
func (s *Server) Refresh(ctx context.Context) error { return s.idx.rebuild(ctx) }

// Run builds the index and keeps it up to date until ctx is done: every
// Options.Refresh it looks at the archive file's size and modification
// time and, if they changed, refreshes the index.
func (s *Server) Run(ctx context.Context) {
	s.idx.run(ctx, s.opts.Refresh, s.opts.ErrorLog.Printf)
}

// ServeHTTP answers one request. Only GET and HEAD are served.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", PageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if !s.opts.Public && !loopbackHost(r.Host) {
		s.fail(w, r, http.StatusMisdirectedRequest, "This viewer answers only requests for localhost (it was started without --public).")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		s.fail(w, r, http.StatusMethodNotAllowed, "The viewer is read-only.")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether the Host header names this machine's
// loopback interface.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// withStore opens the archive read-only for the time of fn. Holding the
// file no longer than a request lets a crawl write between requests.
func (s *Server) withStore(fn func(*store.Store) error) error {
	st, err := store.Open(s.opts.Path, store.Options{ReadOnly: true, Timeout: s.opts.LockTimeout})
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

// page is what every template gets.
type page struct {
	Title string
	// Refresh, when above zero, reloads the page after so many seconds
	// (while the index is being built).
	Refresh int
	// Notice is shown above the page.
	Notice string
	Data   any
}

func parsePages() map[string]*template.Template {
	pages := map[string]*template.Template{}
	for _, name := range []string{"home", "article", "diff", "error"} {
		t := template.New(name).Funcs(funcs)
		template.Must(t.ParseFS(templateFS, "templates/layout.html", "templates/thread.html", "templates/"+name+".html"))
		pages[name] = t
	}
	return pages
}

// render writes the page named name with status 200.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p page) {
	s.renderStatus(w, r, http.StatusOK, name, p)
}

func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.opts.ErrorLog.Printf("strata serve: %s %s: render %s: %v", r.Method, r.URL, name, err)
		http.Error(w, "internal error: could not render the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// fail shows an error page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.renderStatus(w, r, status, "error", page{
		Title: http.StatusText(status),
		Data:  struct{ Status, Message string }{fmt.Sprintf("%d %s", status, http.StatusText(status)), msg},
	})
}

// failErr shows the error page that suits err: 404 for what the archive
// does not hold, 503 while a writer holds the file, 500 otherwise.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, strata.ErrLocked):
		w.Header().Set("Retry-After", "2")
		s.fail(w, r, http.StatusServiceUnavailable, "The archive is busy: another strata process is writing it and held it longer than the viewer waits. Reload in a moment.")
	case errors.Is(err, strata.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, "The archive holds no such article or version.")
	default:
		s.opts.ErrorLog.Printf("strata serve: %s %s: %v", r.Method, r.URL, err)
		s.fail(w, r, http.StatusInternalServerError, "The archive could not be read: "+err.Error())
	}
}
