package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/testsite"
	"github.com/strata-archive/strata/store"
)

// syncBuffer is a buffer that one goroutine writes while another reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server is a `strata serve` running in the background.
type server struct {
	base           string // http://127.0.0.1:PORT
	stdout, stderr *syncBuffer
	cancel         context.CancelFunc
	done           chan int
}

var servingAt = regexp.MustCompile(`at (http://\S+)/ `)

// serve starts `strata serve` with args and waits until it listens.
func (e *env) serve(args ...string) *server {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{stdout: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	full := append([]string{"--db", e.db, "--config", e.config, "serve"}, args...)
	go func() { s.done <- run(ctx, full, s.stdout, s.stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingAt.FindStringSubmatch(s.stdout.String()); m != nil {
			s.base = m[1]
			e.t.Cleanup(func() { s.stop() })
			return s
		}
		select {
		case code := <-s.done:
			cancel()
			e.t.Fatalf("serve exited with %d before listening\nstdout: %s\nstderr: %s", code, s.stdout, s.stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	e.t.Fatalf("serve did not start\nstdout: %s\nstderr: %s", s.stdout, s.stderr)
	return nil
}

// stop interrupts the server as Ctrl-C would and returns its exit status.
func (s *server) stop() int {
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code
		return code
	case <-time.After(10 * time.Second):
		return -1
	}
}

// get fetches path from the server.
func (s *server) get(t *testing.T, path string) (int, string) {
	t.Helper()
	res, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	url0 := site.URL + testsite.SeedPath
	e.mustRun(exitOK, "archive", url0)

	s := e.serve("--addr", "127.0.0.1:0", "--refresh", "20ms")
	if !strings.Contains(s.stdout.String(), "serving "+e.db+" read-only") {
		t.Errorf("stdout %q", s.stdout)
	}
	// The index is built in the background.
	var home string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, home = s.get(t, "/"); strings.Contains(home, "1 article on 1 site") {
			break
		}
	}
	if !strings.Contains(home, "Leaked telephone transcripts") {
		t.Fatalf("home page:\n%s", home)
	}
	code, page := s.get(t, "/article?url="+url.QueryEscape(url0))
	if code != 200 || !strings.Contains(page, "Version 1 of 1") {
		t.Errorf("article: %d", code)
	}
	if code := s.stop(); code != exitOK {
		t.Errorf("exit %d after Ctrl-C, want 0; stderr %s", code, s.stderr)
	}
	if _, err := http.Get(s.base + "/"); err == nil {
		t.Error("server still answers after Ctrl-C")
	}
}

func TestServeAddr(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	e.mustRun(exitOK, "archive", site.URL+testsite.SeedPath)
	tests := []struct {
		name, addr, want string
	}{
		{"all interfaces", "0.0.0.0:0", "not a loopback address"},
		{"empty host", ":0", "add --public"},
		{"lan address", "192.168.1.10:8080", "not a loopback address"},
		{"host name", "example.org:80", "not a loopback address"},
		{"no port", "127.0.0.1", "give HOST:PORT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := e.run("serve", "--addr", tt.addr)
			if code != exitCannotRun || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, exitCannotRun, tt.want)
			}
		})
	}

	// With --public it serves, and warns.
	s := e.serve("--addr", "0.0.0.0:0", "--public")
	if !strings.Contains(s.stderr.String(), "WARNING") || !strings.Contains(s.stderr.String(), "anyone who can reach it") {
		t.Errorf("no warning: %q", s.stderr)
	}
	if code := s.stop(); code != exitOK {
		t.Errorf("exit %d", code)
	}

	// localhost is loopback.
	s = e.serve("--addr", "localhost:0")
	if s.stderr.String() != "" {
		t.Errorf("stderr %q", s.stderr)
	}
}

func TestServeArchiveProblems(t *testing.T) {
	e := newEnv(t)
	code, _, errs := e.run("serve", "--addr", "127.0.0.1:0")
	if code != exitCannotRun || !strings.Contains(errs, "no archive at "+e.db) {
		t.Errorf("missing archive: exit %d, stderr %q", code, errs)
	}

	// A writer holding the archive does not keep the viewer from starting;
	// pages say the archive is busy until it lets go.
	site := testsite.New(t)
	url0 := site.URL + testsite.SeedPath
	e.mustRun(exitOK, "archive", url0)
	st, err := store.Open(e.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := e.serve("--addr", "127.0.0.1:0", "--lock-timeout", "50ms", "--refresh", "20ms")
	if !strings.Contains(s.stderr.String(), "held by a writer") {
		t.Errorf("stderr %q", s.stderr)
	}
	if code, body := s.get(t, "/article?url="+url.QueryEscape(url0)); code != http.StatusServiceUnavailable || !strings.Contains(body, "busy") {
		t.Errorf("article while locked: %d", code)
	}
	st.Close()
	if code, _ := s.get(t, "/article?url="+url.QueryEscape(url0)); code != 200 {
		t.Errorf("article after the writer left: %d", code)
	}
}
