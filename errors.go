package strata

import "errors"

// Sentinel errors shared by the packages of strata. Compare with errors.Is.
var (
	// ErrLocked means another strata process holds the archive file.
	ErrLocked = errors.New("archive is in use by another strata process")
	// ErrNotFound means the archive holds no such URL or version.
	ErrNotFound = errors.New("not found in archive")
)
