package history

import (
	"reflect"
	"slices"
	"time"

	"github.com/strata-archive/strata"
)

// Diff is what changed between two versions of one URL. Its JSON form is
// the output of `strata diff --json`.
type Diff struct {
	// URL is the archived URL.
	URL string `json:"url"`
	// From and To describe the two versions compared, the older first.
	From Side `json:"from"`
	To   Side `json:"to"`
	// Changes lists the compared parts that differ (see strata.AllParts).
	Changes []string `json:"changes"`
	// Metadata lists the fields other than the body and the comments that
	// differ, in the order of MetadataFields.
	Metadata []FieldChange `json:"metadata"`
	// Body compares the body text.
	Body BodyDiff `json:"body"`
	// Comments compares the comment threads.
	Comments CommentsDiff `json:"comments"`
}

// Side describes one of the two versions of a Diff.
type Side struct {
	Version          int       `json:"version"`
	FetchedAt        time.Time `json:"fetched_at"`
	ContentHash      string    `json:"content_hash"`
	Comments         int       `json:"comments"`
	CommentsComplete bool      `json:"comments_complete"`
}

// FieldChange is one field whose value differs. Old and New hold the
// values as the snapshot JSON has them (strings, lists, numbers, booleans,
// RFC 3339 times, or null).
type FieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// BodyDiff compares the body texts word by word.
type BodyDiff struct {
	// Changed reports whether the texts differ at all.
	Changed bool `json:"changed"`
	// DeletedWords and InsertedWords count the words in the delete and
	// insert edits.
	DeletedWords  int `json:"deleted_words"`
	InsertedWords int `json:"inserted_words"`
	// Edits turn the old text into the new one: the old text is the
	// concatenation of the equal and delete edits, the new text that of
	// the equal and insert edits. Empty when both texts are empty.
	Edits []Edit `json:"edits"`
}

// Operations of an Edit.
const (
	OpEqual  = "equal"
	OpDelete = "delete"
	OpInsert = "insert"
)

// Edit is one run of text that is kept, deleted or inserted.
type Edit struct {
	// Op is OpEqual, OpDelete or OpInsert.
	Op   string `json:"op"`
	Text string `json:"text"`
}

// CommentsDiff compares two comment threads; see strata.CompareThreads
// for how comments are matched and when a missing one is removed or only
// not seen. Each list is in thread order.
type CommentsDiff struct {
	Added   []CommentInfo `json:"added"`
	Removed []CommentInfo `json:"removed"`
	Edited  []CommentEdit `json:"edited"`
	NotSeen []CommentInfo `json:"not_seen"`
}

// CommentInfo identifies a comment of a CommentsDiff.
type CommentInfo struct {
	ID       string     `json:"id"`
	ParentID string     `json:"parent_id"`
	Author   string     `json:"author"`
	PostedAt *time.Time `json:"posted_at"`
	Text     string     `json:"text"`
}

// CommentEdit is a comment whose text, author, parent or posting time
// changed. The embedded CommentInfo is the comment as it is in the newer
// version.
type CommentEdit struct {
	CommentInfo
	// Changes lists the fields that differ, with their old and new values.
	Changes []FieldChange `json:"changes"`
	// TextEdits is the word diff of the text, when it changed.
	TextEdits []Edit `json:"text_edits,omitempty"`
}

// MetadataFields names, in order, the snapshot fields that a Diff reports
// under Metadata: everything but the body, the comments, and the fields
// that differ between any two versions (version, fetched_at, changes,
// content_hash, raw_sha256).
var MetadataFields = []string{
	"title", "canonical_url", "authors", "published_at", "modified_at",
	"site_name", "language", "description", "image", "categories", "tags",
	"status", "final_url", "truncated",
	"comment_system", "comment_count_declared", "comments_complete", "comments_note",
}

