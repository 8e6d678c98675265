package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/testsite"
)

// exportRefs runs export with args and returns url#version of each
// snapshot written.
func (e *env) exportRefs(args ...string) []string {
	e.t.Helper()
	out := e.mustRun(exitOK, append([]string{"export", "--format", "jsonl"}, args...)...)
	var refs []string
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var s strata.Snapshot
		if err := dec.Decode(&s); err != nil {
			e.t.Fatal(err)
		}
		refs = append(refs, s.URL+"#"+itoa(s.Version))
	}
	return refs
}

func TestExportFilters(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	seed, html5, xhtml := site.URL+testsite.SeedPath, site.URL+testsite.NativeHTML5Path, site.URL+testsite.NativeXHTMLPath
	e.mustRun(exitOK, "archive", seed, html5, xhtml)
	v1 := e.show(seed, 1)
	// Fetch times have whole seconds: let version 2 fall in the next one.
	time.Sleep(time.Until(v1.FetchedAt.Add(time.Second)) + 10*time.Millisecond)
	e.Edit(t, site)
	e.mustRun(exitOK, "archive", seed)

	host := strings.TrimPrefix(site.URL, "http://") // 127.0.0.1:port
	today := time.Now().UTC().Format(time.DateOnly)
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
	all := []string{seed + "#2", html5 + "#1", xhtml + "#1"} // in URL order
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"no filter", nil, all},
		{"all versions", []string{"--all-versions"}, []string{seed + "#1", seed + "#2", html5 + "#1", xhtml + "#1"}},
		{"site by host name", []string{"--site", "127.0.0.1"}, all},
		{"site with port", []string{"--site", host}, all},
		{"other site", []string{"--site", "example.org"}, nil},
		{"other port", []string{"--site", "127.0.0.1:1"}, nil},
		{"url prefix", []string{"--url-prefix", site.URL + "/native/"}, []string{html5 + "#1", xhtml + "#1"}},
		{"url prefix and site", []string{"--url-prefix", site.URL + "/native/h", "--site", "127.0.0.1"}, []string{html5 + "#1"}},
		{"changed only", []string{"--changed-only", "--all-versions"}, []string{seed + "#2"}},
		{"changed only, latest", []string{"--changed-only"}, []string{seed + "#2"}},
		{"since yesterday", []string{"--since", yesterday}, all},
		{"until yesterday", []string{"--until", yesterday}, nil},
		{"until today (whole day)", []string{"--until", today}, all},
		{"since tomorrow", []string{"--since", tomorrow}, nil},
		{"as it stood when v1 was fetched", []string{"--until", v1.FetchedAt.Format(time.RFC3339Nano), "--url-prefix", seed}, []string{seed + "#1"}},
		{"since v1, all versions", []string{"--since", v1.FetchedAt.Format(time.RFC3339Nano), "--all-versions", "--url-prefix", seed}, []string{seed + "#1", seed + "#2"}},
	}
	for _, tt := range tests {
		if got := e.exportRefs(tt.args...); !slices.Equal(got, tt.want) {
			t.Errorf("%s: export %v\n got %v\nwant %v", tt.name, tt.args, got, tt.want)
		}
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--since", "yesterday"}, "--since \"yesterday\": use RFC 3339"},
		{[]string{"--until", "2026-13-01"}, "--until"},
		{[]string{"--since", tomorrow, "--until", yesterday}, "is after --until"},
		{[]string{"--site", "example.org/path"}, "--site"},
		{[]string{"--url-prefix", "example.org/2016"}, "--url-prefix"},
		{[]string{"--format", "csv"}, "--format"},
	} {
		code, _, errs := e.run(append([]string{"export"}, tt.args...)...)
		if code != exitCannotRun || !strings.Contains(errs, tt.want) {
			t.Errorf("export %v: exit %d %q; want %d and %q", tt.args, code, errs, exitCannotRun, tt.want)
		}
	}
	// The same day as both bounds is allowed.
	e.mustRun(exitOK, "export", "--since", today, "--until", today)
}

