package scraper_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/encoding/charmap"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/testsite"
)

func capture(body []byte, contentType string) *strata.Capture {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return &strata.Capture{
		URL: "https://example.org/a/", FinalURL: "https://example.org/a/", Status: 200,
		Header: h, Body: body, FetchedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func TestExtractCharsets(t *testing.T) {
	const title = "Café Zürich – «Grüße»"
	page := func(meta string) string {
		return "<!doctype html><html><head>" + meta + "<title>" + title + "</title></head><body><article class=\"entry-content\"><p>" +
			strings.Repeat("Ein ganz gewöhnlicher Absatz über Café und Grüße. ", 8) + "</p></article></body></html>"
	}
	latin1 := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(b)
	}
	longHead := "<meta name=\"x\" content=\"" + strings.Repeat("padding ", 200) + "\">"
	tests := []struct {
		name        string
		body        []byte
		contentType string
	}{
		{"utf-8 with header", []byte(page("")), "text/html; charset=utf-8"},
		{"utf-8 without any declaration", []byte(page("")), "text/html"},
		{"utf-8 BOM beats a wrong header", append([]byte("\xef\xbb\xbf"), page("")...), "text/html; charset=iso-8859-1"},
		{"windows-1252 from header", latin1(page("")), "text/html; charset=windows-1252"},
		{"windows-1252 from meta only", latin1(page(`<meta charset="windows-1252">`)), "text/html"},
		{"windows-1252 from http-equiv after 1024 bytes", latin1(page(longHead + `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`)), "text/html"},
		{"no content type, sniffed", []byte(page("")), ""},
		{"utf-8 undeclared after 1024 bytes of ascii", []byte(page(longHead)), "text/html"},
		{"windows-1252 undeclared after 1024 bytes of ascii", latin1(page(longHead)), "text/html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := scraper.Extract(capture(tt.body, tt.contentType))
			if err != nil {
				t.Fatal(err)
			}
			if snap.Title != title {
				t.Errorf("title = %q, want %q", snap.Title, title)
			}
			if !strings.Contains(snap.BodyText, "gewöhnlicher Absatz über Café und Grüße") {
				t.Errorf("body = %q", snap.BodyText)
			}
		})
	}
}

// TestExtractShortSevenBitCharset checks that a short page declaring a
// 7-bit charset (ISO-2022-JP: valid UTF-8 byte for byte) is decoded as
// declared, not taken for UTF-8.
func TestExtractShortSevenBitCharset(t *testing.T) {
	body := "<html><head><meta charset=\"iso-2022-jp\"><title>\x1b$BF|K\\\x1b(B</title></head><body><p>x</p></body></html>"
	snap, err := scraper.Extract(capture([]byte(body), "text/html"))
	if err != nil {
		t.Fatal(err)
	}
	if snap.Title != "日本" {
		t.Errorf("title = %q, want %q", snap.Title, "日本")
	}
}

func TestExtractRefusesNonHTML(t *testing.T) {
	tests := []struct {
		name, contentType string
		body              []byte
		want              error
	}{
		{"pdf", "application/pdf", []byte("%PDF-1.4 ..."), scraper.ErrNotHTML},
		{"json", "application/json", []byte(`{"a":1}`), scraper.ErrNotHTML},
		{"image sniffed", "", []byte("\x89PNG\r\n\x1a\n\x00\x00"), scraper.ErrNotHTML},
		{"empty", "text/html", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scraper.Extract(capture(tt.body, tt.contentType))
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	// HTML served as text/plain by a misconfigured server is still read.
	if _, err := scraper.Extract(capture([]byte("<!DOCTYPE html><html><title>x</title><p>y</p>"), "text/plain")); err != nil {
		t.Errorf("html as text/plain: %v", err)
	}
}

func TestExtractSeedSnapshot(t *testing.T) {
	body := testsite.Fixture("wpdiscuz-seed.html", "https://off-guardian.example")
	c := capture([]byte(body), "text/html; charset=UTF-8")
	c.URL = "https://off-guardian.example/2016/03/01/leaked-telephone-transcripts-show-turkey-is-helping-isis-in-syria/?utm_source=twitter#comments"
	snap, err := scraper.Extract(c)
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://off-guardian.example/2016/03/01/leaked-telephone-transcripts-show-turkey-is-helping-isis-in-syria/"; snap.URL != want {
		t.Errorf("url = %q, want tracking parameters and fragment dropped", snap.URL)
	}
	if snap.CommentSystem != "wpdiscuz" || len(snap.Comments) != 5 || snap.Title == "" || snap.Version != 0 || snap.ContentHash != "" {
		t.Errorf("snapshot: system %q, %d comments, title %q, version %d, hash %q",
			snap.CommentSystem, len(snap.Comments), snap.Title, snap.Version, snap.ContentHash)
	}
	if !snap.FetchedAt.Equal(c.FetchedAt) || snap.Status != 200 {
		t.Errorf("fetch fields not carried: %v %d", snap.FetchedAt, snap.Status)
	}
}

// BenchmarkExtractSeed measures the whole extraction of the seed page:
// charset, parse, comment thread and article.
func BenchmarkExtractSeed(b *testing.B) {
	body := []byte(testsite.Fixture("wpdiscuz-seed.html", "https://off-guardian.example"))
	c := capture(body, "text/html; charset=UTF-8")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scraper.Extract(c); err != nil {
			b.Fatal(err)
		}
	}
}

