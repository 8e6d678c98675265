package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// filterOptions are the flags that select versions for export.
type filterOptions struct {
	site, urlPrefix string
	since, until    string
	changedOnly     bool
}

func (o *filterOptions) addFlags(f *pflag.FlagSet) {
	f.StringVar(&o.site, "site", "", "only URLs on this host (with or without www.)")
	f.StringVar(&o.urlPrefix, "url-prefix", "", "only URLs that start with this prefix")
	f.StringVar(&o.since, "since", "", "only versions fetched at or after this time (RFC 3339 or YYYY-MM-DD)")
	f.StringVar(&o.until, "until", "", "only versions fetched at or before this time (RFC 3339, or YYYY-MM-DD for the whole day)")
	f.BoolVar(&o.changedOnly, "changed-only", false, "only versions that changed something (non-empty changes)")
}

// walkOptions turns the flags into store filters, or explains what is
// wrong with them.
func (o *filterOptions) walkOptions() (store.WalkOptions, error) {
	var w store.WalkOptions
	if o.urlPrefix != "" {
		p, err := urlPrefix(o.urlPrefix)
		if err != nil {
			return w, err
		}
		w.Prefix = p
	}
	if o.site != "" {
		host, err := siteHost(o.site)
		if err != nil {
			return w, err
		}
		w.URL = func(u string) bool { return onSite(u, host) }
	}

	var keep []func(*strata.Snapshot) bool
	var since time.Time
	if o.since != "" {
		var err error
		if since, _, err = parseWhen("--since", o.since); err != nil {
			return w, err
		}
		keep = append(keep, func(s *strata.Snapshot) bool { return !s.FetchedAt.Before(since) })
	}
	if o.until != "" {
		until, date, err := parseWhen("--until", o.until)
		if err != nil {
			return w, err
		}
		// A date includes its whole day: keep what is before the next one.
		end := until.AddDate(0, 0, 1)
		if date {
			keep = append(keep, func(s *strata.Snapshot) bool { return s.FetchedAt.Before(end) })
		} else {
			keep = append(keep, func(s *strata.Snapshot) bool { return !s.FetchedAt.After(until) })
		}
		if o.since != "" && (since.After(until) && (!date || !since.Before(end))) {
			return w, fmt.Errorf("--since %s is after --until %s", o.since, o.until)
		}
	}
	if o.changedOnly {
		keep = append(keep, func(s *strata.Snapshot) bool { return len(s.Changes) > 0 })
	}
	if len(keep) > 0 {
		w.Version = func(v *store.Version) bool {
			return !slices.ContainsFunc(keep, func(f func(*strata.Snapshot) bool) bool { return !f(v.Snapshot) })
		}
	}
	return w, nil
}

// parseWhen parses an RFC 3339 time or a YYYY-MM-DD date (midnight UTC);
// date reports which it was.
func parseWhen(flag, s string) (t time.Time, date bool, err error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, false, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true, nil
	}
	return time.Time{}, false, fmt.Errorf("%s %q: use RFC 3339 (2026-03-01T12:00:00Z) or a date (2026-03-01)", flag, s)
}

// siteHost normalises the host given to --site: lower case, punycode,
// without a default port or a leading "www.". A URL is accepted too.
func siteHost(site string) (string, error) {
	raw := site
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	norm, err := strata.NormalizeURL(raw)
	var u *url.URL
	if err == nil {
		u, err = url.Parse(norm)
	}
	if err != nil || u.Host == "" || (!strings.Contains(site, "://") && strings.ContainsAny(site, "/?#")) {
		return "", fmt.Errorf("--site %q: give a host name such as example.org", site)
	}
	return strings.TrimPrefix(u.Host, "www."), nil
}

// onSite reports whether the archived URL u is on host (as siteHost
// returns it). The port counts only when host names one.
func onSite(u, host string) bool {
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	got := pu.Hostname()
	if strings.Contains(host, ":") && !strings.HasSuffix(host, "]") {
		got = pu.Host
	}
	return strings.TrimPrefix(got, "www.") == host
}

// urlPrefix normalises the prefix given to --url-prefix like archived URLs
// are normalised, so that it matches them.
func urlPrefix(p string) (string, error) {
	lower := strings.ToLower(p)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return "", fmt.Errorf("--url-prefix %q: give the start of an http or https URL, such as https://example.org/2016/", p)
	}
	norm, err := strata.NormalizeURL(p)
	if err != nil {
		// Too short to be a URL ("https://exa"): use it as it is.
		return lower, nil
	}
	// Normalising "https://example.org" adds a "/" that would exclude
	// "https://example.org:8080/"; keep the prefix as short as given.
	if !strings.HasSuffix(p, "/") && strings.HasSuffix(norm, "/") && strings.Count(norm, "/") == 3 {
		norm = strings.TrimSuffix(norm, "/")
	}
	return norm, nil
}
