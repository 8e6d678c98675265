package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/fetch"
)

func TestFetchSendsUserAgentAndObeysRobots(t *testing.T) {
	var mu sync.Mutex
	agents := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents[r.URL.Path] = r.UserAgent()
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<title>ok</title>")
	}))
	defer srv.Close()

	f := fetch.New(fetch.Options{UserAgent: "strata-test/2 (+mailto:x@example.org)"})
	if _, err := f.Get(context.Background(), srv.URL+"/private/page"); !errors.Is(err, fetch.ErrRobots) {
		t.Errorf("disallowed page: err = %v, want ErrRobots", err)
	}
	c, err := f.Get(context.Background(), srv.URL+"/public/page")
	if err != nil || c.Status != 200 || string(c.Body) != "<title>ok</title>" {
		t.Fatalf("public page: %v %+v", err, c)
	}
	mu.Lock()
	if _, ok := agents["/private/page"]; ok {
		t.Error("a page disallowed by robots.txt was requested")
	}
	for _, p := range []string{"/robots.txt", "/public/page"} {
		if agents[p] != "strata-test/2 (+mailto:x@example.org)" {
			t.Errorf("%s sent User-Agent %q", p, agents[p])
		}
	}
	mu.Unlock()

	// With robots off the page is fetched.
	f2 := fetch.New(fetch.Options{IgnoreRobots: true})
	if _, err := f2.Get(context.Background(), srv.URL+"/private/page"); err != nil {
		t.Errorf("robots off: %v", err)
	}
}

func TestFetchKeepsRawBytesAndCapsBody(t *testing.T) {
	raw := "<html><head><meta charset=\"windows-1252\"><title>caf\xe9</title></head><body>" + strings.Repeat("x", 5000) + "</body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		fmt.Fprint(w, raw)
	}))
	defer srv.Close()

	f := fetch.New(fetch.Options{})
	c, err := f.Get(context.Background(), srv.URL+"/a")
	if err != nil {
		t.Fatal(err)
	}
	if string(c.Body) != raw || c.Truncated {
		t.Errorf("raw bytes not kept as sent (len %d, truncated %v)", len(c.Body), c.Truncated)
	}

	small := fetch.New(fetch.Options{MaxBodySize: 1000})
	c, err = small.Get(context.Background(), srv.URL+"/a")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Body) != 1000 || !c.Truncated {
		t.Errorf("capped fetch: len %d truncated %v", len(c.Body), c.Truncated)
	}
}

func TestFetchPolitenessPerHost(t *testing.T) {
	var inFlight, maxInFlight atomic.Int32
	var mu sync.Mutex
	var starts []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		fmt.Fprint(w, "<title>x</title>")
	}))
	defer srv.Close()

	const delay = 100 * time.Millisecond
	f := fetch.New(fetch.Options{Parallelism: 1, Delay: delay})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), fmt.Sprintf("%s/p%d", srv.URL, i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := maxInFlight.Load(); m != 1 {
		t.Errorf("%d requests in flight at once, want 1", m)
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < delay {
			t.Errorf("request %d started %v after the previous one, want ≥ %v", i, gap, delay)
		}
	}
}

func TestFetchCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()

	f := fetch.New(fetch.Options{Timeout: 20 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := f.Get(ctx, srv.URL+"/slow")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancel took %v", d)
	}
}

func TestFetchRetries(t *testing.T) {
	var mu sync.Mutex
	hits := map[string][]time.Time{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		hits[r.URL.Path] = append(hits[r.URL.Path], time.Now())
		n := len(hits[r.URL.Path])
		mu.Unlock()
		switch r.URL.Path {
		case "/flaky":
			if n < 3 {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
		case "/throttled":
			if n == 1 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
		case "/banned":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		case "/gone":
			w.WriteHeader(http.StatusNotFound)
			return
		}
		fmt.Fprint(w, "<title>ok</title>")
	}))
	defer srv.Close()

	tests := []struct {
		path     string
		wantErr  string
		wantHits int
	}{
		{"/flaky", "", 3},
		{"/throttled", "", 2},
		{"/banned", "longer than the 1m0s allowed", 1},
		{"/gone", "404 Not Found", 1},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			// A fetcher per case: a Retry-After pauses the whole host.
			f := fetch.New(fetch.Options{Retries: 2, RetryBackoff: 5 * time.Millisecond, MaxRetryAfter: time.Minute})
			c, err := f.Get(context.Background(), srv.URL+tt.path)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			case tt.wantErr == "" && c.Status != 200:
				t.Fatalf("status %d", c.Status)
			}
			mu.Lock()
			defer mu.Unlock()
			if got := len(hits[tt.path]); got != tt.wantHits {
				t.Errorf("%d requests, want %d", got, tt.wantHits)
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if th := hits["/throttled"]; len(th) == 2 && th[1].Sub(th[0]) < 900*time.Millisecond {
		t.Errorf("Retry-After: 1 not honoured: retried after %v", th[1].Sub(th[0]))
	}
}

func TestFetchPost(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"method":%q,"action":%q}`, r.Method, r.PostForm.Get("action"))
	}))
	defer srv.Close()
	f := fetch.New(fetch.Options{})
	c, err := f.Do(context.Background(), fetch.Request{
		Method: http.MethodPost,
		URL:    srv.URL + "/wp-admin/admin-ajax.php",
		Body:   []byte("action=wpdLoadMoreComments&postId=1"),
		Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
	})
	if err != nil || string(c.Body) != `{"method":"POST","action":"wpdLoadMoreComments"}` {
		t.Fatalf("post: %v %s", err, c.Body)
	}
}

func TestFetchGzipPathsAreRaw(t *testing.T) {
	plain := `<?xml version="1.0"?><urlset><url><loc>https://example.org/a</loc></url></urlset>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, plain) // plain XML although the name says .gz
	}))
	defer srv.Close()
	f := fetch.New(fetch.Options{})
	c, err := f.Get(context.Background(), srv.URL+"/sitemap.xml.gz")
	if err != nil || string(c.Body) != plain {
		t.Fatalf("plain body at a .gz path: %v %q", err, c.Body)
	}
}
