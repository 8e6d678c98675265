package comments

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
)

// Systems read from a service's API.
const (
	SystemSubstack = "substack"
	SystemGhost    = "ghost"
)

// scriptsText returns the text of the page's inline scripts that contain
// marker, joined.
func scriptsText(doc *goquery.Document, marker string) string {
	f := finder{doc: doc}
	var b strings.Builder
	if doc == nil {
		return ""
	}
	f.find(qScript).Each(func(_ int, s *goquery.Selection) {
		if t := s.Text(); strings.Contains(t, marker) {
			b.WriteString(t)
			b.WriteByte('\n')
		}
	})
	return b.String()
}

// jsValue finds `key: 'value'` or `"key":"value"` in script text.
func jsValue(text, key string) string {
	re := regexp.MustCompile(`["']?` + regexp.QuoteMeta(key) + `["']?\s*[:=]\s*(?:(["'])((?:\\.|[^\\])*?)["']|(\d+))`)
	m := re.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	if m[3] != "" {
		return m[3]
	}
	return strings.TrimSpace(jsUnquote(m[2]))
}

// parseISO reads an ISO 8601 time with a zone, as UTC.
func parseISO(s string) *time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// origin returns scheme://host of a URL string, "" when it has none.
func origin(raw string, base *url.URL) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// sortByTime orders comments oldest first, by ID on equal times; siblings
// keep this order in thread order.
func sortByTime(cs []strata.Comment) []strata.Comment {
	sort.SliceStable(cs, func(a, b int) bool {
		ta, tb := cs[a].PostedAt, cs[b].PostedAt
		switch {
		case ta != nil && tb != nil && !ta.Equal(*tb):
			return ta.Before(*tb)
		case (ta == nil) != (tb == nil):
			return ta != nil
		}
		return cs[a].ID < cs[b].ID
	})
	return Merge(cs, nil)
}

// Discourse names the Discourse topic an article embeds.
type Discourse struct {
	// Base is DiscourseEmbed.discourseUrl, with a trailing slash.
	Base string
	// EmbedURL is discourseEmbedUrl, the article's URL as the forum knows it.
	EmbedURL string
	// TopicID is DiscourseEmbed.topicId, "" when the page gives none.
	TopicID string
}

// FindDiscourse reads the page's DiscourseEmbed settings. ok is false
// without a discourseUrl.
func FindDiscourse(doc *goquery.Document, pageURL *url.URL) (d Discourse, ok bool) {
	text := scriptsText(doc, "DiscourseEmbed")
	d.Base = resolve(pageURL, jsValue(text, "discourseUrl"))
	if d.Base == "" {
		return d, false
	}
	if !strings.HasSuffix(d.Base, "/") {
		d.Base += "/"
	}
	d.EmbedURL = resolve(pageURL, jsValue(text, "discourseEmbedUrl"))
	if id := jsValue(text, "topicId"); isDigits(id) {
		d.TopicID = id
	}
	return d, true
}

// DiscoursePost is one post of a Discourse topic.
type DiscoursePost struct {
	strata.Comment
	// Number is post_number; ReplyTo is reply_to_post_number (0 for none).
	Number, ReplyTo int
}

// DiscourseTopic is a topic's JSON (/t/{id}.json).
type DiscourseTopic struct {
	ID int
	// Posts are the posts the reply carries (the first 20 or so).
	Posts []DiscoursePost
	// Stream lists the IDs of every post, in order.
	Stream []int
	// Count is posts_count.
	Count int
}

type discoursePost struct {
	ID        int    `json:"id"`
	Name      string `json:"name"`
	Username  string `json:"username"`
	CreatedAt string `json:"created_at"`
	Cooked    string `json:"cooked"`
	Number    int    `json:"post_number"`
	ReplyTo   *int   `json:"reply_to_post_number"`
	PostType  int    `json:"post_type"`
	DeletedAt string `json:"deleted_at"`
	Hidden    bool   `json:"hidden"`
	LikeCount *int   `json:"like_count"`
	Actions   []struct {
		ID    int `json:"id"`
		Count int `json:"count"`
	} `json:"actions_summary"`
}

