package comments

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
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

// SystemReddit names Reddit threads.
const SystemReddit = "reddit"

var (
	redditPath  = regexp.MustCompile(`^(/r/[^/]+/comments/[a-z0-9]+)(?:/([^/]*))?`)
	redditLevel = regexp.MustCompile(`(?i)^level (\d+)$`)
)

// IsRedditThread reports whether u is the page of a Reddit thread
// (/r/{sub}/comments/{id}/…).
func IsRedditThread(u *url.URL) bool {
	if u == nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return (h == "reddit.com" || strings.HasSuffix(h, ".reddit.com")) && redditPath.MatchString(u.Path)
}

// RedditJSONURL returns the .json of the thread at u on base (an origin
// such as https://www.reddit.com), oldest comments first so that the
// order does not move with votes. "" when u is no thread.
func RedditJSONURL(u *url.URL, base string) string {
	if u == nil {
		return ""
	}
	m := redditPath.FindStringSubmatch(u.Path)
	if m == nil {
		return ""
	}
	p := m[1] + "/"
	if m[2] != "" {
		p += m[2] + "/"
	}
	return strings.TrimSuffix(base, "/") + p + ".json?raw_json=1&sort=old&limit=500"
}

// RedditPage is what one Reddit JSON reply holds.
type RedditPage struct {
	Comments []strata.Comment
	// More lists the "more" stubs: comments the reply left out.
	More []RedditMore
	// Declared is the post's num_comments, nil when the reply has no post.
	Declared *int
	// LinkID is the post's fullname (t3_…).
	LinkID string
}

// RedditMore is a "load more comments" stub.
type RedditMore struct {
	// Parent is the fullname the hidden comments hang from.
	Parent string
	// Children are the IDs (without t1_) of the hidden comments; empty
	// for a "continue this thread" stub, whose comments are read from the
	// parent comment's own page.
	Children []string
}

type redditThing struct {
	Kind string          `json:"kind"`
	Data json.RawMessage `json:"data"`
}

type redditListing struct {
	Children []redditThing `json:"children"`
}

type redditComment struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	ParentID   string          `json:"parent_id"`
	Author     string          `json:"author"`
	Body       string          `json:"body"`
	BodyHTML   string          `json:"body_html"`
	CreatedUTC float64         `json:"created_utc"`
	Score      *int            `json:"score"`
	Replies    json.RawMessage `json:"replies"`
	Children   []string        `json:"children"`
	NumComms   *int            `json:"num_comments"`
}

// ParseRedditThread reads a thread's .json: [post listing, comment
// listing]. site is the origin for profile links (may be nil).
func ParseRedditThread(body []byte, site *url.URL) (RedditPage, error) {
	var p RedditPage
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '[' {
		return p, fmt.Errorf("reddit thread: %w", ErrNotJSON)
	}
	var parts []redditThing
	if err := json.Unmarshal(body, &parts); err != nil {
		return p, fmt.Errorf("decode reddit thread: %w", err)
	}
	if len(parts) < 2 {
		return p, errors.New("reddit thread reply has no comment listing")
	}
	var post redditListing
	if err := json.Unmarshal(parts[0].Data, &post); err == nil && len(post.Children) > 0 {
		var d redditComment
		if json.Unmarshal(post.Children[0].Data, &d) == nil {
			p.LinkID = d.Name
			p.Declared = d.NumComms
		}
	}
	var list redditListing
	if err := json.Unmarshal(parts[1].Data, &list); err != nil {
		return p, fmt.Errorf("decode reddit comments: %w", err)
	}
	p.walk(list.Children, site, 0)
	return p, nil
}

