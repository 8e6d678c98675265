package comments

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"github.com/strata-archive/strata"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// SystemDrupal names the comments of Drupal's core comment module, 7 and
// 8 and later, as its themes print them.
const SystemDrupal = "drupal"

// Parts of a Drupal comment. Drupal 7 prints div.comment with .submitted
// (a line "by NAME on DATE" holding .username), an h3 subject and .content;
// Drupal 8+ prints article.comment with footer.comment__meta
// (.comment__author, .comment__time) and .comment__content holding the h3
// subject and .field--name-comment-body. Themes rename much of that
// (.metas, .titre …).
var (
	drupalAuthor = []cascadia.Selector{anyClass(".comment__author, .commenter-name"), anyClass(".username")}
	// drupalLine is the line that names the author and the date.
	drupalLine = cascadia.MustCompile(".comment__submitted, .submitted, .metas, .comment__meta, .comment-meta, footer")
	drupalTime = cascadia.MustCompile("time[datetime]")
	// drupalRDFDate is the creation date that the rdf module prints, with
	// its offset: dc:date dc:created (Drupal 7), schema:dateCreated (8+).
	drupalRDFDate = cascadia.MustCompile(`[property~="dc:created"][content], [property~="dc:date"][content], [property~="schema:dateCreated"][content]`)
	drupalDate    = anyClass(".comment__time, .comment-time, .comment-date")
	// drupalStamp is the "new" marker of Drupal 8+. Its timestamp is the
	// comment's last change, not its creation: the last resort.
	drupalStamp   = cascadia.MustCompile("[data-comment-timestamp]")
	drupalSubject = cascadia.MustCompile(`[property~="dc:title"], [property~="schema:name"], .comment__title, .comment-title, .titre, h3`)
	drupalField   = anyClass(".field--name-comment-body, .field-name-comment-body")
	drupalContent = anyClass(".comment__content, .content, .comment-content, .comment-text")
	// drupalChrome is what surrounds the text inside the body: the links
	// list (reply, edit, delete, "haut de page"), the permalink, the
	// signature and hidden markers.
	drupalChrome = anyClass(".links, .comment__links, .permalink, .comment__permalink, .comment-permalink, " +
		".user-signature, .hidden, .visually-hidden, .element-invisible, .indented")
	// drupalHidden are the elements a browser does not show.
	drupalHidden = anyClass(".hidden, .visually-hidden, .element-invisible")
	// drupalByline is what surrounds the text when no body element holds
	// it: the author block, the date line, the picture.
	drupalByline = anyClass(".comment__meta, .comment-meta, .submitted, .comment__submitted, .metas, " +
		".comment__author, .commenter-name, .username, .comment__time, .comment-time, .comment-date, " +
		".user-picture, .comment__picture, .comment_picture, .attribution, .comment-arrow, .new")
	// drupalIntro are the words before the author in a date line.
	drupalIntro = []string{"submitted by", "posted by", "written by", "by", "publié par", "posté par", "écrit par",
		"par", "eingereicht von", "geschrieben von", "verfasst von", "gepostet von", "von"}
	// drupalUnverified is what Drupal adds to the names of anonymous
	// commenters, in English, French and German.
	drupalUnverified = []string{"(not verified)", "(non vérifié)", "(nicht überprüft)", "(nicht verifiziert)"}
	// drupalJoin are the words between author and date in a date line.
	drupalJoin = []string{" on ", " le ", " am ", " | "}
)

// emptyAnchor reports whether n is an a element without content, as the
// permalink anchors Drupal prints before each comment.
func emptyAnchor(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode || (c.Type == html.TextNode && !allSpace(c.Data)) {
			return false
		}
	}
	return true
}

// nextElement returns the element right after n, with only white space
// and HTML comments between them; nil when there is none.
func nextElement(n *html.Node) *html.Node {
	for k := n.NextSibling; k != nil; k = k.NextSibling {
		switch {
		case k.Type == html.ElementNode:
			return k
		case k.Type == html.TextNode && !allSpace(k.Data):
			return nil
		}
	}
	return nil
}

