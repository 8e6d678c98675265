package block_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/block"
)

// FuzzDetect runs Detect on arbitrary bodies: no panic, no hang, and a
// known reason or none.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html", 200)
	}
	f.Add([]byte(`{"url":"https://geo.captcha-delivery.com/captcha/"}`), "application/json", 403)
	f.Add([]byte("<title>Just a moment...</title>"), "", 503)
	known := map[string]bool{"": true}
	for _, r := range []string{block.ReasonCloudflareChallenge, block.ReasonCloudflareBlock, block.ReasonDDoSGuard,
		block.ReasonSucuri, block.ReasonAkamai, block.ReasonImperva, block.ReasonPerimeterX, block.ReasonDataDome,
		block.ReasonAWSWAF, block.ReasonCaptcha, block.ReasonBotCheck, block.ReasonAccessDenied, block.ReasonLoginWall,
		block.ReasonPaywall, block.ReasonPasswordProtected, block.ReasonErrorPage, block.ReasonErrorStatus,
		block.ReasonDatabaseError, block.ReasonMaintenance} {
		known[r] = true
	}
	f.Fuzz(func(t *testing.T, body []byte, ctype string, status int) {
		c := &strata.Capture{Status: status, Header: http.Header{"Content-Type": {ctype}}, Body: body}
		if r := block.Detect(c, nil); !known[r] {
			t.Fatalf("unknown reason %q", r)
		}
	})
}
