package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-archive/strata"
)

// extractPage is an article whose automatic title differs from the one
// its site's rules pick.
const extractPage = `<!DOCTYPE html><html lang="en"><head><meta charset="windows-1252">
<title>Ferries stay in port | Harbour Gazette</title></head><body>
<div class="masthead-title"><span class="real-title">Rule title</span></div>
<article><h1>Ferries stay in port</h1><div class="entry-content">
<p>Rain fell on the harbour all morning and the ferries stayed in port, said the harbour master, Mr M` + "\xfc" + `ller.</p>
<p>Boats will sail again tomorrow if the wind drops, and the caf` + "\xe9" + ` on the quay stays open.</p>
<div class="edition-note"><p>Buy the print edition of the Gazette.</p></div>
</div></article></body></html>`

// withSite appends a [[site]] table for host to the env's config.
func (e *env) withSite(host string) {
	e.t.Helper()
	f, err := os.OpenFile(e.config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	defer f.Close()
	_, err = f.WriteString(`
[[site]]
name = "gazette"
hosts = ["` + host + `"]
[site.selectors]
title = ".real-title"
strip = [".edition-note"]
`)
	if err != nil {
		e.t.Fatal(err)
	}
}

func decodeSnapshot(t *testing.T, out string) strata.Snapshot {
	t.Helper()
	var s strata.Snapshot
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("output is not a snapshot: %v\n%s", err, out)
	}
	return s
}

func TestExtractCommandFile(t *testing.T) {
	e := newEnv(t)
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, []byte(extractPage), 0o644); err != nil {
		t.Fatal(err)
	}
	out := e.mustRun(exitOK, "extract", "--url", "https://gazette.example/2024/ferries", file)
	s := decodeSnapshot(t, out)
	if s.Title != "Ferries stay in port" {
		t.Errorf("title = %q", s.Title)
	}
	if s.URL != "https://gazette.example/2024/ferries" || s.Version != 0 {
		t.Errorf("url %q version %d", s.URL, s.Version)
	}
	// windows-1252 decoded from the <meta charset>; no HTML escaping.
	if !strings.Contains(s.BodyText, "Mr Müller") || !strings.Contains(s.BodyText, "café") {
		t.Errorf("body not decoded: %q", s.BodyText)
	}
	if !strings.Contains(out, "<p>Rain fell") || !strings.Contains(out, "\n  \"title\"") {
		t.Errorf("output not indented JSON without HTML escaping:\n%s", out)
	}
	// Nothing was archived.
	if _, err := os.Stat(e.db); !os.IsNotExist(err) {
		t.Errorf("extract created the archive file (%v)", err)
	}
}

func TestExtractCommandStdin(t *testing.T) {
	e := newEnv(t)
	var out, errb bytes.Buffer
	g := &globals{stdout: &out, stderr: &errb}
	root := newRootCommand(g)
	root.SetIn(strings.NewReader(extractPage))
	root.SetArgs([]string{"--config", e.config, "extract", "-"})
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("extract -: %v\n%s", err, errb.String())
	}
	s := decodeSnapshot(t, out.String())
	if s.Title != "Ferries stay in port" || s.URL != "http://localhost/stdin.html" {
		t.Errorf("title %q url %q", s.Title, s.URL)
	}
}

func TestExtractCommandErrors(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		msg  string
	}{
		{"missing file", []string{"extract", filepath.Join(dir, "nope.html")}, "read page"},
		{"not html", []string{"extract", pdf}, "not an HTML page"},
		{"bad url", []string{"extract", "--url", "ftp://x.example/", pdf}, "--url"},
		{"no argument", []string{"extract"}, "accepts 1 arg"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := e.run(tt.args...)
			if code != exitCannotRun || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitCannotRun, tt.msg)
			}
		})
	}
}

func TestExtractCommandSiteRules(t *testing.T) {
	e := newEnv(t)
	e.withSite("gazette.example")
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, []byte(extractPage), 0o644); err != nil {
		t.Fatal(err)
	}
	s := decodeSnapshot(t, e.mustRun(exitOK, "extract", "--url", "https://www.gazette.example/a", file))
	if s.Title != "Rule title" || strings.Contains(s.BodyText, "print edition") {
		t.Errorf("site rules not applied: title %q body %q", s.Title, s.BodyText)
	}
	// Another host, or no --url: automatic extraction.
	for _, args := range [][]string{{"extract", "--url", "https://other.example/a", file}, {"extract", file}} {
		s := decodeSnapshot(t, e.mustRun(exitOK, args...))
		if s.Title != "Ferries stay in port" || !strings.Contains(s.BodyText, "print edition") {
			t.Errorf("%v: title %q body %q", args, s.Title, s.BodyText)
		}
	}
}

func TestExtractCommandBadSiteSelector(t *testing.T) {
	e := newEnv(t)
	if err := os.WriteFile(e.config, []byte("[[site]]\nname = \"gazette\"\nhosts = [\"gazette.example\"]\n[site.selectors]\nbody = \"div[[\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := e.run("extract", "-")
	if code != exitCannotRun || !strings.Contains(stderr, `site "gazette"`) || !strings.Contains(stderr, "selectors.body") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestArchiveAppliesSiteRules(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		_, _ = w.Write([]byte(extractPage))
	}))
	defer srv.Close()
	e := newEnv(t)
	e.withSite("127.0.0.1")
	e.mustRun(exitOK, "archive", srv.URL+"/a")
	snaps := e.export(false)
	if len(snaps) != 1 {
		t.Fatalf("%d snapshots archived", len(snaps))
	}
	if s := snaps[0]; s.Title != "Rule title" || strings.Contains(s.BodyText, "print edition") {
		t.Errorf("archive ignored the site rules: title %q body %q", s.Title, s.BodyText)
	}
}
