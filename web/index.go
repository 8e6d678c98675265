package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// article is what the index keeps of one archived URL: small fields only,
// enough to list, search, filter and sort without reading the archive.
type article struct {
	URL        string
	Host       string
	Title      string
	Categories []string
	// search is the lower-cased title and URL, for substring search.
	search string
	// Published is the latest version's published_at (zero if unknown);
	// FirstSeen the fetch time of version 1; Changed that of the latest.
	Published time.Time
	FirstSeen time.Time
	Changed   time.Time
	// LastCheck and LastOutcome describe the newest check of the URL.
	LastCheck   time.Time
	LastOutcome string
	// Versions is the number of versions; Comments the comments of the
	// latest one.
	Versions int
	Comments int
	// BodyEdits counts the versions whose changes include the body;
	// CommentsRemoved sums the comments removed over all versions.
	BodyEdits       int
	CommentsRemoved int
}

// newest is the time an article is sorted by on the home page: when it was
// published, or else when strata first saw it.
func (a *article) newest() time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.FirstSeen
}

// setLatest takes the listed fields of the latest version.
func (a *article) setLatest(s *strata.Snapshot) {
	a.Title = s.Title
	a.Categories = slices.Clip(slices.Clone(s.Categories))
	a.search = strings.ToLower(s.Title + "\n" + s.URL)
	a.Published = time.Time{}
	if s.PublishedAt != nil {
		a.Published = s.PublishedAt.UTC()
	}
	a.Changed = s.FetchedAt.UTC()
	a.Versions = s.Version
	a.Comments = len(s.Comments)
}

// addHistory counts one version's changes into the badges.
func (a *article) addHistory(version int, fetched time.Time, changes []string, delta *strata.CommentDelta) {
	if version == 1 {
		a.FirstSeen = fetched.UTC()
	}
	if slices.Contains(changes, strata.PartBody) {
		a.BodyEdits++
	}
	if delta != nil && version > 1 {
		a.CommentsRemoved += delta.Removed
	}
}

// siteOf returns the host of an archived URL.
func siteOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// count is a name and how many articles carry it.
type count struct {
	Name string
	N    int
}

// Sort orders of the home page.
const (
	sortNewest   = "newest"
	sortChanged  = "changed"
	sortChecked  = "checked"
	sortVersions = "versions"
)

var sortOrders = []string{sortNewest, sortChanged, sortChecked, sortVersions}

// index is one immutable state of the in-memory index.
type index struct {
	articles []*article // URL order
	byURL    map[string]*article
	orders   map[string][]int32
	sites    []count            // by name
	cats     map[string][]count // by site ("" for all), most used first
	versions int
	builtAt  time.Time
	took     time.Duration
}

func newIndex(articles []*article) *index {
	ix := &index{
		articles: articles,
		byURL:    make(map[string]*article, len(articles)),
		orders:   make(map[string][]int32, len(sortOrders)),
		cats:     map[string][]count{},
	}
	sites := map[string]int{}
	cats := map[string]map[string]int{"": {}}
	for _, a := range articles {
		ix.byURL[a.URL] = a
		ix.versions += a.Versions
		sites[a.Host]++
		if cats[a.Host] == nil {
			cats[a.Host] = map[string]int{}
		}
		for _, c := range a.Categories {
			cats[""][c]++
			cats[a.Host][c]++
		}
	}
	ix.sites = counts(sites, func(a, b count) int { return strings.Compare(a.Name, b.Name) })
	for site, m := range cats {
		ix.cats[site] = counts(m, func(a, b count) int {
			return cmp.Or(b.N-a.N, strings.Compare(a.Name, b.Name))
		})
	}
	desc := func(x, y time.Time) int { return y.Compare(x) }
	by := map[string]func(a, b *article) int{
		sortNewest:   func(a, b *article) int { return desc(a.newest(), b.newest()) },
		sortChanged:  func(a, b *article) int { return desc(a.Changed, b.Changed) },
		sortChecked:  func(a, b *article) int { return desc(a.LastCheck, b.LastCheck) },
		sortVersions: func(a, b *article) int { return cmp.Or(b.Versions-a.Versions, desc(a.Changed, b.Changed)) },
	}
	for name, f := range by {
		order := make([]int32, len(articles))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortStableFunc(order, func(i, j int32) int { return f(articles[i], articles[j]) })
		ix.orders[name] = order
	}
	return ix
}

