package strata

import (
	"net/http"
	"time"
)

// Snapshot is what strata captured of one article at one moment: its
// metadata, body and comment thread. Its JSON form is the export contract
// documented in schema/snapshot.schema.json; fields may be added to it, never
// renamed or removed.
type Snapshot struct {
	// URL is the archived URL, normalised (see NormalizeURL). It identifies
	// the article in the archive.
	URL string `json:"url"`
	// CanonicalURL is the page's own rel=canonical (or og:url), or URL.
	CanonicalURL string `json:"canonical_url"`
	// Version numbers the distinct contents of URL: 1, 2, 3…
	Version int `json:"version"`
	// FetchedAt is when the capture that produced this version was made (UTC).
	FetchedAt time.Time `json:"fetched_at"`
	// Status is the HTTP status of that capture.
	Status int `json:"status"`
	// ContentHash is "sha256:" and the hex digest of the compared content
	// (see Fingerprint).
	ContentHash string `json:"content_hash"`
	// Changes lists the parts that differ from the previous version, in the
	// order of AllParts; it is empty for version 1.
	Changes []string `json:"changes"`

	Title       string     `json:"title"`
	Authors     []string   `json:"authors"`
	PublishedAt *time.Time `json:"published_at"`
	ModifiedAt  *time.Time `json:"modified_at"`
	SiteName    string     `json:"site_name"`
	Language    string     `json:"language"`
	Description string     `json:"description"`
	Image       string     `json:"image"`
	Categories  []string   `json:"categories"`
	Tags        []string   `json:"tags"`
	// BodyText is the article text, paragraphs separated by a blank line.
	BodyText string `json:"body_text"`
	// BodyHTML is the cleaned article markup.
	BodyHTML string `json:"body_html"`

	// CommentSystem names the comment system found ("wpdiscuz",
	// "wordpress", …) or is empty when the page shows none.
	CommentSystem string `json:"comment_system"`
	// CommentCountDeclared is the count the page itself states, if any.
	CommentCountDeclared *int `json:"comment_count_declared"`
	// CommentsComplete is true only when the whole thread was captured.
	CommentsComplete bool `json:"comments_complete"`
	// Comments holds the thread in thread order.
	Comments []Comment `json:"comments"`

	// Extensions to the contract.

	// FinalURL is the URL the capture ended on after redirects.
	FinalURL string `json:"final_url"`
	// Truncated reports that the page was larger than the body size cap and
	// only its first part was captured and extracted.
	Truncated bool `json:"truncated"`
	// CommentsNote says why the thread is incomplete, or what could not be
	// fetched; empty when there is nothing to say.
	CommentsNote string `json:"comments_note"`
	// RawSHA256 is the hex digest of the raw capture this version was
	// extracted from; `strata raw` returns those bytes.
	RawSHA256 string `json:"raw_sha256"`
}

// Comment is one entry of a comment thread.
type Comment struct {
	// ID is the site's own identifier of the comment, as a string.
	ID string `json:"id"`
	// ParentID is the ID of the comment this one replies to, "" at top level.
	ParentID  string `json:"parent_id"`
	Author    string `json:"author"`
	AuthorURL string `json:"author_url"`
	// PostedAt is the time the comment was posted, when it could be
	// determined; UTC when the zone is known, otherwise the site offset.
	PostedAt *time.Time `json:"posted_at"`
	// PostedAtText is the date as the page showed it.
	PostedAtText string `json:"posted_at_text"`
	Text         string `json:"text"`
	HTML         string `json:"html"`
	// Score is the net vote count, nil where the system shows none.
	Score *int `json:"score"`
	// Type is one of CommentTypeComment, CommentTypePingback, CommentTypeTrackback.
	Type string `json:"type"`
	// Depth is 0 at top level and one more than the parent's depth below.
	Depth int `json:"depth"`
	// Label is the role label the page shows ("Guest", "Author"), if any.
	Label string `json:"label,omitempty"`
}

// Comment types.
const (
	CommentTypeComment   = "comment"
	CommentTypePingback  = "pingback"
	CommentTypeTrackback = "trackback"
)

// Capture is the raw outcome of fetching one URL, before extraction.
type Capture struct {
	// URL is the URL that was asked for.
	URL string
	// FinalURL is the URL of the response after redirects.
	FinalURL string
	Status   int
	Header   http.Header
	// Body holds the bytes as the server sent them (transfer encoding
	// removed, charset untouched).
	Body []byte
	// Truncated reports that Body stops at the size cap.
	Truncated bool
	FetchedAt time.Time
}

// ContentType returns the capture's Content-Type header.
func (c *Capture) ContentType() string {
	if c == nil || c.Header == nil {
		return ""
	}
	return c.Header.Get("Content-Type")
}

// Archive is where snapshots and checks are kept; store.Store implements it.
type Archive interface {
	// Save records a capture and the snapshot extracted from it: a new
	// version when the content changed, otherwise only a check.
	Save(snap *Snapshot, capture *Capture) (Check, error)
	// SaveFailure records a check that failed, changing nothing else.
	SaveFailure(url string, at time.Time, status int, reason string) (Check, error)
}
