package discover_test

import (
	"testing"

	"github.com/strata-archive/strata/scraper/discover"
)

func TestScopeAllowed(t *testing.T) {
	s, err := discover.NewScope(
		[]string{"Example.org", "www.blog.example", "bücher.example"},
		[]string{`/\d{4}/\d{2}/\d{2}/[^/]+/$`},
		[]string{`/private/`, `\?print=`, `/2016/`},
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"https://example.org/2024/03/01/post/", true},
		{"http://example.org/", true},
		{"https://www.example.org/a", true},  // www. form of a listed host
		{"https://WWW.EXAMPLE.ORG./a", true}, // case, trailing dot
		{"https://example.org:8443/a", true}, // ports are not compared
		{"https://blog.example/a", true},     // bare form of a listed www. host
		{"https://www.blog.example/a", true},
		{"https://xn--bcher-kva.example/a", true}, // IDN, ASCII form
		{"https://bücher.example/a", true},        // IDN, Unicode form
		{"https://news.example.org/a", false},     // other subdomains are not covered
		{"https://example.org.evil.example/a", false},
		{"https://evilexample.org/a", false},
		{"https://example.com/a", false},
		{"https://example.org/private/page", false},     // excluded
		{"https://example.org/2016/03/01/post/", false}, // excluded wins over article
		{"https://example.org/a?print=1", false},
		{"ftp://example.org/a", false},
		{"file:///etc/passwd", false},
		{"data:text/html,hello", false},
		{"javascript:alert(1)", false},
		{"mailto:editor@example.org", false},
		{"//example.org/a", false}, // not absolute
		{"/a", false},
		{"https://user:pass@example.org/a", false}, // credentials
		{"", false},
	} {
		if got := s.Allowed(tc.url); got != tc.want {
			t.Errorf("Allowed(%q) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

func TestScopeFollowAndIsArticle(t *testing.T) {
	s, err := discover.NewScope([]string{"example.org"}, []string{`/\d{4}/\d{2}/\d{2}/[^/]+/$`, `/node/\d+$`}, []string{`/2016/`})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		url             string
		follow, article bool
	}{
		{"https://example.org/2024/03/01/post/", true, true},
		{"https://example.org/2024/03/01/post/#comments", true, true},
		{"https://example.org/node/12", true, true},
		{"https://example.org/category/news/", true, false},
		{"https://example.org/2016/03/01/old/", false, false}, // excluded: neither
		{"https://example.org/2024/03/01/post/feed/", false, false},
		{"https://example.org/wp-login.php?redirect_to=x", false, false},
		{"https://example.org/2024/03/01/post/?replytocom=5", false, false},
		{"https://example.org/wp-content/uploads/2024/03/a.jpg", false, false},
		{"https://example.org/2024/03/01/post/comment-page-2/", false, false},
		{"https://other.example/2024/03/01/post/", false, true}, // IsArticle reads patterns only
	} {
		if got := s.Follow(tc.url); got != tc.follow {
			t.Errorf("Follow(%q) = %v, want %v", tc.url, got, tc.follow)
		}
		article, known := s.IsArticle(tc.url)
		if !known || article != tc.article {
			t.Errorf("IsArticle(%q) = %v, %v; want %v, true", tc.url, article, known, tc.article)
		}
	}
	none, _ := discover.NewScope([]string{"example.org"}, nil, nil)
	if article, known := none.IsArticle("https://example.org/2024/03/01/post/"); article || known {
		t.Errorf("without patterns: IsArticle = %v, %v; want false, false", article, known)
	}
}

func TestNewScopeErrors(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		hosts, article, exclude []string
	}{
		{"no hosts", nil, nil, nil},
		{"a URL as host", []string{"https://example.org/"}, nil, nil},
		{"empty host", []string{""}, nil, nil},
		{"bad article pattern", []string{"example.org"}, []string{"("}, nil},
		{"bad exclude pattern", []string{"example.org"}, nil, []string{"[z-a]"}},
	} {
		if _, err := discover.NewScope(tc.hosts, tc.article, tc.exclude); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestGuessArticleURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		// WordPress
		{"https://example.org/2016/03/01/sea-wall-repairs/", true},
		{"https://example.org/2016/03/sea-wall-repairs/", true},
		{"https://example.org/blog/2016/03/01/sea-wall/", true},
		{"https://example.org/sea-wall-repairs-postponed-again/", true}, // postname permalinks
		{"https://example.org/?p=123", true},
		{"https://example.org/news/sea-wall-repairs/", true},
		{"https://example.org/", false},
		{"https://example.org/2016/", false},
		{"https://example.org/2016/03/", false},
		{"https://example.org/2016/03/01/", false},
		{"https://example.org/category/news/", false},
		{"https://example.org/category/news/local-harbour-matters/", false},
		{"https://example.org/tag/sea-wall/", false},
		{"https://example.org/page/2/", false},
		{"https://example.org/2016/03/page/2/", false},
		{"https://example.org/author/jane-doe/", false},
		{"https://example.org/feed/", false},
		{"https://example.org/sea-wall-repairs/feed/", false},
		{"https://example.org/comments/feed/", false},
		{"https://example.org/?s=sea+wall", false},
		{"https://example.org/?cat=3", false},
		{"https://example.org/?m=201603", false},
		{"https://example.org/?page_id=2", false},
		{"https://example.org/wp-json/wp/v2/posts/123", false},
		{"https://example.org/sea-wall-repairs/attachment/photo-1/", false},
		{"https://example.org/?attachment_id=55", false},
		{"https://example.org/wp-content/uploads/2016/03/harbour-photo-large.jpg", false},
		{"https://example.org/files/annual-report-2016.pdf", false},
		{"https://example.org/about/", false},
		{"https://example.org/contact-us/", false},
		{"https://example.org/privacy-policy/", false},
		{"https://example.org/sea-wall-repairs/amp/", false},
		{"https://example.org/sea-wall-repairs/comment-page-2/", false},
		// Blogger
		{"https://notes.blogspot.com/2016/03/sea-wall-repairs.html", true},
		{"https://notes.blogspot.com/2016/03/sea-wall-repairs.html?m=1", true},
		{"https://notes.blogspot.com/search/label/harbour", false},
		{"https://notes.blogspot.com/search?updated-max=2016-03-01T10:00:00Z&max-results=7", false},
		{"https://notes.blogspot.com/2016/", false},
		{"https://notes.blogspot.com/p/about.html", false},
		{"https://notes.blogspot.com/p/reading-list.html", false},
		// Ghost
		{"https://ghost.example/sea-wall-repairs/", true},
		{"https://ghost.example/tag/harbour/", false},
		{"https://ghost.example/author/jane/", false},
		{"https://ghost.example/rss/", false},
		// Drupal and news sites
		{"https://drupal.example/node/42", true},
		{"https://drupal.example/node/42/edit", false},
		{"https://drupal.example/taxonomy/term/5", false},
		{"https://drupal.example/user/login", false},
		{"https://news.example/story/123456", true},
		{"https://news.example/politics/sea-wall-vote-123456", true},
		{"https://news.example/12345-sea-wall", true},
		{"https://news.example/archives/2016.html", false},
		{"https://news.example/index.html", false},
		{"https://news.example/politics/", false},
		// Not even URLs
		{"mailto:x@example.org", false},
		{"::", false},
	} {
		if got := discover.GuessArticleURL(tc.url); got != tc.want {
			t.Errorf("GuessArticleURL(%q) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

func TestLooksLikeArticle(t *testing.T) {
	for _, tc := range []struct {
		page string
		want bool
	}{
		{"pages/wp-single.html", true},
		{"pages/wp-home.html", false},
		{"pages/wp-category.html", false}, // og:type article, but a category archive
		{"pages/wp-archive-no-classes.html", false},
		{"pages/wp-page.html", false},
		{"pages/wp-404.html", false},
		{"pages/blogger-item.html", true},
		{"pages/blogger-index.html", false},
		{"pages/ghost-post.html", true},
		{"pages/ghost-home.html", false},
		{"pages/ghost-tag.html", false},
		{"pages/drupal-article.html", true},
		{"pages/drupal7-article.html", true},
		{"pages/drupal-front.html", false},
		{"pages/plain-article.html", true},
		{"pages/plain-nothing.html", false},
	} {
		if got := discover.LooksLikeArticle(parsePage(t, tc.page)); got != tc.want {
			t.Errorf("LooksLikeArticle(%s) = %v, want %v", tc.page, got, tc.want)
		}
	}
}
