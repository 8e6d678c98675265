package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/strata-archive/strata"
)

// Options configures a Fetcher. Zero values take the defaults noted.
type Options struct {
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
	// Retries is how many times a transient failure is retried (2; set
	// NoRetries for none).
	Retries int
	// NoRetries turns retries off.
	NoRetries bool
	// RetryBackoff is the first wait before a retry; it doubles per
	// attempt, with jitter (1s).
	RetryBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a server asking
	// for more fails the request at once (2m).
	MaxRetryAfter time.Duration
	// Transport replaces the network transport (tests); timeouts other
	// than Timeout are then the transport's business.
	Transport http.RoundTripper
}

func (o *Options) defaults() {
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
	switch {
	case o.NoRetries:
		o.Retries = 0
	case o.Retries <= 0:
		o.Retries = 2
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = time.Second
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 2 * time.Minute
	}
}

// Fetcher fetches pages through colly, keeping the raw bytes of each
// response. It is safe for concurrent use; politeness (robots.txt, per-host
// parallelism and delay) holds across all its callers.
type Fetcher struct {
	opts      Options
	collector *colly.Collector
	recorder  *recorder

	mu     sync.Mutex
	hosts  map[string]*gate // per-host parallelism and delay
	paused *pauses          // hosts that asked, by Retry-After, to wait
}

// Errors of a fetch, for errors.Is.
var (
	// ErrRobots means robots.txt forbids the URL.
	ErrRobots = errors.New("blocked by robots.txt")
	// ErrHTTPStatus means the server answered with an error status.
	ErrHTTPStatus = errors.New("http error status")
	// ErrOutOfScope means a redirect led to a URL the request does not
	// allow (Request.Allow) or to a scheme other than http and https:
	// "redirect to https://other.example/ leaves the site's scope".
	ErrOutOfScope = errors.New("leaves the site's scope")
)

// New returns a Fetcher with opts.
func New(opts Options) *Fetcher {
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
	paused := &pauses{until: map[string]time.Time{}}
	rec := &recorder{next: base, maxBody: opts.MaxBodySize, calls: map[string]*call{}, paused: paused, maxPause: opts.MaxRetryAfter}
	c := colly.NewCollector(
		colly.UserAgent(opts.UserAgent),
		colly.AllowURLRevisit(),
		colly.ParseHTTPErrorResponse(),
		colly.MaxBodySize(0), // the recorder caps bodies and says so
	)
	c.IgnoreRobotsTxt = opts.IgnoreRobots
	c.SetRedirectHandler(rec.checkRedirect)
	c.WithTransport(rec)
	c.SetRequestTimeout(opts.Timeout)
	f := &Fetcher{opts: opts, collector: c, recorder: rec, hosts: map[string]*gate{}, paused: paused}
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

// Request is one HTTP request made through a Fetcher.
type Request struct {
	// Method is GET when empty.
	Method string
	URL    string
	// Body is sent with POST requests (form or JSON; set Content-Type).
	Body []byte
	// Header holds extra headers: Content-Type, If-None-Match, Accept…
	Header http.Header
	// Allow, when set, is asked about every redirect target; a target it
	// refuses fails the request with an error wrapping ErrOutOfScope and
	// is not requested. A crawl passes its site's scope. Redirects to a
	// scheme other than http and https fail whatever Allow says.
	Allow func(*url.URL) bool
}

// StatusError reports an error status from the server. It matches
// ErrHTTPStatus with errors.Is.
type StatusError struct {
	Status int
	// RetryAfter is the wait the server asked for (429/503), if any.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%v %d %s", ErrHTTPStatus, e.Status, http.StatusText(e.Status))
}

// Is makes a StatusError match ErrHTTPStatus.
func (e *StatusError) Is(target error) bool { return target == ErrHTTPStatus }

// Get fetches rawURL and returns what the server sent; see Do.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*strata.Capture, error) {
	return f.Do(ctx, Request{URL: rawURL})
}

