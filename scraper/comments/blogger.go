package comments

import (
	"bytes"
	"encoding/xml"
	"errors"
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

// SystemBlogger names Blogger's own comments.
const SystemBlogger = "blogger"

var (
	bloggerItemID  = regexp.MustCompile(`^c(\d{6,})$`)
	showComment    = regexp.MustCompile(`[?&]showComment=(\d{10,16})`)
	bloggerPostID  = regexp.MustCompile(`'postId'\s*:\s*'?(\d+)`)
	bloggerFeedRef = regexp.MustCompile(`/feeds/(\d+)/comments/default`)
	bloggerEntryID = regexp.MustCompile(`post-(\d+)$`)
	bloggerParent  = regexp.MustCompile(`/comments/default/(\d+)$`)
	bloggerSaid    = regexp.MustCompile(`(?i)\s*(said|sagte|a dit|dijo|ha detto|zei|disse)\.*\s*$`)
)

// bloggerThread reads Blogger's comments: the threaded layout
// (#comment-holder li.comment#c{ID}, replies in .comment-replies) and the
// legacy one (dl#comments-block, dt.comment-author#c{ID} with the text in
// the following dd.comment-body). found is false when the page has
// neither.
func bloggerThread(f finder, base *url.URL) (cs []strata.Comment, found bool) {
	area := f.find(qBloggerArea)
	items := f.find(qBloggerItems).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return bloggerItemID.MatchString(s.AttrOr("id", ""))
	})
	if items.Length() == 0 && area.Length() == 0 {
		return nil, false
	}
	items.Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		c := strata.Comment{ID: bloggerItemID.FindStringSubmatch(attrVal(n, "id"))[1], Type: strata.CommentTypeComment}
		if n.Data == "li" {
			for p := n.Parent; p != nil; p = p.Parent {
				if isElement(p, "li") && hasClass(p, "comment") {
					if m := bloggerItemID.FindStringSubmatch(attrVal(p, "id")); m != nil {
						c.ParentID = m[1]
						break
					}
				}
			}
			stop := func(k *html.Node) bool { return isElement(k, "li") || hasClass(k, "comment-replies") }
			if u := firstOwn(n, userCite, stop); u != nil {
				c.Author = oneLine(u, nil)
				c.AuthorURL = linkOf(u, base)
			}
			if d := firstOwn(n, bloggerDate, stop); d != nil {
				c.PostedAtText = oneLine(d, nil)
				c.PostedAt = showCommentTime(attrVal(d, "href"))
			}
			if t := firstOwn(n, bloggerContent, stop); t != nil {
				c.Text = textOf([]*html.Node{t}, nil)
				c.HTML = innerHTML(t)
			}
		} else {
			c.Author = bloggerSaid.ReplaceAllString(oneLine(n, nil), "")
			c.AuthorURL = linkOf(n, base)
			for k := n.NextSibling; k != nil; k = k.NextSibling {
				if k.Type != html.ElementNode {
					continue
				}
				if isElement(k, "dt") {
					break
				}
				switch {
				case hasClass(k, "comment-body"):
					c.Text = textOf([]*html.Node{k}, nil)
					c.HTML = innerHTML(k)
				case hasClass(k, "comment-footer"):
					if a := firstOwn(k, anyLink, nil); a != nil {
						c.PostedAtText = oneLine(a, nil)
						c.PostedAt = showCommentTime(attrVal(a, "href"))
					}
				}
			}
		}
		if c.Text == "" && strings.Contains(strings.ToLower(attrVal(n, "class")), "deleted") {
			c.Author = ""
		}
		cs = append(cs, c)
	})
	return Merge(cs, nil), true
}

var (
	userCite       = cascadia.MustCompile("cite.user, .comment-header .user, .comment-author")
	bloggerDate    = cascadia.MustCompile(`.datetime a[href*="showComment"], a[href*="showComment"]`)
	bloggerContent = cascadia.MustCompile(".comment-content")
)

// showCommentTime reads the exact time in a Blogger comment permalink
// (…?showComment={epoch ms}#c{ID}).
func showCommentTime(href string) *time.Time {
	m := showComment.FindStringSubmatch(href)
	if m == nil {
		return nil
	}
	ms, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return nil
	}
	t := time.UnixMilli(ms).UTC()
	return &t
}

