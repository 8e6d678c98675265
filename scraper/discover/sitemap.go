package discover

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/strata-archive/strata/scraper/fetch"
)

// Limits of the sitemap protocol (sitemaps.org), for one file.
const (
	// MaxSitemapEntries is how many URLs (or child sitemaps) one file may
	// list; the rest of a longer file is not read.
	MaxSitemapEntries = 50_000
	// MaxSitemapSize is the largest uncompressed file read, in bytes.
	MaxSitemapSize = 50 << 20
)

// Defaults of SitemapOptions.
const (
	DefaultMaxURLs     = 50_000
	DefaultMaxDepth    = 2
	DefaultMaxSitemaps = 1_000
)

// maxLocLen is the longest <loc> kept; the protocol allows 2,048.
const maxLocLen = 4096

// Errors of sitemap and feed reading, for errors.Is.
var (
	// ErrNotSitemap means a file is neither a sitemap, a sitemap index,
	// a plain-text URL list nor a feed: typically an HTML page served at
	// a conventional sitemap location.
	ErrNotSitemap = errors.New("not a sitemap")
	// ErrTooLarge means a file is larger than MaxSitemapSize once
	// uncompressed.
	ErrTooLarge = errors.New("larger than the 50 MB a sitemap may be")
	// ErrTruncated means the fetcher cut the file at its body size cap;
	// the entries before the cut were delivered.
	ErrTruncated = errors.New("cut at the fetcher's body size cap")
)

// SitemapOptions bound a sitemap walk.
type SitemapOptions struct {
	// MaxURLs is how many entries are delivered over the whole walk
	// (DefaultMaxURLs when zero). Reaching it ends the walk without an
	// error. Each file also stops after MaxSitemapEntries.
	MaxURLs int
	// MaxDepth is how deep sitemap indexes are followed: with 2 (the
	// default when zero) an index may list indexes that list sitemaps.
	// A negative value follows none.
	MaxDepth int
	// MaxSitemaps is how many files are fetched in all, the first
	// included (DefaultMaxSitemaps when zero).
	MaxSitemaps int
	// Filter, when set, says which URLs are in scope: child sitemaps it
	// rejects are not fetched, nor followed as redirect targets, and page
	// URLs it rejects not delivered.
	Filter func(string) bool
	// ModifiedSince, when set, skips child sitemaps whose index lastmod
	// is before it. Page URLs are not filtered by it.
	ModifiedSince time.Time
}

func (o *SitemapOptions) defaults() {
	if o.MaxURLs <= 0 {
		o.MaxURLs = DefaultMaxURLs
	}
	switch {
	case o.MaxDepth == 0:
		o.MaxDepth = DefaultMaxDepth
	case o.MaxDepth < 0:
		o.MaxDepth = 0
	}
	if o.MaxSitemaps <= 0 {
		o.MaxSitemaps = DefaultMaxSitemaps
	}
}

// Sitemap reads the sitemap or sitemap index at sitemapURL through f and
// calls fn with each page URL it lists, following child sitemaps
// depth-first in the order listed. Files may be XML (urlset or
// sitemapindex; any charset the XML declaration names), gzip-compressed
// (recognised by its magic bytes, whatever the name), plain text (one URL
// a line) or an RSS/Atom feed. Files are read as a token stream, so
// memory does not grow with the number of entries; page URLs are not
// deduplicated across files.
//
// An error from fn or ctx ends the walk and is returned as is. A child
// sitemap that cannot be fetched or read does not stop the others: the
// walk goes on and returns the failures, each naming its URL, at the end.
// A fetch error keeps its cause (fetch.ErrHTTPStatus for a 404, …).
func Sitemap(ctx context.Context, f *fetch.Fetcher, sitemapURL string, opts SitemapOptions, fn func(Entry) error) error {
	opts.defaults()
	w := &walker{f: f, opts: opts, fn: fn, seen: map[string]bool{}}
	start, err := normalize(sitemapURL)
	if err != nil {
		return fmt.Errorf("sitemap: %w", err)
	}
	w.seen[start] = true
	err = w.visit(ctx, start, 0)
	switch {
	case errors.Is(err, errDone):
		err = nil
	case err != nil:
		return unwrapStop(err)
	}
	if len(w.errs) > 0 {
		errs := w.errs
		if w.failed > len(errs) {
			errs = append(errs, fmt.Errorf("and %d more", w.failed-len(errs)))
		}
		return fmt.Errorf("%d of %d sitemaps could not be read: %w", w.failed, w.files, errors.Join(errs...))
	}
	return nil
}