// drupalCommentElement reports whether n is a Drupal comment element: its
// class list holds comment or js-comment, or it carries Drupal 8's markers.
func drupalCommentElement(n *html.Node) bool {
	return hasClass(n, "comment") || drupal8Comment(n)
}

// drupal8Comment reports whether n carries the markers of a Drupal 8+
// comment: data-comment-user-id, the js-comment class, or a child with
// data-comment-timestamp (the "new" marker).
func drupal8Comment(n *html.Node) bool {
	if _, ok := attr(n, "data-comment-user-id"); ok || hasClass(n, "js-comment") {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if _, ok := attr(c, "data-comment-timestamp"); ok {
				return true
			}
		}
	}
	return false
}

// drupalThread reads the Drupal comments of items, in page order.
func drupalThread(items []item, base *url.URL, d dater) []strata.Comment {
	byNode := make(map[*html.Node]int, len(items))
	for i, it := range items {
		byNode[it.node] = i
	}
	stop := func(n *html.Node) bool {
		_, ok := byNode[n]
		return ok || hasClass(n, "indented")
	}
	blocks := map[*html.Node]string{} // parent of each indented block seen
	cs := make([]strata.Comment, 0, len(items))
	for _, it := range items {
		it.parent = drupalParent(it.node, items, byNode, blocks)
		if it.parent == "" {
			it.parent = drupalReplyOf(it.node, it.id, stop)
		}
		cs = append(cs, drupalComment(it, stop, base, d))
	}
	return cs
}

// drupalReplyOfSel is the rdf module's link from a comment to what it
// replies to: the node, and for a reply also the parent comment
// (resource="/comment/12#comment-12").
var drupalReplyOfSel = cascadia.MustCompile(`[rel~="sioc:reply_of"][resource]`)

// drupalReplyOf returns the ID of the comment that the rdf module says
// n (comment id) replies to, "" when it names none. It is asked only when
// the markup gives no parent: a reply printed at the top of a comment
// page, whose parent is on the page before, sits in an indented block
// with no comment before it.
func drupalReplyOf(n *html.Node, id string, stop func(*html.Node) bool) string {
	found := ""
	walkOwn(n, stop, func(k *html.Node) bool {
		if !drupalReplyOfSel.Match(k) {
			return true
		}
		u, err := url.Parse(strings.TrimSpace(attrVal(k, "resource")))
		if err != nil {
			return true
		}
		p := strings.TrimPrefix(u.Fragment, "comment-")
		if p == u.Fragment || !isDigits(p) {
			p = ""
			if rest, ok := strings.CutPrefix(u.Path, "/comment/"); ok {
				p = strings.TrimSuffix(rest, "/")
			}
		}
		if p != "" && p != id && isDigits(p) {
			found = p
			return false
		}
		return true
	})
	return found
}

// drupalParent returns the ID of the comment that n replies to. Drupal
// prints the replies to a comment in a div.indented right after it (or
// after the wrapper that holds it), so the parent of a comment inside an
// indented block is the comment just before that block. A comment element
// inside another one replies to it. "" at top level.
//
// blocks remembers the answer for each indented block, which all the
// replies inside it share.
func drupalParent(n *html.Node, items []item, byNode map[*html.Node]int, blocks map[*html.Node]string) string {
	for p := n.Parent; p != nil; p = p.Parent {
		if i, ok := byNode[p]; ok {
			return items[i].id
		}
		if !hasClass(p, "indented") {
			continue
		}
		if id, ok := blocks[p]; ok {
			return id
		}
		id := blockParent(p, items, byNode)
		blocks[p] = id
		return id
	}
	return ""
}

// blockParent returns the ID of the comment just before the indented
// block p: the previous element, or the last comment inside it outside its
// own indented blocks. Anchors and links lists may sit between them.
func blockParent(p *html.Node, items []item, byNode map[*html.Node]int) string {
	looked := 0
	for s := p.PrevSibling; s != nil && looked < 4; s = s.PrevSibling {
		if s.Type != html.ElementNode {
			continue
		}
		looked++
		if i, ok := byNode[s]; ok {
			return items[i].id
		}
		last := -1
		walkOwn(s, func(k *html.Node) bool { return hasClass(k, "indented") }, func(k *html.Node) bool {
			if i, ok := byNode[k]; ok {
				last = i
			}
			return true
		})
		if last >= 0 {
			return items[last].id
		}
	}
	return ""
}