// ParseDiscourseTopic reads /t/{id}.json. base is the forum's URL, for
// profile links.
func ParseDiscourseTopic(body []byte, base string) (DiscourseTopic, error) {
	var t DiscourseTopic
	var d struct {
		ID         int `json:"id"`
		PostsCount int `json:"posts_count"`
		PostStream struct {
			Posts  []discoursePost `json:"posts"`
			Stream []int           `json:"stream"`
		} `json:"post_stream"`
	}
	if err := decodeObject(body, &d); err != nil {
		return t, fmt.Errorf("discourse topic: %w", err)
	}
	t.ID, t.Count, t.Stream = d.ID, d.PostsCount, d.PostStream.Stream
	t.Posts = discoursePosts(d.PostStream.Posts, base)
	return t, nil
}

// ParseDiscoursePosts reads /t/{id}/posts.json?post_ids[]=….
func ParseDiscoursePosts(body []byte, base string) ([]DiscoursePost, error) {
	var d struct {
		PostStream struct {
			Posts []discoursePost `json:"posts"`
		} `json:"post_stream"`
	}
	if err := decodeObject(body, &d); err != nil {
		return nil, fmt.Errorf("discourse posts: %w", err)
	}
	return discoursePosts(d.PostStream.Posts, base), nil
}

func discoursePosts(ps []discoursePost, base string) []DiscoursePost {
	out := make([]DiscoursePost, 0, len(ps))
	for _, p := range ps {
		if p.ID == 0 || p.PostType == 3 || p.PostType == 4 {
			// small actions ("closed this topic") and whispers
			continue
		}
		c := strata.Comment{ID: strconv.Itoa(p.ID), Author: p.Name, Type: strata.CommentTypeComment, PostedAtText: p.CreatedAt}
		if c.Author == "" {
			c.Author = p.Username
		}
		if p.Username != "" && base != "" {
			c.AuthorURL = strings.TrimSuffix(base, "/") + "/u/" + url.PathEscape(p.Username)
		}
		c.PostedAt = parseISO(p.CreatedAt)
		if p.DeletedAt == "" && !p.Hidden {
			c.Text, c.HTML = FragmentText(p.Cooked)
		}
		c.Score = p.LikeCount
		for _, a := range p.Actions {
			if a.ID == 2 && c.Score == nil {
				n := a.Count
				c.Score = &n
			}
		}
		dp := DiscoursePost{Comment: c, Number: p.Number}
		if p.ReplyTo != nil {
			dp.ReplyTo = *p.ReplyTo
		}
		out = append(out, dp)
	}
	return out
}

// DiscourseThread turns a topic's posts into its comment thread: the
// first post (the article itself) left out, posts in post-number order,
// a reply's parent the post it answers (top level when that is the first
// post or unknown).
func DiscourseThread(posts []DiscoursePost) []strata.Comment {
	byNumber := map[int]string{}
	for _, p := range posts {
		byNumber[p.Number] = p.ID
	}
	sort.SliceStable(posts, func(a, b int) bool { return posts[a].Number < posts[b].Number })
	var cs []strata.Comment
	for _, p := range posts {
		if p.Number <= 1 {
			continue
		}
		c := p.Comment
		if p.ReplyTo > 1 {
			c.ParentID = byNumber[p.ReplyTo]
		}
		cs = append(cs, c)
	}
	return Merge(cs, nil)
}

var discourseTopicLink = regexp.MustCompile(`/t/[^/"'\s]+/(\d+)`)

// DiscourseTopicID finds the topic a Discourse embed page
// (/embed/comments?embed_url=…) links to, "" when none.
func DiscourseTopicID(body []byte) string {
	if m := discourseTopicLink.FindSubmatch(body); m != nil {
		return string(m[1])
	}
	return ""
}

// Commento names the Commento thread of a page.
type Commento struct {
	// Origin is the Commento server: the origin of commento.js, with
	// cdn.commento.io standing for https://commento.io.
	Origin string
	// Domain and Path identify the page (data-page-id overrides Path).
	Domain, Path string
}

