package discover

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/idna"
)

// Scope decides which URLs a crawl of one site may fetch and which of
// them are articles. It is safe for concurrent use.
type Scope struct {
	hosts    map[string]bool
	articles []*regexp.Regexp
	excludes []*regexp.Regexp
}

// NewScope returns the scope of a site with hosts (as in the [[site]]
// hosts key), and article and exclude patterns: Go regular expressions,
// unanchored, matched against the full normalised URL
// ("https://example.org/2016/03/01/slug/").
//
// A host covers itself and its www. form, both ways: "example.org"
// covers "www.example.org" and "www.example.org" covers "example.org".
// Other subdomains must be listed. Ports are not compared. Host names are
// compared in lower case, internationalised ones in their ASCII form.
func NewScope(hosts, articlePatterns, excludePatterns []string) (*Scope, error) {
	s := &Scope{hosts: map[string]bool{}}
	for _, h := range hosts {
		h = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".")
		if h == "" || strings.ContainsAny(h, "/: @?#") {
			return nil, fmt.Errorf("scope: %q is not a host name", h)
		}
		if a, err := idna.Lookup.ToASCII(h); err == nil {
			h = a
		}
		s.hosts[h] = true
		if bare, ok := strings.CutPrefix(h, "www."); ok {
			s.hosts[bare] = true
		} else {
			s.hosts["www."+h] = true
		}
	}
	if len(s.hosts) == 0 {
		return nil, errors.New("scope: no hosts")
	}
	var err error
	if s.articles, err = compileAll("article pattern", articlePatterns); err != nil {
		return nil, err
	}
	if s.excludes, err = compileAll("exclude pattern", excludePatterns); err != nil {
		return nil, err
	}
	return s, nil
}

func compileAll(what string, patterns []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("scope: %s %q: %w", what, p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// Allowed reports whether a crawl of the site may fetch u: an http or
// https URL without user name or password, on one of the site's hosts,
// matching none of the exclude patterns (which win over everything).
// Any other scheme (file:, data:, ftp:, …) is never allowed.
func (s *Scope) Allowed(u string) bool {
	_, ok := s.check(u)
	return ok
}

// AllowedURL is Allowed for a parsed URL: the form fetch.Request.Allow
// takes, to keep redirects within the site.
func (s *Scope) AllowedURL(u *url.URL) bool { return s.Allowed(u.String()) }

// check normalises u and reports whether it is allowed.
func (s *Scope) check(u string) (string, bool) {
	n, err := normalize(u)
	if err != nil {
		return "", false
	}
	pu, err := url.Parse(n)
	if err != nil || pu.User != nil {
		return "", false
	}
	if !s.hosts[strings.TrimSuffix(strings.ToLower(pu.Hostname()), ".")] {
		return "", false
	}
	for _, re := range s.excludes {
		if re.MatchString(n) {
			return "", false
		}
	}
	return n, true
}

// Follow reports whether a crawl should fetch u as a page: Allowed, and
// not a URL that is never an article nor leads to one (see
// IsBoilerplateURL: logins, admin, feeds, search results, media files,
// reply and share actions, crawler traps).
func (s *Scope) Follow(u string) bool {
	n, ok := s.check(u)
	return ok && !IsBoilerplateURL(n)
}

// IsArticle reports whether u is an article by the site's patterns: it is
// when it matches an article pattern and no exclude pattern. known is
// false when the site has no article patterns; callers then fetch the
// page and ask LooksLikeArticle (or, before fetching, GuessArticleURL).
func (s *Scope) IsArticle(u string) (article, known bool) {
	if len(s.articles) == 0 {
		return false, false
	}
	n, err := normalize(u)
	if err != nil {
		return false, true
	}
	for _, re := range s.excludes {
		if re.MatchString(n) {
			return false, true
		}
	}
	for _, re := range s.articles {
		if re.MatchString(n) {
			return true, true
		}
	}
	return false, true
}
