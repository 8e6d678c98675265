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

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
	"github.com/strata-archive/strata/scraper/extract"
	"github.com/strata-archive/strata/scraper/fetch"
)

// ErrNotHTML means the response is not an HTML page.
var ErrNotHTML = errors.New("not an HTML page")

// Scraper fetches URLs and extracts their snapshots.
type Scraper struct {
	fetcher *fetch.Fetcher
}

// New returns a Scraper whose fetches follow opts.
func New(opts fetch.Options) *Scraper {
	return &Scraper{fetcher: fetch.New(opts)}
}

// Scrape fetches rawURL and extracts its snapshot. The capture is returned
// whenever a response arrived, even when the snapshot could not be made.
func (s *Scraper) Scrape(ctx context.Context, rawURL string) (*strata.Snapshot, *strata.Capture, error) {
	capture, err := s.fetcher.Get(ctx, rawURL)
	if err != nil {
		return nil, capture, err
	}
	snap, err := Extract(capture)
	if err != nil {
		return nil, capture, err
	}
	return snap, capture, nil
}

// Extract builds the snapshot of a capture. It does not set the fields the
// archive owns (Version, Changes, ContentHash, RawSHA256).
func Extract(c *strata.Capture) (*strata.Snapshot, error) {
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
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(utf8Body))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
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

	thread := comments.Parse(doc, pageURL, comments.Options{FetchedAt: c.FetchedAt})
	art := extract.Extract(doc, pageURL, extract.Options{FetchedAt: c.FetchedAt})

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
		contentType = http.DetectContentType(body)
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
		if sniffed, _, _ := strings.Cut(http.DetectContentType(body), ";"); sniffed == "text/html" {
			return nil
		}
	}
	return fmt.Errorf("%w (content type %s)", ErrNotHTML, mt)
}

// decodeCharset converts body to UTF-8, taking the encoding from the BOM,
// then the Content-Type header, then a <meta> prescan, as HTML5 says.
func decodeCharset(body []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && len(body) > 1024 {
		// The HTML prescan reads only 1024 bytes; pages with long heads
		// declare their charset later, so look further before guessing.
		head := body[:min(len(body), 64<<10)]
		if m := metaCharset.FindSubmatch(head); m != nil {
			if e, n := charset.Lookup(string(m[1])); e != nil {
				enc, name = e, n
			}
		}
	}
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, nil
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