// Do makes req, retrying transient failures (timeouts, dropped
// connections, 429 and 5xx) with exponential backoff and jitter, and
// honouring Retry-After up to MaxRetryAfter: for the whole host, whose
// other requests wait as long. A response with an error
// status comes back with its capture and a *StatusError, so that callers
// can record the status; a 304 Not Modified is not an error.
func (f *Fetcher) Do(ctx context.Context, req Request) (*strata.Capture, error) {
	for attempt := 0; ; attempt++ {
		capture, err := f.once(ctx, req)
		if err == nil || attempt >= f.opts.Retries || !retryable(err) {
			return capture, err
		}
		wait := f.backoff(attempt)
		var se *StatusError
		if errors.As(err, &se) && se.RetryAfter > 0 {
			if se.RetryAfter > f.opts.MaxRetryAfter {
				return capture, fmt.Errorf("%w; the server asks to retry after %v, longer than the %v allowed", err, se.RetryAfter, f.opts.MaxRetryAfter)
			}
			wait = se.RetryAfter
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// backoff is the wait before retry attempt+1: RetryBackoff doubled per
// attempt, with full jitter between half and the whole of it.
func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.opts.RetryBackoff << min(attempt, 10)
	return d/2 + rand.N(d/2+1)
}

// retryable tells transient failures from final ones.
func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		switch se.Status {
		case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	if errors.Is(err, ErrRobots) || errors.Is(err, errRedirectLoop) || errors.Is(err, ErrOutOfScope) ||
		errors.Is(err, context.Canceled) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTemporary || dnsErr.IsTimeout
	}
	var nerr net.Error
	return errors.As(err, &nerr) && nerr.Timeout() ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// once makes one attempt of req.
func (f *Fetcher) once(ctx context.Context, req Request) (*strata.Capture, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	release, err := f.gateOf(req.URL).enter(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	if err := f.waitHost(ctx, req.URL); err != nil {
		return nil, err
	}
	cl := f.recorder.begin(ctx)
	cl.allow = req.Allow
	defer f.recorder.end(cl)

	cctx := colly.NewContext()
	cctx.Put(callKey, cl.id)
	hdr := http.Header{}
	hdr.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
	for k, v := range req.Header {
		hdr[k] = append([]string(nil), v...)
	}
	hdr.Set(callHeader, cl.id)
	hdr.Set("User-Agent", f.opts.UserAgent)
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	start := time.Now().UTC()
	err = f.collector.Request(method, req.URL, body, cctx, hdr)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err == nil {
		err = cl.err
	}
	if err != nil && cl.status == 0 {
		return nil, describeFetchError(err, f.opts.Timeout)
	}
	capture := &strata.Capture{
		URL:       req.URL,
		FinalURL:  cl.finalURL,
		Status:    cl.status,
		Header:    cl.header,
		Body:      cl.body,
		Truncated: cl.truncated,
		FetchedAt: start.Truncate(time.Second),
	}
	if capture.FinalURL == "" {
		capture.FinalURL = req.URL
	}
	if capture.Status == http.StatusNotModified {
		return capture, nil
	}
	if capture.Status >= 300 || (err != nil && capture.Status != 0) {
		se := &StatusError{Status: capture.Status}
		if se.Status == http.StatusTooManyRequests || se.Status == http.StatusServiceUnavailable {
			se.RetryAfter = parseRetryAfter(capture.Header.Get("Retry-After"), time.Now())
		}
		return capture, se
	}
	return capture, nil
}

// gateOf returns the gate of rawURL's host, made the first time the host
// is seen.
//
// Politeness is kept here rather than by colly's LimitRule: in colly
// v2.3.0 adding a rule while requests run is a data race (the rule list is
// read without its lock), one rule's parallelism is shared by every host it
// matches, and its waits ignore the context.
func (f *Fetcher) gateOf(rawURL string) *gate {
	host := hostOf(rawURL)
	f.mu.Lock()
	defer f.mu.Unlock()
	g := f.hosts[host]
	if g == nil {
		g = &gate{slots: make(chan struct{}, f.opts.Parallelism), delay: f.opts.Delay}
		f.hosts[host] = g
	}
	return g
}

// gate holds one host's politeness: at most cap(slots) requests at once,
// and each slot free again only Delay after its request ended.
type gate struct {
	slots chan struct{}
	delay time.Duration
}

// enter waits for a free slot, or for ctx to end. The returned release
// frees the slot after the delay, without making the caller wait.
func (g *gate) enter(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			if g.delay <= 0 {
				<-g.slots
				return
			}
			time.AfterFunc(g.delay, func() { <-g.slots })
		})
	}, nil
}

// waitHost waits until rawURL's host is no longer paused, or ctx ends.
func (f *Fetcher) waitHost(ctx context.Context, rawURL string) error {
	return f.paused.wait(ctx, hostOf(rawURL))
}

// pauses are the hosts that asked for a pause, and until when.
type pauses struct {
	mu    sync.Mutex
	until map[string]time.Time
}

func (p *pauses) pause(host string, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.After(p.until[host]) {
		p.until[host] = until
	}
}