// metadataValue returns the value of a metadata field of s, as its JSON
// form has it.
func metadataValue(s *strata.Snapshot, field string) any {
	switch field {
	case "title":
		return s.Title
	case "canonical_url":
		return s.CanonicalURL
	case "authors":
		return nonNil(s.Authors)
	case "published_at":
		return utcValue(s.PublishedAt)
	case "modified_at":
		return utcValue(s.ModifiedAt)
	case "site_name":
		return s.SiteName
	case "language":
		return s.Language
	case "description":
		return s.Description
	case "image":
		return s.Image
	case "categories":
		return nonNil(s.Categories)
	case "tags":
		return nonNil(s.Tags)
	case "status":
		return s.Status
	case "final_url":
		return s.FinalURL
	case "truncated":
		return s.Truncated
	case "comment_system":
		return s.CommentSystem
	case "comment_count_declared":
		if s.CommentCountDeclared == nil {
			return nil
		}
		return *s.CommentCountDeclared
	case "comments_complete":
		return s.CommentsComplete
	case "comments_note":
		return s.CommentsNote
	}
	panic("history: unknown metadata field " + field)
}

// Compare returns what changed from one version of a URL to another; from
// is normally the older. Neither snapshot is modified.
func Compare(from, to *strata.Snapshot) *Diff {
	d := &Diff{
		URL:      to.URL,
		From:     side(from),
		To:       side(to),
		Changes:  strata.Changes(from, to),
		Metadata: []FieldChange{},
	}
	for _, field := range MetadataFields {
		old, cur := metadataValue(from, field), metadataValue(to, field)
		if !equalValue(old, cur) {
			d.Metadata = append(d.Metadata, FieldChange{Field: field, Old: old, New: cur})
		}
	}
	d.Body = compareBody(from.BodyText, to.BodyText)
	d.Comments = compareComments(from, to)
	return d
}

func side(s *strata.Snapshot) Side {
	return Side{
		Version:          s.Version,
		FetchedAt:        s.FetchedAt,
		ContentHash:      s.ContentHash,
		Comments:         len(s.Comments),
		CommentsComplete: s.CommentsComplete,
	}
}

func compareBody(old, cur string) BodyDiff {
	bd := BodyDiff{Changed: old != cur, Edits: []Edit{}}
	if old == "" && cur == "" {
		return bd
	}
	bd.Edits = WordDiff(old, cur)
	for _, e := range bd.Edits {
		switch e.Op {
		case OpDelete:
			bd.DeletedWords += countWords(e.Text)
		case OpInsert:
			bd.InsertedWords += countWords(e.Text)
		}
	}
	return bd
}

func compareComments(from, to *strata.Snapshot) CommentsDiff {
	tc := strata.CompareThreads(from, to)
	cd := CommentsDiff{
		Added:   infos(tc.Added),
		Removed: infos(tc.Removed),
		Edited:  []CommentEdit{},
		NotSeen: infos(tc.NotSeen),
	}
	for _, e := range tc.Edited {
		ce := CommentEdit{CommentInfo: info(e.New), Changes: []FieldChange{}}
		for _, f := range e.Fields {
			var old, cur any
			switch f {
			case strata.CommentFieldText:
				old, cur = e.Old.Text, e.New.Text
				ce.TextEdits = WordDiff(e.Old.Text, e.New.Text)
			case strata.CommentFieldAuthor:
				old, cur = e.Old.Author, e.New.Author
			case strata.CommentFieldParentID:
				old, cur = e.Old.ParentID, e.New.ParentID
			case strata.CommentFieldPostedAt:
				old, cur = utcValue(e.Old.PostedAt), utcValue(e.New.PostedAt)
			}
			ce.Changes = append(ce.Changes, FieldChange{Field: f, Old: old, New: cur})
		}
		cd.Edited = append(cd.Edited, ce)
	}
	return cd
}

func infos(cs []strata.Comment) []CommentInfo {
	out := make([]CommentInfo, len(cs))
	for i, c := range cs {
		out[i] = info(c)
	}
	return out
}

func info(c strata.Comment) CommentInfo {
	return CommentInfo{ID: c.ID, ParentID: c.ParentID, Author: c.Author, PostedAt: utc(c.PostedAt), Text: c.Text}
}

// utc returns t in UTC, or nil.
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// utcValue is utc for a FieldChange value: a missing time is an untyped
// nil, so that it compares and encodes as null.
func utcValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return utc(t)
}

// equalValue compares two metadata values; times as instants.
func equalValue(a, b any) bool {
	ta, okA := a.(*time.Time)
	tb, okB := b.(*time.Time)
	if okA && okB {
		return ta.Equal(*tb)
	}
	return reflect.DeepEqual(a, b)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}