func counts(m map[string]int, order func(a, b count) int) []count {
	out := make([]count, 0, len(m))
	for name, n := range m {
		out = append(out, count{name, n})
	}
	slices.SortFunc(out, order)
	return out
}

// query selects and orders articles of the home page.
type query struct {
	Q        string // substring of the title or URL, any case
	Site     string // host, exactly
	Category string // category, exactly
	Show     string // "", "changed", "edited" or "deleted"
	Sort     string // one of sortOrders; "" is sortNewest
	Page     int    // from 1
}

// Filters of query.Show.
const (
	showChanged = "changed" // more than one version
	showEdited  = "edited"  // body edited
	showDeleted = "deleted" // comments deleted
)

// find returns the articles of page q.Page (perPage to a page) that match
// q, in q's order, and how many match in all.
func (ix *index) find(q query, perPage int) (page []*article, total int) {
	order, ok := ix.orders[q.Sort]
	if !ok {
		order = ix.orders[sortNewest]
	}
	needle := strings.ToLower(strings.TrimSpace(q.Q))
	skip := (max(q.Page, 1) - 1) * perPage
	for _, i := range order {
		a := ix.articles[i]
		switch {
		case q.Site != "" && a.Host != q.Site,
			q.Category != "" && !slices.Contains(a.Categories, q.Category),
			q.Show == showChanged && a.Versions < 2,
			q.Show == showEdited && a.BodyEdits == 0,
			q.Show == showDeleted && a.CommentsRemoved == 0,
			needle != "" && !strings.Contains(a.search, needle):
			continue
		}
		if total >= skip && len(page) < perPage {
			page = append(page, a)
		}
		total++
	}
	return page, total
}

// indexer keeps the current index and rebuilds it when the archive file
// changes. A rebuild reads the archive in short bursts, each with its own
// read-only open of the file, so that a writer waits at most one burst.
type indexer struct {
	path        string
	lockTimeout time.Duration
	burst       time.Duration
	pause       time.Duration

	cur      atomic.Pointer[index]
	building atomic.Bool
	progress atomic.Int64 // articles read by the running rebuild

	mu      sync.Mutex // held by a rebuild
	stamp   fileStamp  // the file as the current index started reading it
	errMu   sync.Mutex
	lastErr error
}

// fileStamp identifies a state of the archive file cheaply.
type fileStamp struct {
	info os.FileInfo
}

func stampOf(path string) (fileStamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, err
	}
	return fileStamp{fi}, nil
}

// same reports whether the file looks unchanged: the same file, size and
// modification time.
func (s fileStamp) same(o fileStamp) bool {
	if s.info == nil || o.info == nil {
		return false
	}
	return os.SameFile(s.info, o.info) && s.info.Size() == o.info.Size() && s.info.ModTime().Equal(o.info.ModTime())
}

// current returns the index, nil before the first rebuild finished.
func (ix *indexer) current() *index { return ix.cur.Load() }

// err returns what stopped the last rebuild, nil if it finished.
func (ix *indexer) err() error {
	ix.errMu.Lock()
	defer ix.errMu.Unlock()
	return ix.lastErr
}

func (ix *indexer) setErr(err error) {
	ix.errMu.Lock()
	ix.lastErr = err
	ix.errMu.Unlock()
}

// stale reports whether the file changed since the current index read it.
func (ix *indexer) stale() bool {
	st, err := stampOf(ix.path)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return err != nil || ix.cur.Load() == nil || !st.same(ix.stamp)
}

// errBurstOver stops a Walk when a burst has used its time.
var errBurstOver = errors.New("burst over")

// rebuild reads the archive and replaces the index. Articles whose latest
// version is the one already indexed keep their history counts (versions
// are never rewritten), so only new versions are read in full.
func (ix *indexer) rebuild(ctx context.Context) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.building.Store(true)
	ix.progress.Store(0)
	defer ix.building.Store(false)
	start := time.Now()
	stamp, err := stampOf(ix.path)
	if err != nil {
		err = fmt.Errorf("index: %w", err)
		ix.setErr(err)
		return err
	}
	old := ix.cur.Load()
	var all []*article
	cursor := ""
	for {
		next, got, err := ix.readBurst(cursor, old)
		if err != nil {
			err = fmt.Errorf("index: %w", err)
			ix.setErr(err)
			return err
		}
		all = append(all, got...)
		ix.progress.Add(int64(len(got)))
		if next == "" {
			break
		}
		cursor = next
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(ix.pause):
		}
	}
	nix := newIndex(all)
	nix.builtAt = start
	nix.took = time.Since(start)
	ix.cur.Store(nix)
	ix.stamp = stamp
	ix.setErr(nil)
	return nil
}

