package comments

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	wpdTextSkip = anyClass(".wpdiscuz-readmore, .wpd-inline-feedback-wrapper, .wc_held_for_moderate")
	anyLink     = cascadia.MustCompile("a[href]")

	replyCount     = regexp.MustCompile(`\((\d+)\)`)
	firstLoadAJAX  = regexp.MustCompile(`"firstLoadWithAjax"\s*:\s*"?(\d)`)
	wpdParentParam = regexp.MustCompile(`(?:wpdParentID=|parentId=)(\d+)`)
)

// isWpdItem reports whether n is a wpDiscuz comment wrapper.
func isWpdItem(n *html.Node) bool {
	id, ok := attr(n, "id")
	if !ok || !(strings.HasPrefix(id, "wpd-comm-") || strings.HasPrefix(id, "wc-comm-")) {
		return false
	}
	_, _, ok = wpdItemID(strings.TrimSpace(id))
	return ok
}

// ParseWpDiscuzHTML reads the comment wrappers of wpDiscuz markup, such
// as the comment_list HTML of a wpdLoadMoreComments or wpdShowReplies AJAX
// reply, and returns the comments in thread order (see Merge).
//
// pageURL resolves relative author links and may be nil. site is the
// site's UTC offset (see SiteLocation) for the zone-less dates wpDiscuz
// shows; with nil, PostedAt stays nil and PostedAtText holds the date.
func ParseWpDiscuzHTML(fragment string, pageURL *url.URL, site *time.Location) []strata.Comment {
	root, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return []strata.Comment{}
	}
	cs, _ := wpdComments(scanTree(root).wpd, pageURL, dater{site: site})
	return Merge(cs, nil)
}

// wpdComments reads the wpDiscuz wrappers in document order. collapsed
// maps the ID of a comment whose replies are folded away to the number of
// replies its toggle announces.
func wpdComments(items []item, base *url.URL, d dater) (cs []strata.Comment, collapsed map[string]int) {
	collapsed = map[string]int{}
	for _, it := range items {
		c, n := wpdComment(it, base, d)
		cs = append(cs, c)
		if n > 0 {
			collapsed[c.ID] = n
		}
	}
	return cs, collapsed
}

// wpdParts are the elements of one wpDiscuz comment, found in a single
// walk that stops at nested replies. Each part has a v7 class (wpd-…) and
// a v4/v5 one (wc-…).
type wpdParts struct {
	author, label, date, text *html.Node
	votes, toggles            []*html.Node
	trackbackAvatar           bool
}

func wpdPartsOf(n *html.Node) wpdParts {
	var p wpdParts
	first := func(dst **html.Node, k *html.Node) {
		if *dst == nil {
			*dst = k
		}
	}
	walkOwn(n, isWpdItem, func(k *html.Node) bool {
		if k.DataAtom == atom.Img && attrVal(k, "alt") == "trackback" {
			p.trackbackAvatar = true
		}
		cls, ok := attr(k, "class")
		if !ok {
			return true
		}
		// An element is one part at most: the first class that names a
		// part decides.
		for _, c := range strings.Fields(cls) {
			switch c {
			case "wpd-comment-author", "wc-comment-author":
				first(&p.author, k)
			case "wpd-comment-label", "wc-comment-label":
				first(&p.label, k)
			case "wpd-comment-date", "wc-comment-date":
				first(&p.date, k)
			case "wpd-comment-text", "wc-comment-text":
				first(&p.text, k)
			case "wpd-vote-result", "wc-vote-result":
				p.votes = append(p.votes, k)
			case "wpd-toggle", "wc-toggle":
				p.toggles = append(p.toggles, k)
			default:
				continue
			}
			break
		}
		return true
	})
	return p
}

// wpdComment reads one wrapper. It also returns the reply count of a
// "View Replies (N)" toggle, 0 when there is none.
func wpdComment(it item, base *url.URL, d dater) (strata.Comment, int) {
	n := it.node
	p := wpdPartsOf(n)
	c := strata.Comment{ID: it.id, ParentID: it.parent, Type: strata.CommentTypeComment}

	if p.author != nil {
		if link := firstOwn(p.author, anyLink, nil); link != nil {
			c.AuthorURL = resolve(base, attrVal(link, "href"))
			c.Author = oneLine(link, nil)
		}
		if c.Author == "" {
			c.Author = oneLine(p.author, nil)
		}
	}
	if p.label != nil {
		c.Label = oneLine(p.label, nil)
		if c.Label == "" {
			c.Label = collapseLine(attrVal(p.label, "wpd-tooltip"))
		}
	}
	if p.date != nil {
		// v7 puts the absolute local date in title and shows a relative
		// one; v4/v5 show one or the other, without a title.
		c.PostedAtText = collapseLine(attrVal(p.date, "title"))
		if c.PostedAtText == "" {
			c.PostedAtText = oneLine(p.date, nil)
		}
		c.PostedAt = d.at(c.PostedAtText)
	}
	if p.text != nil {
		c.Text = textOf([]*html.Node{p.text}, wpdTextSkip)
		c.HTML = innerHTML(p.text)
	}
	c.Score = wpdScore(p.votes)

	switch {
	case hasClass(n, "pingback"):
		c.Type = strata.CommentTypePingback
	case hasClass(n, "trackback"):
		c.Type = strata.CommentTypeTrackback
	case p.trackbackAvatar:
		// v4/v5 print no type class; pings only differ by the shared
		// trackback avatar. Pingbacks are by far the more common kind.
		c.Type = strata.CommentTypePingback
	}

	replies := 0
	for _, tg := range p.toggles {
		if m := replyCount.FindStringSubmatch(oneLine(tg, nil)); m != nil {
			if v, err := strconv.Atoi(m[1]); err == nil && v > replies {
				replies = v
			}
		}
	}
	return c, replies
}

