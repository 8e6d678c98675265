package comments

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// wpdItemID splits the id of a wpDiscuz comment wrapper, v7
// wpd-comm-{ID}_{PARENT} or v4/v5 wc-comm-{ID}_{PARENT}; ok is false for
// any other id.
func wpdItemID(id string) (num, parent string, ok bool) {
	rest, found := strings.CutPrefix(id, "wpd-comm-")
	if !found {
		if rest, found = strings.CutPrefix(id, "wc-comm-"); !found {
			return "", "", false
		}
	}
	num, parent, found = strings.Cut(rest, "_")
	if !found || !isDigits(num) || !isDigits(parent) {
		return "", "", false
	}
	return num, parent, true
}

// nativeItemID returns the number in the ids WordPress core and theme
// callbacks give a comment and its parts: comment-{N}, li-comment-{N},
// div-comment-{N}. ok is false for any other id.
func nativeItemID(id string) (num string, ok bool) {
	if rest, found := strings.CutPrefix(id, "li-"); found {
		id = rest
	} else if rest, found := strings.CutPrefix(id, "div-"); found {
		id = rest
	}
	num, found := strings.CutPrefix(id, "comment-")
	if !found || !isDigits(num) {
		return "", false
	}
	return num, true
}

// item is one comment element found in the page.
type item struct {
	node   *html.Node
	id     string
	parent string // "" at top level
}

// scan is what one walk over the page found.
type scan struct {
	wpd    []item // wpDiscuz wrappers, in document order
	native []item // outermost native comment elements, in document order
	// drupal holds Drupal's comment elements, in document order: the
	// element after an empty a#comment-N anchor, or an element#comment-N
	// that carries Drupal 8's markers. Their parents are set later, by
	// drupalParents.
	drupal []item

	// wpdArea: the page holds the wpDiscuz comment area (#wpdcom, the
	// thread list), with or without comments. Its scripts alone do not
	// count: some sites load them on every page.
	wpdArea bool
	// wpArea: the page holds a native WordPress comment list or form.
	wpArea bool
	// drupalArea: the page holds Drupal's comment form (its action is
	// /comment/reply/…).
	drupalArea bool
	// widgets lists the JavaScript-only systems found, in order.
	widgets []string
	// scripts is the text of the inline scripts, for the JS settings that
	// the markup does not show (wpdiscuzAjaxObj).
	scripts []string
	// ix indexes the elements under the root for the queries of the
	// package.
	ix *index
}

// scanTree walks the tree under root once.
func scanTree(root *html.Node) *scan {
	s := &scan{ix: newIndex()}
	seen := map[string]bool{}
	type frame struct {
		n      *html.Node
		native string // number of the nearest enclosing native comment element
	}
	stack := []frame{{root, ""}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		inner := f.native
		if n.Type == html.ElementNode {
			if n != root {
				s.ix.add(n)
			}
			id := attrVal(n, "id")
			if num, parent, ok := wpdItemID(id); ok {
				if parent == "0" {
					parent = ""
				}
				s.wpd = append(s.wpd, item{node: n, id: num, parent: parent})
			}
			if num, ok := nativeItemID(id); ok && emptyAnchor(n) {
				// Drupal's permalink anchor: the comment is the element
				// after it. An anchor followed by anything else is no
				// comment at all.
				if c := nextElement(n); c != nil && !seen[num] && drupalCommentElement(c) {
					seen[num] = true
					s.drupal = append(s.drupal, item{node: c, id: num})
				}
			} else if ok && drupal8Comment(n) {
				if !seen[num] {
					seen[num] = true
					s.drupal = append(s.drupal, item{node: n, id: num})
				}
			} else if ok {
				if !seen[num] {
					seen[num] = true
					parent := f.native
					if parent == num {
						parent = ""
					}
					s.native = append(s.native, item{node: n, id: num, parent: parent})
				}
				inner = num
			}
			s.markers(n, id)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{c, inner})
		}
	}
	return s
}

// markers notes the comment-system signals carried by element n.
func (s *scan) markers(n *html.Node, id string) {
	switch id {
	case "wpdcom", "wpcomm", "wpd-threads", "wcThreadWrapper":
		s.wpdArea = true
	case "commentform":
		s.wpArea = true
	case "disqus_thread":
		s.widget("disqus")
	case "hyvor-talk-view":
		s.widget("hyvor")
	case "commento":
		s.widget("commento")
	case "remark42":
		s.widget("remark42")
	case "discourse-comments":
		s.widget("discourse")
	}
	switch n.Data {
	case "fb:comments":
		s.widget("facebook")
		return
	case "hyvor-talk-comments":
		s.widget("hyvor")
		return
	case "form":
		action := attrVal(n, "action")
		if strings.Contains(action, "wp-comments-post.php") {
			s.wpArea = true
		}
		if strings.Contains(action, "/comment/reply/") {
			s.drupalArea = true
		}
		return
	case "script":
		s.script(n)
		return
	}
	if v, ok := attr(n, "class"); ok {
		for c := range strings.FieldsSeq(v) {
			switch c {
			case "wpd-thread-list", "wc-thread-wrapper":
				s.wpdArea = true
			case "comment-list", "commentlist":
				s.wpArea = true
			case "fb-comments":
				s.widget("facebook")
			case "giscus":
				s.widget("giscus")
			case "utterances":
				s.widget("utterances")
			}
		}
	}
}

// script notes the systems that announce themselves in a script element.
func (s *scan) script(n *html.Node) {
	src := strings.ToLower(attrVal(n, "src"))
	switch {
	case src == "":
	case strings.Contains(src, "disqus.com/") && strings.Contains(src, "embed.js"):
		s.widget("disqus")
	case strings.Contains(src, "talk.hyvor.com"):
		s.widget("hyvor")
	case strings.Contains(src, "commento"):
		s.widget("commento")
	case strings.Contains(src, "utteranc.es/client.js"):
		s.widget("utterances")
	case strings.Contains(src, "giscus.app/client.js"):
		s.widget("giscus")
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	text := b.String()
	if strings.TrimSpace(text) == "" {
		return
	}
	s.scripts = append(s.scripts, text)
	switch {
	case strings.Contains(text, "disqus") && strings.Contains(text, "embed.js"):
		s.widget("disqus")
	case strings.Contains(text, "DiscourseEmbed"):
		s.widget("discourse")
	case strings.Contains(text, "remark_config"):
		s.widget("remark42")
	case strings.Contains(text, "HYVOR_TALK_WEBSITE"):
		s.widget("hyvor")
	}
}

func (s *scan) widget(name string) {
	for _, w := range s.widgets {
		if w == name {
			return
		}
	}
	s.widgets = append(s.widgets, name)
}

// scriptMatch returns the first submatch of re in the inline scripts.
func (s *scan) scriptMatch(re *regexp.Regexp) string {
	for _, t := range s.scripts {
		if m := re.FindStringSubmatch(t); m != nil {
			return m[1]
		}
	}
	return ""
}
