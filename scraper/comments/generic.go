package comments

import (
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/andybalholm/cascadia"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// SystemGeneric names comments found by their markup alone, on a page
// whose comment system strata does not know.
const SystemGeneric = "generic"

var (
	// genericItemToken matches a class token or id that names one
	// comment: comment, comment-item, kommentar-item, leserbrief,
	// xenforo-comment, mo-comment-card, comment-main-level …
	genericItemToken = regexp.MustCompile(`(?i)^(?:[a-z0-9]+[-_])*(?:comment|kommentar|leserbrief|leserkommentar|reaction|posting|rev|coventry|forumcomment)(?:s?[-_]?(?:item|entry|box|card|con|wrap|wrapper|container|main-level|level|single|block|sub|\d+))?$`)
	// genericItemID matches the stem of an id that numbers comments:
	// comment1234, kommentar_1234, bb_message_1234.
	genericItemID = regexp.MustCompile(`(?i)^(?:[a-z0-9]+[-_])*(?:comment|kommentar|leserbrief|message|msg|post|posting|beitrag|reply|antwort|answer)[-_]?$`)
	// genericNotItem are the parts of a comment or of the comment area
	// that the item pattern would also match.
	genericNotItem = regexp.MustCompile(`(?i)(?:text|body|content|meta|author|date|time|form|count|counter|header|footer|list|lists|area|section|title|link|button|btn|icon|number|nav|navigation|pagination|respond|reply-?link|teaser|widget|wrapper-nid|tools|actions|rating|stars|avatar|headline|intro|info|label|summary|sort|filter|bar|tab|tabs|login|policy|rules|guidelines|notice|disabled|closed)$`)
	genericAuthor  = cascadia.MustCompile(`[itemprop="author"], .author, .comment-author, .comment_author, .username, .user-name, .user, .name, .nick, .nickname, cite, .fn, [class*="author"], [class*="user"], [class*="Author"], [class*="User"], [class*="benutzer"], [class*="nutzer"], [class*="autor"], [class*="auteur"], [class*="pseudo"]`)
	genericDate    = cascadia.MustCompile(`time[datetime], [itemprop="dateCreated"], [itemprop="datePublished"], [class*="date"], [class*="time"], [class*="Date"], [class*="Time"], [class*="datum"], [class*="zeit"]`)
	genericText    = cascadia.MustCompile(`[itemprop="text"], [itemprop="reviewBody"], [itemprop="commentText"], [class*="text"], [class*="Text"], [class*="body"], [class*="Body"], [class*="content"], [class*="Content"], [class*="message"], [class*="Message"], blockquote`)
	genericSkip    = cascadia.MustCompile(`form, button, nav, [class*="reply"], [class*="Reply"], [class*="share"], [class*="vote"], [class*="like"], [class*="report"], [class*="action"], [class*="avatar"], .screen-reader-text`)
	genericDigits  = regexp.MustCompile(`(\d{2,})`)
	articleMarker  = cascadia.MustCompile(`h1, .entry-content, [itemprop="articleBody"], .post-body, .post-content, .article-body, .article__body`)
)

// genericThread finds the comments of a page whose comment system is not
// known, by their markup: the elements whose class or id names one
// comment ("comment-item", "kommentar-item", "leserbrief" …), taking the
// name that the most elements with text share. A comment inside another
// is a reply to it. Author, date and text come from the usual class names
// inside each. tops are the elements of the top-level comments (their
// replies inside them), in page order.
func genericThread(root *html.Node, base *url.URL, d dater) (cs []strata.Comment, tops []*html.Node) {
	if root == nil {
		return nil, nil
	}
	byToken := map[string][]*html.Node{}
	walkOwn(root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Button, atom.Select, atom.Textarea, atom.Svg:
			return n.DataAtom != atom.Noscript // noscript fallbacks may hold comments
		}
		return false
	}, func(n *html.Node) bool {
		for _, tok := range itemTokens(n) {
			byToken[tok] = append(byToken[tok], n)
		}
		return true
	})
	type cand struct {
		token string
		nodes []*html.Node
		text  int
	}
	var cands []cand
	for tok, nodes := range byToken {
		var kept []*html.Node
		text := 0
		for _, n := range nodes {
			if articleMarker.MatchFirst(n) != nil || insideArticle(n) {
				continue
			}
			all := oneLine(n, genericSkip)
			if len(all) < 20 || linkDensity(n, len(all)) > 0.5 {
				// Too short, or a teaser linking elsewhere ("latest
				// comments" boxes).
				continue
			}
			kept = append(kept, n)
			text += len(all)
		}
		if len(kept) == 0 || (len(kept) == 1 && !(inCommentArea(kept[0]) && hasByline(kept[0]))) {
			// A lone element counts only inside a comment area and with
			// an author or a date: notices ("log in to comment") do not.
			continue
		}
		cands = append(cands, cand{tok, kept, text})
	}
	if len(cands) == 0 {
		return nil, nil
	}
	sort.Slice(cands, func(a, b int) bool {
		if len(cands[a].nodes) != len(cands[b].nodes) {
			return len(cands[a].nodes) > len(cands[b].nodes)
		}
		if cands[a].text != cands[b].text {
			return cands[a].text > cands[b].text
		}
		return cands[a].token < cands[b].token
	})
	items := cands[0].nodes
	isItem := map[*html.Node]bool{}
	for _, n := range items {
		isItem[n] = true
	}
	stop := func(k *html.Node) bool { return isItem[k] }
	ids := map[*html.Node]string{}
	for i, n := range items {
		c := strata.Comment{Type: strata.CommentTypeComment}
		if m := genericDigits.FindStringSubmatch(attrVal(n, "id")); m != nil {
			c.ID = m[1]
		}
		if c.ID == "" {
			c.ID = "g" + itoa(i+1)
		}
		ids[n] = c.ID
		var parent *html.Node
		for p := n.Parent; p != nil; p = p.Parent {
			if isItem[p] {
				parent = p
				c.ParentID = ids[p]
				break
			}
		}
		if parent == nil {
			tops = append(tops, n)
		}
		var author, date *html.Node
		if a := firstOwn(n, genericAuthor, stop); a != nil {
			if name := oneLine(a, genericDate); len(name) <= 80 {
				c.Author = name
				c.AuthorURL = linkOf(a, base)
				author = a
			}
		}
		if dt := firstOwn(n, genericDate, stop); dt != nil {
			c.PostedAtText = attrVal(dt, "datetime")
			if c.PostedAtText == "" {
				c.PostedAtText = oneLine(dt, nil)
			}
			if len(c.PostedAtText) > 80 {
				c.PostedAtText = ""
			} else {
				date = dt
			}
			c.PostedAt = d.at(c.PostedAtText)
		}
		// The text: the longest text-like part of the comment, without
		// author, date, chrome and replies.
		skip := cascadia.Selector(func(k *html.Node) bool {
			return isItem[k] || k == author || k == date || genericSkip.Match(k)
		})
		var textNode *html.Node
		best := 0
		walkOwn(n, stop, func(k *html.Node) bool {
			if k == author || k == date || !genericText.Match(k) || genericAuthor.Match(k) || genericDate.Match(k) {
				return true
			}
			if l := len(oneLine(k, skip)); l > best {
				textNode, best = k, l
			}
			return true
		})
		own := ownChildren(n, isItem)
		c.Text, c.HTML = textOf(own, skip), renderNodes(own)
		if textNode != nil && 2*best >= len(oneLine(n, skip)) {
			// The text part holds most of the comment: leave out what
			// surrounds it (a title, a byline).
			c.Text, c.HTML = textOf([]*html.Node{textNode}, skip), innerHTML(textNode)
		}
		if c.Text == "" {
			continue
		}
		cs = append(cs, c)
	}
	return Merge(cs, nil), tops
}