// drupalComment reads one Drupal comment.
func drupalComment(it item, stop func(*html.Node) bool, base *url.URL, d dater) strata.Comment {
	n := it.node
	c := strata.Comment{ID: it.id, ParentID: it.parent, Type: strata.CommentTypeComment}

	// Author: the author element, else the date line without its words.
	var author *html.Node
	for _, sel := range drupalAuthor {
		if a := firstOwn(n, sel, func(k *html.Node) bool { return stop(k) || drupalChrome.Match(k) }); a != nil {
			if name := oneLine(a, drupalChrome); name != "" {
				author = a
				c.Author = trimIntro(name)
				c.AuthorURL = linkOf(a, base)
				break
			}
		}
	}
	line := firstOwn(n, drupalLine, stop)
	lineAuthor, lineDate := splitSubmitted(oneLine(line, drupalChrome))
	if c.Author == "" {
		c.Author = lineAuthor
	}
	for _, u := range drupalUnverified {
		c.Author = strings.TrimSpace(strings.TrimSuffix(c.Author, u))
	}
	if utf8.RuneCountInString(c.Author) > 80 {
		// A whole sentence, not a name.
		c.Author = ""
	}

	// Date: time[datetime] and the rdf module's content carry an offset;
	// the shown date is read at the site's; the "new" marker's timestamp
	// is the last change.
	if tm := firstOwn(n, drupalTime, stop); tm != nil {
		c.PostedAtText = oneLine(tm, nil)
		if c.PostedAtText == "" {
			c.PostedAtText = attrVal(tm, "datetime")
		}
		c.PostedAt = d.at(attrVal(tm, "datetime"))
	} else if rd := firstOwn(n, drupalRDFDate, stop); rd != nil {
		c.PostedAtText = oneLine(rd, nil)
		c.PostedAt = d.at(attrVal(rd, "content"))
	}
	if c.PostedAtText == "" {
		if dt := firstOwn(n, drupalDate, stop); dt != nil {
			c.PostedAtText = oneLine(dt, drupalChrome)
		} else {
			c.PostedAtText = lineDate
		}
	}
	if c.PostedAt == nil {
		c.PostedAt = d.at(c.PostedAtText)
	}
	if c.PostedAt == nil {
		if st := firstOwn(n, drupalStamp, stop); st != nil {
			c.PostedAt = d.unix(attrVal(st, "data-comment-timestamp"))
		}
	}

	// Text: the comment body field, else the content element, else the
	// comment without its byline; the subject line goes first when the
	// author wrote it.
	body := outermost(findOwn(n, drupalField, stop))
	subject := drupalSubjectOf(n, stop, author, line)
	other := func(k *html.Node) bool { return k != n && stop(k) }
	skip := cascadia.Selector(func(k *html.Node) bool {
		return k == subject || other(k) || drupalChrome.Match(k)
	})
	if len(body) == 0 || textOf(body, skip) == "" {
		body = nil
		if ct := firstOwn(n, drupalContent, stop); ct != nil {
			body = []*html.Node{ct}
		}
	}
	if len(body) == 0 || textOf(body, skip) == "" {
		body = []*html.Node{n}
		skip = func(k *html.Node) bool {
			return k == subject || k == author || k == line || other(k) || drupalChrome.Match(k) || drupalByline.Match(k)
		}
	}
	c.Text = textOf(body, skip)
	c.HTML = htmlWithout(body, skip)
	if subject != nil {
		if s := oneLine(subject, drupalHidden); s != "" && !derivedSubject(s, c.Text) {
			c.Text = strings.TrimSpace(s + "\n\n" + c.Text)
			c.HTML = strings.TrimSpace(renderNodes([]*html.Node{subject}) + "\n" + c.HTML)
		}
	}
	return c
}