// TestExportWARC reads a WARC export back, strictly, record by record, and
// checks each record against the stored snapshots and raw captures.
func TestExportWARC(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	seed := site.URL + testsite.SeedPath
	e.mustRun(exitOK, "archive", seed, site.URL+testsite.NativeHTML5Path, site.URL+testsite.HugePath)
	e.Edit(t, site)
	e.mustRun(exitOK, "archive", seed)
	snaps := e.export(true)
	if len(snaps) != 4 {
		t.Fatalf("%d snapshots", len(snaps))
	}

	path := filepath.Join(t.TempDir(), "archive.warc.gz")
	e.mustRun(exitOK, "export", "--format", "warc", "--all-versions", "--out", path)
	r, err := gowarc.NewWarcFileReader(path, 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	next := func() gowarc.WarcRecord {
		t.Helper()
		rec, err := r.Next()
		if err != nil {
			t.Fatalf("read record: %v", err)
		}
		if len(rec.Validation) > 0 {
			t.Errorf("record %s: %v", rec.WarcRecord, rec.Validation)
		}
		if v, err := rec.WarcRecord.ValidateDigest(); err != nil || len(v) > 0 {
			t.Errorf("record %s: digest: %v %v", rec.WarcRecord, err, v)
		}
		if rec.WarcRecord.Version() != gowarc.V1_1 {
			t.Errorf("record version %s", rec.WarcRecord.Version())
		}
		return rec.WarcRecord
	}

	info := next()
	if info.Type() != gowarc.Warcinfo || info.WarcHeader().Get(gowarc.WarcFilename) != "archive.warc.gz" {
		t.Fatalf("first record: %s %v", info, info.WarcHeader())
	}
	for _, snap := range snaps {
		resp := next()
		h := resp.WarcHeader()
		if resp.Type() != gowarc.Response || h.Get(gowarc.WarcTargetURI) != snap.FinalURL ||
			h.GetId(gowarc.WarcWarcinfoID) != info.RecordId() || !strings.HasPrefix(h.Get(gowarc.WarcPayloadDigest), "sha1:") {
			t.Fatalf("%s v%d: response record %s %v", snap.URL, snap.Version, resp, h)
		}
		if date, _ := resp.Date(); !date.Equal(snap.FetchedAt.Truncate(time.Second)) {
			t.Errorf("WARC-Date %v, fetched %v", date, snap.FetchedAt)
		}
		if (h.Get(gowarc.WarcTruncated) == "length") != snap.Truncated {
			t.Errorf("%s: WARC-Truncated %q, snapshot truncated %v", snap.URL, h.Get(gowarc.WarcTruncated), snap.Truncated)
		}
		block, ok := resp.Block().(gowarc.HttpResponseBlock)
		if !ok {
			t.Fatalf("response block is %T", resp.Block())
		}
		payload, err := block.PayloadBytes()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(payload)
		raw := e.mustRun(exitOK, "raw", snap.URL, "--version", itoa(snap.Version))
		if !bytes.Equal(body, []byte(raw)) || block.HttpStatusCode() != snap.Status ||
			!strings.HasPrefix(block.HttpHeader().Get("Content-Type"), "text/html") ||
			block.HttpHeader().Get("Content-Length") != itoa(len(body)) {
			t.Errorf("%s v%d: response status %d, header %v, %d body bytes (stored %d)", snap.URL, snap.Version,
				block.HttpStatusCode(), block.HttpHeader(), len(body), len(raw))
		}

		req := next()
		if req.Type() != gowarc.Request || req.WarcHeader().GetId(gowarc.WarcConcurrentTo) != resp.RecordId() ||
			req.WarcHeader().Get(gowarc.WarcTargetURI) != snap.FinalURL {
			t.Fatalf("request record %s %v", req, req.WarcHeader())
		}
		if rb, ok := req.Block().(gowarc.HttpRequestBlock); !ok || !strings.HasSuffix(snap.FinalURL, rb.HttpRequestLine()) {
			t.Errorf("request block %T %q", req.Block(), rb.HttpRequestLine())
		}

		meta := next()
		if meta.Type() != gowarc.Metadata || meta.WarcHeader().GetId(gowarc.WarcRefersTo) != resp.RecordId() ||
			meta.WarcHeader().Get(gowarc.ContentType) != "application/json" || meta.WarcHeader().Get(gowarc.WarcTargetURI) != snap.URL {
			t.Fatalf("metadata record %s %v", meta, meta.WarcHeader())
		}
		rd, err := meta.Block().RawBytes()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rd)
		want, _ := json.Marshal(snap)
		var a strata.Snapshot
		if err := json.Unmarshal(got, &a); err != nil {
			t.Fatal(err)
		}
		if ga, _ := json.Marshal(a); !bytes.Equal(ga, want) {
			t.Errorf("%s v%d: metadata JSON differs from the snapshot", snap.URL, snap.Version)
		}
	}
	if rec, err := r.Next(); err != io.EOF {
		t.Errorf("extra record after the last snapshot: %v %v", rec.WarcRecord, err)
	}

	// Each record is its own gzip member: the file holds 1+3×4 members.
	data, _ := os.ReadFile(path)
	if n := bytes.Count(data, []byte{0x1f, 0x8b, 0x08}); n < 13 {
		t.Errorf("%d gzip members, want 13", n)
	}
}

// TestExportInterrupted cancels an export and checks that it leaves no file.
func TestExportInterrupted(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	e.mustRun(exitOK, "archive", site.URL+testsite.SeedPath)
	dir := t.TempDir()
	for _, format := range []string{"jsonl", "warc"} {
		out := filepath.Join(dir, "export."+format)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var stdout, stderr bytes.Buffer
		code := run(ctx, []string{"--db", e.db, "--config", e.config, "export", "--format", format, "--out", out}, &stdout, &stderr)
		if code != exitInterrupted {
			t.Errorf("%s: exit %d (%s), want %d", format, code, stderr.String(), exitInterrupted)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: files left by an interrupted export: %v", format, entries)
		}
	}
}

func TestSiteMatching(t *testing.T) {
	tests := []struct {
		site, url string
		want      bool
	}{
		{"example.org", "https://example.org/a", true},
		{"example.org", "https://www.example.org/a", true},
		{"www.example.org", "https://example.org/a", true},
		{"Example.ORG", "http://example.org:8080/a", true},
		{"example.org:8080", "http://example.org:8080/a", true},
		{"example.org:8080", "http://example.org/a", false},
		{"example.org", "https://news.example.org/a", false},
		{"example.org", "https://example.org.evil.test/a", false},
		{"https://www.example.org/", "https://example.org/a", true},
		{"bücher.example", "https://xn--bcher-kva.example/a", true},
	}
	for _, tt := range tests {
		host, err := siteHost(tt.site)
		if err != nil {
			t.Errorf("siteHost(%q): %v", tt.site, err)
			continue
		}
		if got := onSite(tt.url, host); got != tt.want {
			t.Errorf("--site %s on %s = %v, want %v", tt.site, tt.url, got, tt.want)
		}
	}
}
