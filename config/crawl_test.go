package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/strata-archive/strata/config"
)

func TestSiteCrawl(t *testing.T) {
	c, err := config.Parse([]byte(`
[[site]]
name = "news"
hosts = ["news.example"]
start_urls = ["https://news.example/"]
schedule = "*/15 6-22 * * 1-5"
error_budget = 4
discover = false
depth = 3
max_pages = 200

[site.revisit]
comments_active = "12h"
listing_every = "30m"

[[site.revisit.tier]]
max_age = "24h"
every = "30m"

[[site.revisit.tier]]
every = "168h"

[[site]]
name = "plain"
hosts = ["plain.example"]
`))
	if err != nil {
		t.Fatal(err)
	}
	news, plain := c.Site("news"), c.Site("plain")
	rv := news.RevisitPolicy()
	if len(rv.Tiers) != 2 || rv.Tiers[0].Every.Duration != 30*time.Minute || rv.Tiers[1].MaxAge.Duration != 0 ||
		rv.CommentsActive.Duration != 12*time.Hour || rv.ListingEvery.Duration != 30*time.Minute {
		t.Errorf("news revisit: %+v", rv)
	}
	if news.AutoDiscover() || news.HostErrorBudget() != 4 || news.CrawlDepth() != 3 || news.PageBudget() != 200 {
		t.Errorf("news crawl keys: %+v", news.SiteCrawl)
	}
	rv = plain.RevisitPolicy()
	if len(rv.Tiers) != 4 || rv.Tiers[0].Every.Duration != time.Hour || rv.Tiers[3].Every.Duration != 30*24*time.Hour ||
		rv.CommentsActive.Duration != config.DefaultCommentsActive || rv.ListingEvery.Duration != 0 {
		t.Errorf("default revisit: %+v", rv)
	}
	if !plain.AutoDiscover() || plain.HostErrorBudget() != config.DefaultErrorBudget ||
		plain.CrawlDepth() != config.DefaultDepth || plain.PageBudget() != config.DefaultMaxPages {
		t.Errorf("plain defaults: %+v", plain.SiteCrawl)
	}
	if _, err := config.ParseSchedule("@every 90m"); err != nil {
		t.Errorf("@every: %v", err)
	}
}

// TestSiteCrawlErrors checks that every crawl key error names the site
// and the key.
func TestSiteCrawlErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`schedule = "every hour"`, `site "s": schedule: bad cron expression "every hour"`},
		{`schedule = "61 * * * *"`, `site "s": schedule: bad cron expression`},
		{`error_budget = -1`, `site "s": error_budget: must not be negative`},
		{"[site.revisit]\ncomments_active = \"-1h\"", `site "s": revisit.comments_active: must not be negative`},
		{"[site.revisit]\nlisting_every = \"-1h\"", `site "s": revisit.listing_every: must not be negative`},
		{"[[site.revisit.tier]]\nmax_age = \"1h\"", `site "s": revisit.tier[1].every: must be set and positive`},
		{"[[site.revisit.tier]]\nevery = \"1h\"\n[[site.revisit.tier]]\nmax_age = \"48h\"\nevery = \"1h\"", `site "s": revisit.tier[1].max_age: only the last tier may leave max_age out`},
		{"[[site.revisit.tier]]\nmax_age = \"48h\"\nevery = \"1h\"\n[[site.revisit.tier]]\nmax_age = \"24h\"\nevery = \"1h\"", `site "s": revisit.tier[2].max_age: tiers must be listed by increasing max_age`},
		{"[site.revisit]\nevery = \"1h\"", `unknown key "site.revisit.every"`},
	}
	for _, tt := range tests {
		_, err := config.Parse([]byte("[[site]]\nname = \"s\"\nhosts = [\"s.example\"]\n" + tt.in + "\n"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.in, err, tt.want)
		}
	}
}
