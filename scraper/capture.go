package scraper

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"github.com/strata-archive/strata"
)

// sniffContentType is http.DetectContentType made to know two common
// starts of HTML pages that the WHATWG sniffing algorithm reads as
// something else: a UTF-8 byte order mark (taken for text/plain) and an
// XML declaration before an XHTML doctype (taken for text/xml).
func sniffContentType(body []byte) string {
	rest := bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	rest = bytes.TrimLeft(rest, "\t\n\f\r ")
	if bytes.HasPrefix(rest, []byte("<?xml")) {
		if i := bytes.Index(rest, []byte("?>")); i >= 0 {
			rest = bytes.TrimLeft(rest[i+2:], "\t\n\f\r ")
		}
	}
	head := bytes.ToLower(rest[:min(len(rest), 1024)])
	if bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) {
		return "text/html"
	}
	if sniffed := http.DetectContentType(body); !strings.HasPrefix(sniffed, "text/plain") {
		return sniffed
	}
	// Saved pages and fragments often start with a <meta> or <link>
	// element that WHATWG sniffing does not list: markup that opens with
	// a tag and holds a document-level element is HTML.
	if len(head) > 1 && head[0] == '<' && (isLetter(head[1]) || head[1] == '!') {
		for _, tag := range []string{"<html", "<head", "<body", "<meta", "<title", "<link"} {
			if bytes.Contains(head, []byte(tag)) {
				return "text/html; charset=utf-8"
			}
		}
	}
	return http.DetectContentType(body)
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// captureHost returns the host of the page a capture ended on.
func captureHost(c *strata.Capture) string {
	raw := c.FinalURL
	if raw == "" {
		raw = c.URL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// DecodeHTML converts an HTML page to UTF-8 the way Extract does: the
// byte order mark, then the charset of contentType (may be empty), then
// the page's <meta charset>. Benchmarks use it to give other extractors
// the very text strata reads.
func DecodeHTML(body []byte, contentType string) ([]byte, error) {
	return decodeCharset(body, contentType)
}