// wait returns once host is not paused, or when ctx ends.
func (p *pauses) wait(ctx context.Context, host string) error {
	for {
		p.mu.Lock()
		until, ok := p.until[host]
		if ok && !time.Now().Before(until) {
			delete(p.until, host)
			ok = false
		}
		p.mu.Unlock()
		if !ok {
			return nil
		}
		t := time.NewTimer(time.Until(until))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
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

// maxRedirects is how many redirects one fetch follows.
const maxRedirects = 10

// errRedirectLoop is returned when a fetch is redirected too often.
var errRedirectLoop = errors.New("redirect loop")

// checkRedirect follows at most maxRedirects hops, only to http and https
// URLs that the request's Allow accepts, and drops credentials when the
// host changes. (colly's own limit returns the last 3xx response as if it
// were the page.) The call is found by its header, which Go copies to
// every redirected request.
func (r *recorder) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d redirects (last to %s)", errRedirectLoop, len(via), req.URL)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w: not an http or https URL", req.URL.Redacted(), ErrOutOfScope)
	}
	if cl := r.byID(req.Header.Get(callHeader)); cl != nil && cl.allow != nil && !cl.allow(req.URL) {
		return fmt.Errorf("redirect to %s %w", req.URL.Redacted(), ErrOutOfScope)
	}
	if req.URL.Host != via[len(via)-1].URL.Host {
		req.Header.Del("Authorization")
		req.Header.Del("Cookie")
	}
	return nil
}

// describeFetchError turns transport errors into short, clear reasons.
// whole is the whole-request timeout, for the message.
func describeFetchError(err error, whole time.Duration) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // the URL is printed beside every failure already
	}
	var nerr net.Error
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		return ErrRobots
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &nerr) && nerr.Timeout():
		return &timeoutError{err: err, whole: whole}
	case errors.Is(err, errRedirectLoop), errors.Is(err, ErrOutOfScope):
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

// timeoutError is a request that ran out of time. net/http says "while
// awaiting headers" of every whole-request timeout, even one that struck
// while the recorder read the body (a server dripping bytes): the message
// says which limit struck instead.
type timeoutError struct {
	err   error
	whole time.Duration
}

func (e *timeoutError) Error() string {
	if strings.Contains(e.err.Error(), "timeout awaiting response headers") {
		return "timed out waiting for the response headers"
	}
	return fmt.Sprintf("timed out: no complete response within the %v request timeout", e.whole)
}

func (e *timeoutError) Unwrap() error { return e.err }

// Timeout reports true: a timeoutError is a net.Error timeout.
func (e *timeoutError) Timeout() bool { return true }

const (
	callHeader = "X-Strata-Call"
	callKey    = "strata-call"
)

// call is the state of one Fetch, shared between the colly callbacks and
// the recording transport.
type call struct {
	id    string
	ctx   context.Context
	allow func(*url.URL) bool // Request.Allow

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
	// paused is waited out before each request: a request that already
	// held its per-host slot when the pause began waits here. maxPause
	// caps a pause (Options.MaxRetryAfter).
	paused   *pauses
	maxPause time.Duration

	mu    sync.Mutex
	calls map[string]*call
	// scratch holds the *bytes.Buffer that bodies of unknown length are
	// read into.
	scratch sync.Pool
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
	if r.paused != nil {
		if err := r.paused.wait(req.Context(), hostOf(req.URL.String())); err != nil {
			return nil, err
		}
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		// The whole host asked for the pause, not only this request: it
		// starts now, before the per-host delay lets the next one go.
		if d := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); d > 0 && r.paused != nil {
			r.paused.pause(hostOf(req.URL.String()), time.Now().Add(min(d, r.maxPause)))
		}
	}
	limit := r.maxBody
	if cl == nil && limit > 1<<20 {
		limit = 1 << 20 // robots.txt and other side requests
	}
	body, readErr := r.readBody(io.LimitReader(resp.Body, limit+1), resp.ContentLength, limit)
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
		// The caller reads the capture, never colly's copy: colly gets
		// an empty body, which spares it reading the bytes again.
		cl.body = body
		cl.truncated = truncated
		resp.Body = http.NoBody
		resp.ContentLength = 0
	} else {
		// Side requests (robots.txt) are colly's own.
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
	}
	// The capture is what callers read. Tell colly the body needs no
	// decompression: it would otherwise gunzip by path name (".xml.gz")
	// even plain bodies, and without a size limit (colly #745).
	resp.Uncompressed = true
	return resp, nil
}

// readBody reads r to its end as io.ReadAll does, into a slice of its
// own at its final size: sized by the Content-Length when the server sent
// one within limit, else read into a pooled scratch buffer and copied, so
// that no growing and copying on the way is left to the garbage collector.
func (r *recorder) readBody(body io.Reader, size, limit int64) ([]byte, error) {
	if size > 0 && size <= limit {
		b := make([]byte, 0, size+1) // room to see the end without growing
		for {
			if len(b) == cap(b) {
				b = append(b, 0)[:len(b)]
			}
			n, err := body.Read(b[len(b):cap(b)])
			b = b[:len(b)+n]
			if err == io.EOF {
				return b, nil
			}
			if err != nil {
				return b, err
			}
		}
	}
	buf, ok := r.scratch.Get().(*bytes.Buffer)
	if !ok {
		buf = new(bytes.Buffer)
	}
	defer r.scratch.Put(buf)
	buf.Reset()
	_, err := buf.ReadFrom(body)
	return append([]byte{}, buf.Bytes()...), err
}
