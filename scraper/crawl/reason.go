package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/strata-archive/strata/scraper"
	"github.com/strata-archive/strata/scraper/fetch"
)

// Failure reasons counted in run records.
const (
	ReasonBlocked    = "blocked"
	ReasonTimeout    = "timeout"
	ReasonConnection = "connection"
	ReasonDNS        = "dns"
	ReasonNotHTML    = "not_html"
	ReasonRedirect   = "redirect"
	ReasonRobots     = "robots"
	ReasonExtract    = "extract"
	ReasonOther      = "other"
)

// classify returns the reason a visit failed, and whether the failure is
// the host's (it counts against the error budget): timeouts, refused or
// dropped connections, 429 and 5xx answers.
func classify(err error) (reason string, hostFault bool) {
	var se *fetch.StatusError
	var nerr net.Error
	var dns *net.DNSError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("http_%d", se.Status), se.Status == 429 || se.Status >= 500
	case errors.Is(err, fetch.ErrRobots):
		return ReasonRobots, false
	case errors.Is(err, scraper.ErrNotHTML):
		return ReasonNotHTML, false
	case errors.As(err, &dns):
		return ReasonDNS, true
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &nerr) && nerr.Timeout(),
		strings.Contains(err.Error(), "timed out"):
		return ReasonTimeout, true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		strings.Contains(err.Error(), "cannot connect"):
		return ReasonConnection, true
	case strings.Contains(err.Error(), "redirect"):
		return ReasonRedirect, false
	case strings.Contains(err.Error(), "empty response"), strings.Contains(err.Error(), "parse html"):
		return ReasonExtract, false
	}
	return ReasonOther, false
}
