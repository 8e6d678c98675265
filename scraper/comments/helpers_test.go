package comments_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
)

// seedPath is the wpDiscuz seed page that the test site serves.
var seedPath = filepath.Join("..", "testsite", "testdata", "wpdiscuz-seed.html")

const seedBase = "https://off-guardian.example"

const seedURL = seedBase + "/2016/03/01/leaked-telephone-transcripts-show-turkey-is-helping-isis-in-syria/"

// readPage returns the page at path with {{BASE}} replaced by base.
func readPage(tb testing.TB, path, base string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read fixture: %v", err)
	}
	return strings.ReplaceAll(string(b), "{{BASE}}", base)
}

func mustDoc(tb testing.TB, src string) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		tb.Fatalf("parse html: %v", err)
	}
	return doc
}

func mustURL(tb testing.TB, raw string) *url.URL {
	tb.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		tb.Fatalf("parse url %q: %v", raw, err)
	}
	return u
}

func intp(n int) *int { return &n }

// want is the expected form of one comment. PostedAt is RFC 3339 in UTC,
// "" for nil. Text is compared exactly unless TextHas is set instead.
type want struct {
	ID, Parent   string
	Depth        int
	Author, URL  string
	Type         string
	Score        *int
	PostedAt     string
	PostedAtText string
	Text         string
	TextHas      string
	Label        string
}

func checkComments(t *testing.T, got []strata.Comment, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		ids := make([]string, len(got))
		for i, c := range got {
			ids[i] = c.ID
		}
		t.Fatalf("got %d comments %v, want %d", len(got), ids, len(wants))
	}
	for i, w := range wants {
		c := got[i]
		if c.ID != w.ID {
			t.Errorf("comment %d: ID %q, want %q", i, c.ID, w.ID)
			continue
		}
		check := func(field, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("comment %s: %s = %q, want %q", w.ID, field, got, want)
			}
		}
		check("ParentID", c.ParentID, w.Parent)
		check("Author", c.Author, w.Author)
		check("AuthorURL", c.AuthorURL, w.URL)
		check("Type", c.Type, w.Type)
		check("PostedAtText", c.PostedAtText, w.PostedAtText)
		check("Label", c.Label, w.Label)
		check("PostedAt", formatTime(c.PostedAt), w.PostedAt)
		check("Score", formatInt(c.Score), formatInt(w.Score))
		if c.Depth != w.Depth {
			t.Errorf("comment %s: Depth = %d, want %d", w.ID, c.Depth, w.Depth)
		}
		if w.TextHas != "" {
			if !strings.Contains(c.Text, w.TextHas) {
				t.Errorf("comment %s: Text = %q, want it to contain %q", w.ID, c.Text, w.TextHas)
			}
		} else {
			check("Text", c.Text, w.Text)
		}
		if c.Text != "" && c.HTML == "" {
			t.Errorf("comment %s: Text without HTML", w.ID)
		}
	}
	checkThread(t, got)
}

func formatTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	if t.Location() != time.UTC {
		return "not UTC: " + t.String()
	}
	return t.Format(time.RFC3339)
}

func formatInt(n *int) string {
	if n == nil {
		return "nil"
	}
	return strconv.Itoa(*n)
}

// threadProblem returns what breaks the thread-order contract in cs, or "".
func threadProblem(cs []strata.Comment) string {
	pos := map[string]int{}
	for i, c := range cs {
		if c.ID == "" {
			continue
		}
		if _, dup := pos[c.ID]; dup {
			return "duplicate ID " + c.ID
		}
		pos[c.ID] = i
	}
	for i, c := range cs {
		switch p, ok := pos[c.ParentID]; {
		case c.ParentID == "":
			if c.Depth != 0 {
				return "top-level comment " + c.ID + " has depth " + strconv.Itoa(c.Depth)
			}
		case !ok:
			if c.Depth != 1 {
				return "orphan " + c.ID + " has depth " + strconv.Itoa(c.Depth)
			}
		default:
			if p >= i {
				return "comment " + c.ID + " comes before its parent " + c.ParentID
			}
			if c.Depth != cs[p].Depth+1 {
				return "comment " + c.ID + " has depth " + strconv.Itoa(c.Depth) + " under parent of depth " + strconv.Itoa(cs[p].Depth)
			}
			// Every comment between parent and child is a descendant of the parent.
			for k := p + 1; k < i; k++ {
				if cs[k].Depth <= cs[p].Depth {
					return "comment " + c.ID + " is not in its parent's subtree"
				}
			}
		}
	}
	return ""
}

func checkThread(t *testing.T, cs []strata.Comment) {
	t.Helper()
	if p := threadProblem(cs); p != "" {
		t.Error(p)
	}
}

// checkThreadHead compares what a thread says of itself: its system, the
// count the page declares, and whether it is complete and why not.
func checkThreadHead(t *testing.T, th comments.Thread, w threadWant) {
	t.Helper()
	if th.System != w.system {
		t.Errorf("System = %q, want %q", th.System, w.system)
	}
	if formatInt(th.Declared) != formatInt(w.declared) {
		t.Errorf("Declared = %s, want %s", formatInt(th.Declared), formatInt(w.declared))
	}
	if th.Complete != w.complete || th.Note != w.note {
		t.Errorf("Complete %v, Note %q\nwant     %v, Note %q", th.Complete, th.Note, w.complete, w.note)
	}
}
