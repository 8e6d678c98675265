package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/testsite"
	"github.com/strata-archive/strata/store"
)

func ptrTime(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func TestArchiveSeedArticle(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	url := site.URL + testsite.SeedPath

	out := e.mustRun(exitOK, "archive", url)
	if !strings.Contains(out, "version 1") || !strings.Contains(out, url) {
		t.Errorf("archive output = %q", out)
	}

	snaps := e.export(false)
	if len(snaps) != 1 {
		t.Fatalf("export: %d snapshots, want 1", len(snaps))
	}
	s := snaps[0]
	wantBody, err := os.ReadFile("testdata/seed-body.golden")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		field     string
		got, want any
	}{
		{"url", s.URL, url},
		{"canonical_url", s.CanonicalURL, url},
		{"version", s.Version, 1},
		{"status", s.Status, 200},
		{"changes", s.Changes, []string{}},
		{"title", s.Title, "Leaked telephone transcripts show Turkey is helping ISIS in Syria"},
		{"authors", s.Authors, []string{"Vaska"}},
		{"published_at", s.PublishedAt.UTC(), ptrTime("2016-03-01T15:07:41Z").UTC()},
		{"modified_at", s.ModifiedAt.UTC(), ptrTime("2016-03-01T15:20:02Z").UTC()},
		{"site_name", s.SiteName, "OffGuardian"},
		{"language", s.Language, "en-GB"},
		{"image", s.Image, site.URL + "/wp-content/uploads/2016/03/erdogan-isis.jpg"},
		{"categories", s.Categories, []string{"ISIS", "latest", "Syria", "Turkey", "Vaska"}},
		{"tags", s.Tags, []string{}},
		{"body_text", s.BodyText, strings.TrimSpace(string(wantBody))},
		{"comment_system", s.CommentSystem, "wpdiscuz"},
		{"comment_count_declared", *s.CommentCountDeclared, 5},
		{"comments_complete", s.CommentsComplete, true},
		{"final_url", s.FinalURL, url},
		{"truncated", s.Truncated, false},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.field, c.got, c.want)
		}
	}
	if !strings.HasPrefix(s.ContentHash, "sha256:") || len(s.RawSHA256) != 64 {
		t.Errorf("content_hash %q raw_sha256 %q", s.ContentHash, s.RawSHA256)
	}
	if time.Since(s.FetchedAt) > time.Minute || s.FetchedAt.Location() != time.UTC {
		t.Errorf("fetched_at = %v", s.FetchedAt)
	}
	for _, leak := range []string{"fund-raising", "donate", "Share this", "Reblogged", "Career Criminal", "Related", "Post navigation", "Recent Comments"} {
		if strings.Contains(s.BodyText, leak) || strings.Contains(s.BodyHTML, leak) {
			t.Errorf("body contains %q", leak)
		}
	}

	type want struct {
		id, parent, author, authorURL, typ, postedAt, postedAtText string
		score                                                      *int
		textPrefix                                                 string
	}
	n := func(i int) *int { return &i }
	wants := []want{
		{"1188851", "", "Siem Reap Mirror", "https://siemreapmirror.wordpress.com/2016/03/02/leaked-telephone-transcripts-show-turkey-is-helping-isis-in-syria/", "pingback", "2016-03-02T01:15:00Z", "Mar 2, 2016 1:15 AM", nil, "Reblogged this on Siem Reap Mirror."},
		{"1188849", "", "Maria Kowalski", "", "comment", "2016-03-02T01:13:00Z", "Mar 2, 2016 1:13 AM", n(4), "I am glad that more and more evidence"},
		{"1188830", "", "James Carless", "", "comment", "2016-03-02T00:23:00Z", "Mar 2, 2016 12:23 AM", n(12), "One wonders how far Erdogan"},
		{"1188790", "", "Grübelstübchen", "https://grubelstubchen.wordpress.com/2016/03/01/leaked-telephone-transcripts/", "pingback", "2016-03-01T19:44:00Z", "Mar 1, 2016 7:44 PM", nil, "Reblogged this on Grübelstübchen."},
		{"1188772", "", "mukul chand", "http://mukulchand.blogspot.com", "comment", "2016-03-01T17:22:00Z", "Mar 1, 2016 5:22 PM", n(-2), "this is no longer a secret."},
	}
	if len(s.Comments) != len(wants) {
		t.Fatalf("%d comments, want %d: %+v", len(s.Comments), len(wants), s.Comments)
	}
	for i, w := range wants {
		c := s.Comments[i]
		got := want{c.ID, c.ParentID, c.Author, c.AuthorURL, c.Type, "", c.PostedAtText, c.Score, ""}
		if c.PostedAt != nil {
			got.postedAt = c.PostedAt.UTC().Format(time.RFC3339)
		}
		if strings.HasPrefix(c.Text, w.textPrefix) {
			got.textPrefix = w.textPrefix
		}
		if !reflect.DeepEqual(got, w) || c.Depth != 0 {
			t.Errorf("comment %d:\n got %+v (depth %d, text %q)\nwant %+v", i, got, c.Depth, c.Text, w)
		}
	}
	if !strings.Contains(s.Comments[2].Text, "?\nThere will be blowback") {
		t.Errorf("line break inside a comment lost: %q", s.Comments[2].Text)
	}

	// The raw capture is kept: the version's raw digest names a blob whose
	// bytes are the page as served.
	st, err := store.Open(e.db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	raw, err := st.Raw(s.RawSHA256)
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != site.Page(testsite.SeedPath) {
		t.Error("raw capture differs from the page served")
	}
}