// Blogger names the per-post comment feed of a Blogger article.
type Blogger struct {
	// FeedURL is the Atom comment feed: the page's <link rel=alternate>
	// to /feeds/{postId}/comments/default, else built from the post ID.
	FeedURL string
}

// FindBlogger returns the comment feed of a Blogger post page, "" when
// the page names no post.
func FindBlogger(doc *goquery.Document, pageURL *url.URL) Blogger {
	f := finder{doc: doc}
	var b Blogger
	if doc == nil {
		return b
	}
	f.find(qBloggerFeed).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if u := resolve(pageURL, s.AttrOr("href", "")); bloggerFeedRef.MatchString(u) {
			b.FeedURL = u
			return false
		}
		return true
	})
	if b.FeedURL != "" || pageURL == nil {
		return b
	}
	id := strings.TrimSpace(f.find(qBloggerPostID).First().AttrOr("content", ""))
	if !isDigits(id) {
		f.find(qScript).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if m := bloggerPostID.FindStringSubmatch(s.Text()); m != nil {
				id = m[1]
				return false
			}
			return true
		})
	}
	if isDigits(id) {
		b.FeedURL = (&url.URL{Scheme: pageURL.Scheme, Host: pageURL.Host, Path: "/feeds/" + id + "/comments/default"}).String()
	}
	return b
}

// BloggerFeed is one page of a Blogger comment feed.
type BloggerFeed struct {
	Comments []strata.Comment
	// Total is openSearch:totalResults, nil when absent.
	Total *int
	// Next is the rel="next" link, "" on the last page.
	Next string
}

// ParseBloggerFeed reads one page of a Blogger Atom comment feed. A reply's
// parent is the comment its rel="related" link points to.
func ParseBloggerFeed(body []byte) (BloggerFeed, error) {
	var f BloggerFeed
	var feed struct {
		XMLName xml.Name   `xml:"feed"`
		Total   string     `xml:"totalResults"`
		Links   []atomLink `xml:"link"`
		Entries []struct {
			ID        string `xml:"id"`
			Published string `xml:"published"`
			Content   struct {
				Type string `xml:"type,attr"`
				Body string `xml:",chardata"`
			} `xml:"content"`
			Author struct {
				Name string `xml:"name"`
				URI  string `xml:"uri"`
			} `xml:"author"`
			Links []atomLink `xml:"link"`
			Props []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value,attr"`
			} `xml:"extendedProperty"`
		} `xml:"entry"`
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	if err := dec.Decode(&feed); err != nil {
		return f, fmt.Errorf("decode blogger feed: %w", err)
	}
	if feed.XMLName.Local != "feed" {
		return f, errors.New("not an atom feed")
	}
	if n, ok := smallInt(feed.Total); ok {
		f.Total = &n
	}
	for _, l := range feed.Links {
		if l.Rel == "next" {
			f.Next = strings.TrimSpace(l.Href)
		}
	}
	for _, e := range feed.Entries {
		m := bloggerEntryID.FindStringSubmatch(strings.TrimSpace(e.ID))
		if m == nil {
			continue
		}
		c := strata.Comment{ID: m[1], Type: strata.CommentTypeComment, Author: collapseLine(e.Author.Name)}
		if c.Author == "Unknown" || c.Author == "Anonymous" && e.Author.URI == "" {
			c.Author = "Anonymous"
		}
		c.AuthorURL = resolve(nil, e.Author.URI)
		for _, l := range e.Links {
			if l.Rel == "related" {
				if p := bloggerParent.FindStringSubmatch(strings.TrimSpace(l.Href)); p != nil {
					c.ParentID = p[1]
				}
			}
		}
		if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(e.Published)); err == nil {
			u := t.UTC()
			c.PostedAt = &u
		}
		removed := false
		for _, p := range e.Props {
			switch p.Name {
			case "blogger.displayTime":
				c.PostedAtText = collapseLine(p.Value)
			case "blogger.contentRemoved":
				removed = p.Value == "true"
			}
		}
		if !removed {
			content := e.Content.Body
			if e.Content.Type == "text" {
				content = html.EscapeString(content)
			}
			c.Text, c.HTML = FragmentText(content)
		}
		f.Comments = append(f.Comments, c)
	}
	return f, nil
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}
