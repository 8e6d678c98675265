package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-archive/strata"
)

// env is an isolated strata installation: its own archive file and a
// config that keeps tests fast (no politeness delay) and short timeouts.
type env struct {
	t      *testing.T
	db     string
	config string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg-config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg-data"))
	t.Setenv("STRATA_DB", "")
	t.Setenv("STRATA_CONFIG", "")
	cfg := filepath.Join(dir, "strata.toml")
	err := os.WriteFile(cfg, []byte(`[fetch]
delay = "1ms"
timeout = "2s"
max_body_size = 1048576
user_agent = "strata-test/1.0"
retries = 1
retry_backoff = "10ms"
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, db: filepath.Join(dir, "archive.db"), config: cfg}
}

// run runs strata with the env's archive and config.
func (e *env) run(args ...string) (code int, stdout, stderr string) {
	e.t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"--db", e.db, "--config", e.config}, args...)
	code = run(context.Background(), full, &out, &errb)
	return code, out.String(), errb.String()
}

// mustRun runs strata and fails the test unless it exits with want.
func (e *env) mustRun(want int, args ...string) string {
	e.t.Helper()
	code, out, errs := e.run(args...)
	if code != want {
		e.t.Fatalf("strata %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, out, errs)
	}
	return out
}

// export returns every snapshot in the archive.
func (e *env) export(all bool) []strata.Snapshot {
	e.t.Helper()
	args := []string{"export", "--format", "jsonl"}
	if all {
		args = append(args, "--all-versions")
	}
	out := e.mustRun(exitOK, args...)
	var snaps []strata.Snapshot
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var s strata.Snapshot
		if err := dec.Decode(&s); err != nil {
			e.t.Fatalf("decode export: %v", err)
		}
		snaps = append(snaps, s)
	}
	return snaps
}

// show returns one version of url as exported JSON.
func (e *env) show(url string, version int) strata.Snapshot {
	e.t.Helper()
	args := []string{"show", url, "--json"}
	if version > 0 {
		args = append(args, "--version", itoa(version))
	}
	out := e.mustRun(exitOK, args...)
	var s strata.Snapshot
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		e.t.Fatalf("decode show: %v\n%s", err, out)
	}
	return s
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
