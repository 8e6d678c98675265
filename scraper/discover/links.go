package discover

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/strata-archive/strata"
)

// Links returns the http(s) links of a page: the href of every <a> and
// <area>, and of <link rel=next> and <link rel=prev> (archive
// pagination), resolved against base (or the page's <base href>),
// normalised as the archive keys URLs (fragment and tracking parameters
// removed), without duplicates, in document order.
//
// Links marked rel=nofollow are left out: on the sites strata archives
// they are reply, login and share actions and commenters' home pages,
// never the way to an article. Links inside comment sections are kept;
// the crawl's Scope decides what is fetched. mailto:, javascript:, tel:,
// data: and other schemes are left out.
func Links(doc *goquery.Document, base *url.URL) []string {
	b := documentBase(doc, base)
	var out []string
	seen := map[string]bool{}
	doc.Find("a[href], area[href], link[href]").Each(func(_ int, s *goquery.Selection) {
		rel := s.AttrOr("rel", "")
		if goquery.NodeName(s) == "link" && !hasToken(rel, "next") && !hasToken(rel, "prev") && !hasToken(rel, "previous") {
			return
		}
		if hasToken(rel, "nofollow") {
			return
		}
		u, ok := resolve(b, strings.TrimSpace(s.AttrOr("href", "")))
		if !ok || seen[u] {
			return
		}
		seen[u] = true
		out = append(out, u)
	})
	return out
}

// documentBase is the URL a page's relative links resolve against: its
// first <base href>, itself resolved against base.
func documentBase(doc *goquery.Document, base *url.URL) *url.URL {
	href, ok := doc.Find("base[href]").First().Attr("href")
	if !ok {
		return base
	}
	bu, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return base
	}
	if base != nil {
		bu = base.ResolveReference(bu)
	}
	if !bu.IsAbs() {
		return base
	}
	return bu
}

// resolve makes ref absolute against base (nil: only absolute refs
// resolve) and normalises it; only http and https URLs come out.
func resolve(base *url.URL, ref string) (string, bool) {
	if ref == "" || len(ref) > maxLocLen {
		return "", false
	}
	var abs string
	if l := strings.ToLower(ref[:min(len(ref), 8)]); strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		abs = ref
	} else {
		if i := strings.IndexByte(ref, ':'); i > 0 && !strings.ContainsAny(ref[:i], "/?#") {
			return "", false // another scheme: mailto:, javascript:, tel:, data:…
		}
		if base == nil {
			return "", false
		}
		r, err := url.Parse(ref)
		if err != nil {
			return "", false
		}
		abs = base.ResolveReference(r).String()
	}
	n, err := normalize(abs)
	if err != nil {
		return "", false
	}
	return n, true
}

// normalize is strata.NormalizeURL: the form URLs are compared and
// archived under. URLs already in that form skip the WHATWG parser,
// which takes most of the time of reading a sitemap.
func normalize(raw string) (string, error) {
	if isNormal(raw) {
		return raw, nil
	}
	return strata.NormalizeURL(raw)
}

// isNormal reports, conservatively, that strata.NormalizeURL would return
// raw unchanged: http(s), a lower-case ASCII host name whose last label
// starts with a letter (no IP address, no punycode), no default or
// zero-padded port, a path of plain characters without dot segments or
// percent escapes, and no user info, query or fragment.
func isNormal(raw string) bool {
	var rest string
	var defaultPort string
	switch {
	case strings.HasPrefix(raw, "https://"):
		rest, defaultPort = raw[8:], "443"
	case strings.HasPrefix(raw, "http://"):
		rest, defaultPort = raw[7:], "80"
	default:
		return false
	}
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 {
		return false
	}
	host, path := rest[:slash], rest[slash:]
	if h, port, ok := strings.Cut(host, ":"); ok {
		if port == "" || len(port) > 5 || port[0] == '0' || port == defaultPort {
			return false
		}
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' {
				return false
			}
		}
		if len(port) == 5 && port > "65535" {
			return false
		}
		host = h
	}
	labelStart := 0
	for i := 0; i <= len(host); i++ {
		if i < len(host) && host[i] != '.' {
			c := host[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
			continue
		}
		label := host[labelStart:i]
		if label == "" || strings.HasPrefix(label, "xn--") {
			return false
		}
		labelStart = i + 1
	}
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last[0] < 'a' || last[0] > 'z' {
		return false
	}
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0:
		default:
			return false
		}
	}
	return !strings.Contains(path, "/./") && !strings.Contains(path, "/../") &&
		!strings.HasSuffix(path, "/.") && !strings.HasSuffix(path, "/..")
}

// hasToken reports whether the space-separated list has tok, in any case.
func hasToken(list, tok string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, tok) {
			return true
		}
	}
	return false
}
