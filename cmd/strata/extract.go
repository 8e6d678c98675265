package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/config"
	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/extract"
)

type extractOptions struct {
	url string
}

func newExtractCommand(g *globals) *cobra.Command {
	var opts extractOptions
	cmd := &cobra.Command{
		Use:   "extract [--url URL] FILE|-",
		Short: "Extract the snapshot of a saved HTML page, without touching the archive",
		Long: `extract runs the archive's extraction on a saved HTML page (FILE, or standard
input for "-") and prints the snapshot as JSON. Nothing is fetched and the archive
is not opened; use it to see what strata would archive and to tune [[site]] rules.

--url is the page's address: relative links resolve against it, and the
[[site]] whose hosts include its host lends its selectors. Without it the page
is taken for http://localhost/FILE and no site's rules apply. The charset is
taken from a byte order mark or the page's <meta charset>.

` + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(g, opts, args[0], cmd.InOrStdin())
		},
	}
	cmd.Flags().StringVar(&opts.url, "url", "", "the page's URL (resolves links, picks the [[site]] rules)")
	return cmd
}

func runExtract(g *globals, opts extractOptions, file string, stdin io.Reader) error {
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	var body []byte
	if file == "-" {
		body, err = io.ReadAll(stdin)
		if err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
	} else {
		body, err = os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("read page: %w", err)
		}
	}
	pageURL := opts.url
	if pageURL == "" {
		name := "stdin.html"
		if file != "-" {
			name = filepath.Base(file)
		}
		pageURL = "http://localhost/" + url.PathEscape(name)
	}
	key, err := strata.NormalizeURL(pageURL)
	if err != nil {
		return fmt.Errorf("--url: %w", err)
	}
	c := &strata.Capture{URL: key, FinalURL: key, Status: 200, Body: body, FetchedAt: time.Now().UTC().Truncate(time.Second)}
	var rules *extract.Rules
	if opts.url != "" {
		u, _ := url.Parse(key)
		rules = siteRules(cfg)(u.Hostname())
	}
	snap, err := scraper.ExtractWith(c, rules)
	if err != nil {
		if errors.Is(err, scraper.ErrNotHTML) {
			return fmt.Errorf("%s: %w", displayName(file), err)
		}
		return fmt.Errorf("extract %s: %w", displayName(file), err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(snap); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	_, err = g.stdout.Write(b.Bytes())
	return err
}

func displayName(file string) string {
	if file == "-" {
		return "standard input"
	}
	return file
}

// siteRules returns the lookup of a host's extraction rules in cfg: the
// selectors of the [[site]] whose hosts include it, or nil.
func siteRules(cfg *config.Config) func(host string) *extract.Rules {
	return func(host string) *extract.Rules {
		s := cfg.SiteFor(host)
		if s == nil {
			return nil
		}
		sel := s.Selectors
		return &extract.Rules{Title: sel.Title, Body: sel.Body, Date: sel.Date, Authors: sel.Authors,
			Categories: sel.Categories, Tags: sel.Tags, Comments: sel.Comments, Strip: sel.Strip}
	}
}
