package scraper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/strata-archive/strata"
)

// FetchOptions configures a Fetcher. Zero values take the defaults noted.
type FetchOptions struct {
	// UserAgent is sent with every request, robots.txt included.
	UserAgent string
	// IgnoreRobots turns off robots.txt (obeyed by default).
	IgnoreRobots bool
	// Timeout bounds one whole request, redirects and body included (30s).
	Timeout time.Duration
	// ConnectTimeout bounds the dial and the TLS handshake, each (10s).
	ConnectTimeout time.Duration
	// HeaderTimeout bounds the wait for response headers (15s).
	HeaderTimeout time.Duration
	// MaxBodySize caps the bytes kept of one response (20 MiB); a larger
	// body is kept truncated and the capture marked so.
	MaxBodySize int64
	// Parallelism is the number of requests in flight per host (2).
	Parallelism int
	// Delay is the pause after each request before the next one to the
	// same host may start.
	Delay time.Duration
	// Transport replaces the network transport (tests); timeouts other
	// than Timeout are then the transport's business.
	Transport http.RoundTripper
}

func (o *FetchOptions) defaults() {
	if o.UserAgent == "" {
		o.UserAgent = "strata"
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 10 * time.Second
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = 15 * time.Second
	}
	if o.MaxBodySize <= 0 {
		o.MaxBodySize = 20 << 20
	}
	if o.Parallelism <= 0 {
		o.Parallelism = 2
	}
}

// Fetcher fetches pages through colly, keeping the raw bytes of each
// response. It is safe for concurrent use; politeness (robots.txt, per-host
// parallelism and delay) holds across all its callers.
type Fetcher struct {
	opts      FetchOptions
	collector *colly.Collector
	recorder  *recorder

	mu    sync.Mutex
	hosts map[string]bool // hosts with a LimitRule
}

// Errors of a fetch, for errors.Is.
var (
	// ErrRobots means robots.txt forbids the URL.
	ErrRobots = errors.New("blocked by robots.txt")
	// ErrHTTPStatus means the server answered with an error status.
	ErrHTTPStatus = errors.New("http error status")
)

// NewFetcher returns a Fetcher with opts.
func NewFetcher(opts FetchOptions) *Fetcher {
	opts.defaults()
	base := opts.Transport
	if base == nil {
		base = &http.Transport{
			Proxy: http.ProxyFromEnvironment,
			DialContext: (&net.Dialer{
				Timeout:   opts.ConnectTimeout,
				KeepAlive: 30 * time.Second,
			}).DialContext,
			TLSHandshakeTimeout:   opts.ConnectTimeout,
			ResponseHeaderTimeout: opts.HeaderTimeout,
			ExpectContinueTimeout: time.Second,
			MaxIdleConnsPerHost:   opts.Parallelism,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	rec := &recorder{next: base, maxBody: opts.MaxBodySize, calls: map[string]*call{}}
	c := colly.NewCollector(
		colly.UserAgent(opts.UserAgent),
		colly.AllowURLRevisit(),
		colly.ParseHTTPErrorResponse(),
		colly.MaxBodySize(0), // the recorder caps bodies and says so
	)
	c.IgnoreRobotsTxt = opts.IgnoreRobots
	c.SetRedirectHandler(checkRedirect)
	c.WithTransport(rec)
	c.SetRequestTimeout(opts.Timeout)
	f := &Fetcher{opts: opts, collector: c, recorder: rec, hosts: map[string]bool{}}
	c.OnResponse(func(r *colly.Response) {
		if cl := rec.lookup(r.Request.Ctx); cl != nil {
			cl.finalURL = r.Request.URL.String()
			cl.status = r.StatusCode
			if r.Headers != nil {
				cl.header = r.Headers.Clone()
			}
		}
	})
	c.OnError(func(r *colly.Response, err error) {
		if r == nil || r.Request == nil {
			return
		}
		if cl := rec.lookup(r.Request.Ctx); cl != nil && cl.err == nil {
			cl.err = err
			if r.StatusCode != 0 {
				cl.status = r.StatusCode
			}
		}
	})
	return f
}

// Fetch gets rawURL and returns what the server sent. A response with an
// error status comes back with its capture and an error wrapping
// ErrHTTPStatus, so that callers can record the status.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*strata.Capture, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.limitHost(rawURL)
	cl := f.recorder.begin(ctx)
	defer f.recorder.end(cl)

	cctx := colly.NewContext()
	cctx.Put(callKey, cl.id)
	hdr := http.Header{}
	hdr.Set(callHeader, cl.id)
	hdr.Set("User-Agent", f.opts.UserAgent)
	hdr.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
	start := time.Now().UTC()
	err := f.collector.Request(http.MethodGet, rawURL, nil, cctx, hdr)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err == nil {
		err = cl.err
	}
	if err != nil && cl.status == 0 {
		return nil, describeFetchError(err)
	}
	capture := &strata.Capture{
		URL:       rawURL,
		FinalURL:  cl.finalURL,
		Status:    cl.status,
		Header:    cl.header,
		Body:      cl.body,
		Truncated: cl.truncated,
		FetchedAt: start.Truncate(time.Second),
	}
	if capture.FinalURL == "" {
		capture.FinalURL = rawURL
	}
	if capture.Status >= 300 || (err != nil && capture.Status != 0) {
		return capture, fmt.Errorf("%w %d %s", ErrHTTPStatus, capture.Status, http.StatusText(capture.Status))
	}
	return capture, nil
}

// limitHost installs the per-host LimitRule the first time a host is seen:
// colly applies one rule's parallelism across every host it matches, so a
// single "*" rule would serialise unrelated sites.
func (f *Fetcher) limitHost(rawURL string) {
	host := hostOf(rawURL)
	if host == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.hosts[host] {
		return
	}
	f.hosts[host] = true
	// A fresh rule per host: LimitRule values must not be shared.
	_ = f.collector.Limit(&colly.LimitRule{
		DomainGlob:  globQuote(host),
		Parallelism: f.opts.Parallelism,
		Delay:       f.opts.Delay,
	})
}

func hostOf(rawURL string) string {
	rest, ok := strings.CutPrefix(rawURL, "http://")
	if !ok {
		rest, ok = strings.CutPrefix(rawURL, "https://")
	}
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		rest = rest[i+1:]
	}
	return strings.ToLower(rest)
}

