package strata

import (
	"fmt"
	"time"
)

// Comment fields compared by CompareThreads to decide that a comment was
// edited. They are the JSON names of the Comment fields.
const (
	CommentFieldText     = "text"
	CommentFieldAuthor   = "author"
	CommentFieldParentID = "parent_id"
	CommentFieldPostedAt = "posted_at"
)

// ThreadChanges is what happened to a comment thread between two
// snapshots of the same article.
//
// A comment is matched across snapshots by its ID. Comments without an ID
// are matched by author, time and text, so a change to one of them shows
// as one removal and one addition.
type ThreadChanges struct {
	// Added holds the comments of the newer thread that the older one did
	// not have, in the newer thread's order. When the older thread was
	// incomplete some of them may be older comments seen for the first
	// time.
	Added []Comment
	// Removed holds the comments of the older thread missing from the
	// newer one, when the newer thread is complete: they are gone from the
	// page.
	Removed []Comment
	// NotSeen holds the comments of the older thread missing from the
	// newer one, when the newer thread is incomplete: they may still be on
	// the page, beyond what was captured.
	NotSeen []Comment
	// Edited holds the comments present in both threads whose text,
	// author, parent or posting time differ, in the newer thread's order.
	Edited []CommentEdit
}

// CommentEdit is one comment as it was and as it is.
type CommentEdit struct {
	Old, New Comment
	// Fields names what differs: some of the CommentField constants, in
	// that order.
	Fields []string
}

// CommentDelta counts the changes of a thread from one version to the
// next. It is computed when a version is written and kept with it.
type CommentDelta struct {
	// Added, Removed, Edited and NotSeen count the comments of the
	// matching lists of ThreadChanges.
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Edited  int `json:"edited"`
	NotSeen int `json:"not_seen"`
	// PrevComplete reports whether the previous version's thread was
	// complete. When it was not, Added may count older comments seen for
	// the first time. It is false for a first version.
	PrevComplete bool `json:"prev_complete"`
}

// CompareThreads compares the comment threads of prev and next, two
// snapshots of one article with prev the older. A nil prev stands for no
// earlier version: every comment of next is added.
func CompareThreads(prev, next *Snapshot) ThreadChanges {
	var tc ThreadChanges
	if next == nil {
		next = &Snapshot{}
	}
	if prev == nil {
		tc.Added = append(tc.Added, next.Comments...)
		return tc
	}
	old := make(map[string]int, len(prev.Comments))
	for i, key := range commentKeys(prev.Comments) {
		old[key] = i
	}
	seen := make([]bool, len(prev.Comments))
	for i, key := range commentKeys(next.Comments) {
		c := next.Comments[i]
		j, ok := old[key]
		if !ok {
			tc.Added = append(tc.Added, c)
			continue
		}
		seen[j] = true
		if fields := editedFields(prev.Comments[j], c); len(fields) > 0 {
			tc.Edited = append(tc.Edited, CommentEdit{Old: prev.Comments[j], New: c, Fields: fields})
		}
	}
	for j, c := range prev.Comments {
		switch {
		case seen[j]:
		case next.CommentsComplete:
			tc.Removed = append(tc.Removed, c)
		default:
			tc.NotSeen = append(tc.NotSeen, c)
		}
	}
	return tc
}

// Delta counts tc; prevComplete is the older thread's CommentsComplete.
func (tc ThreadChanges) Delta(prevComplete bool) CommentDelta {
	return CommentDelta{
		Added:        len(tc.Added),
		Removed:      len(tc.Removed),
		Edited:       len(tc.Edited),
		NotSeen:      len(tc.NotSeen),
		PrevComplete: prevComplete,
	}
}

// commentKeys returns the key under which each comment is matched: its
// ID, or for a comment without one its author, time and text. A key that
// repeats within the thread gets the number of its occurrence appended, so
// that every key is unique.
func commentKeys(cs []Comment) []string {
	keys := make([]string, len(cs))
	count := make(map[string]int, len(cs))
	for i, c := range cs {
		key := "id:" + c.ID
		if c.ID == "" {
			at := ""
			if c.PostedAt != nil {
				at = c.PostedAt.UTC().Format(time.RFC3339Nano)
			}
			key = fmt.Sprintf("anon:%q|%s|%q", c.Author, at, c.Text)
		}
		if n := count[key]; n > 0 {
			count[key]++
			key = fmt.Sprintf("%s#%d", key, n)
		} else {
			count[key] = 1
		}
		keys[i] = key
	}
	return keys
}

// editedFields lists the compared fields in which a and b differ.
func editedFields(a, b Comment) []string {
	var fields []string
	if a.Text != b.Text {
		fields = append(fields, CommentFieldText)
	}
	if a.Author != b.Author {
		fields = append(fields, CommentFieldAuthor)
	}
	if a.ParentID != b.ParentID {
		fields = append(fields, CommentFieldParentID)
	}
	if !sameTime(a.PostedAt, b.PostedAt) {
		fields = append(fields, CommentFieldPostedAt)
	}
	return fields
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}
