package comments

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// allQueries lists every query of the package.
func allQueries() []*query {
	return append([]*query{
		qBloggerArea, qBloggerItems, qBloggerFeed, qBloggerPostID,
		qHNRows, qHNTree, qHNSubline, qHNMore,
		qShredditComments, qOldRedditComments, qRedditT1, qSiteName,
		qWpdCount, qWpdHeaderCount, qWcComm, qWpdComm, qWpdSort, qWpdLoadMarkers,
		qCountHeadings, qCommentNav, qNavCurrent, qNavPrevious, qNavNext,
		qShortlink, qBody, qPostArticle, qRESTPostLink, qCommentPostID, qRESTLink,
		qPublishedMeta, qEntryDate,
		qScript, qJSONLD, qCanonical, qLinks, qDsqIdentifier, qCommentoScript, qSubstackAssets, qGhostScript,
	}, qPostIDHolders...)
}

// tricky is markup where a careless index would part from cascadia: odd
// white space in class lists, repeated attributes, upper case, foreign
// elements, the root's own children.
const tricky = `<!DOCTYPE html><html class="current"><head>
<link rel="canonical" href="/a"><LINK REL="shortlink alternate" href="/?p=12">
<script type="application/ld+json">{"commentCount": 3}</script><meta itemprop="postId" content="7">
</head><body class="postid-4 x">
<div class="comments-title&#11;wpd-thread-info" data-comments-count="2">no</div>
<div class="comments-title&#160;x" id="comments">nbsp</div>
<h2 class="a" class="comments-title" id="comments-title">5 Comments</h2>
<div id="comments"><h3>3 thoughts</h3><span class="	current
page-numbers">2</span></div>
<svg><a class="current" href="/b">svg link</a><foreignObject><p class="current">f</p></foreignObject></svg>
<article id="post-9"><a href="/comment-page-2/#comments" class="next">next</a></article>
<div id="wc-comm-1_0"></div><div id="wpd-comm-2_0" data-dsqidentifier="x"></div>
<nav class="comment-navigation"><div class="nav-previous"><a href="/comment-page-1/">old</a></div></nav>
<input name="comment_post_ID" value="33"><a class="comment-reply-link" data-postid="8">r</a>
<table class="comment-tree"><tr class="athing comtr" id="1"><td class="subline"><a href="item?id=1">x</a></td></tr></table>
</body></html>`

// TestIndexMatchesCascadia checks that every query finds through a page
// index exactly what cascadia finds by walking the tree, on every HTML
// fixture of the scraper packages.
func TestIndexMatchesCascadia(t *testing.T) {
	pages := map[string]string{"tricky": tricky}
	files, _ := filepath.Glob(filepath.Join("..", "*", "testdata", "*.html"))
	more, _ := filepath.Glob(filepath.Join("..", "*", "testdata", "*", "*.html"))
	for _, name := range append(files, more...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		pages[name] = string(b)
	}
	if len(pages) < 20 {
		t.Fatalf("only %d pages to check", len(pages))
	}
	for name, src := range pages {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		ix := scanTree(doc.Nodes[0]).ix
		indexed := finder{doc: doc, ix: ix}
		walked := finder{doc: doc}
		for _, q := range allQueries() {
			got, want := indexed.find(q).Nodes, walked.find(q).Nodes
			if !slices.Equal(got, want) {
				t.Errorf("%s: query %v found %d elements, cascadia %d", name, q.keys, len(got), len(want))
			}
		}
	}
}

func TestSelectorKeys(t *testing.T) {
	for sel, want := range map[string][]key{
		"script":                            {{tagKey, "script"}},
		"#a .b > li.c[id]":                  {{classKey, "c"}},
		"tr.athing.comtr[id], tr.comtr[id]": {{classKey, "athing"}, {classKey, "comtr"}},
		`link[rel="a, b"][href*="x y"]`:     {{tagKey, "link"}},
		"h2#comments, #comments > h2":       {{idKey, "comments"}, {tagKey, "h2"}},
		`[data-x]`:                          {{attrKey, "data-x"}},
		`[ID^="post-"]`:                     {{attrKey, "id"}},
		"DIV.x":                             {{classKey, "x"}},
		"a, *":                              nil,
		"a:not(.b)":                         nil,
		`a[lang|="en"]`:                     nil,
	} {
		if got := selectorKeys(sel); !slices.Equal(got, want) {
			t.Errorf("selectorKeys(%q) = %v, want %v", sel, got, want)
		}
	}
}

