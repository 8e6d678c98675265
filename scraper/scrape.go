package scraper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/block"
	"github.com/strata-archive/strata/scraper/comments"
	"github.com/strata-archive/strata/scraper/extract"
	"github.com/strata-archive/strata/scraper/fetch"
	"github.com/strata-archive/strata/scraper/thread"
)

// ErrNotHTML means the response is not an HTML page.
var ErrNotHTML = errors.New("not an HTML page")

// ErrBlocked means the response is a block page (a bot challenge, a login
// wall, an error page served with 200) instead of the article: it is never
// archived as a version.
var ErrBlocked = errors.New("block page, not the article")

// Scraper fetches URLs and extracts their snapshots.
type Scraper struct {
	fetcher *fetch.Fetcher
	// SiteRules returns the extraction rules of the site a host belongs
	// to, or nil for automatic extraction. Nil means no site has rules.
	SiteRules func(host string) *extract.Rules
	// threads completes comment threads; nil keeps what the page shows.
	threads *thread.Completer
}

// Fetcher returns the fetcher the Scraper's requests go through, so that
// other requests (robots.txt, sitemaps, feeds) share its politeness.
func (s *Scraper) Fetcher() *fetch.Fetcher { return s.fetcher }

// Option changes how a Scraper works.
type Option func(*Scraper)

// WithThreads makes the Scraper complete comment threads with opts (see
// package thread). Without an Option, threads are completed with the
// default thread.Options.
func WithThreads(opts thread.Options) Option {
	return func(s *Scraper) { s.threads = thread.New(s.fetcher, opts) }
}

// WithoutThreads makes the Scraper keep only the comments the article
// page shows, with no request beyond the page.
func WithoutThreads() Option {
	return func(s *Scraper) { s.threads = nil }
}

// New returns a Scraper whose fetches follow opts. The extra requests for
// comment threads go through the same fetcher, under the same politeness.
func New(opts fetch.Options, options ...Option) *Scraper {
	s := &Scraper{fetcher: fetch.New(opts)}
	s.threads = thread.New(s.fetcher, thread.Options{})
	for _, o := range options {
		o(s)
	}
	return s
}

// Scrape fetches rawURL and extracts its snapshot. The capture is returned
// whenever a response arrived, even when the snapshot could not be made.
func (s *Scraper) Scrape(ctx context.Context, rawURL string) (*strata.Snapshot, *strata.Capture, error) {
	return s.ScrapeWith(ctx, rawURL, ScrapeOptions{})
}

// ScrapeOptions tune one ScrapeWith call.
type ScrapeOptions struct {
	// Header holds extra request headers, such as If-None-Match.
	Header http.Header
	// Skip, when set, sees the capture before extraction; when it returns
	// true the capture comes back unextracted, with no snapshot and no
	// error. A crawl uses it for 304s, unchanged bodies and listing pages.
	Skip func(*strata.Capture) bool
	// Allow, when set, is asked about every redirect of the page request
	// (see fetch.Request.Allow): a crawl keeps redirects within its site.
	Allow func(*url.URL) bool
	// Inspect, when set, sees the parsed page (UTF-8, not yet changed by
	// extraction) and the URL its links resolve against, once the page is
	// known to be HTML and no block page; when it returns true the capture
	// comes back unextracted, as with Skip. A crawl reads the links and
	// tells articles from listings here, so the page is parsed once.
	Inspect func(c *strata.Capture, doc *goquery.Document, base *url.URL) bool
}

// ScrapeWith is Scrape with extra request headers and a say, before
// extraction, over whether to extract.
func (s *Scraper) ScrapeWith(ctx context.Context, rawURL string, opts ScrapeOptions) (*strata.Snapshot, *strata.Capture, error) {
	capture, err := s.fetcher.Do(ctx, fetch.Request{URL: rawURL, Header: opts.Header, Allow: opts.Allow})
	if err != nil {
		return nil, capture, err
	}
	if opts.Skip != nil && opts.Skip(capture) {
		return nil, capture, nil
	}
	var rules *extract.Rules
	if s.SiteRules != nil {
		rules = s.SiteRules(captureHost(capture))
	}
	snap, err := extractSnapshot(ctx, capture, rules, s.threads, opts.Inspect)
	if err != nil || snap == nil {
		return nil, capture, err
	}
	return snap, capture, nil
}