func TestExportMatchesSchema(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	e.mustRun(exitOK, "archive", site.URL+testsite.SeedPath, site.URL+testsite.NativeHTML5Path, site.URL+testsite.NativeXHTMLPath)

	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(strata.SnapshotSchema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("snapshot.schema.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("snapshot.schema.json")
	if err != nil {
		t.Fatal(err)
	}

	for _, format := range []string{"jsonl", "json"} {
		out := e.mustRun(exitOK, "export", "--format", format, "--all-versions")
		var docs []any
		if format == "json" {
			var arr []any
			if err := json.Unmarshal([]byte(out), &arr); err != nil {
				t.Fatalf("json export is not an array: %v", err)
			}
			docs = arr
		} else {
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				doc, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
				if err != nil {
					t.Fatalf("jsonl line: %v", err)
				}
				docs = append(docs, doc)
			}
		}
		if len(docs) != 3 {
			t.Fatalf("%s: %d snapshots, want 3", format, len(docs))
		}
		for i, doc := range docs {
			if err := sch.Validate(doc); err != nil {
				t.Errorf("%s snapshot %d does not match the schema: %v", format, i, err)
			}
		}
	}

	// The schema really constrains: a renamed field fails it.
	var snap map[string]any
	out := e.mustRun(exitOK, "show", site.URL+testsite.SeedPath, "--json")
	json.Unmarshal([]byte(out), &snap)
	snap["body"] = snap["body_text"]
	delete(snap, "body_text")
	if err := sch.Validate(snap); err == nil {
		t.Error("schema accepted a snapshot without body_text")
	}
}

func TestNativeWordPressThreads(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	e.mustRun(exitOK, "archive", site.URL+testsite.NativeHTML5Path, site.URL+testsite.NativeXHTMLPath)

	html5 := e.show(site.URL+testsite.NativeHTML5Path, 0)
	if html5.CommentSystem != "wordpress" || len(html5.Comments) != 6 {
		t.Fatalf("html5: system %q, %d comments", html5.CommentSystem, len(html5.Comments))
	}
	ids := func(cs []strata.Comment) (out []string) {
		for _, c := range cs {
			out = append(out, c.ID+"<"+c.ParentID+":"+c.Type)
		}
		return out
	}
	wantHTML5 := []string{"1188772<:comment", "1188775<1188772:comment", "1188790<:pingback", "1188830<:comment", "1188849<:comment", "1188851<:pingback"}
	if got := ids(html5.Comments); !reflect.DeepEqual(got, wantHTML5) {
		t.Errorf("html5 thread = %v, want %v", got, wantHTML5)
	}
	if c := html5.Comments[1]; c.Depth != 1 || c.Author != "Vaska" || c.PostedAt == nil || !c.PostedAt.Equal(*ptrTime("2016-03-01T18:02:00Z")) {
		t.Errorf("reply = %+v", c)
	}
	if c := html5.Comments[2]; c.Author != "Grübelstübchen" || !strings.HasPrefix(c.AuthorURL, "https://grubelstubchen") {
		t.Errorf("pingback = %+v", c)
	}
	if html5.CommentCountDeclared == nil || *html5.CommentCountDeclared != 6 || !html5.CommentsComplete {
		t.Errorf("html5 declared %v complete %v", html5.CommentCountDeclared, html5.CommentsComplete)
	}
	if strings.Contains(html5.BodyText, "no longer a secret") || strings.Contains(html5.BodyText, "Leave a Reply") {
		t.Error("comments leaked into the html5 body")
	}

	xhtml := e.show(site.URL+testsite.NativeXHTMLPath, 0)
	wantXHTML := []string{"1188772<:comment", "1188775<1188772:comment", "1188790<:pingback", "1188830<:comment"}
	if got := ids(xhtml.Comments); !reflect.DeepEqual(got, wantXHTML) {
		t.Errorf("xhtml thread = %v, want %v", got, wantXHTML)
	}
	if c := xhtml.Comments[0]; c.Author != "mukul chand" || c.Text != "this is no longer a secret." || c.PostedAtText != "March 1, 2016 at 5:22 pm" {
		t.Errorf("xhtml comment = %+v", c)
	}
}

func TestVersioning(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	url := site.URL + testsite.SeedPath

	e.mustRun(exitOK, "archive", url)
	out := e.mustRun(exitOK, "archive", url)
	if !strings.Contains(out, "unchanged") {
		t.Errorf("second archive printed %q", out)
	}
	if v := e.show(url, 0); v.Version != 1 {
		t.Fatalf("unchanged page made version %d", v.Version)
	}
	var vj struct {
		Versions []struct{ Version int } `json:"versions"`
		Checks   []strata.Check          `json:"checks"`
	}
	json.Unmarshal([]byte(e.mustRun(exitOK, "versions", url, "--json")), &vj)
	if len(vj.Versions) != 1 || len(vj.Checks) != 2 || vj.Checks[1].Outcome != strata.OutcomeUnchanged {
		t.Fatalf("after unchanged re-archive: %+v", vj)
	}

	// A new comment arrives: version 2, changes = [comments].
	newComment := `<div id='wpd-comm-1188900_1188830' class='comment odd alt depth-2 wpd-comment wpd-reply wpd_comment_level-2'><div class="wpd-comment-wrap wpd-blog-guest"><div id='comment-1188900' class="wpd-comment-right"><div class="wpd-comment-header"><div class="wpd-user-info"><div class="wpd-uinfo-top"><div class="wpd-comment-author ">Ann Other</div></div><div class="wpd-uinfo-bottom"><div class="wpd-comment-date" title="Mar 3, 2016 9:00 AM">9 years ago</div></div></div></div><div class="wpd-comment-text"><p>A late reply.</p></div></div></div></div>`
	site.Edit(t, testsite.SeedPath, "<div id='wpdiscuz_form_anchor-1188830_0'></div>", "<div id='wpdiscuz_form_anchor-1188830_0'></div>"+newComment)
	site.Edit(t, testsite.SeedPath, `data-comments-count="5"`, `data-comments-count="6"`)
	out = e.mustRun(exitOK, "archive", url)
	if !strings.Contains(out, "version 2") || !strings.Contains(out, "changed: comments") {
		t.Errorf("archive after new comment printed %q", out)
	}
	v2 := e.show(url, 2)
	if !reflect.DeepEqual(v2.Changes, []string{"comments"}) || len(v2.Comments) != 6 {
		t.Fatalf("v2 changes %v, %d comments", v2.Changes, len(v2.Comments))
	}
	if c := v2.Comments[3]; c.ID != "1188900" || c.ParentID != "1188830" || c.Depth != 1 {
		t.Errorf("new reply in thread order: %+v", c)
	}

	// A stealth edit of a paragraph: version 3, changes = [body].
	site.Edit(t, testsite.SeedPath, "Turkish prosecutors are demanding life sentences", "Turkish prosecutors are seeking life sentences")
	e.mustRun(exitOK, "archive", url)
	v3 := e.show(url, 3)
	if !reflect.DeepEqual(v3.Changes, []string{"body"}) || !strings.Contains(v3.BodyText, "seeking life sentences") {
		t.Fatalf("v3 changes %v", v3.Changes)
	}
	// Older versions are untouched.
	if v1 := e.show(url, 1); !strings.Contains(v1.BodyText, "demanding life sentences") || len(v1.Comments) != 5 {
		t.Error("version 1 was rewritten")
	}
	if all := e.export(true); len(all) != 3 {
		t.Errorf("all versions: %d, want 3", len(all))
	}
	if latest := e.export(false); len(latest) != 1 || latest[0].Version != 3 {
		t.Errorf("latest export: %+v", latest)
	}
	text := e.mustRun(exitOK, "versions", url)
	for _, want := range []string{"(first)", "comments", "body"} {
		if !strings.Contains(text, want) {
			t.Errorf("versions output lacks %q:\n%s", want, text)
		}
	}
}

func TestArchiveBadInput(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	seed := site.URL + testsite.SeedPath
	e.mustRun(exitOK, "archive", seed)
	before := e.mustRun(exitOK, "export", "--all-versions")

	tests := []struct {
		name, url, want string
	}{
		{"404", site.URL + testsite.NotFoundPath, "404 Not Found"},
		{"500", site.URL + testsite.ServerErrorPath, "500 Internal Server Error"},
		{"pdf", site.URL + testsite.PDFPath, "not an HTML page (content type application/pdf)"},
		{"redirect loop", site.URL + testsite.LoopPath, "redirect loop"},
		{"unreachable", testsite.UnreachableURL(t), "cannot connect"},
		{"robots", site.URL + testsite.PrivatePath, "blocked by robots.txt"},
		{"truncated body", site.URL + testsite.TruncatedPath, "body cut short by the server"},
		{"timeout", site.URL + testsite.SlowPath, "timed out"},
		{"not a url", "ftp://example.org/file", `scheme "ftp" is not http or https`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := e.run("archive", "--timeout", "1s", tt.url)
			if code != exitSomeFailed {
				t.Errorf("exit %d, want %d", code, exitSomeFailed)
			}
			if !strings.Contains(out, "failed") || !strings.Contains(out, tt.url) || !strings.Contains(out, tt.want) {
				t.Errorf("output %q lacks %q", out, tt.want)
			}
		})
	}
	if after := e.mustRun(exitOK, "export", "--all-versions"); after != before {
		t.Error("failed URLs changed what was archived")
	}

	// A mixed run archives the good URL and reports the bad one.
	e.Edit(t, site)
	code, out, _ := e.run("archive", site.URL+testsite.NotFoundPath, seed)
	if code != exitSomeFailed || !strings.Contains(out, "version 2") {
		t.Errorf("mixed run: exit %d, output %q", code, out)
	}
}