// ParseRedditMore reads a reply of /api/morechildren (api_type=json): the
// hidden comments, flat, with their parents.
func ParseRedditMore(body []byte, site *url.URL) (RedditPage, error) {
	var p RedditPage
	var d struct {
		JSON struct {
			Errors json.RawMessage `json:"errors"`
			Data   struct {
				Things []redditThing `json:"things"`
			} `json:"data"`
		} `json:"json"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(body), &d); err != nil {
		return p, fmt.Errorf("decode reddit morechildren: %w", err)
	}
	if e := bytes.TrimSpace(d.JSON.Errors); len(e) > 2 && string(e) != "null" {
		return p, fmt.Errorf("reddit morechildren errors: %.100s", e)
	}
	p.walk(d.JSON.Data.Things, site, 0)
	return p, nil
}

// walk collects comments and stubs, depth first.
func (p *RedditPage) walk(things []redditThing, site *url.URL, depth int) {
	if depth > 200 {
		return
	}
	for _, th := range things {
		var d redditComment
		if json.Unmarshal(th.Data, &d) != nil {
			continue
		}
		switch th.Kind {
		case "more":
			p.More = append(p.More, RedditMore{Parent: d.ParentID, Children: d.Children})
		case "t1":
			p.Comments = append(p.Comments, redditToComment(d, site))
			if r := bytes.TrimSpace(d.Replies); len(r) > 0 && r[0] == '{' {
				var sub redditThing
				var l redditListing
				if json.Unmarshal(r, &sub) == nil && json.Unmarshal(sub.Data, &l) == nil {
					p.walk(l.Children, site, depth+1)
				}
			}
		}
	}
}

func redditToComment(d redditComment, site *url.URL) strata.Comment {
	c := strata.Comment{ID: d.ID, Author: d.Author, Type: strata.CommentTypeComment, Score: d.Score}
	if parent, ok := strings.CutPrefix(d.ParentID, "t1_"); ok {
		c.ParentID = parent
	}
	if d.Author != "" && d.Author != "[deleted]" && site != nil {
		c.AuthorURL = (&url.URL{Scheme: site.Scheme, Host: site.Host, Path: "/user/" + d.Author + "/"}).String()
	}
	if d.CreatedUTC > 0 && !math.IsInf(d.CreatedUTC, 0) && d.CreatedUTC < 1e11 {
		t := time.Unix(int64(d.CreatedUTC), 0).UTC()
		c.PostedAt = &t
		c.PostedAtText = t.Format(time.RFC3339)
	}
	h := d.BodyHTML
	if strings.HasPrefix(strings.TrimSpace(h), "&lt;") {
		h = html.UnescapeString(h)
	}
	c.Text, c.HTML = FragmentText(h)
	if c.Text == "" {
		c.Text = strings.TrimSpace(d.Body)
	}
	return c
}

var (
	redditOldThing  = cascadia.MustCompile("div.thing.comment[data-fullname]")
	redditOldAuthor = cascadia.MustCompile(".tagline a.author")
	redditOldTime   = cascadia.MustCompile(".tagline time[datetime]")
	redditOldText   = cascadia.MustCompile(".usertext-body .md")
	redditNewText   = cascadia.MustCompile(`[data-test-id="comment"]`)
	redditUserLink  = cascadia.MustCompile(`a[href*="/user/"]`)
	redditSlotText  = cascadia.MustCompile(`[slot="comment"]`)
	redditTimeago   = cascadia.MustCompile("faceplate-timeago[ts], time[datetime]")
)

// redditThread reads the comments of a Reddit page: new Reddit's
// shreddit-comment elements, the 2018–2022 redesign (div#t1_… with
// "level N"), or old Reddit's div.thing.comment.
func redditThread(f finder, base *url.URL) (cs []strata.Comment, found bool) {
	// shreddit
	f.find(qShredditComments).Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		c := strata.Comment{ID: strings.TrimPrefix(attrVal(n, "thingid"), "t1_"), Author: attrVal(n, "author"), Type: strata.CommentTypeComment}
		c.ParentID = strings.TrimPrefix(attrVal(n, "parentid"), "t1_")
		if strings.HasPrefix(c.ParentID, "t3_") {
			c.ParentID = ""
		}
		stop := func(k *html.Node) bool { return k.Data == "shreddit-comment" }
		if t := firstOwn(n, redditSlotText, stop); t != nil {
			c.Text = textOf([]*html.Node{t}, nil)
			c.HTML = innerHTML(t)
		}
		if tm := firstOwn(n, redditTimeago, stop); tm != nil {
			v := attrVal(tm, "ts")
			if v == "" {
				v = attrVal(tm, "datetime")
			}
			c.PostedAtText = v
			c.PostedAt = dater{}.at(v)
		}
		if v, err := strconv.Atoi(attrVal(n, "score")); err == nil {
			c.Score = &v
		}
		cs = append(cs, c)
	})
	// old reddit
	f.find(qOldRedditComments).Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		c := strata.Comment{ID: strings.TrimPrefix(attrVal(n, "data-fullname"), "t1_"), Type: strata.CommentTypeComment}
		for p := n.Parent; p != nil; p = p.Parent {
			if redditOldThing.Match(p) {
				c.ParentID = strings.TrimPrefix(attrVal(p, "data-fullname"), "t1_")
				break
			}
		}
		stop := func(k *html.Node) bool { return hasClass(k, "child") }
		if a := firstOwn(n, redditOldAuthor, stop); a != nil {
			c.Author = oneLine(a, nil)
			c.AuthorURL = resolve(base, attrVal(a, "href"))
		}
		if tm := firstOwn(n, redditOldTime, stop); tm != nil {
			c.PostedAtText = attrVal(tm, "datetime")
			c.PostedAt = dater{}.at(c.PostedAtText)
		}
		if t := firstOwn(n, redditOldText, stop); t != nil {
			c.Text = textOf([]*html.Node{t}, nil)
			c.HTML = innerHTML(t)
		}
		cs = append(cs, c)
	})
	// 2018–2022 redesign
	var stack []string
	f.find(qRedditT1).Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		text := firstOwn(n, redditNewText, nil)
		if text == nil {
			return
		}
		c := strata.Comment{ID: strings.TrimPrefix(attrVal(n, "id"), "t1_"), Type: strata.CommentTypeComment}
		level := 1
		walkOwn(n, nil, func(k *html.Node) bool {
			if k.Data == "span" {
				if m := redditLevel.FindStringSubmatch(oneLine(k, nil)); m != nil {
					level, _ = strconv.Atoi(m[1])
					return false
				}
			}
			return true
		})
		if level < 1 {
			level = 1
		}
		if len(stack) >= level {
			stack = stack[:level-1]
		}
		if len(stack) > 0 {
			c.ParentID = stack[len(stack)-1]
		}
		for len(stack) < level-1 {
			stack = append(stack, "")
		}
		stack = append(stack, c.ID)
		if a := firstOwn(n, redditUserLink, nil); a != nil {
			c.Author = strings.TrimPrefix(oneLine(a, nil), "u/")
			c.AuthorURL = resolve(base, attrVal(a, "href"))
		}
		c.Text = textOf([]*html.Node{text}, nil)
		c.HTML = innerHTML(text)
		cs = append(cs, c)
	})
	if len(cs) == 0 {
		return nil, false
	}
	return Merge(cs, nil), true
}

// IsRedditPage reports whether the page at u is a Reddit thread: a
// reddit.com thread URL, or a thread path (/r/{sub}/comments/{id}/) on a
// page whose og:site_name is Reddit, as mirrors serve them.
func IsRedditPage(doc *goquery.Document, u *url.URL) bool {
	if doc == nil {
		return IsRedditThread(u)
	}
	return isRedditPage(finder{doc: doc}, u)
}

// isRedditPage is IsRedditPage through f.
func isRedditPage(f finder, u *url.URL) bool {
	if IsRedditThread(u) {
		return true
	}
	if u == nil || !redditPath.MatchString(u.Path) {
		return false
	}
	return strings.EqualFold(strings.TrimSpace(f.find(qSiteName).First().AttrOr("content", "")), "reddit")
}
