package testsite

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// SiteZone is the time zone of the test site's WordPress installs: local
// times on its pages are at this offset.
var SiteZone = time.FixedZone("+01:00", 3600)

// Comment is one comment of a test thread, as the site stores it.
type Comment struct {
	// ID is the comment's ID; Parent the ID of the comment it replies to,
	// 0 at top level.
	ID, Parent int
	Author     string
	AuthorURL  string
	// At is when the comment was posted (UTC).
	At time.Time
	// Paragraphs is the text, one entry per paragraph.
	Paragraphs []string
	// Type is "comment" or "pingback".
	Type string
	// Votes is the net vote count the systems with votes show.
	Votes int
}

// Text is the comment's text as strata extracts it: paragraphs separated
// by a blank line.
func (c Comment) Text() string { return strings.Join(c.Paragraphs, "\n\n") }

// HTML is the comment's rendered content.
func (c Comment) HTML() string {
	var b strings.Builder
	for _, p := range c.Paragraphs {
		b.WriteString("<p>" + esc(p) + "</p>\n")
	}
	return b.String()
}

// Thread is a comment thread the test site serves, in ID order.
type Thread struct {
	Comments []Comment
}

// ThreadOptions shape a generated thread.
type ThreadOptions struct {
	// FirstID is the ID of the first comment; IDs then grow with gaps.
	FirstID int
	// N is the number of comments.
	N int
	// Seed makes the thread reproducible.
	Seed uint64
	// Pings are the indexes (0-based, in ID order) of top-level pingbacks.
	Pings []int
	// MaxDepth is the deepest reply level generated (0 = top level only);
	// 4 when 0.
	MaxDepth int
	// ReplyShare is the share of comments that are replies (0.45 when 0).
	ReplyShare float64
	// Chain, when above 0, makes comments 1..Chain a chain of replies, each
	// to the one before, to test WordPress's max_depth flattening.
	Chain int
	// Authors replaces the list authors are drawn from (handles for
	// systems whose user names have no spaces).
	Authors []string
	// Start is the time of the first comment (2016-03-01 16:00 UTC when
	// zero); later ones follow every 37 minutes.
	Start time.Time
}

var (
	authors = []string{"Maria Kowalski", "James Carless", "Zoë Ångström", "Łukasz Wróbel", "山田 太郎",
		"Tom & Jerry", "Anonymous", "O'Brien", "Grübelstübchen", "mukul chand"}
	sentences = []string{
		"I am glad that more and more evidence is coming to light.",
		"One wonders how far this will go before anyone acts?",
		"This is no longer a secret – everyone knows it.",
		"Quotes \"like this\" and ampersands & angle <brackets> survive.",
		"Danke für den Beitrag, sehr interessant.",
		"Merci pour cet article très intéressant !",
		"See the report at https://example.org/report for details.",
		"Numbers: 1,234 people and 56.7% of them agree.",
	}
)

