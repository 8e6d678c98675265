package discover_test

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/fetch"
)

// route is how a test site answers one path.
type route struct {
	file   string // under testdata/, {{BASE}}, {{OTHER}}, {{HOST}} replaced
	body   []byte // used when file is empty
	ctype  string
	gzip   bool // compress the body (no Content-Encoding: the file is gzip)
	header map[string]string
	status int
}

// site is an httptest server answering from routes and counting hits.
type site struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	routes map[string]route
	other  string // URL substituted for {{OTHER}}
}

// newSite starts a test site; robots.txt answers 404 unless routed.
func newSite(t testing.TB, routes map[string]route) *site {
	t.Helper()
	s := &site{hits: map[string]int{}, routes: routes}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.RequestURI()]++
	rt, ok := s.routes[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	body := rt.body
	if rt.file != "" {
		b, err := os.ReadFile(filepath.Join("testdata", rt.file))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		body = s.expand(b)
	}
	if rt.gzip {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(body)
		zw.Close()
		body = buf.Bytes()
	}
	for k, v := range rt.header {
		w.Header().Set(k, v)
	}
	if rt.ctype != "" {
		w.Header().Set("Content-Type", rt.ctype)
	}
	if rt.status != 0 {
		w.WriteHeader(rt.status)
	}
	w.Write(body)
}

func (s *site) expand(b []byte) []byte {
	r := strings.NewReplacer("{{BASE}}", s.URL, "{{OTHER}}", s.other, "{{HOST}}", strings.TrimPrefix(s.URL, "http://"))
	return []byte(r.Replace(string(b)))
}

func (s *site) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// newFetcher returns a fetcher for tests: no retries, short timeouts.
func newFetcher(opts fetch.Options) *fetch.Fetcher {
	if opts.UserAgent == "" {
		opts.UserAgent = "strata-test/1.0"
	}
	opts.NoRetries = true
	if opts.Timeout == 0 {
		opts.Timeout = 10 * time.Second
	}
	return fetch.New(opts)
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
