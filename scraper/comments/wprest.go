package comments

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// RESTRoot returns the root of the WordPress REST API that the page
// advertises: <link rel="https://api.w.org/"> in the head, else the
// matching Link header of the response. It is "" when neither is there;
// sites that remove the link usually block the API too.
func RESTRoot(doc *goquery.Document, header http.Header, pageURL *url.URL) string {
	f := finder{doc: doc}
	if doc != nil {
		if href, ok := f.find(qRESTLink).First().Attr("href"); ok {
			if u := resolve(pageURL, href); u != "" {
				return u
			}
		}
	}
	for _, v := range header.Values("Link") {
		for _, part := range strings.Split(v, ",") {
			target, params, ok := strings.Cut(part, ";")
			if !ok || !strings.Contains(params, "https://api.w.org/") {
				continue
			}
			target = strings.Trim(strings.TrimSpace(target), "<>")
			if u := resolve(pageURL, target); u != "" {
				return u
			}
		}
	}
	return ""
}

// RESTCommentsURL returns the URL of page n (from 1) of the approved
// comments of post postID under the REST root: per_page comments ordered
// by ascending ID, the stable order for paging. A root of the plain
// permalink form (/?rest_route=/) keeps that form.
func RESTCommentsURL(root, postID string, n, perPage int) string {
	u, err := url.Parse(root)
	if err != nil {
		return ""
	}
	q := u.Query()
	if route, ok := q["rest_route"]; ok && len(route) > 0 {
		q.Set("rest_route", strings.TrimSuffix(route[0], "/")+"/wp/v2/comments")
	} else {
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		u.Path += "wp/v2/comments"
	}
	q.Set("post", postID)
	q.Set("per_page", strconv.Itoa(perPage))
	q.Set("page", strconv.Itoa(n))
	q.Set("orderby", "id")
	q.Set("order", "asc")
	u.RawQuery = q.Encode()
	return u.String()
}

// RESTError is the error object the WordPress REST API answers with, such
// as {"code":"rest_forbidden","data":{"status":401}}.
type RESTError struct {
	Code    string
	Message string
	Status  int
}

func (e *RESTError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("rest api error %s (status %d)", e.Code, e.Status)
	}
	return "rest api error " + e.Code
}

// ErrNotJSON means a reply that should be JSON is not: often an HTML
// error page, or a site answering every path with its front page.
var ErrNotJSON = errors.New("reply is not JSON")

// RESTComment is one comment of a /wp/v2/comments reply.
type RESTComment struct {
	strata.Comment
	// Offset is the site's UTC offset when the comment was posted (date
	// minus date_gmt), nil when the reply lacks either date.
	Offset *time.Duration
}

// ParseWPREST reads one page of /wp/v2/comments. PostedAt comes from
// date_gmt and is exact; PostedAtText is left empty, since REST has no
// date as the page shows it. base resolves relative links and may be nil.
// A REST error object comes back as a *RESTError.
func ParseWPREST(body []byte, base *url.URL) ([]RESTComment, error) {
	body = bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(body) == 0 || (body[0] != '[' && body[0] != '{') {
		return nil, ErrNotJSON
	}
	if body[0] == '{' {
		var e struct {
			Code    string `json:"code"`
			Message string `json:"message"`
			Data    struct {
				Status int `json:"status"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &e); err != nil {
			return nil, fmt.Errorf("decode rest reply: %w", err)
		}
		if e.Code == "" {
			return nil, errors.New("rest reply is an object, not a list of comments")
		}
		return nil, &RESTError{Code: e.Code, Message: e.Message, Status: e.Data.Status}
	}
	var items []struct {
		ID         flexString `json:"id"`
		Parent     flexString `json:"parent"`
		AuthorName string     `json:"author_name"`
		AuthorURL  string     `json:"author_url"`
		Date       string     `json:"date"`
		DateGMT    string     `json:"date_gmt"`
		Content    struct {
			Rendered string `json:"rendered"`
		} `json:"content"`
		Type string `json:"type"`
	}
	if err := json.Unmarshal(body, &items); err != nil {
		return nil, fmt.Errorf("decode rest comments: %w", err)
	}
	out := make([]RESTComment, 0, len(items))
	for _, it := range items {
		id := string(it.ID)
		if !isDigits(id) {
			continue
		}
		parent := string(it.Parent)
		if parent == "0" || !isDigits(parent) {
			parent = ""
		}
		c := strata.Comment{
			ID:        id,
			ParentID:  parent,
			Author:    collapseLine(html.UnescapeString(it.AuthorName)),
			AuthorURL: resolve(base, it.AuthorURL),
			Type:      restType(it.Type),
		}
		c.Text, c.HTML = FragmentText(it.Content.Rendered)
		rc := RESTComment{Comment: c}
		gmt, gmtOK := parseNaive(it.DateGMT)
		if gmtOK {
			at := gmt
			rc.PostedAt = &at
		}
		if local, ok := parseNaive(it.Date); ok && gmtOK {
			off := local.Sub(gmt)
			if off > -15*time.Hour && off < 15*time.Hour {
				rc.Offset = &off
			}
		}
		out = append(out, rc)
	}
	return out, nil
}

// restType maps a REST comment type to a strata one.
func restType(t string) string {
	switch t {
	case strata.CommentTypePingback, strata.CommentTypeTrackback:
		return t
	}
	return strata.CommentTypeComment
}

// parseNaive reads a zone-less ISO 8601 time (as REST and Disqus print
// them) as UTC; a trailing Z or offset is accepted too.
func parseNaive(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}

// FragmentText returns the readable text of an HTML fragment (a comment's
// rendered content from an API), in the form Parse gives comment texts:
// paragraphs separated by a blank line, <br> as a line break. It also
// returns the fragment's markup, trimmed.
func FragmentText(fragment string) (text, markup string) {
	fragment = strings.TrimSpace(fragment)
	if fragment == "" {
		return "", ""
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return "", fragment
	}
	return textOf(nodes, nil), renderNodes(nodes)
}

// flexString decodes a JSON string or number as its text.
type flexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(strings.TrimSpace(s))
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*f = flexString(n.String())
	}
	return nil
}

// flexBool decodes true/false, 1/0, "1"/"0", "true"/"false".
type flexBool bool

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexBool) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	switch strings.ToLower(s) {
	case "true", "1":
		*f = true
	case "false", "0", "", "null":
		*f = false
	default:
		return fmt.Errorf("not a boolean: %s", b)
	}
	return nil
}
