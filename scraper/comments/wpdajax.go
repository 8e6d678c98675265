package comments

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
)

// WpDiscuz holds what a page tells about its wpDiscuz installation, for
// the AJAX calls that fetch the rest of a thread.
type WpDiscuz struct {
	// AjaxURL is wpdiscuzAjaxObj.url, else {origin}/wp-admin/admin-ajax.php.
	AjaxURL string
	// Version is wpdiscuzAjaxObj.version or the ?ver= of wpdiscuz.js, ""
	// when the page shows neither.
	Version string
	// Legacy is true for wpDiscuz 4 and 5 (wc-comm-… wrappers or a
	// version below 7), whose actions have other names and reply without
	// the success wrapper.
	Legacy bool
	// Order is "asc" or "desc": the sort the page shows (the active sort
	// button), which the keyset of load-more follows. "" when not shown.
	Order string
}

var (
	wpdObjURL     = regexp.MustCompile(`"url"\s*:\s*"((?:[^"\\]|\\.)*)"`)
	wpdObjVersion = regexp.MustCompile(`"version"\s*:\s*"([0-9][0-9.]*)"`)
	wpdScriptVer  = regexp.MustCompile(`wpdiscuz[^"'?]*\.js\?ver=([0-9][0-9.]*)`)
)

// FindWpDiscuz reads the wpDiscuz settings of the page.
func FindWpDiscuz(doc *goquery.Document, pageURL *url.URL) WpDiscuz {
	f := finder{doc: doc}
	var w WpDiscuz
	if doc == nil {
		return w
	}
	f.find(qScript).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if src, ok := s.Attr("src"); ok && w.Version == "" {
			if m := wpdScriptVer.FindStringSubmatch(src); m != nil {
				w.Version = m[1]
			}
		}
		text := s.Text()
		i := strings.Index(text, "wpdiscuzAjaxObj")
		if i < 0 {
			return true
		}
		obj := text[i:]
		if m := wpdObjURL.FindStringSubmatch(obj); m != nil && w.AjaxURL == "" {
			var u string
			if json.Unmarshal([]byte(`"`+m[1]+`"`), &u) == nil {
				w.AjaxURL = resolve(pageURL, u)
			}
		}
		if m := wpdObjVersion.FindStringSubmatch(obj); m != nil {
			w.Version = m[1]
		}
		return true
	})
	if w.AjaxURL == "" && pageURL != nil {
		w.AjaxURL = (&url.URL{Scheme: pageURL.Scheme, Host: pageURL.Host, Path: "/wp-admin/admin-ajax.php"}).String()
	}
	if w.Version != "" {
		w.Legacy = versionLess(w.Version, "7")
	} else {
		w.Legacy = f.find(qWcComm).Length() > 0 && f.find(qWpdComm).Length() == 0
	}
	switch f.find(qWpdSort).First().AttrOr("data-sorting", "") {
	case "oldest":
		w.Order = "asc"
	case "newest", "by_vote":
		w.Order = "desc"
	}
	return w
}

// NeedsNonce reports whether this wpDiscuz checks a nonce on load-more:
// version 7.6.45 and later, or an unknown version (the caller then asks
// for one and goes without when the action is unknown).
func (w WpDiscuz) NeedsNonce() bool {
	return w.Version == "" || !versionLess(w.Version, "7.6.45")
}

// versionLess compares dotted version numbers.
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(as), len(bs)); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			return x < y
		}
	}
	return false
}

// Errors of wpDiscuz AJAX replies.
var (
	// ErrWpdNonce means wpDiscuz refused the nonce ("Nonce is invalid.").
	ErrWpdNonce = errors.New("wpdiscuz refused the nonce")
	// ErrWpdUnknownAction means admin-ajax.php does not know the action
	// (it answers "0" or "-1"): an older or newer wpDiscuz, or none.
	ErrWpdUnknownAction = errors.New("wpdiscuz does not know the action")
)