// FindCommento reads the Commento embed of the page.
func FindCommento(doc *goquery.Document, pageURL *url.URL) (c Commento, ok bool) {
	f := finder{doc: doc}
	if doc == nil || pageURL == nil {
		return c, false
	}
	s := f.find(qCommentoScript).First()
	src, found := s.Attr("src")
	if !found {
		return c, false
	}
	c.Origin = origin(src, pageURL)
	if strings.HasSuffix(c.Origin, "://cdn.commento.io") {
		c.Origin = "https://commento.io"
	}
	c.Domain = pageURL.Host
	c.Path = pageURL.Path
	if id, ok := s.Attr("data-page-id"); ok && strings.TrimSpace(id) != "" {
		c.Path = strings.TrimSpace(id)
	}
	return c, c.Origin != ""
}

// CommentoRequest is the JSON body of POST {origin}/api/comment/list for
// an anonymous reader.
func CommentoRequest(c Commento) []byte {
	b, _ := json.Marshal(map[string]string{"commenterToken": "anonymous", "session": "anonymous", "domain": c.Domain, "path": c.Path})
	return b
}

// ParseCommento reads the reply of /api/comment/list. Comments come
// oldest first within each level.
func ParseCommento(body []byte) ([]strata.Comment, error) {
	var d struct {
		Success  bool   `json:"success"`
		Message  string `json:"message"`
		Comments []struct {
			Hex       string `json:"commentHex"`
			Parent    string `json:"parentHex"`
			Commenter string `json:"commenterHex"`
			HTML      string `json:"html"`
			Markdown  string `json:"markdown"`
			Score     *int   `json:"score"`
			State     string `json:"state"`
			Created   string `json:"creationDate"`
			Deleted   bool   `json:"deleted"`
		} `json:"comments"`
		Commenters map[string]struct {
			Name string `json:"name"`
			Link string `json:"link"`
		} `json:"commenters"`
	}
	if err := decodeObject(body, &d); err != nil {
		return nil, fmt.Errorf("commento: %w", err)
	}
	if !d.Success {
		return nil, fmt.Errorf("commento answered success=false: %.100s", d.Message)
	}
	var cs []strata.Comment
	for _, k := range d.Comments {
		if k.Hex == "" || (k.State != "" && k.State != "approved") {
			continue
		}
		c := strata.Comment{ID: k.Hex, Type: strata.CommentTypeComment, Score: k.Score, PostedAtText: k.Created}
		if k.Parent != "root" {
			c.ParentID = k.Parent
		}
		if who, ok := d.Commenters[k.Commenter]; ok {
			c.Author = who.Name
			if who.Link != "undefined" {
				c.AuthorURL = resolve(nil, who.Link)
			}
		} else if k.Commenter == "anonymous" {
			c.Author = "Anonymous"
		}
		c.PostedAt = parseISO(k.Created)
		if !k.Deleted {
			c.Text, c.HTML = FragmentText(k.HTML)
		}
		cs = append(cs, c)
	}
	return sortByTime(cs), nil
}

// Remark42 names the Remark42 thread of a page.
type Remark42 struct {
	// Host is remark_config.host; SiteID site_id ("remark" by default);
	// URL the page URL the thread belongs to.
	Host, SiteID, URL string
}

// FindRemark42 reads the page's remark_config.
func FindRemark42(doc *goquery.Document, pageURL *url.URL) (r Remark42, ok bool) {
	text := scriptsText(doc, "remark_config")
	if text == "" {
		return r, false
	}
	r.Host = strings.TrimSuffix(resolve(pageURL, jsValue(text, "host")), "/")
	r.SiteID = jsValue(text, "site_id")
	if r.SiteID == "" {
		r.SiteID = "remark"
	}
	r.URL = resolve(pageURL, jsValue(text, "url"))
	if r.URL == "" && pageURL != nil {
		u := *pageURL
		u.RawQuery, u.Fragment = "", ""
		r.URL = u.String()
	}
	return r, r.Host != ""
}