// wpdScore reads the vote results: one net figure, or a like and a
// dislike figure (the dislike shown as a negative number) summed as net.
// The title attribute holds the exact integer; the text may be shortened
// ("1.2K") and is used only when it is a plain integer.
func wpdScore(results []*html.Node) *int {
	var like, dislike, net *int
	for _, r := range results {
		v, ok := voteValue(r)
		if !ok {
			continue
		}
		switch {
		case hasClass(r, "wpd-vote-result-like") || hasClass(r, "wc-vote-result-like"):
			if like == nil {
				like = &v
			}
		case hasClass(r, "wpd-vote-result-dislike") || hasClass(r, "wc-vote-result-dislike"):
			if dislike == nil {
				dislike = &v
			}
		default:
			if net == nil {
				net = &v
			}
		}
	}
	if like == nil && dislike == nil {
		return net
	}
	s := 0
	if like != nil {
		s += *like
	}
	if dislike != nil {
		// v7 prints -dislikes, v5 the plain count; either way it counts down.
		if *dislike > 0 {
			s -= *dislike
		} else {
			s += *dislike
		}
	}
	return &s
}

func voteValue(n *html.Node) (int, bool) {
	for _, s := range []string{attrVal(n, "title"), oneLine(n, nil)} {
		s = strings.TrimPrefix(s, "+")
		if v, err := strconv.Atoi(s); err == nil && len(s) < 12 {
			return v, true
		}
	}
	return 0, false
}

// collapseLine collapses white space in s to single spaces and trims.
func collapseLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// wpdLoadMarkers are the elements that tell whether and where wpDiscuz
// continues: the v7 button and state span, v4/v5 link, button and input,
// and the "View Comments" button of pages that load the first batch by
// AJAX.
const wpdLoadMarkers = ".wpd-load-more-submit, .wc-load-more-link, .wc-load-more-submit, #wpdiscuzHasMoreComments, button.wpd-load-comments"

// wpdBatches reads the wpDiscuz signals that more comments exist than the
// page holds: the load-more state and the ID to continue after, and
// whether the first batch itself is loaded by AJAX.
func wpdBatches(f finder, s *scan) (more bool, lastParent string, ajaxFirst bool) {
	var state *html.Node // #wpdiscuzHasMoreComments
	linkParent := ""     // from v4's no-JS link {permalink}?wpdParentID={ID}
	loadMoreLink := false
	for _, n := range f.find(qWpdLoadMarkers).Nodes {
		switch {
		case attrVal(n, "id") == "wpdiscuzHasMoreComments":
			if state == nil {
				state = n
			}
		case hasClass(n, "wpd-load-comments"):
			ajaxFirst = true
		default:
			if v, ok := attr(n, "data-lastparentid"); ok && lastParent == "" && isDigits(strings.TrimSpace(v)) {
				lastParent = strings.TrimSpace(v)
			}
			if hasClass(n, "wc-load-more-link") || hasClass(n, "wc-load-more-submit") {
				loadMoreLink = true
			}
			if m := wpdParentParam.FindStringSubmatch(attrVal(n, "href")); m != nil && linkParent == "" {
				linkParent = m[1]
			}
		}
	}
	if lastParent == "" {
		lastParent = linkParent
	}
	if state != nil {
		v, ok := attr(state, "data-is_show_load_more")
		if !ok {
			v, _ = attr(state, "value")
		}
		v = strings.TrimSpace(v)
		more = v == "1" || strings.EqualFold(v, "true")
	} else {
		more = (lastParent != "" && lastParent != "0") || loadMoreLink
	}
	switch s.scriptMatch(firstLoadAJAX) {
	case "1", "2":
		ajaxFirst = true
	}
	return more, lastParent, ajaxFirst
}