// TestIndexSkipsRoot checks that a tree rooted at an element indexes only
// what is under it, as goquery's Find does.
func TestIndexSkipsRoot(t *testing.T) {
	root := &html.Node{Type: html.ElementNode, Data: "script"}
	root.AppendChild(&html.Node{Type: html.ElementNode, Data: "script"})
	doc := goquery.NewDocumentFromNode(root)
	got := finder{doc: doc, ix: scanTree(root).ix}.find(qScript).Length()
	if want := doc.FindMatcher(qScript.sel).Length(); got != want || got != 1 {
		t.Errorf("found %d scripts, cascadia %d, want 1", got, want)
	}
}

// TestItemIDs checks the id matchers against the patterns they replace.
func TestItemIDs(t *testing.T) {
	native := regexp.MustCompile(`^(?:li-|div-)?comment-(\d+)$`)
	wpd := regexp.MustCompile(`^(?:wpd|wc)-comm-(\d+)_(\d+)$`)
	ids := []string{"", "comment-", "comment-1", "comment-12a", "li-comment-7", "div-comment-0", "li-div-comment-1",
		"xli-comment-1", "comment-１", "comments-1", "li-", "comment-1 ", "wpd-comm-1_0", "wc-comm-22_3", "wpd-comm-_1",
		"wpd-comm-1_", "wpd-comm-1_2_3", "wc-comm-1-2", "wpdx-comm-1_2", "wpd-comm-٣_1", "comment-99999999999999999999"}
	for _, id := range ids {
		m := native.FindStringSubmatch(id)
		num, ok := nativeItemID(id)
		if ok != (m != nil) || ok && num != m[1] {
			t.Errorf("nativeItemID(%q) = %q, %v; pattern %q", id, num, ok, m)
		}
		m = wpd.FindStringSubmatch(id)
		num, parent, ok := wpdItemID(id)
		if ok != (m != nil) || ok && (num != m[1] || parent != m[2]) {
			t.Errorf("wpdItemID(%q) = %q, %q, %v; pattern %q", id, num, parent, ok, m)
		}
	}
}

// TestAnyClassMatchesCascadia checks the class-list selectors against the
// cascadia selectors they stand for, on every element of the fixtures.
func TestAnyClassMatchesCascadia(t *testing.T) {
	sels := map[string]cascadia.Selector{
		".fn": wpFn, ".comment-author, .comment_author": wpAuthor,
		".comment-date, .comment-time, .comment_time, .comment_date, .commentmetadata, .comment-meta, .comment-metadata": wpDateText,
		".comment-edit-link, .edit-link": wpEdit, ".comment-body": wpBody,
		".comment-content, .comment-text, .comment-entry": wpContent,
		".comment-author, .vcard, .comment-meta, .commentmetadata, .comment-metadata, " +
			".reply, .comment-reply-link, .comment-reply-login, .comment-awaiting-moderation, .says, " +
			".edit-link, .comment-edit-link, .avatar, .children, .screen-reader-text": wpChrome,
		".fn, .says, .comment-meta, .commentmetadata, .comment-metadata, .reply, " +
			".comment-reply-link, .comment-reply-login, .comment-awaiting-moderation, .edit-link, .comment-edit-link, " +
			".avatar, .children, .screen-reader-text": wpChromeLite,
		".wpdiscuz-readmore, .wpd-inline-feedback-wrapper, .wc_held_for_moderate": wpdTextSkip,
	}
	srcs := []string{tricky, `<p class="fn	says"></p><p class="x&#11;fn"></p><p class="FN"></p><svg class="fn"></svg><b class=" comment-body "></b>`}
	files, _ := filepath.Glob(filepath.Join("..", "*", "testdata", "*.html"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	checked := 0
	for _, src := range srcs {
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		var nodes []*html.Node
		for n := range doc.Descendants() {
			nodes = append(nodes, n)
		}
		for sel, m := range sels {
			want := cascadia.MustCompile(sel)
			for _, n := range nodes {
				if m.Match(n) != want.Match(n) {
					t.Fatalf("%q on <%s %v>: %v, cascadia %v", sel, n.Data, n.Attr, m.Match(n), want.Match(n))
				}
				checked++
			}
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d checks", checked)
	}
}

func TestAnyClassRefusesOtherSelectors(t *testing.T) {
	for _, sel := range []string{"a.b", ".a b", ".a:hover", "#a", ".a, div", "."} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("anyClass(%q) did not panic", sel)
				}
			}()
			anyClass(sel)
		}()
	}
}