// ParseRemark42 reads /api/v1/find?format=tree: the comments in tree
// order and info.count.
func ParseRemark42(body []byte) ([]strata.Comment, *int, error) {
	type rcomment struct {
		ID   string `json:"id"`
		PID  string `json:"pid"`
		Text string `json:"text"`
		User struct {
			Name string `json:"name"`
		} `json:"user"`
		Score  *int   `json:"score"`
		Time   string `json:"time"`
		Delete bool   `json:"delete"`
	}
	type node struct {
		Comment rcomment `json:"comment"`
		Replies []node   `json:"replies"`
	}
	var d struct {
		Comments []node `json:"comments"`
		Info     struct {
			Count *int `json:"count"`
		} `json:"info"`
	}
	if err := decodeObject(body, &d); err != nil {
		return nil, nil, fmt.Errorf("remark42: %w", err)
	}
	var cs []strata.Comment
	var walk func(ns []node, parent string, depth int)
	walk = func(ns []node, parent string, depth int) {
		if depth > 500 {
			return
		}
		for _, n := range ns {
			k := n.Comment
			if k.ID == "" {
				continue
			}
			c := strata.Comment{ID: k.ID, ParentID: k.PID, Author: k.User.Name, Type: strata.CommentTypeComment, Score: k.Score, PostedAtText: k.Time}
			if c.ParentID == "" {
				c.ParentID = parent
			}
			c.PostedAt = parseISO(k.Time)
			if !k.Delete {
				c.Text, c.HTML = FragmentText(k.Text)
			}
			cs = append(cs, c)
			walk(n.Replies, k.ID, depth+1)
		}
	}
	walk(d.Comments, "", 0)
	return Merge(cs, nil), d.Info.Count, nil
}

// Substack names the comments of a Substack post.
type Substack struct {
	// Origin is the publication's origin; PostID the post's numeric ID.
	Origin, PostID string
	// Declared is the post's comment_count, nil when the page omits it.
	Declared *int
}

var (
	substackPost  = regexp.MustCompile(`"post"\s*:\s*\{`)
	substackID    = regexp.MustCompile(`"id"\s*:\s*(\d+)`)
	substackCount = regexp.MustCompile(`"comment_count"\s*:\s*(\d+)`)
)

// FindSubstack reads the post ID of a Substack page (one that loads from
// substackcdn.com) from its _preloads: the first "id" of its "post"
// object.
func FindSubstack(doc *goquery.Document, pageURL *url.URL) Substack {
	f := finder{doc: doc}
	var s Substack
	text := scriptsText(doc, "_preloads")
	if text == "" || pageURL == nil {
		return s
	}
	if !strings.Contains(text, "substack") && f.find(qSubstackAssets).Length() == 0 {
		return s
	}
	text = strings.ReplaceAll(text, `\"`, `"`)
	loc := substackPost.FindStringIndex(text)
	if loc == nil {
		return s
	}
	post := text[loc[1]:min(len(text), loc[1]+20000)]
	if m := substackID.FindStringSubmatch(post); m != nil {
		s.PostID = m[1]
		s.Origin = pageURL.Scheme + "://" + pageURL.Host
	}
	if c := substackCount.FindStringSubmatch(post); c != nil {
		if n, ok := smallInt(c[1]); ok {
			s.Declared = &n
		}
	}
	return s
}

// ParseSubstack reads /api/v1/post/{id}/comments: a tree of comments
// under children.
func ParseSubstack(body []byte) ([]strata.Comment, error) {
	type scomment struct {
		ID        flexString      `json:"id"`
		Name      string          `json:"name"`
		Body      string          `json:"body"`
		Date      string          `json:"date"`
		Deleted   bool            `json:"deleted"`
		Reactions map[string]int  `json:"reactions"`
		Children  json.RawMessage `json:"children"`
	}
	var d struct {
		Comments json.RawMessage `json:"comments"`
	}
	if err := decodeObject(body, &d); err != nil {
		return nil, fmt.Errorf("substack: %w", err)
	}
	var cs []strata.Comment
	var walk func(raw json.RawMessage, parent string, depth int) error
	walk = func(raw json.RawMessage, parent string, depth int) error {
		if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" || depth > 500 {
			return nil
		}
		var list []scomment
		if err := json.Unmarshal(raw, &list); err != nil {
			return err
		}
		for _, k := range list {
			id := string(k.ID)
			if id == "" {
				continue
			}
			c := strata.Comment{ID: id, ParentID: parent, Author: k.Name, Type: strata.CommentTypeComment, PostedAtText: k.Date}
			c.PostedAt = parseISO(k.Date)
			if !k.Deleted && k.Body != "" {
				c.Text, c.HTML = plainText(k.Body)
			}
			if len(k.Reactions) > 0 {
				n := 0
				for _, v := range k.Reactions {
					n += v
				}
				c.Score = &n
			}
			cs = append(cs, c)
			if err := walk(k.Children, id, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(d.Comments, "", 0); err != nil {
		return nil, fmt.Errorf("decode substack comments: %w", err)
	}
	return Merge(cs, nil), nil
}

// plainText turns a plain-text comment body into strata's text form and
// escaped HTML: blank lines separate paragraphs.
func plainText(s string) (string, string) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	var b strings.Builder
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(p), "\n", "<br>") + "</p>")
		}
	}
	return FragmentText(b.String())
}

