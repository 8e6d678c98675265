package strata

import "time"

// Outcomes of a check.
const (
	// OutcomeNew: the check produced a new version.
	OutcomeNew = "new_version"
	// OutcomeUnchanged: the content was the same as the latest version.
	OutcomeUnchanged = "unchanged"
	// OutcomeNotModified: the server answered 304 to a conditional request.
	OutcomeNotModified = "not_modified"
	// OutcomeFailed: the fetch or the extraction failed; nothing was stored
	// but the check itself.
	OutcomeFailed = "failed"
)

// Check records one visit of a URL, whether or not it produced a version.
type Check struct {
	// At is when the fetch was made (UTC).
	At time.Time `json:"at"`
	// Status is the HTTP status, 0 when no response arrived.
	Status int `json:"status"`
	// Outcome is one of the Outcome constants.
	Outcome string `json:"outcome"`
	// Version is the latest version of the URL after the check (0 if none).
	Version int `json:"version"`
	// Changes lists the changed parts when Outcome is OutcomeNew.
	Changes []string `json:"changes,omitempty"`
	// Error says why the check failed.
	Error string `json:"error,omitempty"`
}