// forumMarker matches the classes and ids of forum software, whose posts
// are the page's content rather than comments on it.
var forumMarker = regexp.MustCompile(`(?i)forum|xenforo|bbpress|vbulletin|phpbb|discussion-thread|message-list|postbit`)

// removable returns tops when leaving them out of the article is safe:
// the page holds more text outside them than inside (an article with
// comments, not a forum thread or a page of reviews), and they are not
// the posts of forum software. It returns nil otherwise.
func removable(root *html.Node, tops []*html.Node) []*html.Node {
	if len(tops) == 0 {
		return nil
	}
	inside := 0
	for _, n := range tops {
		inside += len(oneLine(n, nil))
		for p := n; p != nil; p = p.Parent {
			if forumMarker.MatchString(attrVal(p, "class") + " " + attrVal(p, "id")) {
				return nil
			}
		}
	}
	var body *html.Node
	walkOwn(root, nil, func(k *html.Node) bool {
		if k.DataAtom == atom.Body {
			body = k
			return false
		}
		return true
	})
	if body == nil {
		return nil
	}
	if len(oneLine(body, nil))-inside < inside {
		return nil
	}
	return tops
}

// itemTokens returns the class tokens and the id stem of n that name one
// comment. camelCase tokens are read as words ("MtnComment" as
// "mtn-comment").
func itemTokens(n *html.Node) []string {
	var out []string
	if v, ok := attr(n, "class"); ok {
		for _, tok := range strings.Fields(v) {
			w := camelWords(tok)
			if containsAny(w, itemTokenWords) && genericItemToken.MatchString(w) && !genericNotItem.MatchString(w) {
				out = append(out, "."+w)
			}
		}
	}
	if id := attrVal(n, "id"); id != "" {
		stem := strings.TrimRight(id, "0123456789")
		if stem != id && len(id)-len(stem) >= 2 {
			if w := camelWords(stem); containsAny(w, itemIDWords) && genericItemID.MatchString(w) {
				out = append(out, "#"+w)
			}
		}
	}
	return out
}

