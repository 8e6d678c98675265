package config_test

import (
	"strings"
	"testing"

	"github.com/strata-archive/strata/config"
)

func TestCommentsTable(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string
		check   func(t *testing.T, c *config.Config)
	}{
		{
			name: "defaults",
			check: func(t *testing.T, c *config.Config) {
				if !c.Comments.FetchThreads() || c.Comments.MaxRequests != config.DefaultMaxCommentRequests {
					t.Errorf("defaults not applied: %+v", c.Comments)
				}
				if n := c.MaxCommentRequests("example.org"); n != config.DefaultMaxCommentRequests {
					t.Errorf("cap %d", n)
				}
			},
		},
		{
			name: "every key, and a site override",
			in: `[comments]
fetch = false
max_requests = 12
disqus_base = "http://127.0.0.1:8081"
disqus_api_key = "public-key"
hackernews_api = "http://127.0.0.1:8082"
reddit_base = "https://old.reddit.com"
commento_base = "https://commento.example.org"
remark42_base = "https://remark.example.org"
discourse_base = "https://forum.example.org"

[[site]]
name = "big"
hosts = ["big.example"]
max_comment_requests = 300
`,
			check: func(t *testing.T, c *config.Config) {
				k := c.Comments
				if k.FetchThreads() || k.MaxRequests != 12 || k.DisqusBase != "http://127.0.0.1:8081" || k.DisqusAPIKey != "public-key" ||
					k.HackerNewsAPI != "http://127.0.0.1:8082" || k.RedditBase != "https://old.reddit.com" ||
					k.CommentoBase != "https://commento.example.org" || k.Remark42Base != "https://remark.example.org" ||
					k.DiscourseBase != "https://forum.example.org" {
					t.Errorf("got %+v", k)
				}
				if n := c.MaxCommentRequests("www.big.example"); n != 300 {
					t.Errorf("site cap %d, want 300", n)
				}
				if n := c.MaxCommentRequests("other.example"); n != 12 {
					t.Errorf("cap %d, want 12", n)
				}
			},
		},
		{name: "unknown key", in: "[comments]\nmax_request = 3\n", wantErr: `line 2: unknown key "comments.max_request"`},
		{name: "negative cap", in: "[comments]\nmax_requests = -1\n", wantErr: "comments.max_requests must not be negative"},
		{name: "base not a URL", in: "[comments]\ndisqus_base = \"disqus.com\"\n", wantErr: `comments.disqus_base: "disqus.com" is not an http or https URL`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
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
