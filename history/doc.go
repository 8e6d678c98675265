// Package history answers "what changed, and when?" between two archived
// versions of an article: which metadata fields changed from what to what,
// a word-level diff of the body text, and which comments were added,
// removed, edited or not seen again.
//
// It compares snapshots it is given and formats the result, as text for a
// person (optionally coloured for a terminal) or as JSON for a script. It
// does not read the archive; the store package does.
//
// # Basics
//
// [Compare] builds a [Diff] of two snapshots of one URL, the older first.
// [Diff.WriteText] writes it for a person; its JSON form (encoding/json)
// is the documented structure of `strata diff --json`.
//
// The body is compared word by word (with
// github.com/sergi/go-diff/diffmatchpatch over word tokens, so that an
// edit never splits a word). Comments are matched by ID, as
// [strata.CompareThreads] does: a comment missing from a complete thread
// is removed, one missing from an incomplete thread only not seen.
//
// # Caveats
//
//   - A very long body is diffed with a time limit (see [DiffTimeout]);
//     past it the diff is still correct but may be longer than the
//     shortest one.
//   - Metadata times are compared as instants: the same time in another
//     zone offset is not a change.
package history
