package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strata-archive/strata"
)

// perPage is the number of articles on one page of the home page.
const perPage = 50

// maxChoices caps the sites and categories offered in the filter lists.
const maxChoices = 200

// homeData is what the home template shows.
type homeData struct {
	Query      query
	Articles   []*article
	Total      int
	Page       int
	Pages      int
	Prev, Next string // links to the neighbouring pages, "" at the ends
	Sites      []count
	Categories []count
	Sorts      []string
	Shows      []count // Name is the value, N unused
	Stats      struct{ Articles, Versions, Sites int }
	BuiltAt    time.Time
	Took       time.Duration
	Building   bool
	Progress   int64
	Err        error
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := query{
		Q:        strings.TrimSpace(v.Get("q")),
		Site:     v.Get("site"),
		Category: v.Get("category"),
		Show:     v.Get("show"),
		Sort:     v.Get("sort"),
	}
	if !slices.Contains(sortOrders, q.Sort) {
		q.Sort = sortNewest
	}
	q.Page, _ = strconv.Atoi(v.Get("page"))
	q.Page = max(q.Page, 1)

	ix := s.idx.current()
	d := homeData{Query: q, Sorts: sortOrders, Page: q.Page,
		Building: s.idx.building.Load(), Progress: s.idx.progress.Load(), Err: s.idx.err()}
	d.Shows = []count{{Name: showChanged}, {Name: showEdited}, {Name: showDeleted}}
	p := page{Title: "strata archive", Data: &d}
	if ix == nil {
		// The first index is not ready yet: say so and look again soon.
		p.Refresh = 2
		s.render(w, r, "home", p)
		return
	}
	// A URL typed into the search box opens the article.
	if q.Q != "" && q.Page == 1 {
		if key, err := strata.NormalizeURL(q.Q); err == nil && ix.byURL[key] != nil {
			http.Redirect(w, r, articleLink(key, 0), http.StatusSeeOther)
			return
		}
	}
	d.BuiltAt, d.Took = ix.builtAt, ix.took
	d.Stats.Articles, d.Stats.Versions, d.Stats.Sites = len(ix.articles), ix.versions, len(ix.sites)
	d.Articles, d.Total = ix.find(q, perPage)
	d.Pages = max(1, (d.Total+perPage-1)/perPage)
	link := func(n int) string {
		lv := url.Values{}
		for k, val := range map[string]string{"q": q.Q, "site": q.Site, "category": q.Category, "show": q.Show} {
			if val != "" {
				lv.Set(k, val)
			}
		}
		if q.Sort != sortNewest {
			lv.Set("sort", q.Sort)
		}
		if n > 1 {
			lv.Set("page", strconv.Itoa(n))
		}
		if len(lv) == 0 {
			return "/"
		}
		return "/?" + lv.Encode()
	}
	if q.Page > 1 {
		d.Prev = link(min(q.Page-1, d.Pages))
	}
	if q.Page < d.Pages {
		d.Next = link(q.Page + 1)
	}
	d.Sites = choices(ix.sites, q.Site, func(a, b count) int { return b.N - a.N })
	d.Categories = choices(ix.cats[q.Site], q.Category, nil)
	s.render(w, r, "home", p)
}

// choices returns at most maxChoices of all (the most used ones, in the
// order of all), always with the selected one.
func choices(all []count, selected string, most func(a, b count) int) []count {
	if len(all) <= maxChoices {
		return all
	}
	keep := all
	if most != nil {
		keep = slices.Clone(all)
		slices.SortStableFunc(keep, most)
	}
	keep = keep[:maxChoices]
	if selected != "" && !slices.ContainsFunc(keep, func(c count) bool { return c.Name == selected }) {
		keep = append(slices.Clone(keep), count{Name: selected})
	}
	if most != nil {
		out := make([]count, 0, len(keep))
		for _, c := range all {
			if slices.ContainsFunc(keep, func(k count) bool { return k.Name == c.Name }) {
				out = append(out, c)
			}
		}
		return out
	}
	return keep
}

// articleLink is the viewer's address of version v of url (0: the latest).
func articleLink(u string, v int) string {
	q := url.Values{"url": {u}}
	if v > 0 {
		q.Set("v", strconv.Itoa(v))
	}
	return "/article?" + q.Encode()
}

// diffLink is the viewer's address of the diff of url from version a to b.
func diffLink(u string, a, b int, mode string) string {
	q := url.Values{"url": {u}, "from": {strconv.Itoa(a)}, "to": {strconv.Itoa(b)}}
	if mode != "" && mode != modeInline {
		q.Set("mode", mode)
	}
	return "/diff?" + q.Encode()
}

// exportLink is the address of the raw capture ("raw") or the JSON
// ("json") of version v of url.
func exportLink(kind, u string, v int) string {
	return fmt.Sprintf("/%s?%s", kind, url.Values{"url": {u}, "v": {strconv.Itoa(v)}}.Encode())
}
