package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"github.com/strata-archive/strata/scraper/testsite"
	"github.com/strata-archive/strata/store"
)

func TestRawCommand(t *testing.T) {
	site, e, url := twoVersions(t)
	v1 := e.mustRun(exitOK, "raw", url, "--version", "1")
	latest := e.mustRun(exitOK, "raw", url)
	if latest != site.Page(testsite.SeedPath) || v1 == latest || !strings.Contains(v1, "mukul chand") {
		t.Error("raw bytes differ from the pages served")
	}
	out := filepath.Join(t.TempDir(), "page.html")
	e.mustRun(exitOK, "raw", url, "--version", "1", "--out", out)
	if b, _ := os.ReadFile(out); string(b) != v1 {
		t.Error("raw --out wrote other bytes")
	}
	for _, args := range [][]string{{"raw", url, "--version", "3"}, {"raw", "https://example.org/never/"}, {"raw", url, "--version", "-1"}} {
		if code, _, _ := e.run(args...); code != exitCannotRun {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

func TestStatsCommand(t *testing.T) {
	_, e, _ := twoVersions(t)
	var st struct {
		store.Stats
		DedupeRatio float64 `json:"dedupe_ratio"`
	}
	if err := json.Unmarshal([]byte(e.mustRun(exitOK, "stats", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.URLs != 1 || st.Versions != 2 || st.Checks != 2 || st.Blobs != 2 || st.Comments != 5 ||
		st.CommentsAllVersions != 10 || st.DedupeRatio != 1 || st.RawBytes == 0 || st.Bytes["blobs"] == 0 {
		t.Errorf("stats --json = %+v", st)
	}
	text := e.mustRun(exitOK, "stats")
	for _, want := range []string{"versions", "2", "comments", "5 in the latest versions, 10 over all versions", "dedupe", "compression"} {
		if !strings.Contains(text, want) {
			t.Errorf("stats output lacks %q:\n%s", want, text)
		}
	}
}

func TestVerifyCommand(t *testing.T) {
	_, e, url := twoVersions(t)
	if out := e.mustRun(exitOK, "verify"); !strings.HasPrefix(out, "ok: ") || !strings.Contains(out, "2 versions") {
		t.Errorf("verify: %s", out)
	}
	raw := e.show(url, 1).RawSHA256

	// Damage the raw capture of version 1 behind strata's back.
	db, err := bolt.Open(e.db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		enc, _ := zstd.NewWriter(nil)
		defer enc.Close()
		return tx.Bucket([]byte("blobs")).Put(mustHex(t, raw), enc.EncodeAll([]byte("<html>forged</html>"), nil))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := e.run("verify")
	if code != exitSomeFailed || !strings.HasPrefix(out, "DAMAGED: ") || !strings.Contains(errs, "is damaged") ||
		!strings.Contains(out, "blob "+raw) || !strings.Contains(out, url+" version 1: raw blob "+raw+" is damaged") {
		t.Errorf("verify of a damaged archive: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	code, out, _ = e.run("verify", "--json")
	var r store.VerifyReport
	if err := json.Unmarshal([]byte(out), &r); code != exitSomeFailed || err != nil || len(r.Problems) != 2 || r.Versions != 2 {
		t.Errorf("verify --json: exit %d, %v, %+v", code, err, r)
	}
	if code, _, _ := e.run("raw", url, "--version", "1"); code != exitCannotRun {
		t.Errorf("raw of a damaged capture: exit %d", code)
	}
}

func TestBackupAndCompactCommands(t *testing.T) {
	_, e, _ := twoVersions(t)
	before := e.mustRun(exitOK, "export", "--all-versions")
	copyPath := filepath.Join(t.TempDir(), "backup.db")
	if out := e.mustRun(exitOK, "backup", copyPath); !strings.Contains(out, "verified") {
		t.Errorf("backup: %s", out)
	}
	code, out, errs := e.run("--db", copyPath, "export", "--all-versions")
	if code != exitOK || out != before {
		t.Errorf("export of the backup: exit %d %s", code, errs)
	}
	if out := e.mustRun(exitOK, "compact"); !strings.Contains(out, "compacted") {
		t.Errorf("compact: %s", out)
	}
	e.mustRun(exitOK, "verify")
	if after := e.mustRun(exitOK, "export", "--all-versions"); after != before {
		t.Error("compaction changed the export")
	}

	// While a crawl holds the archive, both refuse with the locked status.
	st, err := store.Open(e.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, args := range [][]string{{"backup", copyPath + ".2"}, {"compact"}} {
		code, _, errs := e.run(args...)
		if code != exitLocked || !strings.Contains(errs, "in use by another strata process") {
			t.Errorf("%s on a locked archive: exit %d %q", args[0], code, errs)
		}
	}
	if _, err := os.Stat(copyPath + ".2"); err == nil {
		t.Error("backup of a locked archive wrote a file")
	}
}

func mustHex(t *testing.T, h string) []byte {
	t.Helper()
	b, err := hex.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