// readBurst opens the archive, reads the articles from URL cursor on for
// about ix.burst, and closes it. It returns the URL to go on from, "" at
// the end. With an old index it reads only the URL index, and decodes the
// articles whose latest version changed since.
func (ix *indexer) readBurst(cursor string, old *index) (next string, got []*article, err error) {
	st, err := store.Open(ix.path, store.Options{ReadOnly: true, Timeout: ix.lockTimeout})
	if err != nil {
		return "", nil, err
	}
	defer st.Close()
	deadline := time.Now().Add(ix.burst)
	if old != nil {
		return refreshBurst(st, cursor, old, deadline)
	}
	var cur *article
	err = st.Walk(store.WalkOptions{
		AllVersions: true,
		URL:         func(u string) bool { return u >= cursor },
	}, func(v *store.Version) error {
		s := v.Snapshot
		if cur == nil || cur.URL != s.URL {
			if cur != nil && time.Now().After(deadline) {
				next = s.URL
				return errBurstOver
			}
			cur = &article{URL: s.URL, Host: siteOf(s.URL)}
			got = append(got, cur)
		}
		cur.addHistory(s.Version, s.FetchedAt, s.Changes, v.CommentDelta)
		cur.setLatest(s)
		return nil
	})
	if err != nil && !errors.Is(err, errBurstOver) {
		return "", nil, err
	}
	if len(got) == 0 {
		return next, got, nil
	}
	// The last checks come from the URL index, not from every check.
	byURL := make(map[string]*article, len(got))
	for _, a := range got {
		byURL[a.URL] = a
	}
	last := got[len(got)-1].URL
	err = st.URLs(store.URLsOptions{From: got[0].URL}, func(info store.URLInfo) error {
		if info.URL > last {
			return errBurstOver
		}
		if a := byURL[info.URL]; a != nil {
			a.LastCheck, a.LastOutcome = info.LastCheck.UTC(), info.LastOutcome
		}
		return nil
	})
	if err != nil && !errors.Is(err, errBurstOver) {
		return "", nil, err
	}
	return next, got, nil
}

// refreshBurst is readBurst against an old index: articles whose latest
// version is the one indexed are copied with their new last check; only
// the others are decoded.
func refreshBurst(st *store.Store, cursor string, old *index, deadline time.Time) (next string, got []*article, err error) {
	var changed []*article
	err = st.URLs(store.URLsOptions{From: cursor}, func(info store.URLInfo) error {
		if info.Latest == 0 {
			return nil // only failed checks: nothing to show
		}
		if len(got) > 0 && time.Now().After(deadline) {
			next = info.URL
			return errBurstOver
		}
		a := &article{URL: info.URL, Host: siteOf(info.URL)}
		if o := old.byURL[info.URL]; o != nil && o.Versions == info.Latest {
			*a = *o
		} else {
			changed = append(changed, a)
		}
		a.LastCheck, a.LastOutcome = info.LastCheck.UTC(), info.LastOutcome
		got = append(got, a)
		return nil
	})
	if err != nil && !errors.Is(err, errBurstOver) {
		return "", nil, err
	}
	for _, a := range changed {
		snap, err := st.Snapshot(a.URL, 0)
		if err != nil {
			return "", nil, err
		}
		a.setLatest(snap)
		infos, err := st.Versions(a.URL)
		if err != nil {
			return "", nil, err
		}
		for _, v := range infos {
			a.addHistory(v.Version, v.FetchedAt, v.Changes, v.CommentDelta)
		}
	}
	return next, got, nil
}

// run rebuilds the index at once and then whenever the archive file
// changed, looking every interval, until ctx is done. After a slow rebuild
// it waits at least twice as long as the rebuild took, so that a busy
// archive does not keep the viewer reading all the time.
func (ix *indexer) run(ctx context.Context, interval time.Duration, logf func(string, ...any)) {
	wait := time.Duration(0)
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = interval
		if !ix.stale() {
			continue
		}
		start := time.Now()
		if err := ix.rebuild(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			logf("strata serve: %v (will retry)", err)
			continue
		}
		wait = max(interval, 2*time.Since(start))
	}
}
