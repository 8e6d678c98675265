package block_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/block"
)

func capture(t testing.TB, file string, status int, header map[string]string) *strata.Capture {
	t.Helper()
	var body []byte
	if file != "" {
		b, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		body = b
	}
	h := http.Header{"Content-Type": {"text/html; charset=UTF-8"}}
	for k, v := range header {
		h.Set(k, v)
	}
	return &strata.Capture{URL: "https://harbour.example/2024/03/01/sea-wall/", Status: status, Header: h, Body: body}
}

func TestDetect(t *testing.T) {
	cf := map[string]string{"Server": "cloudflare"}
	for _, tc := range []struct {
		file   string
		status int
		header map[string]string
		want   string
	}{
		// Bot challenges and firewalls.
		{"cloudflare-challenge.html", 403, map[string]string{"Server": "cloudflare", "Cf-Mitigated": "challenge"}, block.ReasonCloudflareChallenge},
		{"cloudflare-challenge.html", 503, cf, block.ReasonCloudflareChallenge},
		{"cloudflare-challenge.html", 200, nil, block.ReasonCloudflareChallenge}, // by markup alone
		{"cloudflare-block.html", 403, cf, block.ReasonCloudflareBlock},
		{"cloudflare-block.html", 200, nil, block.ReasonCloudflareBlock},
		{"ddos-guard.html", 403, map[string]string{"Server": "ddos-guard"}, block.ReasonDDoSGuard},
		{"sucuri.html", 403, map[string]string{"Server": "Sucuri/Cloudproxy"}, block.ReasonSucuri},
		{"sucuri-js.html", 200, map[string]string{"Server": "Sucuri/Cloudproxy"}, block.ReasonSucuri},
		{"article-plain.html", 403, map[string]string{"X-Sucuri-Block": "BNP005"}, block.ReasonSucuri},
		{"akamai.html", 403, map[string]string{"Server": "AkamaiGHost"}, block.ReasonAkamai},
		{"akamai.html", 200, nil, block.ReasonAkamai},
		{"imperva.html", 200, map[string]string{"X-Iinfo": "10-1234567-0 0NNN RT(1 )", "X-Cdn": "Imperva"}, block.ReasonImperva},
		{"perimeterx.html", 403, nil, block.ReasonPerimeterX},
		{"datadome.html", 403, map[string]string{"X-Datadome": "protected"}, block.ReasonDataDome},
		{"aws-waf.html", 202, nil, block.ReasonAWSWAF},
		{"article-plain.html", 405, map[string]string{"X-Amzn-Waf-Action": "captcha"}, block.ReasonAWSWAF},
		{"recaptcha-only.html", 200, nil, block.ReasonCaptcha},
		{"hcaptcha-only.html", 200, nil, block.ReasonCaptcha},
		{"bot-check-title.html", 200, nil, block.ReasonBotCheck},
		// Walls that replaced the article.
		{"wp-login.html", 200, nil, block.ReasonLoginWall},
		{"login-wall.html", 200, nil, block.ReasonLoginWall},
		{"paywall.html", 200, nil, block.ReasonPaywall},
		{"ghost-members.html", 200, nil, block.ReasonPaywall},
		{"password-protected.html", 200, nil, block.ReasonPasswordProtected},
		// Error pages.
		{"wp-404.html", 200, nil, block.ReasonErrorPage},
		{"wp-404.html", 404, nil, block.ReasonErrorStatus},
		{"notfound-title.html", 200, nil, block.ReasonErrorPage},
		{"db-error.html", 200, nil, block.ReasonDatabaseError},
		{"db-error.html", 500, nil, block.ReasonDatabaseError},
		{"maintenance.html", 503, nil, block.ReasonMaintenance},
		{"critical-error.html", 200, nil, block.ReasonErrorPage},
		// Real pages that mention all of the above.
		{"article-about-cloudflare.html", 200, cf, ""},
		{"article-with-login-and-captcha.html", 200, cf, ""},
		{"short-article-protected-site.html", 200, map[string]string{"X-Datadome": "protected", "Server": "AkamaiGHost"}, ""},
		{"article-404-history.html", 200, nil, ""},
		{"article-plain.html", 200, nil, ""},
		// A teaser (prose in a bare div, no <p>) with a paywall and a
		// login form below: what the site shows everyone, archived.
		{"teaser-then-paywall.html", 200, nil, ""},
		// A page rendered in the browser: the markup holds a registration
		// wall, the JSON-LD the article's text, which is archived. With
		// only a summary there, the wall is all the page holds.
		{"client-rendered-article.html", 200, nil, ""},
		{"client-rendered-wall.html", 200, nil, block.ReasonPaywall},
		// The articleBody counts only as the extractor reads it: from the
		// page's one article node. With two, or on a WebPage, the wall is
		// what would be archived.
		{"client-rendered-two-articles.html", 200, nil, block.ReasonPaywall},
		{"client-rendered-webpage-text.html", 200, nil, block.ReasonPaywall},
		{"", 200, nil, ""}, // empty body
	} {
		t.Run(tc.file, func(t *testing.T) {
			c := capture(t, tc.file, tc.status, tc.header)
			if got := block.Detect(c, nil); got != tc.want {
				t.Errorf("Detect(%s, status %d) = %q, want %q", tc.file, tc.status, got, tc.want)
			}
			if len(c.Body) == 0 {
				return
			}
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(c.Body))
			if err != nil {
				t.Fatal(err)
			}
			if got := block.Detect(c, doc); got != tc.want {
				t.Errorf("Detect(%s) with a parsed document = %q, want %q", tc.file, got, tc.want)
			}
		})
	}
}

func TestDetectNonHTML(t *testing.T) {
	for _, tc := range []struct {
		name, ctype, body string
		want              string
	}{
		{"datadome json", "application/json", `{"url":"https://geo.captcha-delivery.com/captcha/?initialCid=AHrlqAAA&hash=2013"}`, block.ReasonDataDome},
		{"api json", "application/json", `{"id": 101, "title": "Sea wall", "content": "captcha"}`, ""},
		{"sniffed html", "", `<html><head><title>Just a moment...</title></head><body><script>window._cf_chl_opt={}</script></body></html>`, block.ReasonCloudflareChallenge},
		{"xml", "application/xml", `<urlset><url><loc>https://a.example/</loc></url></urlset>`, ""},
	} {
		c := &strata.Capture{Status: 200, Header: http.Header{}, Body: []byte(tc.body)}
		if tc.ctype != "" {
			c.Header.Set("Content-Type", tc.ctype)
		}
		if got := block.Detect(c, nil); got != tc.want {
			t.Errorf("%s: Detect = %q, want %q", tc.name, got, tc.want)
		}
	}
	// A document without a capture.
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader([]byte(`<title>Page not found</title><p>Nothing here.`)))
	if got := block.Detect(nil, doc); got != block.ReasonErrorPage {
		t.Errorf("document only: %q", got)
	}
	if got := block.Detect(nil, nil); got != "" {
		t.Errorf("nothing: %q", got)
	}
}

// BenchmarkDetectArticle measures Detect on a real article (the common
// case: nothing to flag) against parsing the same page, its baseline.
func BenchmarkDetectArticle(b *testing.B) {
	body, err := os.ReadFile(filepath.Join("testdata", "article-about-cloudflare.html"))
	if err != nil {
		b.Fatal(err)
	}
	c := &strata.Capture{Status: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: body}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("detect", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			block.Detect(c, doc)
		}
	})
	b.Run("parse-baseline", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if _, err := goquery.NewDocumentFromReader(bytes.NewReader(body)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