// itemTokenWords and itemIDWords are the words genericItemToken and
// genericItemID require: a cheap test before the regular expression, which
// most class names and ids of a page fail.
var (
	itemTokenWords = []string{"comment", "kommentar", "leserbrief", "reaction", "posting", "rev", "coventry"}
	itemIDWords    = []string{"comment", "kommentar", "leserbrief", "message", "msg", "post", "beitrag", "reply", "antwort", "answer"}
)

// containsAny reports whether the lower-case s contains one of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// camelWords lower-cases s and puts a dash between camelCase words.
func camelWords(s string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range s {
		upper := r >= 'A' && r <= 'Z'
		if upper && prevLower {
			b.WriteByte('-')
		}
		prevLower = r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if upper {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// inCommentArea reports whether an ancestor of n is named as a comment
// area (id or class containing "comment" or "kommentar").
func inCommentArea(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		v := strings.ToLower(attrVal(p, "id") + " " + attrVal(p, "class"))
		if strings.Contains(v, "comment") || strings.Contains(v, "kommentar") {
			return true
		}
	}
	return false
}

// hasByline reports whether n holds an author or a date element.
func hasByline(n *html.Node) bool {
	return firstOwn(n, genericAuthor, nil) != nil || firstOwn(n, genericDate, nil) != nil
}

// insideArticle reports whether n lies in the article's body container
// (.entry-content, [itemprop=articleBody] …): parts of the article, such
// as an editor's reviews, not comments on it.
func insideArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom != atom.H1 && articleMarker.Match(p) {
			return true
		}
	}
	return false
}

// linkDensity is the share of n's text (of length total) inside links.
func linkDensity(n *html.Node, total int) float64 {
	if total == 0 {
		return 0
	}
	in := 0
	for _, a := range findOwn(n, anyLink, nil) {
		in += len(oneLine(a, nil))
	}
	return float64(in) / float64(total)
}

// ownChildren are n's children that are not comment items.
func ownChildren(n *html.Node, isItem map[*html.Node]bool) []*html.Node {
	var out []*html.Node
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if !isItem[k] {
			out = append(out, k)
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
