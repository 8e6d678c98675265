package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/history"
	"github.com/strata-archive/strata/scraper/testsite"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// lateReply is a wpDiscuz reply to comment 1188830.
const lateReply = `<div id='wpd-comm-1188900_1188830' class='comment odd alt depth-2 wpd-comment wpd-reply wpd_comment_level-2'><div class="wpd-comment-wrap wpd-blog-guest"><div id='comment-1188900' class="wpd-comment-right"><div class="wpd-comment-header"><div class="wpd-user-info"><div class="wpd-uinfo-top"><div class="wpd-comment-author ">Ann Other</div></div><div class="wpd-uinfo-bottom"><div class="wpd-comment-date" title="Mar 3, 2016 9:00 AM">9 years ago</div></div></div></div><div class="wpd-comment-text"><p>A late reply.</p></div></div></div></div>`

// twoVersions archives the seed article, then changes its headline, a
// paragraph, its modified time and its thread (a reply added, a comment
// edited, one deleted by moderators) and archives it again.
func twoVersions(t *testing.T) (*testsite.Site, *env, string) {
	t.Helper()
	site := testsite.New(t)
	e := newEnv(t)
	url := site.URL + testsite.SeedPath
	e.mustRun(exitOK, "archive", url)

	p := testsite.SeedPath
	// The headline softened and the modified time, wherever the page has them.
	page := strings.NewReplacer(
		"Leaked telephone transcripts show Turkey", "Telephone transcripts suggest Turkey",
		"2016-03-01T15:20:02+00:00", "2016-03-02T09:00:00+00:00",
	).Replace(site.Page(p))
	site.SetPage(p, page)
	site.Edit(t, p, "Turkish prosecutors are demanding life sentences", "Turkish prosecutors are seeking life sentences")
	site.Edit(t, p, "<div id='wpdiscuz_form_anchor-1188830_0'></div>", "<div id='wpdiscuz_form_anchor-1188830_0'></div>"+lateReply)
	site.Edit(t, p, "evidence is coming up to light.", "evidence is coming to light.")
	page = site.Page(p)
	start := strings.Index(page, "<div id='wpd-comm-1188772_0'")
	end := strings.Index(page, "<div id='wpdiscuz_form_anchor-1188772_0'></div></div>")
	if start < 0 || end < start {
		t.Fatal("comment 1188772 not found in the seed page")
	}
	site.SetPage(p, page[:start]+page[end+len("<div id='wpdiscuz_form_anchor-1188772_0'></div></div>"):])

	out := e.mustRun(exitOK, "archive", url)
	if !strings.Contains(out, "version 2") {
		t.Fatalf("second archive: %s", out)
	}
	return site, e, url
}

// normalize replaces what differs from run to run (the site's port, fetch
// times, content hashes) with placeholders.
func normalize(out string, site *testsite.Site) string {
	out = strings.ReplaceAll(out, site.URL, "{{BASE}}")
	out = regexp.MustCompile(`fetched [^,]+,`).ReplaceAllString(out, "fetched {{TIME}},")
	out = regexp.MustCompile(`"fetched_at": "[^"]+"`).ReplaceAllString(out, `"fetched_at": "{{TIME}}"`)
	return regexp.MustCompile(`sha256:[0-9a-f]{64}`).ReplaceAllString(out, "sha256:{{HASH}}")
}

func TestDiffCommandGolden(t *testing.T) {
	site, e, url := twoVersions(t)
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"diff-seed.txt", []string{"diff", url}},
		{"diff-seed.color.txt", []string{"diff", url, "1", "2", "--color", "always"}},
		{"diff-seed.json", []string{"diff", url, "2", "--json"}},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			out := normalize(e.mustRun(exitOK, tt.args...), site)
			goldenFile(t, tt.golden, out)
		})
	}

	// The JSON is the documented structure.
	var d history.Diff
	if err := json.Unmarshal([]byte(e.mustRun(exitOK, "diff", url, "--json")), &d); err != nil {
		t.Fatal(err)
	}
	c := d.Comments
	if d.From.Version != 1 || d.To.Version != 2 || len(c.Added) != 1 || c.Added[0].ID != "1188900" ||
		len(c.Removed) != 1 || c.Removed[0].ID != "1188772" || c.Removed[0].Author != "mukul chand" ||
		len(c.Edited) != 1 || c.Edited[0].ID != "1188849" || len(c.NotSeen) != 0 {
		t.Errorf("comments diff = %+v", c)
	}
	if !d.Body.Changed || len(d.Metadata) == 0 || d.Metadata[0].Field != "title" {
		t.Errorf("diff = %+v", d)
	}
	// Without a terminal, auto means no colour.
	if out := e.mustRun(exitOK, "diff", url); strings.Contains(out, "\x1b[") {
		t.Error("colours written to a pipe")
	}
	// Reversed, and back to the same version.
	if out := e.mustRun(exitOK, "diff", url, "2", "1"); !strings.Contains(out, "+ #1188772 by mukul chand") {
		t.Errorf("reverse diff:\n%s", out)
	}
	if out := e.mustRun(exitOK, "diff", url, "2", "2"); !strings.Contains(out, "no changes") {
		t.Errorf("diff of a version with itself:\n%s", out)
	}
}

func TestVersionsShowsDeltas(t *testing.T) {
	_, e, url := twoVersions(t)
	out := e.mustRun(exitOK, "versions", url)
	if !strings.Contains(out, "5 (+1 −1 ~1)") || !strings.Contains(out, "title,metadata,body,comments") {
		t.Errorf("versions output:\n%s", out)
	}
	var vj struct {
		Versions []struct {
			Version      int                  `json:"version"`
			Comments     int                  `json:"comments"`
			CommentDelta *strata.CommentDelta `json:"comment_delta"`
			Changes      []string             `json:"changes"`
		} `json:"versions"`
	}
	if err := json.Unmarshal([]byte(e.mustRun(exitOK, "versions", url, "--json")), &vj); err != nil {
		t.Fatal(err)
	}
	want := []strata.CommentDelta{{Added: 5}, {Added: 1, Removed: 1, Edited: 1, PrevComplete: true}}
	if len(vj.Versions) != 2 {
		t.Fatalf("versions --json: %+v", vj)
	}
	for i, v := range vj.Versions {
		if v.CommentDelta == nil || *v.CommentDelta != want[i] {
			t.Errorf("version %d delta %+v, want %+v", v.Version, v.CommentDelta, want[i])
		}
	}
}

func TestDiffCommandErrors(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	url := site.URL + testsite.SeedPath
	e.mustRun(exitOK, "archive", url)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"diff", url}, "1 version(s): nothing to compare"},
		{[]string{"diff", url, "1"}, "version 1 has no version before it"},
		{[]string{"diff", url, "x"}, `version "x"`},
		{[]string{"diff", url, "1", "3"}, "not found"},
		{[]string{"diff", url, "--color", "rainbow"}, "--color"},
		{[]string{"diff", "https://example.org/never/"}, "not found"},
	} {
		code, _, errs := e.run(tt.args...)
		if code != exitCannotRun || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args[1:], code, errs, exitCannotRun, tt.want)
		}
	}
}

// goldenFile compares got with testdata/name, or writes it with -update.
func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal([]byte(got), want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}
