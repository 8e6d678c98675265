package fetch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/fetch"
)

// faultServer serves the misbehaving endpoints of the fault tests: every
// path is one fault. robots.txt is absent.
func faultServer(t *testing.T, other string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	member := gzipZeros(t, 1<<20) // 1 MiB of zeros in about 1 KB
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	redirect := func(path, to string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			http.Redirect(w, r, to, http.StatusFound)
		})
	}
	redirect("/to-other", other+"/page")
	redirect("/to-file", "file:///etc/passwd")
	redirect("/to-ftp", "ftp://example.org/x")
	redirect("/to-data", "data:text/html,<script>alert(1)</script>")
	redirect("/to-self", "/page")
	redirect("/loop", "/loop")
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<title>page</title>")
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < 600; i++ {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	})
	mux.HandleFunc("/no-headers", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	})
	mux.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Length", "10000")
		w.Write([]byte("<title>only part</title>"))
		// The handler returns with 9,976 bytes owed: the server closes.
	})
	mux.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><body>")
		buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.SetLinger(0) // close with RST, not FIN
		}
		conn.Close()
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>fifty megabytes</p>\n"), 1<<12)
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		// 10,240 gzip members of 1 MiB each: 10 GiB once decompressed.
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		for range 10 << 10 {
			if _, err := w.Write(member); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &hits
}

func gzipZeros(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := zw.Write(make([]byte, n)); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return b.Bytes()
}

// TestFetchRedirectScope: a redirect never leaves the request's scope nor
// the http(s) schemes, and the other host is never asked.
func TestFetchRedirectScope(t *testing.T) {
	var otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		fmt.Fprint(w, "<title>elsewhere</title>")
	}))
	defer other.Close()
	srv, _ := faultServer(t, other.URL)
	self, _ := url.Parse(srv.URL)
	onSite := func(u *url.URL) bool { return u.Host == self.Host }

	f := fetch.New(fetch.Options{Retries: 1, RetryBackoff: time.Millisecond})
	ctx := context.Background()
	tests := []struct {
		path  string
		allow func(*url.URL) bool
		want  string // "" for success
	}{
		{"/to-other", onSite, "redirect to " + other.URL + "/page leaves the site's scope"},
		{"/to-other", nil, ""},
		{"/to-self", onSite, ""},
		{"/to-file", nil, "redirect to file:///etc/passwd: leaves the site's scope: not an http or https URL"},
		{"/to-ftp", onSite, "redirect to ftp://example.org/x: leaves the site's scope"},
		{"/to-data", nil, "not an http or https URL"},
		{"/loop", onSite, "redirect loop"},
	}
	for _, tt := range tests {
		before := otherHits.Load()
		c, err := f.Do(ctx, fetch.Request{URL: srv.URL + tt.path, Allow: tt.allow})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s (allow %v): %v", tt.path, tt.allow != nil, err)
		case tt.want == "" && c.Status != 200:
			t.Errorf("%s: status %d", tt.path, c.Status)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err = %v, want %q", tt.path, err, tt.want)
		case tt.want != "" && tt.path != "/loop" && !errors.Is(err, fetch.ErrOutOfScope):
			t.Errorf("%s: %v does not match ErrOutOfScope", tt.path, err)
		}
		if tt.want != "" && otherHits.Load() != before {
			t.Errorf("%s: the other host was requested", tt.path)
		}
	}
}

// TestFetchFaults runs one fetch against each misbehaving endpoint: each
// ends within its timeouts with a clear error or a truncated capture.
func TestFetchFaults(t *testing.T) {
	srv, hits := faultServer(t, "http://127.0.0.1:1")
	const timeout = 2 * time.Second
	tests := []struct {
		path      string
		retries   int
		want      string // error text; "" for a capture
		wantHits  int32
		truncated bool
		size      int
		within    time.Duration
	}{
		{path: "/500", retries: 2, want: "500 Internal Server Error", wantHits: 3, within: 5 * time.Second},
		{path: "/drip", want: "timed out", wantHits: 1, within: timeout + 2*time.Second},
		{path: "/drip", retries: 1, want: "timed out", wantHits: 2, within: 2*timeout + 3*time.Second},
		{path: "/no-headers", want: "timed out", wantHits: 1, within: timeout + 2*time.Second},
		{path: "/short", want: "body cut short by the server (got 24 bytes, Content-Length 10000)", wantHits: 1, within: 5 * time.Second},
		{path: "/reset", retries: 1, want: "connection reset", wantHits: 2, within: 5 * time.Second},
		{path: "/big", wantHits: 1, truncated: true, size: 20 << 20, within: 30 * time.Second},
		{path: "/bomb", wantHits: 1, truncated: true, size: 20 << 20, within: 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			opts := fetch.Options{Timeout: timeout, HeaderTimeout: timeout, RetryBackoff: 10 * time.Millisecond, Retries: tt.retries}
			if tt.retries == 0 {
				opts.NoRetries = true
			}
			f := fetch.New(opts)
			hits.Store(0)
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			c, err := f.Get(context.Background(), srv.URL+tt.path)
			took := time.Since(start)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if took > tt.within {
				t.Errorf("took %v, want at most %v", took, tt.within)
			}
			if got := hits.Load(); got != tt.wantHits {
				t.Errorf("%d requests, want %d", got, tt.wantHits)
			}
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("err = %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Truncated != tt.truncated || len(c.Body) != tt.size {
				t.Errorf("capture of %d bytes, truncated %v; want %d, %v", len(c.Body), c.Truncated, tt.size, tt.truncated)
			}
			// The cap bounds what is read: a 10 GiB bomb allocates no more
			// than a few times the cap.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
				t.Errorf("the fetch allocated %d MiB", alloc>>20)
			}
		})
	}
}
