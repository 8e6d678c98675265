package config

import (
	"fmt"
	"net/url"
)

// DefaultMaxCommentRequests is the default cap on the extra requests made
// for one article's comment thread.
const DefaultMaxCommentRequests = 50

// Comments is the [comments] table: how strata fetches the parts of a
// comment thread that the article page does not show (further comment
// pages, the WordPress REST API, wpDiscuz batches, Disqus and the other
// services). Those requests go through the [fetch] settings like any
// page.
type Comments struct {
	// Fetch turns completing threads on (the default) or off; off keeps
	// only the comments the article page shows.
	Fetch *bool `toml:"fetch"`
	// MaxRequests caps the extra requests per article; a [[site]]'s
	// max_comment_requests overrides it for that site.
	MaxRequests int `toml:"max_requests"`
	// DisqusBase is the origin of Disqus's embed pages and API; empty
	// means https://disqus.com.
	DisqusBase string `toml:"disqus_base"`
	// DisqusAPIKey is a public Disqus API key, needed for the pages of a
	// Disqus thread after the first.
	DisqusAPIKey string `toml:"disqus_api_key"`
	// HackerNewsAPI is the origin of the Hacker News API; empty means
	// https://hacker-news.firebaseio.com.
	HackerNewsAPI string `toml:"hackernews_api"`
	// RedditBase is the origin whose .json threads are read for Reddit
	// pages; empty means https://www.reddit.com.
	RedditBase string `toml:"reddit_base"`
	// CommentoBase, Remark42Base and DiscourseBase replace the service
	// origin an article page names; empty means the page's own.
	CommentoBase  string `toml:"commento_base"`
	Remark42Base  string `toml:"remark42_base"`
	DiscourseBase string `toml:"discourse_base"`
}

func (c *Comments) applyDefaults() {
	if c.Fetch == nil {
		t := true
		c.Fetch = &t
	}
	if c.MaxRequests == 0 {
		c.MaxRequests = DefaultMaxCommentRequests
	}
}

// FetchThreads reports whether threads are completed beyond the page.
func (c Comments) FetchThreads() bool { return c.Fetch == nil || *c.Fetch }

func (c Comments) validate() error {
	if c.MaxRequests < 0 {
		return fmt.Errorf("comments.max_requests must not be negative")
	}
	for key, v := range map[string]string{
		"disqus_base": c.DisqusBase, "hackernews_api": c.HackerNewsAPI, "reddit_base": c.RedditBase,
		"commento_base": c.CommentoBase, "remark42_base": c.Remark42Base, "discourse_base": c.DiscourseBase,
	} {
		if v == "" {
			continue
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("comments.%s: %q is not an http or https URL", key, v)
		}
	}
	return nil
}

// MaxCommentRequests returns the cap on extra comment requests for an
// article on host: the max_comment_requests of the host's [[site]] when
// set, else [comments] max_requests.
func (c *Config) MaxCommentRequests(host string) int {
	if s := c.SiteFor(host); s != nil && s.MaxCommentRequests > 0 {
		return s.MaxCommentRequests
	}
	if c.Comments.MaxRequests > 0 {
		return c.Comments.MaxRequests
	}
	return DefaultMaxCommentRequests
}
