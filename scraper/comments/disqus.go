package comments

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
)

// Disqus names a Disqus thread as the article page configures it.
type Disqus struct {
	// Shortname is the forum (disqus_shortname, the {SHORTNAME} of
	// embed.js, embedVars.disqusShortname).
	Shortname string
	// Identifier is disqus_identifier or this.page.identifier, "" when
	// the page sets none (Disqus then goes by the URL).
	Identifier string
	// URL is disqus_url or this.page.url, else the page's canonical URL.
	URL string
	// Title is disqus_title or this.page.title, if set.
	Title string
}

var (
	dsqShortVar = regexp.MustCompile(`(?:disqus_shortname|disqusShortname|shortname)["']?\s*[:=]\s*(["'])([A-Za-z0-9_-]+)["']`)
	dsqEmbedJS  = regexp.MustCompile(`(?:https?:)?//(?:([A-Za-z0-9_-]+)\.disqus\.com/embed\.js|disqus\.com/forums/([A-Za-z0-9_-]+)/embed\.js)`)
	dsqIdent    = regexp.MustCompile(`(?:disqus_identifier|disqusIdentifier|page\.identifier)["']?\s*[:=]\s*(["'])((?:\\.|[^\\])*?)["']`)
	dsqURL      = regexp.MustCompile(`(?:disqus_url|disqusUrl|page\.url|disqus_blogger_current_url)["']?\s*[:=]\s*(["'])((?:\\.|[^\\])*?)["']`)
	dsqTitle    = regexp.MustCompile(`(?:disqus_title|disqusTitle|page\.title)["']?\s*[:=]\s*(["'])((?:\\.|[^\\])*?)["']`)
)

// FindDisqus reads the Disqus configuration of the page: the classic
// disqus_* variables, a disqus_config function, the WordPress plugin's
// embedVars and the embed.js URL. ok is false when no shortname is found.
func FindDisqus(doc *goquery.Document, pageURL *url.URL) (d Disqus, ok bool) {
	f := finder{doc: doc}
	if doc == nil {
		return d, false
	}
	f.find(qScript).Each(func(_ int, s *goquery.Selection) {
		if src, ok := s.Attr("src"); ok && d.Shortname == "" {
			if m := dsqEmbedJS.FindStringSubmatch(src); m != nil {
				d.Shortname = m[1] + m[2]
			}
		}
		text := s.Text()
		if !strings.Contains(strings.ToLower(text), "disqus") {
			return
		}
		if d.Shortname == "" {
			if m := dsqShortVar.FindStringSubmatch(text); m != nil {
				d.Shortname = m[2]
			} else if m := dsqEmbedJS.FindStringSubmatch(text); m != nil {
				d.Shortname = m[1] + m[2]
			}
		}
		pick := func(dst *string, re *regexp.Regexp) {
			if *dst != "" {
				return
			}
			for _, m := range re.FindAllStringSubmatch(text, -1) {
				// this.page.url = PAGE_URL placeholders of the install
				// snippet are not values.
				if v := strings.TrimSpace(jsUnquote(m[2])); v != "" && !strings.Contains(v, "PAGE_") {
					*dst = v
					return
				}
			}
		}
		pick(&d.Identifier, dsqIdent)
		pick(&d.URL, dsqURL)
		pick(&d.Title, dsqTitle)
	})
	if d.Identifier == "" {
		d.Identifier = strings.TrimSpace(f.find(qDsqIdentifier).First().AttrOr("data-dsqidentifier", ""))
	}
	if d.URL != "" {
		d.URL = resolve(pageURL, d.URL)
	}
	if d.URL == "" {
		if href, ok := f.find(qCanonical).First().Attr("href"); ok {
			d.URL = resolve(pageURL, href)
		}
	}
	if d.URL == "" && pageURL != nil {
		u := *pageURL
		u.Fragment = ""
		d.URL = u.String()
	}
	return d, d.Shortname != ""
}