// outermost drops the nodes that lie inside another node of ns.
func outermost(ns []*html.Node) []*html.Node {
	in := make(map[*html.Node]bool, len(ns))
	for _, n := range ns {
		in[n] = true
	}
	out := ns[:0]
	for _, n := range ns {
		inner := false
		for p := n.Parent; p != nil && !inner; p = p.Parent {
			inner = in[p]
		}
		if !inner {
			out = append(out, n)
		}
	}
	return out
}

// drupalSubjectOf returns the subject line of comment n, nil when it shows
// none. A candidate inside the author or the date line (the rdf module
// marks user names schema:name too) is not one, nor an h3 inside the body
// field, which the commenter wrote.
func drupalSubjectOf(n *html.Node, stop func(*html.Node) bool, author, line *html.Node) *html.Node {
	var found *html.Node
	walkOwn(n, stop, func(k *html.Node) bool {
		if !drupalSubject.Match(k) || oneLine(k, drupalHidden) == "" {
			return true
		}
		rdf := attrVal(k, "property") != ""
		for p := k; p != nil && p != n; p = p.Parent {
			if p == author || p == line || drupalByline.Match(p) || (!rdf && drupalField.Match(p)) {
				return true
			}
		}
		found = k
		return false
	})
	return found
}

// derivedSubject reports whether subject is the one Drupal makes up when
// the commenter leaves it empty: the first words of the text (29
// characters), with an ellipsis since Drupal 8. Case and white space are
// ignored.
func derivedSubject(subject, text string) bool {
	squash := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return unicode.ToLower(r)
		}, s)
	}
	s := strings.TrimSpace(subject)
	s = strings.TrimSuffix(s, "…")
	s = strings.TrimSuffix(s, "...")
	s = squash(s)
	return s != "" && strings.HasPrefix(squash(text), s)
}

// trimIntro drops the word that introduces an author ("by", "par",
// "von" …) and the punctuation after the name.
func trimIntro(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	for _, w := range drupalIntro {
		if strings.HasPrefix(lower, w+" ") {
			s = strings.TrimSpace(s[len(w)+1:])
			break
		}
	}
	return strings.TrimRight(s, " ,:;")
}

// splitSubmitted splits Drupal's line "Submitted by NAME on DATE" (in
// English, French "par NAME le DATE", German "von NAME am DATE", or
// "NAME | DATE") at the last joining word. The date is "" unless it holds
// a digit; the author is "" when no joining word is found.
func splitSubmitted(s string) (author, date string) {
	if s == "" {
		return "", ""
	}
	lower := strings.ToLower(s)
	at, join := -1, ""
	for _, j := range drupalJoin {
		if i := strings.LastIndex(lower, j); i > at {
			at, join = i, j
		}
	}
	if at < 0 {
		return "", ""
	}
	date = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[at+len(join):]), "."))
	if !strings.ContainsFunc(date, unicode.IsDigit) {
		date = ""
	}
	return trimIntro(s[:at]), date
}

// unix reads a count of seconds since 1970; nil when it is no such count
// or is implausible.
func (d dater) unix(s string) *time.Time {
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sec <= 0 || sec > 1<<40 {
		return nil
	}
	t := time.Unix(sec, 0).UTC()
	if !d.latest.IsZero() && t.After(d.latest) {
		return nil
	}
	return &t
}

// drupalCommentArea returns the comment area of items: the nearest
// ancestor of the first comment that is #comments or named
// comment-wrapper or comments (Drupal 8+ themes use a section), else the
// first comment's parent; nil without items.
func drupalCommentArea(items []item) *html.Node {
	if len(items) == 0 {
		return nil
	}
	area := items[0].node.Parent
	for a, i := area, 0; a != nil && i < 8; a, i = a.Parent, i+1 {
		if a.Type == html.ElementNode && (attrVal(a, "id") == "comments" || hasClass(a, "comment-wrapper") || hasClass(a, "comments")) {
			return a
		}
	}
	return area
}