// maxErrs is how many child failures a walk reports in detail.
const maxErrs = 5

// walker is the state of one Sitemap call.
type walker struct {
	f      *fetch.Fetcher
	opts   SitemapOptions
	fn     func(Entry) error
	seen   map[string]bool // sitemap URLs already queued
	files  int
	sent   int
	failed int
	errs   []error
}

// Internal signals that end a walk.
var (
	errDone      = errors.New("url limit reached")
	errFileFull  = errors.New("file entry limit reached")
	errFeedInXML = errors.New("feed served as sitemap")
)

// stopError carries an error of fn or of the context through the parser
// so that it ends the walk unwrapped.
type stopError struct{ err error }

func (e *stopError) Error() string { return e.err.Error() }
func (e *stopError) Unwrap() error { return e.err }

func unwrapStop(err error) error {
	var se *stopError
	if errors.As(err, &se) {
		return se.err
	}
	return err
}

func isStop(err error) bool {
	var se *stopError
	return errors.As(err, &se) || errors.Is(err, errDone)
}

func (w *walker) allowed(u string) bool { return w.opts.Filter == nil || w.opts.Filter(u) }

// visit reads one file at nesting depth and, depth-first, its children.
func (w *walker) visit(ctx context.Context, u string, depth int) error {
	if err := ctx.Err(); err != nil {
		return &stopError{err}
	}
	w.files++
	c, err := get(ctx, w.f, u, acceptSitemap, w.opts.Filter)
	if err != nil {
		if ctx.Err() != nil {
			return &stopError{ctx.Err()}
		}
		return fmt.Errorf("sitemap %s: %w", u, err)
	}
	var children []string
	perr := parseSitemap(c.Body, finalURL(c), func(e Entry, child bool) error {
		if err := ctx.Err(); err != nil {
			return &stopError{err}
		}
		if child {
			switch {
			case depth >= w.opts.MaxDepth, w.seen[e.URL], !w.allowed(e.URL):
			case !w.opts.ModifiedSince.IsZero() && !e.LastMod.IsZero() && e.LastMod.Before(w.opts.ModifiedSince):
			default:
				w.seen[e.URL] = true
				children = append(children, e.URL)
			}
			return nil
		}
		if !w.allowed(e.URL) {
			return nil
		}
		if err := w.fn(e); err != nil {
			return &stopError{err}
		}
		w.sent++
		if w.sent >= w.opts.MaxURLs {
			return errDone
		}
		return nil
	})
	switch {
	case isStop(perr):
		return perr
	case c.Truncated:
		return fmt.Errorf("sitemap %s: %w at %d bytes; later entries were not read", u, ErrTruncated, len(c.Body))
	case perr != nil:
		return fmt.Errorf("sitemap %s: %w", u, perr)
	}
	for _, child := range children {
		if w.files >= w.opts.MaxSitemaps {
			break
		}
		err := w.visit(ctx, child, depth+1)
		if isStop(err) {
			return err
		}
		if err != nil {
			w.failed++
			if len(w.errs) < maxErrs {
				w.errs = append(w.errs, err)
			}
		}
	}
	return nil
}