// jsUnquote undoes the escapes of a JavaScript or JSON string literal's
// body: \/ \" \' \\ \n and \uXXXX.
func jsUnquote(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var out string
	if json.Unmarshal([]byte(`"`+strings.ReplaceAll(s, `\'`, `'`)+`"`), &out) == nil {
		return out
	}
	return strings.NewReplacer(`\/`, `/`, `\"`, `"`, `\'`, `'`, `\\`, `\`).Replace(s)
}

// DisqusPage is one page of a Disqus thread: the embed page's
// disqus-threadData, or a threads/listPostsThreaded reply.
type DisqusPage struct {
	// ThreadID is the thread's numeric ID (only the embed page says it).
	ThreadID string
	// Total is the thread's post count (thread.posts), nil when unknown.
	Total *int
	// Order is the sort the page was made in ("popular", "desc", "asc"),
	// "" when the reply does not say.
	Order string
	// Comments are the posts of the page, in the order given.
	Comments []strata.Comment
	// HasNext and Next are the cursor: further pages exist, and the cursor
	// value that asks for the next one.
	HasNext bool
	Next    string
	// APIKey is a public API key the embed page names, if any.
	APIKey string
}

// ErrNoThreadData means the Disqus embed page holds no disqus-threadData.
var ErrNoThreadData = errors.New("disqus embed page holds no thread data")

var dsqAPIKey = regexp.MustCompile(`api_key["']?\s*[:=]\s*["']?([A-Za-z0-9]{40,80})`)

// ParseDisqusEmbed reads the HTML of https://disqus.com/embed/comments/:
// the JSON of <script id="disqus-threadData">.
func ParseDisqusEmbed(body []byte) (DisqusPage, error) {
	var p DisqusPage
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return p, fmt.Errorf("parse disqus embed: %w", err)
	}
	var data string
	walkOwn(root, nil, func(n *html.Node) bool {
		if isElement(n, "script") && attrVal(n, "id") == "disqus-threadData" {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				data += c.Data
			}
			return false
		}
		return true
	})
	if strings.TrimSpace(data) == "" {
		return p, ErrNoThreadData
	}
	var d struct {
		Code     flexString   `json:"code"`
		Cursor   disqusCursor `json:"cursor"`
		Response struct {
			Thread struct {
				ID    flexString  `json:"id"`
				Posts *flexString `json:"posts"`
			} `json:"thread"`
			Order string       `json:"order"`
			Posts []disqusPost `json:"posts"`
		} `json:"response"`
	}
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return p, fmt.Errorf("decode disqus thread data: %w", err)
	}
	if c := string(d.Code); c != "" && c != "0" {
		return p, fmt.Errorf("disqus thread data has error code %s", c)
	}
	p.ThreadID = string(d.Response.Thread.ID)
	if d.Response.Thread.Posts != nil {
		if n, ok := smallInt(string(*d.Response.Thread.Posts)); ok {
			p.Total = &n
		}
	}
	p.Order = d.Response.Order
	p.HasNext, p.Next = bool(d.Cursor.HasNext), d.Cursor.Next
	p.Comments = disqusComments(d.Response.Posts)
	if m := dsqAPIKey.FindSubmatch(body); m != nil {
		p.APIKey = string(m[1])
	}
	return p, nil
}

// ParseDisqusPosts reads a reply of the Disqus API's
// threads/listPostsThreaded (or threads/listPosts).
func ParseDisqusPosts(body []byte) (DisqusPage, error) {
	var p DisqusPage
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return p, ErrNotJSON
	}
	var d struct {
		Code     flexString      `json:"code"`
		Cursor   disqusCursor    `json:"cursor"`
		Response json.RawMessage `json:"response"`
	}
	if err := json.Unmarshal(body, &d); err != nil {
		return p, fmt.Errorf("decode disqus reply: %w", err)
	}
	if c := string(d.Code); c != "" && c != "0" {
		var msg string
		_ = json.Unmarshal(d.Response, &msg)
		return p, fmt.Errorf("disqus api error %s: %.100s", c, msg)
	}
	var posts []disqusPost
	if err := json.Unmarshal(d.Response, &posts); err != nil {
		return p, fmt.Errorf("decode disqus posts: %w", err)
	}
	p.HasNext, p.Next = bool(d.Cursor.HasNext), d.Cursor.Next
	p.Comments = disqusComments(posts)
	return p, nil
}

type disqusCursor struct {
	HasNext flexBool `json:"hasNext"`
	Next    string   `json:"next"`
}

type disqusPost struct {
	ID        flexString `json:"id"`
	Parent    flexString `json:"parent"`
	CreatedAt string     `json:"createdAt"`
	Message   string     `json:"message"`
	Likes     *int       `json:"likes"`
	Dislikes  *int       `json:"dislikes"`
	IsDeleted bool       `json:"isDeleted"`
	IsSpam    bool       `json:"isSpam"`
	Author    struct {
		Name       string `json:"name"`
		Username   string `json:"username"`
		ProfileURL string `json:"profileUrl"`
		URL        string `json:"url"`
	} `json:"author"`
}

func disqusComments(posts []disqusPost) []strata.Comment {
	out := make([]strata.Comment, 0, len(posts))
	for _, p := range posts {
		if p.ID == "" || p.IsSpam {
			continue
		}
		c := strata.Comment{
			ID:           string(p.ID),
			ParentID:     string(p.Parent),
			Author:       collapseLine(p.Author.Name),
			PostedAtText: strings.TrimSpace(p.CreatedAt),
			Type:         strata.CommentTypeComment,
		}
		if c.Author == "" {
			c.Author = p.Author.Username
		}
		c.AuthorURL = resolve(nil, p.Author.ProfileURL)
		if c.AuthorURL == "" {
			c.AuthorURL = resolve(nil, p.Author.URL)
		}
		if at, ok := parseNaive(p.CreatedAt); ok {
			c.PostedAt = &at
		}
		if !p.IsDeleted {
			c.Text, c.HTML = FragmentText(p.Message)
		}
		if p.Likes != nil || p.Dislikes != nil {
			s := 0
			if p.Likes != nil {
				s += *p.Likes
			}
			if p.Dislikes != nil {
				s -= *p.Dislikes
			}
			c.Score = &s
		}
		out = append(out, c)
	}
	return out
}
