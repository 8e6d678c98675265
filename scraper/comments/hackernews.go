package comments

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
)

// SystemHackerNews names Hacker News item pages.
const SystemHackerNews = "hackernews"

var (
	hnUser      = cascadia.MustCompile("a.hnuser")
	hnAge       = cascadia.MustCompile("span.age")
	hnText      = cascadia.MustCompile(".commtext")
	hnComment   = cascadia.MustCompile(".comment")
	hnIndent    = cascadia.MustCompile("td.ind")
	hnIndentImg = cascadia.MustCompile("img[width]")
	hnNavLink   = cascadia.MustCompile(".navs a, .comhead a")
	hnReply     = cascadia.MustCompile(".reply")
	hnItemHref  = regexp.MustCompile(`(?:^#|[?&]id=)(\d+)`)
)

// hnThread reads the comment tree of a Hacker News item page
// (table.comment-tree tr.athing.comtr). A comment's parent is its
// "parent" link when it has one, else the nearest comment above with a
// smaller indent. more is the "More" link to the next page of a long
// thread; declared the count of the item's "N comments" link.
func hnThread(f finder, base *url.URL) (cs []strata.Comment, declared *int, more []string, found bool) {
	rows := f.find(qHNRows)
	if rows.Length() == 0 && f.find(qHNTree).Length() == 0 {
		return nil, nil, nil, false
	}
	type open struct {
		id     string
		indent int
	}
	var stack []open
	rows.Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		id := attrVal(n, "id")
		if !isDigits(id) {
			return
		}
		c := strata.Comment{ID: id, Type: strata.CommentTypeComment}
		indent := 0
		if ind := firstOwn(n, hnIndent, nil); ind != nil {
			if v, err := strconv.Atoi(attrVal(ind, "indent")); err == nil {
				indent = v
			} else if img := firstOwn(ind, hnIndentImg, nil); img != nil {
				if w, err := strconv.Atoi(attrVal(img, "width")); err == nil {
					indent = w / 40
				}
			}
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		if indent > 0 && len(stack) > 0 {
			c.ParentID = stack[len(stack)-1].id
		}
		for _, a := range findOwn(n, hnNavLink, nil) {
			if strings.EqualFold(oneLine(a, nil), "parent") {
				if m := hnItemHref.FindStringSubmatch(attrVal(a, "href")); m != nil && m[1] != id {
					c.ParentID = m[1]
				}
			}
		}
		stack = append(stack, open{id, indent})
		if u := firstOwn(n, hnUser, nil); u != nil {
			c.Author = oneLine(u, nil)
			c.AuthorURL = resolve(base, attrVal(u, "href"))
		}
		if age := firstOwn(n, hnAge, nil); age != nil {
			stamp, _, _ := strings.Cut(attrVal(age, "title"), " ")
			c.PostedAtText = stamp
			if t, ok := parseNaive(stamp); ok {
				c.PostedAt = &t
			}
		}
		if t := firstOwn(n, hnText, nil); t != nil {
			c.Text = textOf([]*html.Node{t}, hnReply)
			c.HTML = innerHTML(t)
		} else if t := firstOwn(n, hnComment, nil); t != nil {
			c.Text = textOf([]*html.Node{t}, hnReply)
		}
		cs = append(cs, c)
	})
	f.find(qHNSubline).EachWithBreak(func(_ int, a *goquery.Selection) bool {
		if !strings.HasPrefix(a.AttrOr("href", ""), "item?id=") {
			return true
		}
		t := collapseLine(a.Text())
		if strings.Contains(t, "comment") {
			if n, ok := smallInt(strings.Fields(t)[0]); ok {
				declared = &n
				return false
			}
		}
		if t == "discuss" {
			zero := 0
			declared = &zero
			return false
		}
		return true
	})
	f.find(qHNMore).Each(func(_ int, a *goquery.Selection) {
		if u := resolve(base, a.AttrOr("href", "")); u != "" && strings.Contains(u, "item?") {
			more = append(more, u)
		}
	})
	return Merge(cs, nil), declared, more, true
}

// HNItem is an item of the Hacker News API (/v0/item/{id}.json).
type HNItem struct {
	ID          int    `json:"id"`
	By          string `json:"by"`
	Time        int64  `json:"time"`
	Text        string `json:"text"`
	Parent      int    `json:"parent"`
	Kids        []int  `json:"kids"`
	Type        string `json:"type"`
	Deleted     bool   `json:"deleted"`
	Dead        bool   `json:"dead"`
	Descendants *int   `json:"descendants"`
}

// ParseHNItem reads a reply of the Hacker News API. A missing item
// ("null") is an error.
func ParseHNItem(body []byte) (HNItem, error) {
	var it HNItem
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return it, fmt.Errorf("hacker news item: %w", ErrNotJSON)
	}
	if err := json.Unmarshal(body, &it); err != nil {
		return it, fmt.Errorf("decode hacker news item: %w", err)
	}
	if it.ID == 0 {
		return it, fmt.Errorf("hacker news item has no id")
	}
	return it, nil
}

// Comment turns a comment item into a strata comment; story is the ID of
// the item page, whose direct replies are top level. user is the base of
// profile links ("https://news.ycombinator.com/user?id="), "" for none.
func (it HNItem) Comment(story int, user string) strata.Comment {
	c := strata.Comment{ID: strconv.Itoa(it.ID), Author: it.By, Type: strata.CommentTypeComment}
	if it.Parent != 0 && it.Parent != story {
		c.ParentID = strconv.Itoa(it.Parent)
	}
	if it.By != "" && user != "" {
		c.AuthorURL = user + url.QueryEscape(it.By)
	}
	if it.Time > 0 {
		t := time.Unix(it.Time, 0).UTC()
		c.PostedAt = &t
		c.PostedAtText = t.Format("2006-01-02T15:04:05")
	}
	if !it.Deleted {
		c.Text, c.HTML = FragmentText(it.Text)
	}
	return c
}

// HNItemID returns the item ID of a Hacker News item page URL
// (…/item?id=N), 0 when u is none.
func HNItemID(u *url.URL) int {
	if u == nil || !strings.HasSuffix(u.Path, "/item") {
		return 0
	}
	n, err := strconv.Atoi(u.Query().Get("id"))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
