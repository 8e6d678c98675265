package main

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata/scraper/testsite"
)

// addConfig appends TOML to the env's config file.
func (e *env) addConfig(toml string) {
	e.t.Helper()
	f, err := os.OpenFile(e.config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n" + toml); err != nil {
		e.t.Fatal(err)
	}
}

// TestArchiveCompleteThreads archives an article of each of the four main
// systems in one call and checks that every comment of the site's thread
// is in the snapshot, once, under its true parent.
func TestArchiveCompleteThreads(t *testing.T) {
	site := testsite.New(t)
	dq := testsite.NewDisqus(t, site)
	e := newEnv(t)
	e.addConfig("[comments]\ndisqus_base = \"" + dq.URL + "\"\ndisqus_api_key = \"" + testsite.DisqusAPIKey + "\"\n")
	paths := []string{testsite.NativePagedPath, testsite.NativeNoRESTPath, testsite.WpDiscuzPath, testsite.WpDiscuz5Path, testsite.DisqusPath}
	var urls []string
	for _, p := range paths {
		urls = append(urls, site.URL+p)
	}
	e.mustRun(exitOK, append([]string{"archive"}, urls...)...)
	for _, p := range paths {
		s := e.show(site.URL+p, 0)
		want := site.Thread(p)
		if !s.CommentsComplete || len(s.Comments) != want.Count() {
			t.Errorf("%s: complete %v, %d of %d comments, note %q", p, s.CommentsComplete, len(s.Comments), want.Count(), s.CommentsNote)
			continue
		}
		got := map[string]string{}
		for _, c := range s.Comments {
			got[c.ID] = c.ParentID
		}
		for _, c := range want.Comments {
			parent := ""
			if c.Parent != 0 {
				parent = strconv.Itoa(c.Parent)
			}
			if p, ok := got[strconv.Itoa(c.ID)]; !ok || p != parent {
				t.Errorf("%s: comment %d has parent %q (present %v), want %q", p, c.ID, p, ok, parent)
			}
		}
	}
	// The extra requests carried strata's User-Agent, like the pages.
	for _, r := range append(site.RequestLog(), dq.RequestLog()...) {
		if r.UserAgent != "strata-test/1.0" {
			t.Errorf("%s %s with User-Agent %q", r.Method, r.URI, r.UserAgent)
		}
	}
}

// TestThreadVersions checks that an unchanged thread makes no version,
// even though it is assembled from many requests, and that an added, an
// edited and a deleted comment each make one with changes [comments].
func TestThreadVersions(t *testing.T) {
	for _, path := range []string{testsite.NativePagedPath, testsite.WpDiscuzPath} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			site := testsite.New(t)
			e := newEnv(t)
			url := site.URL + path
			e.mustRun(exitOK, "archive", url)
			if out := e.mustRun(exitOK, "archive", url); !strings.Contains(out, "unchanged") {
				t.Fatalf("re-archiving an unchanged thread: %q", out)
			}
			th := site.Thread(path)
			last := th.Comments[len(th.Comments)-1]
			steps := []struct {
				name   string
				thread testsite.Thread
				count  int
			}{
				{"added", th.With(testsite.Comment{ID: last.ID + 50, Parent: th.Comments[1].ID, Author: "Late Comer",
					At: last.At.Add(time.Hour), Paragraphs: []string{"A reply that arrived later."}, Type: "comment"}), th.Count() + 1},
				{"edited", th.With(testsite.Comment{ID: last.ID + 50, Parent: th.Comments[1].ID, Author: "Late Comer",
					At: last.At.Add(time.Hour), Paragraphs: []string{"A reply that arrived later, then edited."}, Type: "comment"}), th.Count() + 1},
			}
			steps = append(steps, struct {
				name   string
				thread testsite.Thread
				count  int
			}{"deleted", steps[1].thread.Without(last.ID + 50), th.Count()})
			for i, st := range steps {
				site.SetThread(path, st.thread)
				out := e.mustRun(exitOK, "archive", url)
				if !strings.Contains(out, "version "+strconv.Itoa(i+2)) || !strings.Contains(out, "changed: comments") {
					t.Fatalf("%s: archive printed %q", st.name, out)
				}
				v := e.show(url, 0)
				if !reflect.DeepEqual(v.Changes, []string{"comments"}) || len(v.Comments) != st.count || !v.CommentsComplete {
					t.Errorf("%s: changes %v, %d comments (want %d), complete %v", st.name, v.Changes, len(v.Comments), st.count, v.CommentsComplete)
				}
				if out := e.mustRun(exitOK, "archive", url); !strings.Contains(out, "unchanged") {
					t.Errorf("%s: re-archive printed %q", st.name, out)
				}
			}
		})
	}
}

// TestThreadLimits checks the cap on extra requests (a site's
// max_comment_requests over [comments] max_requests), robots.txt on
// comment endpoints, and fetch = false.
func TestThreadLimits(t *testing.T) {
	site := testsite.New(t)
	e := newEnv(t)
	host := strings.Split(strings.TrimPrefix(site.URL, "http://"), ":")[0]
	e.addConfig("[comments]\nmax_requests = 7\n\n[[site]]\nname = \"other\"\nhosts = [\"other.example\"]\nmax_comment_requests = 100\n")
	e.mustRun(exitOK, "archive", site.URL+testsite.WpDiscuzBigPath)
	s := e.show(site.URL+testsite.WpDiscuzBigPath, 0)
	extra := 0
	for _, r := range site.RequestLog() {
		if r.URI != "/robots.txt" && r.URI != testsite.WpDiscuzBigPath {
			extra++
		}
	}
	if extra != 7 || s.CommentsComplete || !strings.Contains(s.CommentsNote, "cap of 7 extra requests") {
		t.Errorf("cap 7: %d extra requests, complete %v, note %q", extra, s.CommentsComplete, s.CommentsNote)
	}

	// A [[site]] cap overrides the global one.
	e2 := newEnv(t)
	e2.addConfig("[comments]\nmax_requests = 7\n\n[[site]]\nname = \"test\"\nhosts = [\"" + host + "\"]\nmax_comment_requests = 3\n")
	e2.mustRun(exitOK, "archive", site.URL+testsite.WpDiscuzPath)
	if s := e2.show(site.URL+testsite.WpDiscuzPath, 0); !strings.Contains(s.CommentsNote, "cap of 3 extra requests") {
		t.Errorf("site cap: note %q", s.CommentsNote)
	}

	// A comment endpoint that robots.txt disallows is not requested, and
	// the snapshot says so.
	e.mustRun(exitOK, "archive", site.URL+testsite.WpDiscuzRobotsPath)
	s = e.show(site.URL+testsite.WpDiscuzRobotsPath, 0)
	for _, r := range site.RequestLog() {
		if strings.HasPrefix(r.URI, "/private/") {
			t.Errorf("requested %s despite robots.txt", r.URI)
		}
	}
	if s.CommentsComplete || !strings.Contains(s.CommentsNote, "blocked by robots.txt") {
		t.Errorf("robots: complete %v, note %q", s.CommentsComplete, s.CommentsNote)
	}

	// fetch = false keeps what the page shows.
	e3 := newEnv(t)
	e3.addConfig("[comments]\nfetch = false\n")
	before := len(site.RequestLog())
	e3.mustRun(exitOK, "archive", site.URL+testsite.WpDiscuzPath)
	for _, r := range site.RequestLog()[before:] {
		if r.URI != "/robots.txt" && r.URI != testsite.WpDiscuzPath {
			t.Errorf("fetch = false requested %s %s", r.Method, r.URI)
		}
	}
}