// Extract builds the snapshot of a capture. It does not set the fields the
// archive owns (Version, Changes, ContentHash, RawSHA256).
func Extract(c *strata.Capture) (*strata.Snapshot, error) {
	return ExtractWith(c, nil)
}

// ExtractWith is Extract with a site's extraction rules; nil rules mean
// automatic extraction only.
func ExtractWith(c *strata.Capture, rules *extract.Rules) (*strata.Snapshot, error) {
	return extractSnapshot(context.Background(), c, rules, nil, nil)
}

// extractSnapshot is ExtractWith that also completes the comment thread
// with threads, unless it is nil (then no request is made). When inspect
// says so, it stops after the block check with no snapshot and no error.
func extractSnapshot(ctx context.Context, c *strata.Capture, rules *extract.Rules, threads *thread.Completer,
	inspect func(*strata.Capture, *goquery.Document, *url.URL) bool) (*strata.Snapshot, error) {
	if len(c.Body) == 0 {
		return nil, errors.New("empty response: nothing to archive")
	}
	ct := c.ContentType()
	if err := checkHTML(ct, c.Body); err != nil {
		return nil, err
	}
	utf8Body, err := decodeCharset(c.Body, ct)
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(utf8Body[:min(len(utf8Body), 1024)], 0) >= 0 {
		// Text has no NUL bytes, once decoded (UTF-16 included).
		return nil, fmt.Errorf("%w (binary content labelled %s)", ErrNotHTML, ct)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(utf8Body))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	if reason := block.Detect(c, doc); reason != "" {
		return nil, fmt.Errorf("%w: %s", ErrBlocked, reason)
	}
	key, err := strata.NormalizeURL(c.URL)
	if err != nil {
		return nil, err
	}
	finalURL := c.FinalURL
	if finalURL == "" {
		finalURL = c.URL
	}
	pageURL, err := url.Parse(finalURL)
	if err != nil {
		return nil, fmt.Errorf("parse final url %q: %w", finalURL, err)
	}
	if inspect != nil && inspect(c, doc, pageURL) {
		return nil, nil
	}

	thread := comments.Parse(doc, pageURL, comments.Options{FetchedAt: c.FetchedAt})
	if threads != nil {
		// Before extract.Extract, which may change doc.
		thread = threads.Complete(ctx, doc, c, thread)
		if err := ctx.Err(); err != nil {
			// An interrupted thread is no version of the page.
			return nil, err
		}
	}
	for _, n := range thread.Elements {
		// Comments found by their markup alone are no part of the
		// article, whatever the extractor makes of them.
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	art := extract.Extract(doc, pageURL, extract.Options{FetchedAt: c.FetchedAt, Rules: rules})

	snap := &strata.Snapshot{
		URL:                  key,
		CanonicalURL:         art.CanonicalURL,
		FetchedAt:            c.FetchedAt.UTC(),
		Status:               c.Status,
		Changes:              []string{},
		Title:                art.Title,
		Authors:              nonNil(art.Authors),
		PublishedAt:          art.PublishedAt,
		ModifiedAt:           art.ModifiedAt,
		SiteName:             art.SiteName,
		Language:             art.Language,
		Description:          art.Description,
		Image:                art.Image,
		Categories:           nonNil(art.Categories),
		Tags:                 nonNil(art.Tags),
		BodyText:             art.BodyText,
		BodyHTML:             art.BodyHTML,
		CommentSystem:        thread.System,
		CommentCountDeclared: thread.Declared,
		CommentsComplete:     thread.Complete,
		CommentsNote:         thread.Note,
		Comments:             thread.Comments,
		FinalURL:             finalURL,
		Truncated:            c.Truncated,
	}
	if snap.CanonicalURL == "" {
		snap.CanonicalURL = finalURL
	}
	if snap.Comments == nil {
		snap.Comments = []strata.Comment{}
	}
	if c.Truncated {
		snap.CommentsComplete = false
		note := fmt.Sprintf("page truncated at the %d-byte size cap", len(c.Body))
		if snap.CommentsNote != "" {
			note += "; " + snap.CommentsNote
		}
		snap.CommentsNote = note
	}
	return snap, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// checkHTML refuses responses that are not HTML, by their Content-Type or,
// without one, by sniffing.
func checkHTML(contentType string, body []byte) error {
	if contentType == "" {
		contentType = sniffContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return nil
	case "text/plain", "application/octet-stream":
		// Misconfigured servers send HTML as these; trust the bytes.
		if sniffed, _, _ := strings.Cut(sniffContentType(body), ";"); sniffed == "text/html" {
			return nil
		}
	}
	return fmt.Errorf("%w (content type %s)", ErrNotHTML, mt)
}

// decodeCharset converts body to UTF-8, taking the encoding from the BOM,
// then the Content-Type header, then a <meta> prescan, as HTML5 says.
func decodeCharset(body []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain {
		// The HTML prescan reads only 1024 bytes, and says "not certain"
		// even of a charset it found there; pages with long heads declare
		// theirs later. Look for the declaration before guessing.
		head := body[:min(len(body), 64<<10)]
		if m := metaCharset.FindSubmatch(head); m != nil {
			if e, n := charset.Lookup(string(m[1])); e != nil {
				enc, name, certain = e, n, true
			}
		}
	}
	if !certain && name != "utf-8" && utf8.Valid(body) {
		// Nothing declares a charset and the prescan's UTF-8 test saw
		// only the first 1024 bytes, ASCII on most pages. A whole page
		// that is valid UTF-8 is UTF-8 (as browsers' detectors decide):
		// read as windows-1252 its every accented letter would be garbled.
		name = "utf-8"
	}
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	// A UTF-16 byte order mark decodes to U+FEFF, which the HTML parser
	// would take for text before <html>.
	return bytes.TrimPrefix(out, []byte("\ufeff")), nil
}

// metaCharset finds a charset declared in a <meta> element.
var metaCharset = regexp.MustCompile(`(?i)<meta\s[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// Result is the outcome of archiving one URL.
type Result struct {
	// URL is the URL as given.
	URL string
	// Check is what was recorded; zero when nothing could be recorded (an
	// invalid URL).
	Check strata.Check
	// Err says why the URL failed; nil on success.
	Err error
}

// Archive fetches each URL, extracts its snapshot and saves it into a,
// with at most workers URLs in flight, calling report once per URL in the
// order they finish. A URL that fails is recorded as a failed check and
// does not stop the others; an error of the archive itself stops the run
// and is returned. Duplicate URLs (after normalisation) are archived once.
func (s *Scraper) Archive(ctx context.Context, urls []string, a strata.Archive, workers int, report func(Result)) error {
	if workers <= 0 {
		workers = 4
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan string)
	var (
		mu       sync.Mutex
		storeErr error
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if storeErr == nil {
			storeErr = err
		}
		mu.Unlock()
		cancel()
	}
	for range workers {
		wg.Go(func() {
			for raw := range jobs {
				res, err := s.archiveOne(ctx, raw, a)
				if err != nil {
					fail(err)
					return
				}
				if ctx.Err() != nil && res.Err != nil {
					return // interrupted: not a result of the URL
				}
				mu.Lock()
				report(res)
				mu.Unlock()
			}
		})
	}
	seen := map[string]bool{}
feed:
	for _, raw := range urls {
		key, err := strata.NormalizeURL(raw)
		if err == nil {
			if seen[key] {
				continue
			}
			seen[key] = true
		}
		select {
		case jobs <- raw:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if storeErr != nil {
		return storeErr
	}
	return context.Cause(ctx)
}

// archiveOne archives one URL; the error is the archive's own failure.
func (s *Scraper) archiveOne(ctx context.Context, raw string, a strata.Archive) (Result, error) {
	res := Result{URL: raw}
	key, err := strata.NormalizeURL(raw)
	if err != nil {
		res.Err = fmt.Errorf("invalid url: %w", err)
		return res, nil
	}
	snap, capture, err := s.Scrape(ctx, key)
	if err != nil {
		if ctx.Err() != nil {
			res.Err = ctx.Err()
			return res, nil
		}
		res.Err = err
		status := 0
		at := nowUTC()
		if capture != nil {
			status = capture.Status
			at = capture.FetchedAt
		}
		check, serr := a.SaveFailure(key, at, status, err.Error())
		if serr != nil {
			return res, fmt.Errorf("record failure of %s: %w", key, serr)
		}
		res.Check = check
		return res, nil
	}
	check, err := a.Save(snap, capture)
	if err != nil {
		return res, fmt.Errorf("save %s: %w", key, err)
	}
	res.Check = check
	return res, nil
}