// drupalPagerLinks calls fn with the URL of each link of a pager
// (Drupal 7 ul.pager, 8+ nav.pager with .pager__items) inside the comment
// area of items, resolved against base, that carries a page parameter.
func drupalPagerLinks(items []item, base *url.URL, fn func(u *url.URL)) {
	area := drupalCommentArea(items)
	if area == nil {
		return
	}
	for n := range area.Descendants() {
		if n.Type != html.ElementNode || n.Data != "a" || !inPager(n, area) {
			continue
		}
		u, err := url.Parse(strings.TrimSpace(attrVal(n, "href")))
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if u.Query().Has("page") {
			fn(u)
		}
	}
}

// drupalPaged reports whether Drupal splits the thread of items over
// pages: its pager links a ?page=N in the comment area.
func drupalPaged(items []item) bool {
	paged := false
	drupalPagerLinks(items, nil, func(*url.URL) { paged = true })
	return paged
}

// drupalPages returns the absolute URLs of the other comment pages that
// the pager in the comment area of items links, ordered by page, and the
// number of the page shown (see DrupalPageNumber; 0 when unknown).
//
// A link counts when it leads to the page's host and path and differs
// from pageURL in its page parameter only, and that parameter is a single
// number: Drupal 8+ pages with several pagers number them page=0,1, which
// says nothing sure of the comment pager. The fragment is dropped.
func drupalPages(items []item, pageURL *url.URL) ([]string, int) {
	if pageURL == nil {
		return []string{}, 0
	}
	current := 0
	if pageURL.Query().Has("page") {
		current = DrupalPageNumber(pageURL)
	}
	paged := false
	byNumber := map[int]string{}
	drupalPagerLinks(items, pageURL, func(u *url.URL) {
		paged = true
		if !strings.EqualFold(u.Host, pageURL.Host) || u.Path != pageURL.Path || !samePageQuery(u, pageURL) {
			return
		}
		n := DrupalPageNumber(u)
		if n <= 0 {
			return
		}
		if _, dup := byNumber[n]; !dup {
			u.Fragment, u.RawFragment = "", ""
			byNumber[n] = u.String()
		}
	})
	if current == 0 && paged && !pageURL.Query().Has("page") {
		current = 1
	}
	// The first page's link carries no page parameter in Drupal 7's
	// pager ("« first"), so it is not seen above: it is the page's URL
	// without one.
	if paged && current > 1 {
		if _, ok := byNumber[1]; !ok {
			first := *pageURL
			q := first.Query()
			q.Del("page")
			first.RawQuery = q.Encode()
			first.Fragment, first.RawFragment = "", ""
			byNumber[1] = first.String()
		}
	}
	delete(byNumber, current)
	numbers := make([]int, 0, len(byNumber))
	for n := range byNumber {
		numbers = append(numbers, n)
	}
	sort.Ints(numbers)
	urls := make([]string, len(numbers))
	for i, n := range numbers {
		urls[i] = byNumber[n]
	}
	return urls, current
}

// samePageQuery reports whether a and b have the same query parameters
// besides page.
func samePageQuery(a, b *url.URL) bool {
	qa, qb := a.Query(), b.Query()
	qa.Del("page")
	qb.Del("page")
	return qa.Encode() == qb.Encode()
}

// DrupalPageNumber returns the number of the Drupal comment page at u,
// counting from 1: N+1 for ?page=N (Drupal counts from 0), 1 without a
// page parameter, 0 when the parameter is no single number (page=0,1 of
// pages with several pagers) or u is nil.
func DrupalPageNumber(u *url.URL) int {
	if u == nil {
		return 0
	}
	q := u.Query()
	if !q.Has("page") {
		return 1
	}
	vs := q["page"]
	if len(vs) != 1 {
		return 0
	}
	n, ok := smallInt(vs[0])
	if !ok || vs[0] != strings.TrimSpace(vs[0]) {
		return 0
	}
	return n + 1
}

// inPager reports whether n lies in a pager element below area.
func inPager(n, area *html.Node) bool {
	for a := n.Parent; a != nil && a != area; a = a.Parent {
		if hasClass(a, "pager") || hasClass(a, "pager__items") {
			return true
		}
	}
	return false
}
