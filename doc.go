// Package strata holds the domain of the strata archiver: the snapshot of an
// article and its comment thread as captured at one moment, the raw capture it
// was extracted from, the checks that visited it, and the rules that decide
// when a new numbered version is due.
//
// The sub-packages implement the parts around this domain:
//
//   - scraper fetches pages with colly and extracts snapshots with goquery;
//   - store keeps every version, check and raw capture in a bbolt file;
//   - history compares two versions: metadata, body words, comments;
//   - config turns a TOML file into typed settings;
//   - cmd/strata wires them together as the strata command.
//
// Dependencies point inward: store and scraper import this package and never
// each other. This package imports neither.
package strata
