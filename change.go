package strata

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// The parts of a snapshot that are compared to decide whether a new version
// is due. Snapshot.Changes holds a subset of them, in this order.
const (
	PartTitle      = "title"
	PartMetadata   = "metadata"
	PartCategories = "categories"
	PartBody       = "body"
	PartComments   = "comments"
)

// AllParts lists the compared parts in their canonical order.
var AllParts = []string{PartTitle, PartMetadata, PartCategories, PartBody, PartComments}

// Fingerprint holds one digest per compared part of a snapshot.
//
// What each part covers:
//   - title: Title;
//   - metadata: CanonicalURL, Authors, PublishedAt, ModifiedAt, SiteName,
//     Language, Description, Image;
//   - categories: Categories and Tags;
//   - body: BodyText (markup-only changes such as a cache-busting image URL
//     do not make a version);
//   - comments: CommentCountDeclared and, per comment, ID, ParentID, Author,
//     AuthorURL, PostedAt, Text and Type. Scores and the shown date text are
//     left out: votes move all the time and relative dates ("3 hours ago")
//     change by themselves.
type Fingerprint map[string][32]byte

type commentKey struct {
	ID        string     `json:"id"`
	ParentID  string     `json:"parent_id"`
	Author    string     `json:"author"`
	AuthorURL string     `json:"author_url"`
	PostedAt  *time.Time `json:"posted_at"`
	Text      string     `json:"text"`
	Type      string     `json:"type"`
}

// FingerprintOf computes the per-part digests of s.
func FingerprintOf(s *Snapshot) Fingerprint {
	comments := make([]commentKey, len(s.Comments))
	for i, c := range s.Comments {
		comments[i] = commentKey{c.ID, c.ParentID, c.Author, c.AuthorURL, utcPtr(c.PostedAt), c.Text, c.Type}
	}
	parts := map[string]any{
		PartTitle: s.Title,
		PartMetadata: []any{s.CanonicalURL, nonNil(s.Authors), utcPtr(s.PublishedAt), utcPtr(s.ModifiedAt),
			s.SiteName, s.Language, s.Description, s.Image},
		PartCategories: []any{nonNil(s.Categories), nonNil(s.Tags)},
		PartBody:       s.BodyText,
		PartComments:   []any{s.CommentCountDeclared, comments},
	}
	fp := make(Fingerprint, len(parts))
	for name, v := range parts {
		b, err := json.Marshal(v)
		if err != nil {
			// Only strings, ints and times go in; Marshal cannot fail on them.
			panic("strata: fingerprint: " + err.Error())
		}
		fp[name] = sha256.Sum256(b)
	}
	return fp
}

// Hash returns the content hash ("sha256:<hex>") over all parts.
func (fp Fingerprint) Hash() string {
	h := sha256.New()
	for _, p := range AllParts {
		d := fp[p]
		h.Write([]byte(p))
		h.Write(d[:])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Changes lists the parts whose digests differ between prev and fp, in the
// order of AllParts. It never returns nil.
func (fp Fingerprint) Changes(prev Fingerprint) []string {
	changes := []string{}
	for _, p := range AllParts {
		if fp[p] != prev[p] {
			changes = append(changes, p)
		}
	}
	return changes
}

// ContentHash returns the content hash of s ("sha256:<hex>").
func ContentHash(s *Snapshot) string { return FingerprintOf(s).Hash() }

// Changes lists the parts in which next differs from prev.
func Changes(prev, next *Snapshot) []string {
	return FingerprintOf(next).Changes(FingerprintOf(prev))
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