// globQuote escapes the glob metacharacters of a host:port.
func globQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]{}\!`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maxRedirects is how many redirects one fetch follows.
const maxRedirects = 10

// errRedirectLoop is returned when a fetch is redirected too often.
var errRedirectLoop = errors.New("redirect loop")

// checkRedirect follows at most maxRedirects hops and drops credentials
// when the host changes. (colly's own limit returns the last 3xx response
// as if it were the page.)
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d redirects (last to %s)", errRedirectLoop, len(via), req.URL)
	}
	if req.URL.Host != via[len(via)-1].URL.Host {
		req.Header.Del("Authorization")
		req.Header.Del("Cookie")
	}
	return nil
}

// describeFetchError turns transport errors into short, clear reasons.
func describeFetchError(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // the URL is printed beside every failure already
	}
	var nerr net.Error
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		return ErrRobots
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &nerr) && nerr.Timeout():
		return fmt.Errorf("timed out: %w", err)
	case errors.Is(err, errRedirectLoop):
		return err
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Errorf("host not found: %w", err)
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return fmt.Errorf("cannot connect: %w", err)
	}
	return err
}

const (
	callHeader = "X-Strata-Call"
	callKey    = "strata-call"
)

// call is the state of one Fetch, shared between the colly callbacks and
// the recording transport.
type call struct {
	id  string
	ctx context.Context

	// written by the transport (final hop wins) and the callbacks; read by
	// Fetch after colly's synchronous Request returned.
	body      []byte
	truncated bool
	finalURL  string
	status    int
	header    http.Header
	err       error
}

// recorder is the http.RoundTripper under colly: it reads each body itself,
// up to the cap, so that the raw bytes (before colly's charset conversion)
// and the truncation are known, and it binds each request to its caller's
// context.
type recorder struct {
	next    http.RoundTripper
	maxBody int64
	seq     atomic.Uint64

	mu    sync.Mutex
	calls map[string]*call
}

func (r *recorder) begin(ctx context.Context) *call {
	cl := &call{id: strconv.FormatUint(r.seq.Add(1), 10), ctx: ctx}
	r.mu.Lock()
	r.calls[cl.id] = cl
	r.mu.Unlock()
	return cl
}

func (r *recorder) end(cl *call) {
	r.mu.Lock()
	delete(r.calls, cl.id)
	r.mu.Unlock()
}

func (r *recorder) lookup(ctx *colly.Context) *call {
	if ctx == nil {
		return nil
	}
	id, _ := ctx.GetAny(callKey).(string)
	return r.byID(id)
}

func (r *recorder) byID(id string) *call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls[id]
}

// RoundTrip implements http.RoundTripper.
func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	id := req.Header.Get(callHeader)
	cl := r.byID(id)
	if id != "" {
		req = req.Clone(req.Context())
		req.Header.Del(callHeader)
	}
	if cl != nil {
		ctx, cancel := context.WithCancel(req.Context())
		stop := context.AfterFunc(cl.ctx, cancel)
		defer stop()
		defer cancel()
		req = req.WithContext(ctx)
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	limit := r.maxBody
	if cl == nil && limit > 1<<20 {
		limit = 1 << 20 // robots.txt and other side requests
	}
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	resp.Body.Close()
	truncated := int64(len(body)) > limit
	if truncated {
		body = body[:limit]
	}
	if readErr != nil {
		err := fmt.Errorf("read body of %s: %w", req.URL, readErr)
		if errors.Is(readErr, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("body cut short by the server (got %d bytes, Content-Length %d): %w", len(body), resp.ContentLength, readErr)
		}
		return nil, err
	}
	if cl != nil {
		cl.body = body
		cl.truncated = truncated
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}