// Edit changes the seed page so that the next archive makes a version.
func (e *env) Edit(t *testing.T, site *testsite.Site) {
	site.Edit(t, testsite.SeedPath, "No date has been set yet.", "No date has been set yet, the court said.")
}

func TestArchiveOddPages(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)

	// windows-1251 page with the charset only in <meta>.
	e.mustRun(exitOK, "archive", site.URL+testsite.CP1251Path)
	ru := e.show(site.URL+testsite.CP1251Path, 0)
	if ru.Title != "Новые расшифровки телефонных разговоров" || !strings.Contains(ru.BodyText, "сирийско-турецкой границе") {
		t.Errorf("cp1251 page decoded wrongly: title %q body %q", ru.Title, ru.BodyText)
	}

	// Malformed HTML still yields its text.
	e.mustRun(exitOK, "archive", site.URL+testsite.MalformedPath)
	m := e.show(site.URL+testsite.MalformedPath, 0)
	if !strings.Contains(m.BodyText, "First paragraph") || !strings.Contains(m.BodyText, "Fourth paragraph") {
		t.Errorf("malformed page body = %q", m.BodyText)
	}

	// A page over the size cap is archived, marked truncated.
	e.mustRun(exitOK, "archive", site.URL+testsite.HugePath)
	h := e.show(site.URL+testsite.HugePath, 0)
	if !h.Truncated || h.CommentsComplete || !strings.Contains(h.CommentsNote, "truncated") {
		t.Errorf("huge page: truncated %v complete %v note %q", h.Truncated, h.CommentsComplete, h.CommentsNote)
	}

	// A redirect is followed and the final URL kept; the archive key is the URL asked for.
	e.mustRun(exitOK, "archive", site.URL+testsite.RedirectPath)
	r := e.show(site.URL+testsite.RedirectPath, 0)
	if r.FinalURL != site.URL+testsite.SeedPath || r.URL != site.URL+testsite.RedirectPath {
		t.Errorf("redirect: url %q final %q", r.URL, r.FinalURL)
	}
}

