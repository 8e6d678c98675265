package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata/config"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string
		check   func(t *testing.T, c *config.Config)
	}{
		{
			name: "empty file gives defaults",
			in:   "",
			check: func(t *testing.T, c *config.Config) {
				if c.Fetch.UserAgent != config.DefaultUserAgent || !c.Fetch.ObeyRobots() ||
					c.Fetch.Timeout.Duration != config.DefaultTimeout || c.Fetch.MaxBodySize != config.DefaultMaxBodySize {
					t.Errorf("defaults not applied: %+v", c.Fetch)
				}
			},
		},
		{
			name: "every key",
			in: `db = "/var/lib/strata/archive.db"
[fetch]
user_agent = "MyArchive/1.0 (+mailto:me@example.org)"
robots = false
timeout = "45s"
connect_timeout = "5s"
header_timeout = "20s"
max_body_size = 1048576
parallelism = 3
delay = "2s"
`,
			check: func(t *testing.T, c *config.Config) {
				f := c.Fetch
				if c.DB != "/var/lib/strata/archive.db" || f.UserAgent != "MyArchive/1.0 (+mailto:me@example.org)" ||
					f.ObeyRobots() || f.Timeout.Duration != 45*time.Second || f.ConnectTimeout.Duration != 5*time.Second ||
					f.HeaderTimeout.Duration != 20*time.Second || f.MaxBodySize != 1<<20 || f.Parallelism != 3 ||
					f.Delay.Duration != 2*time.Second {
					t.Errorf("got %+v, db %q", f, c.DB)
				}
			},
		},
		{
			name:    "unknown top-level key names key and line",
			in:      "\n\ndatabase = \"x.db\"\n",
			wantErr: `line 3: unknown key "database"`,
		},
		{
			name:    "unknown key in a table names key and line",
			in:      "[fetch]\nuser_agent = \"x\"\ntimeout = \"3s\"\nuseragent = \"typo\"\n",
			wantErr: `line 4: unknown key "fetch.useragent"`,
		},
		{
			name:    "unknown table",
			in:      "db = \"a\"\n[fetcher]\ntimeout = \"3s\"\n",
			wantErr: `line 2: unknown key "fetcher"`,
		},
		{
			name:    "bad duration",
			in:      "[fetch]\ntimeout = \"ten seconds\"\n",
			wantErr: `invalid duration "ten seconds"`,
		},
		{
			name:    "syntax error has a line",
			in:      "[fetch]\ntimeout = \n",
			wantErr: "line 2",
		},
		{
			name:    "negative value",
			in:      "[fetch]\nparallelism = -1\n",
			wantErr: "fetch.parallelism must be positive",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	t.Setenv(config.EnvConfig, "")

	// No file anywhere: defaults, no error.
	c, err := config.Load("")
	if err != nil {
		t.Fatalf("missing default config: %v", err)
	}
	if c.Fetch.UserAgent != config.DefaultUserAgent {
		t.Errorf("defaults not applied")
	}

	// A named file that does not exist is an error.
	if _, err := config.Load(filepath.Join(dir, "nope.toml")); err == nil {
		t.Error("missing explicit config: no error")
	}

	// Errors name the file.
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("colour = 1\n"), 0o644)
	_, err = config.Load(bad)
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), `line 1: unknown key "colour"`) {
		t.Errorf("err = %v", err)
	}

	// STRATA_CONFIG is read when no flag is given.
	good := filepath.Join(dir, "good.toml")
	os.WriteFile(good, []byte("db = \"/tmp/x.db\"\n"), 0o644)
	t.Setenv(config.EnvConfig, good)
	c, err = config.Load("")
	if err != nil || c.DB != "/tmp/x.db" {
		t.Errorf("STRATA_CONFIG: %v, %+v", err, c)
	}
}

func TestDBPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	c := &config.Config{}
	t.Setenv(config.EnvDB, "")
	if got := c.DBPath(""); got != "/data/strata/archive.db" {
		t.Errorf("default = %q", got)
	}
	c.DB = "/from/config.db"
	if got := c.DBPath(""); got != "/from/config.db" {
		t.Errorf("config = %q", got)
	}
	t.Setenv(config.EnvDB, "/from/env.db")
	if got := c.DBPath(""); got != "/from/env.db" {
		t.Errorf("env = %q", got)
	}
	if got := c.DBPath("/from/flag.db"); got != "/from/flag.db" {
		t.Errorf("flag = %q", got)
	}
}

func TestSites(t *testing.T) {
	good := `
[[site]]
name = "offguardian"
hosts = ["off-guardian.org"]
article_patterns = ['^https://off-guardian\.org/\d{4}/\d{2}/\d{2}/']
[site.selectors]
body = "div.entry-content"
strip = [".donation", "#jp-relatedposts"]

[[site]]
name = "other"
hosts = ["example.com"]
`
	c, err := config.Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if s := c.SiteFor("www.off-guardian.org"); s == nil || s.Name != "offguardian" || s.Selectors.Body != "div.entry-content" {
		t.Errorf("SiteFor = %+v", s)
	}
	if c.SiteFor("evil-off-guardian.org") != nil {
		t.Error("SiteFor matched a different domain")
	}
	if c.Site("other") == nil || c.Site("nope") != nil {
		t.Error("Site by name")
	}

	bad := []struct{ in, want string }{
		{"[[site]]\nhosts = [\"a.org\"]\n", "site #1: name is required"},
		{"[[site]]\nname = \"x\"\nhosts = [\"https://a.org/\"]\n", `site "x": hosts: "https://a.org/" is not a host name`},
		{"[[site]]\nname = \"x\"\n[site.selectors]\nbody = \"div[\"\n", `site "x": selectors.body: bad CSS selector "div["`},
		{"[[site]]\nname = \"x\"\narticle_patterns = [\"(\"]\n", `site "x": article_patterns: bad regular expression "("`},
		{"[[site]]\nname = \"x\"\n[[site]]\nname = \"x\"\n", `site "x": defined twice`},
		{"[[site]]\nname = \"x\"\nbody_selector = \"p\"\n", `line 3: unknown key "site.body_selector"`},
	}
	for _, tt := range bad {
		_, err := config.Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.in, err, tt.want)
		}
	}
}
