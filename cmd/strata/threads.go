package main

import (
	"net/url"

	"github.com/strata-archive/strata/config"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/thread"
)

// threadsOption turns the [comments] settings into how the scraper
// completes comment threads: off, or with the configured cap (per site
// where a [[site]] sets max_comment_requests) and service origins.
func threadsOption(cfg *config.Config) scraper.Option {
	c := cfg.Comments
	if !c.FetchThreads() {
		return scraper.WithoutThreads()
	}
	return scraper.WithThreads(thread.Options{
		MaxRequests:    c.MaxRequests,
		MaxRequestsFor: func(u *url.URL) int { return cfg.MaxCommentRequests(u.Hostname()) },
		DisqusBase:     c.DisqusBase,
		DisqusAPIKey:   c.DisqusAPIKey,
		HackerNewsAPI:  c.HackerNewsAPI,
		RedditBase:     c.RedditBase,
		CommentoBase:   c.CommentoBase,
		Remark42Base:   c.Remark42Base,
		DiscourseBase:  c.DiscourseBase,
	})
}
