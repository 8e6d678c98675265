package strata

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/nlnwa/whatwg-url/canonicalizer"
)

// trackingParams are query parameters that only track visitors; they are
// dropped so that the same article keeps one history.
var trackingParams = []string{"utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "_ga"}

var canon = canonicalizer.New(canonicalizer.WithRemoveFragment())

// NormalizeURL returns the form of raw under which an article is archived:
// WHATWG-canonical, without fragment and tracking parameters. Only absolute
// http and https URLs are accepted.
func NormalizeURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := canon.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("parse url %q: %w", raw, err)
	}
	if u.Protocol() != "http:" && u.Protocol() != "https:" {
		return "", fmt.Errorf("url %q: scheme %q is not http or https", raw, strings.TrimSuffix(u.Protocol(), ":"))
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("url %q: no host", raw)
	}
	s := u.String()
	pu, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("parse url %q: %w", s, err)
	}
	if pu.RawQuery != "" {
		q := pu.Query()
		changed := false
		for k := range q {
			for _, p := range trackingParams {
				if k == p || (strings.HasSuffix(p, "_") && strings.HasPrefix(k, p)) {
					q.Del(k)
					changed = true
				}
			}
		}
		if changed {
			pu.RawQuery = q.Encode()
			s = pu.String()
		}
	}
	return s, nil
}
