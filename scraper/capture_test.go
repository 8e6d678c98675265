package scraper_test

import (
	"testing"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper"
)

// Pages saved without headers that the WHATWG sniffer misreads: a UTF-8
// byte order mark (text/plain) and an XML declaration before XHTML
// (text/xml).
func TestExtractSniffsSavedPages(t *testing.T) {
	for name, body := range map[string]string{
		"bom":        "\xef\xbb\xbf<!doctype html><html><head><title>Quay</title></head><body><p>Ferries.</p></body></html>",
		"xml prolog": `<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Quay</title></head><body><p>Ferries.</p></body></html>`,
	} {
		t.Run(name, func(t *testing.T) {
			snap, err := scraper.Extract(&strata.Capture{URL: "https://quay.example/", Status: 200, Body: []byte(body)})
			if err != nil {
				t.Fatal(err)
			}
			if snap.Title != "Quay" {
				t.Errorf("title = %q", snap.Title)
			}
		})
	}
	if _, err := scraper.Extract(&strata.Capture{URL: "https://quay.example/", Status: 200, Body: []byte(`<?xml version="1.0"?><rss><channel/></rss>`)}); err == nil {
		t.Error("an RSS feed was taken for a page")
	}
}