func TestExtractRefusesBlockPages(t *testing.T) {
	challenge := `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="390"><meta name="robots" content="noindex,nofollow"></head>
<body><div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">example.org</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
<noscript><div id="challenge-error-title">Enable JavaScript and cookies to continue</div></noscript>
<div id="challenge-body-text" class="core-msg spacer">example.org needs to review the security of your connection before proceeding.</div>
<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=7a1"></script></div></div></body></html>`
	c := capture([]byte(challenge), "text/html; charset=UTF-8")
	c.Status = 403
	c.Header.Set("Server", "cloudflare")
	c.Header.Set("Cf-Mitigated", "challenge")
	if _, err := scraper.Extract(c); !errors.Is(err, scraper.ErrBlocked) {
		t.Errorf("challenge page: err = %v, want ErrBlocked", err)
	}
	c.Status = 200
	if _, err := scraper.Extract(c); !errors.Is(err, scraper.ErrBlocked) {
		t.Errorf("challenge page with 200: err = %v, want ErrBlocked", err)
	}
	// The seed article is not a block page.
	seed := capture([]byte(testsite.Fixture("wpdiscuz-seed.html", "https://off-guardian.example")), "text/html")
	if _, err := scraper.Extract(seed); err != nil {
		t.Errorf("seed: %v", err)
	}
}

// TestExtractClientRenderedPage archives a page rendered in the browser:
// its markup is a shell with a registration prompt, its text is in the
// JSON-LD. It is an article, not a wall.
func TestExtractClientRenderedPage(t *testing.T) {
	paras := []string{
		strings.Repeat("The council met on Tuesday and put off the sea wall repairs until the autumn. ", 6),
		strings.Repeat("Residents of the lower town asked what would be done in the meantime. ", 6),
	}
	ld, err := json.Marshal(map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Sea wall repairs wait",
		"author": map[string]any{"@type": "Person", "name": "Ann Tide"}, "articleBody": strings.Join(paras, "\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	page := `<!DOCTYPE html><html><head><title>Sea wall repairs wait | Harbour News</title>
<script type="application/ld+json">` + string(ld) + `</script></head><body><div id="app">
<div class="registration-paywall"><h2>Register to continue reading</h2><p>By registering, you agree to our terms.</p></div>
</div><script src="/app.js"></script></body></html>`
	snap, err := scraper.Extract(capture([]byte(page), "text/html; charset=UTF-8"))
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	want := strings.TrimSpace(paras[0]) + "\n\n" + strings.TrimSpace(paras[1])
	if snap.BodyText != want || snap.Title != "Sea wall repairs wait" || fmt.Sprint(snap.Authors) != "[Ann Tide]" {
		t.Errorf("snapshot: title %q, authors %v, body\n%q\nwant\n%q", snap.Title, snap.Authors, snap.BodyText, want)
	}
}

func TestExtractSniffsSavedFragments(t *testing.T) {
	page := `<meta charset="utf-8"><title>Saved without a doctype</title><div class="entry-content"><p>` +
		strings.Repeat("A saved page that starts with a meta element. ", 6) + `</p></div>`
	snap, err := scraper.Extract(capture([]byte(page), ""))
	if err != nil {
		t.Fatal(err)
	}
	if snap.Title != "Saved without a doctype" {
		t.Errorf("title = %q", snap.Title)
	}
	if _, err := scraper.Extract(capture([]byte("just some words, no markup at all"), "")); !errors.Is(err, scraper.ErrNotHTML) {
		t.Errorf("plain text: err = %v", err)
	}
}

// BenchmarkParseSeedBaseline is the baseline for BenchmarkExtractSeed: only
// parsing the same page into a goquery document, which extraction must do
// anyway. Their ratio is what extraction costs on top of parsing.
func BenchmarkParseSeedBaseline(b *testing.B) {
	body := []byte(testsite.Fixture("wpdiscuz-seed.html", "https://off-guardian.example"))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := goquery.NewDocumentFromReader(bytes.NewReader(body)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestExtractRefusesBinaryLabelledHTML(t *testing.T) {
	body := append([]byte("<html><body>"), make([]byte, 4096)...)
	if _, err := scraper.Extract(capture(body, "text/html")); !errors.Is(err, scraper.ErrNotHTML) {
		t.Errorf("NUL bytes served as text/html: err = %v, want ErrNotHTML", err)
	}
	// UTF-16 with a byte order mark is text, NULs and all.
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "<html><head><title>UTF-16 page</title></head><body><p>Hello</p></body></html>" {
		utf16 = append(utf16, byte(r), 0)
	}
	snap, err := scraper.Extract(capture(utf16, "text/html"))
	if err != nil || snap.Title != "UTF-16 page" {
		t.Errorf("utf-16 page: %v, %+v", err, snap)
	}
}