func TestArchiveLocked(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	st, err := store.Open(e.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code, _, errs := e.run("archive", site.URL+testsite.SeedPath)
	st.Close()
	if code != exitLocked || !strings.Contains(errs, "archive is in use by another strata process") || !strings.Contains(errs, e.db) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("locked archive took %v to report", d)
	}
}

func TestExportOut(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	e.mustRun(exitOK, "archive", site.URL+testsite.SeedPath)
	dir := t.TempDir()

	out := filepath.Join(dir, "snapshots.json")
	e.mustRun(exitOK, "export", "--format", "json", "--out", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var arr []strata.Snapshot
	if err := json.Unmarshal(b, &arr); err != nil || len(arr) != 1 {
		t.Fatalf("export file: %v, %d snapshots", err, len(arr))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left beside the export: %v", entries)
	}

	// A failing export leaves the previous file as it was and no temp file.
	os.WriteFile(out, []byte("previous"), 0o644)
	code, _, errs := e.run("export", "--format", "yaml", "--out", out)
	if code != exitCannotRun || !strings.Contains(errs, "--format") {
		t.Errorf("bad format: exit %d %q", code, errs)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous" {
		t.Error("failed export touched the output file")
	}
	code, _, _ = e.run("export", "--out", filepath.Join(dir, "no", "such", "dir", "x.jsonl"))
	if code != exitCannotRun {
		t.Errorf("export into a missing directory: exit %d", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left after failed exports: %v", entries)
	}
}

func TestReadCommandsErrors(t *testing.T) {
	e := newEnv(t)
	// No archive yet: readers say so instead of creating one.
	code, _, errs := e.run("versions", "https://example.org/a/")
	if code != exitCannotRun || !strings.Contains(errs, "no archive") || !strings.Contains(errs, "archive a page first") {
		t.Errorf("versions without archive: exit %d %q", code, errs)
	}
	if _, err := os.Stat(e.db); err == nil {
		t.Error("a read command created the archive")
	}
	site := testsite.New(t)
	e.mustRun(exitOK, "archive", site.URL+testsite.SeedPath)
	code, _, errs = e.run("show", "https://example.org/never-archived/")
	if code != exitCannotRun || !strings.Contains(errs, "not found") {
		t.Errorf("show unknown url: exit %d %q", code, errs)
	}
	code, _, errs = e.run("show", site.URL+testsite.SeedPath, "--version", "7")
	if code != exitCannotRun || !strings.Contains(errs, "not found") {
		t.Errorf("show missing version: exit %d %q", code, errs)
	}
	code, _, errs = e.run("archive")
	if code != exitCannotRun || !strings.Contains(errs, "requires at least 1 arg") {
		t.Errorf("archive without URLs: exit %d %q", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("[fetch]\nrobot = false\n"), 0o644)
	var outb, errb bytes.Buffer
	code = run(t.Context(), []string{"--db", e.db, "--config", bad, "archive", site.URL + testsite.SeedPath}, &outb, &errb)
	if code != exitCannotRun || !strings.Contains(errb.String(), `line 2: unknown key "fetch.robot"`) {
		t.Errorf("bad config: exit %d %q", code, errb.String())
	}
}

func TestArchiveInterrupted(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	e.mustRun(exitOK, "archive", site.URL+testsite.SeedPath)
	before := e.mustRun(exitOK, "export", "--all-versions")

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	var out, errb bytes.Buffer
	start := time.Now()
	code := run(ctx, []string{"--db", e.db, "--config", e.config, "archive", "--timeout", "30s", site.URL + testsite.SlowPath}, &out, &errb)
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d; stderr %q", code, exitInterrupted, errb.String())
	}
	if d := time.Since(start); d > testsite.SlowDelay {
		t.Errorf("interrupt took %v: the slow request was not abandoned", d)
	}
	if strings.Contains(out.String(), "failed") {
		t.Errorf("an interrupted URL was reported as a failure: %q", out.String())
	}
	if after := e.mustRun(exitOK, "export", "--all-versions"); after != before {
		t.Error("interrupted run changed the archive")
	}
	// The archive is usable afterwards.
	e.mustRun(exitOK, "archive", site.URL+testsite.SeedPath)
}
