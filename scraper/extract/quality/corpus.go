package quality

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Page is one page of the corpus and what is expected of it.
type Page struct {
	// URL is the page's address, used to resolve links and pick site rules.
	URL string
	// File is the page's name in the html/ directory.
	File string
	// With must appear in the body; Without must not.
	With, Without []string
	// Comments are snippets of the comment thread.
	Comments []string
	// Title, Author and Date (YYYY-MM-DD) are the expected metadata; empty
	// when the annotators gave none. Author is the byline as written (a
	// list is joined with "; ").
	Title, Author, Date string
	// Authors are the expected names, lowercased: Author split into names,
	// or the list as given.
	Authors []string
	// Categories and Tags are the expected lists; nil when not given.
	Categories, Tags []string
}

// HeldOut reports whether the page belongs to the held-out split.
func (p *Page) HeldOut() bool {
	h := fnv.New32a()
	h.Write([]byte(p.File))
	return h.Sum32()%5 == 0
}

// Corpus is a directory of pages with their expectations.
type Corpus struct {
	// Dir holds evaldata.json and html/.
	Dir   string
	Pages []Page
}

// evalEntry is one value of evaldata.json.
type evalEntry struct {
	File       string   `json:"file"`
	With       []string `json:"with"`
	Without    []string `json:"without"`
	Comments   []string `json:"comments"`
	Title      string   `json:"title"`
	Author     names    `json:"author"`
	Date       string   `json:"date"`
	Categories []string `json:"categories"`
	Tags       []string `json:"tags"`
}

// names is an author field: a byline string or a list of names.
type names struct {
	raw   string
	names []string
}

func (n *names) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		n.raw, n.names = s, authorNames(s)
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return err
	}
	n.raw = strings.Join(l, "; ")
	for _, v := range l {
		if v = strings.ToLower(norm(v)); v != "" {
			n.names = append(n.names, v)
		}
	}
	return nil
}

// Load reads the corpus in dir: dir/evaldata.json maps each page's URL to
// its expectations, and dir/html/ holds the pages. Pages are sorted by
// file name so that runs are reproducible.
func Load(dir string) (*Corpus, error) {
	data, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	var entries map[string]evalEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("decode %s: %w", filepath.Join(dir, "evaldata.json"), err)
	}
	c := &Corpus{Dir: dir}
	for u, e := range entries {
		if e.File == "" {
			continue
		}
		c.Pages = append(c.Pages, Page{
			URL: u, File: e.File, With: e.With, Without: e.Without, Comments: e.Comments,
			Title: e.Title, Author: e.Author.raw, Authors: e.Author.names, Date: e.Date, Categories: e.Categories, Tags: e.Tags,
		})
	}
	slices.SortFunc(c.Pages, func(a, b Page) int {
		switch {
		case a.File < b.File:
			return -1
		case a.File > b.File:
			return 1
		}
		return 0
	})
	return c, nil
}

// Read returns the raw bytes of page p.
func (c *Corpus) Read(p *Page) ([]byte, error) {
	return os.ReadFile(filepath.Join(c.Dir, "html", p.File))
}