// Ghost names the native comments of a Ghost post.
type Ghost struct {
	// Base is the site's URL (data-ghost-comments), PostID the post's ID.
	Base, PostID string
}

// FindGhost reads the comments-ui script of a Ghost page.
func FindGhost(doc *goquery.Document, pageURL *url.URL) Ghost {
	f := finder{doc: doc}
	var g Ghost
	if doc == nil {
		return g
	}
	s := f.find(qGhostScript).First()
	if s.Length() == 0 {
		return g
	}
	g.PostID = strings.TrimSpace(s.AttrOr("data-post-id", ""))
	g.Base = strings.TrimSuffix(resolve(pageURL, s.AttrOr("data-ghost-comments", "")), "/")
	if g.Base == "" && pageURL != nil {
		g.Base = pageURL.Scheme + "://" + pageURL.Host
	}
	return g
}

// GhostPage is one reply of Ghost's members comments API.
type GhostPage struct {
	Comments []strata.Comment
	// Pages is meta.pagination.pages; Total its total.
	Pages, Total int
	// Replies maps the comments whose replies the reply does not all
	// carry to their reply count.
	Replies map[string]int
}

// ParseGhostComments reads a reply of /members/api/comments/post/{id}/ or
// /members/api/comments/{id}/replies/.
func ParseGhostComments(body []byte) (GhostPage, error) {
	type gcomment struct {
		ID       string `json:"id"`
		ParentID string `json:"parent_id"`
		Status   string `json:"status"`
		HTML     string `json:"html"`
		Created  string `json:"created_at"`
		Member   *struct {
			Name string `json:"name"`
		} `json:"member"`
		Count struct {
			Likes   *int `json:"likes"`
			Replies int  `json:"replies"`
		} `json:"count"`
		Replies []json.RawMessage `json:"replies"`
	}
	var d struct {
		Comments []json.RawMessage `json:"comments"`
		Meta     struct {
			Pagination struct {
				Pages int `json:"pages"`
				Total int `json:"total"`
			} `json:"pagination"`
		} `json:"meta"`
	}
	p := GhostPage{Replies: map[string]int{}}
	if err := decodeObject(body, &d); err != nil {
		return p, fmt.Errorf("ghost comments: %w", err)
	}
	p.Pages, p.Total = d.Meta.Pagination.Pages, d.Meta.Pagination.Total
	var walk func(raws []json.RawMessage, parent string, depth int)
	walk = func(raws []json.RawMessage, parent string, depth int) {
		if depth > 50 {
			return
		}
		for _, raw := range raws {
			var k gcomment
			if json.Unmarshal(raw, &k) != nil || k.ID == "" {
				continue
			}
			c := strata.Comment{ID: k.ID, ParentID: k.ParentID, Type: strata.CommentTypeComment, Score: k.Count.Likes, PostedAtText: k.Created}
			if c.ParentID == "" {
				c.ParentID = parent
			}
			if k.Member != nil {
				c.Author = k.Member.Name
			}
			c.PostedAt = parseISO(k.Created)
			if k.Status == "" || k.Status == "published" {
				c.Text, c.HTML = FragmentText(k.HTML)
			}
			p.Comments = append(p.Comments, c)
			if k.Count.Replies > len(k.Replies) {
				p.Replies[k.ID] = k.Count.Replies
			}
			walk(k.Replies, k.ID, depth+1)
		}
	}
	walk(d.Comments, "", 0)
	return p, nil
}

// decodeObject unmarshals a JSON object reply, telling a non-JSON reply
// (an HTML error page) apart.
func decodeObject(body []byte, v any) error {
	body = bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(body) == 0 || body[0] != '{' {
		return ErrNotJSON
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("decode reply: %w", err)
	}
	return nil
}