// WpdBatch is the reply of a wpDiscuz load-more or show-replies action.
type WpdBatch struct {
	// HTML is comment_list: the comment wrappers of the batch.
	HTML string
	// More is is_show_load_more: further batches exist.
	More bool
	// LastParentID is last_parent_id, the keyset of the next call.
	LastParentID string
	// Count is comments_count when the reply carries it.
	Count *int
}

// ParseWpdAJAX reads the reply of wpdLoadMoreComments and wpdShowReplies
// (wpDiscuz 7: {"success":true,"data":{…}}) or of loadMoreComments and
// wpdiscuzShowReplies (4/5: the object without the wrapper).
func ParseWpdAJAX(body []byte) (WpdBatch, error) {
	var b WpdBatch
	data, err := wpdData(body)
	if err != nil {
		return b, err
	}
	var d struct {
		CommentList  *string    `json:"comment_list"`
		More         flexBool   `json:"is_show_load_more"`
		LastParentID flexString `json:"last_parent_id"`
		Count        flexString `json:"comments_count"`
		Message      *string    `json:"message"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return b, fmt.Errorf("decode wpdiscuz reply: %w", err)
	}
	switch {
	case d.CommentList != nil:
		b.HTML = *d.CommentList
	case d.Message != nil:
		b.HTML = *d.Message
	default:
		return b, errors.New("wpdiscuz reply holds no comment_list")
	}
	b.More = bool(d.More)
	if p := string(d.LastParentID); isDigits(p) {
		b.LastParentID = p
	}
	if n, ok := smallInt(string(d.Count)); ok {
		b.Count = &n
	}
	return b, nil
}

// ParseWpdNonce reads the reply of wpdGetNonce:
// {"success":true,"data":{"wpdiscuz_nonce":"…"}}.
func ParseWpdNonce(body []byte) (string, error) {
	data, err := wpdData(body)
	if err != nil {
		return "", err
	}
	var d struct {
		Nonce string `json:"wpdiscuz_nonce"`
	}
	if err := json.Unmarshal(data, &d); err != nil || d.Nonce == "" {
		var s string
		if json.Unmarshal(data, &s) == nil && s != "" {
			return s, nil
		}
		return "", errors.New("wpdiscuz nonce reply holds no nonce")
	}
	return d.Nonce, nil
}

// wpdData unwraps an admin-ajax.php reply: the data of a success wrapper,
// or the object itself for the unwrapped 4/5 form.
func wpdData(body []byte) (json.RawMessage, error) {
	body = bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	switch {
	case bytes.Contains(body, []byte("Nonce is invalid")):
		return nil, ErrWpdNonce
	case len(body) == 0, string(body) == "0", string(body) == "-1", string(body) == "400":
		return nil, ErrWpdUnknownAction
	case body[0] != '{':
		return nil, ErrNotJSON
	}
	var w struct {
		Success *bool           `json:"success"`
		Data    json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("decode wpdiscuz reply: %w", err)
	}
	if w.Success == nil {
		return json.RawMessage(body), nil
	}
	if !*w.Success {
		var msg string
		if json.Unmarshal(w.Data, &msg) == nil && strings.Contains(msg, "once") {
			return nil, ErrWpdNonce
		}
		return nil, fmt.Errorf("wpdiscuz answered success=false: %.80s", string(w.Data))
	}
	return w.Data, nil
}

// ParseWpDiscuzBatch is ParseWpDiscuzHTML that also returns, in thread
// order, the comments of the fragment whose replies are collapsed behind
// a "View Replies (N)" toggle and not included.
func ParseWpDiscuzBatch(fragment string, pageURL *url.URL, site *time.Location) ([]strata.Comment, []string) {
	root, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return []strata.Comment{}, nil
	}
	cs, collapsed := wpdComments(scanTree(root).wpd, pageURL, dater{site: site})
	cs = Merge(cs, nil)
	return cs, folded(cs, collapsed)
}