// parseSitemap reads one sitemap file and calls emit with each entry:
// child is true for the <sitemap> entries of an index. Entries are
// normalised; invalid ones are skipped. It stops after MaxSitemapEntries
// entries (returning nil) and when emit returns an error (returning it).
func parseSitemap(body []byte, baseURL string, emit func(e Entry, child bool) error) error {
	base, _ := url.Parse(baseURL)
	r, err := openBody(body)
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := firstByte(br)
	switch {
	case err == io.EOF:
		return fmt.Errorf("%w: empty file", ErrNotSitemap)
	case err != nil:
		return err
	}
	n := 0
	count := func(e Entry, child bool) error {
		if n >= MaxSitemapEntries {
			return errFileFull
		}
		n++
		return emit(e, child)
	}
	if first == '<' {
		err = parseXMLSitemap(br, base, count)
		if errors.Is(err, errFeedInXML) {
			err = parseFeedAsSitemap(body, base, count)
		}
	} else {
		err = parseTextSitemap(br, base, first, count)
	}
	if errors.Is(err, errFileFull) {
		return nil
	}
	return err
}

// openBody returns a reader of the uncompressed body, which fails with
// ErrTooLarge past MaxSitemapSize.
func openBody(body []byte) (io.Reader, error) {
	var r io.Reader = bytes.NewReader(body)
	if len(body) >= 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gunzip: %w", err)
		}
		return &capReader{r: zr, left: MaxSitemapSize, gzip: true}, nil
	}
	return &capReader{r: r, left: MaxSitemapSize}, nil
}

// capReader fails with ErrTooLarge once more than left bytes were read.
type capReader struct {
	r    io.Reader
	left int64
	gzip bool
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// Allow a read that finds the clean end of the stream.
		var one [1]byte
		if n, err := c.r.Read(one[:]); n == 0 && err == io.EOF {
			return 0, io.EOF
		}
		return 0, ErrTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if err != nil && err != io.EOF && c.gzip {
		err = fmt.Errorf("gunzip: %w", err)
	}
	return n, err
}

// firstByte skips a UTF-8 byte order mark and white space and returns the
// next byte, unread.
func firstByte(br *bufio.Reader) (byte, error) {
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return b, br.UnreadByte()
	}
}

// Fields of a sitemap entry read as text.
const (
	fieldNone = iota
	fieldLoc
	fieldLastMod
	fieldPubDate
)

// maxXMLDepth is how deep elements of a sitemap may nest.
const maxXMLDepth = 64

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// parseXMLSitemap reads a urlset or sitemapindex as a stream of raw
// tokens (no namespace translation, nesting checked here). Only
// the <loc> and <lastmod> children of <url> and <sitemap> count (an
// image:loc, one level deeper, does not); a Google News
// publication_date stands in for a missing lastmod.
func parseXMLSitemap(r io.Reader, base *url.URL, emit func(Entry, bool) error) error {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	d.Entity = xml.HTMLEntity
	var (
		stack      []xml.Name // open elements
		sawRoot    bool
		index      bool // the root is a sitemapindex
		inEntry    bool // inside a <url> or <sitemap>
		field      int
		loc        = make([]byte, 0, 256)
		mod, pub   []byte
		locTooLong bool
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(stack) > 0 {
				line, _ := d.InputPos()
				return fmt.Errorf("malformed XML: line %d: unexpected end of file in <%s>", line, qname(stack[len(stack)-1]))
			}
			if !sawRoot {
				return fmt.Errorf("%w: no root element", ErrNotSitemap)
			}
			return nil
		}
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return ErrTooLarge
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return fmt.Errorf("malformed XML: %w", err)
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxXMLDepth {
				return fmt.Errorf("malformed XML: elements nested more than %d deep", maxXMLDepth)
			}
			stack = append(stack, t.Name)
			depth := len(stack)
			field = fieldNone
			name := t.Name.Local
			switch {
			case depth == 1:
				switch strings.ToLower(name) {
				case "urlset":
				case "sitemapindex":
					index = true
				case "rss", "feed", "rdf":
					return errFeedInXML
				default:
					return fmt.Errorf("%w: root element <%s>", ErrNotSitemap, name)
				}
				sawRoot = true
			case depth == 2:
				inEntry = (!index && name == "url") || (index && name == "sitemap")
				loc, mod, pub, locTooLong = loc[:0], mod[:0], pub[:0], false
			case depth == 3 && inEntry && name == "loc":
				field = fieldLoc
			case depth == 3 && inEntry && name == "lastmod":
				field = fieldLastMod
			case depth == 4 && inEntry && name == "publication_date":
				field = fieldPubDate
			}
		case xml.EndElement:
			// RawToken does not check nesting: do it here.
			if len(stack) == 0 || stack[len(stack)-1] != t.Name {
				line, _ := d.InputPos()
				return fmt.Errorf("malformed XML: line %d: unexpected end element </%s>", line, qname(t.Name))
			}
			depth := len(stack)
			stack = stack[:depth-1]
			field = fieldNone
			if depth == 2 && inEntry {
				inEntry = false
				if !locTooLong {
					if err := emitEntry(loc, mod, pub, base, index, emit); err != nil {
						return err
					}
				}
			}
			if depth == 1 {
				return nil // what follows the root is not read
			}
		case xml.CharData:
			switch field {
			case fieldLoc:
				if len(loc)+len(t) > maxLocLen {
					locTooLong = true
				} else {
					loc = append(loc, t...)
				}
			case fieldLastMod:
				if len(mod)+len(t) <= 64 {
					mod = append(mod, t...)
				}
			case fieldPubDate:
				if len(pub)+len(t) <= 64 {
					pub = append(pub, t...)
				}
			}
		}
	}
}