// NewThread generates a reproducible thread.
func NewThread(o ThreadOptions) Thread {
	if o.MaxDepth == 0 {
		o.MaxDepth = 4
	}
	if o.ReplyShare == 0 {
		o.ReplyShare = 0.45
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2016, 3, 1, 16, 0, 0, 0, time.UTC)
	}
	names := authors
	if len(o.Authors) > 0 {
		names = o.Authors
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x5715a7a))
	pings := map[int]bool{}
	for _, p := range o.Pings {
		pings[p] = true
	}
	var th Thread
	depth := map[int]int{}
	id := o.FirstID
	for i := 0; i < o.N; i++ {
		c := Comment{ID: id, At: o.Start.Add(time.Duration(i) * 37 * time.Minute), Type: "comment"}
		id += 1 + r.IntN(3)
		switch {
		case pings[i]:
			c.Type = "pingback"
			c.Author = fmt.Sprintf("Elsewhere – Linked post %d", i)
			c.AuthorURL = fmt.Sprintf("https://elsewhere.example/2016/03/%02d/linked-%d/", 1+i%28, i)
			c.Paragraphs = []string{"[…] as discussed here […]"}
			th.Comments = append(th.Comments, c)
			continue
		case o.Chain > 0 && i >= 1 && i <= o.Chain:
			c.Parent = th.Comments[i-1].ID
		case i > 0 && r.Float64() < o.ReplyShare:
			var candidates []int
			for _, p := range th.Comments {
				if p.Type == "comment" && depth[p.ID] < o.MaxDepth {
					candidates = append(candidates, p.ID)
				}
			}
			if len(candidates) > 0 {
				c.Parent = candidates[r.IntN(len(candidates))]
			}
		}
		if c.Parent != 0 {
			depth[c.ID] = depth[c.Parent] + 1
		}
		c.Author = names[r.IntN(len(names))]
		if r.IntN(3) == 0 {
			c.AuthorURL = fmt.Sprintf("https://%s.example/", strings.ToLower(strings.Fields(asciiName(c.Author))[0]))
		}
		for k := 0; k < 1+r.IntN(3); k++ {
			c.Paragraphs = append(c.Paragraphs, sentences[r.IntN(len(sentences))])
		}
		c.Votes = r.IntN(19) - 3
		th.Comments = append(th.Comments, c)
	}
	return th
}

// asciiName keeps the ASCII letters of a name, for host names.
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r == ' ' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	if strings.TrimSpace(b.String()) == "" {
		return "someone"
	}
	return b.String()
}

// Get returns the comment with id.
func (th Thread) Get(id int) (Comment, bool) {
	for _, c := range th.Comments {
		if c.ID == id {
			return c, true
		}
	}
	return Comment{}, false
}

// TopLevel returns the top-level comments, in ascending ID order, or
// descending when desc is set.
func (th Thread) TopLevel(desc bool) []Comment {
	var out []Comment
	for _, c := range th.Comments {
		if c.Parent == 0 {
			out = append(out, c)
		}
	}
	if desc {
		sort.Slice(out, func(a, b int) bool { return out[a].ID > out[b].ID })
	}
	return out
}

// Children returns the direct replies to id, in ascending ID order.
func (th Thread) Children(id int) []Comment {
	var out []Comment
	for _, c := range th.Comments {
		if c.Parent == id && c.ID != id {
			out = append(out, c)
		}
	}
	return out
}

// Descendants returns every reply below id, in thread order.
func (th Thread) Descendants(id int) []Comment {
	var out []Comment
	for _, c := range th.Children(id) {
		out = append(out, c)
		out = append(out, th.Descendants(c.ID)...)
	}
	return out
}

// Depth is 0 for a top-level comment, one more per level below.
func (th Thread) Depth(id int) int {
	d := 0
	for c, ok := th.Get(id); ok && c.Parent != 0; c, ok = th.Get(c.Parent) {
		d++
	}
	return d
}

// Count is the number of comments, pings included.
func (th Thread) Count() int { return len(th.Comments) }

// Without returns the thread without the comment id and its replies (a
// deleted comment).
func (th Thread) Without(id int) Thread {
	gone := map[int]bool{id: true}
	for _, d := range th.Descendants(id) {
		gone[d.ID] = true
	}
	var out Thread
	for _, c := range th.Comments {
		if !gone[c.ID] {
			out.Comments = append(out.Comments, c)
		}
	}
	return out
}

// With returns the thread with c added.
func (th Thread) With(c Comment) Thread {
	out := Thread{Comments: append(append([]Comment(nil), th.Comments...), c)}
	sort.Slice(out.Comments, func(a, b int) bool { return out.Comments[a].ID < out.Comments[b].ID })
	return out
}

// local is t at the site's offset.
func local(t time.Time) time.Time { return t.In(SiteZone) }

// esc escapes text for HTML.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;").Replace(s)
}
