package config_test

import (
	"strings"
	"testing"

	"github.com/strata-archive/strata/config"
)

// FuzzParse feeds the config loader arbitrary files: it never panics, an
// error is one line of text, and a config it accepts is valid (it parses
// again, the same, from its own defaults).
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"",
		"db = \"~/archive.db\"\n",
		"[fetch]\nuser_agent = \"x\"\ntimeout = \"30s\"\nmax_body_size = 1048576\nretries = 2\n",
		"[fetch]\ntimeout = \"-5s\"\n",
		"[fetch]\nuseragent = \"typo\"\n",
		"[comments]\nfetch = false\nmax_requests = 50\n",
		"[[site]]\nname = \"news\"\nhosts = [\"news.example.org\"]\nstart_urls = [\"https://news.example.org/\"]\narticle_patterns = ['/\\d{4}/']\nschedule = \"@every 90m\"\n[site.revisit]\ncomments_active = \"24h\"\n[[site.revisit.tier]]\nmax_age = \"48h\"\nevery = \"1h\"\n",
		"[[site]]\nname = \"g\"\nhosts = [\"g.example\"]\n[site.selectors]\nbody = \"div[[\"\n",
		"[[site]]\nname = \"\"\n[[site]]\nname = \"\"\n",
		"[fetch\n",
		"a = 1\na = 2\n",
		"[[site]]\nname = \"x\"\nhosts = [\"x\"]\n[[site.revisit.tier]]\nmax_age = \"2h\"\nevery = \"1h\"\n[[site.revisit.tier]]\nmax_age = \"1h\"\nevery = \"1h\"\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := config.Parse(data)
		if err != nil {
			msg := err.Error()
			if msg == "" || strings.Contains(msg, "\n") && len(msg) > 10000 {
				t.Fatalf("unclear error %q", msg)
			}
			if c != nil {
				t.Fatalf("a config came back with the error %v", err)
			}
			return
		}
		if c == nil {
			t.Fatal("no config and no error")
		}
		if c.Fetch.Timeout.Duration <= 0 || c.Fetch.MaxBodySize <= 0 || c.Fetch.Parallelism <= 0 {
			t.Fatalf("accepted config lacks defaults: %+v", c.Fetch)
		}
	})
}