func emitEntry(loc, mod, pub []byte, base *url.URL, child bool, emit func(Entry, bool) error) error {
	u, ok := resolve(base, string(bytes.TrimSpace(loc)))
	if !ok {
		return nil
	}
	e := Entry{URL: u, Source: SourceSitemap}
	e.LastMod = parseW3CTime(string(bytes.TrimSpace(mod)))
	if e.LastMod.IsZero() && len(pub) > 0 {
		e.LastMod = parseW3CTime(string(bytes.TrimSpace(pub)))
	}
	return emit(e, child)
}

// parseTextSitemap reads a plain-text sitemap: one URL a line. Lines that
// are not http(s) URLs are skipped; a file with lines but no URL at all
// is not a sitemap.
func parseTextSitemap(br *bufio.Reader, base *url.URL, first byte, emit func(Entry, bool) error) error {
	if first == '{' || first == '[' {
		return fmt.Errorf("%w: JSON", ErrNotSitemap)
	}
	found, lines := false, 0
	var long bool
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = true // skip the rest of an overlong line
			continue
		}
		if err != nil && err != io.EOF {
			if errors.Is(err, ErrTooLarge) {
				return ErrTooLarge
			}
			return err
		}
		if !long {
			if s := strings.TrimSpace(string(line)); s != "" {
				lines++
				if u, ok := resolveAbsolute(base, s); ok {
					found = true
					if err := emit(Entry{URL: u, Source: SourceSitemap}, false); err != nil {
						return err
					}
				}
			}
		}
		long = false
		if err == io.EOF {
			break
		}
	}
	if !found && lines > 0 {
		return fmt.Errorf("%w: no URL in %d lines of text", ErrNotSitemap, lines)
	}
	return nil
}

// resolveAbsolute accepts only absolute http(s) URLs, as the plain-text
// format requires, so that prose is not read as relative links.
func resolveAbsolute(base *url.URL, s string) (string, bool) {
	if len(s) > maxLocLen || strings.ContainsAny(s, " \t") {
		return "", false
	}
	l := strings.ToLower(s)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return "", false
	}
	return resolve(base, s)
}

// parseFeedAsSitemap reads an RSS or Atom feed named as a sitemap, which
// the protocol allows.
func parseFeedAsSitemap(body []byte, base *url.URL, emit func(Entry, bool) error) error {
	baseURL := ""
	if base != nil {
		baseURL = base.String()
	}
	entries, err := ParseFeed(body, baseURL)
	if err != nil {
		return err
	}
	for _, e := range entries {
		e.Source = SourceSitemap
		if err := emit(e, false); err != nil {
			return err
		}
	}
	return nil
}
