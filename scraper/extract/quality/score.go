package quality

import (
	"regexp"
	"strings"
	"time"

	unorm "golang.org/x/text/unicode/norm"
)

// norm collapses every run of white space to one space and trims, as the
// corpus convention says, and puts s in Unicode NFC: canonically
// equivalent text (a decomposed and a precomposed letter) is the same
// text to a reader, whichever form the page or the annotator used.
func norm(s string) string {
	return unorm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// Counts are the snippet counts of the text score.
type Counts struct {
	TP, FP, TN, FN int
}

// Add sums two counts.
func (c Counts) Add(d Counts) Counts {
	return Counts{c.TP + d.TP, c.FP + d.FP, c.TN + d.TN, c.FN + d.FN}
}

// Precision is tp/(tp+fp).
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is tp/(tp+fn).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is 2tp/(2tp+fp+fn).
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

// Accuracy is (tp+tn)/all.
func (c Counts) Accuracy() float64 { return ratio(c.TP+c.TN, c.TP+c.TN+c.FP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Tally is a count of hits out of a total.
type Tally struct{ Hit, Total int }

// Share is Hit/Total.
func (t Tally) Share() float64 { return ratio(t.Hit, t.Total) }

func (t *Tally) add(hit bool) {
	t.Total++
	if hit {
		t.Hit++
	}
}

// PageScore is how one page fared.
type PageScore struct {
	Text Counts
	// Missing are the `with` snippets not found; Extra the `without`
	// snippets found.
	Missing, Extra []string
	// CommentsFound counts comment snippets in the comment text;
	// CommentsLeaked those in the body (listed in Leaked).
	CommentsFound, CommentsLeaked Tally
	Leaked                        []string

	// Metadata checks: Has* says whether the page gives an expectation.
	HasTitle, TitleOK, TitleFoldOK bool
	HasDate, DateOK                bool
	HasAuthor, AuthorOK            bool
	// Categories and Tags count expected items found in the same field;
	// TermsAny counts them found in either field.
	Categories, Tags, TermsAny Tally
	MissingTerms               []string
}

// ScorePage scores one result.
func ScorePage(r Result) PageScore {
	p := r.Page
	var s PageScore
	var body, comments, title, date string
	var authors, cats, tags []string
	if r.Snap != nil {
		body = norm(r.Snap.BodyText)
		var b strings.Builder
		for _, c := range r.Snap.Comments {
			b.WriteString(c.Author)
			b.WriteByte(' ')
			b.WriteString(c.Text)
			b.WriteByte(' ')
		}
		comments = norm(b.String())
		title = norm(r.Snap.Title)
		if r.Snap.PublishedAt != nil {
			date = r.Snap.PublishedAt.Format(time.DateOnly)
		}
		authors, cats, tags = r.Snap.Authors, r.Snap.Categories, r.Snap.Tags
	}
	for _, w := range p.With {
		if w = norm(w); w == "" {
			continue
		}
		if r.Snap != nil && strings.Contains(body, w) {
			s.Text.TP++
		} else {
			s.Text.FN++
			s.Missing = append(s.Missing, w)
		}
	}
	for _, w := range p.Without {
		if w = norm(w); w == "" {
			continue
		}
		if r.Snap != nil && strings.Contains(body, w) {
			s.Text.FP++
			s.Extra = append(s.Extra, w)
		} else {
			s.Text.TN++
		}
	}
	for _, c := range p.Comments {
		if c = norm(c); c == "" {
			continue
		}
		s.CommentsFound.add(strings.Contains(comments, c))
		leak := strings.Contains(body, c)
		s.CommentsLeaked.add(leak)
		if leak {
			s.Leaked = append(s.Leaked, c)
		}
	}
	if want := norm(p.Title); want != "" {
		s.HasTitle = true
		s.TitleOK = title == want
		s.TitleFoldOK = strings.EqualFold(title, want)
	}
	if p.Date != "" {
		s.HasDate = true
		s.DateOK = date == p.Date
	}
	if len(p.Authors) > 0 {
		s.HasAuthor = true
		var got []string
		for _, a := range authors {
			got = append(got, authorNames(a)...)
		}
		s.AuthorOK = sameNames(p.Authors, got) || sameNames(p.Authors, lowerAll(authors))
	}
	lookup := func(list []string) map[string]bool {
		m := map[string]bool{}
		for _, v := range list {
			m[strings.ToLower(norm(v))] = true
		}
		return m
	}
	gotCats, gotTags, gotAny := lookup(cats), lookup(tags), lookup(append(append([]string{}, cats...), tags...))
	for _, c := range p.Categories {
		k := strings.ToLower(norm(c))
		if k == "" {
			continue
		}
		s.Categories.add(gotCats[k])
		s.TermsAny.add(gotAny[k])
		if !gotCats[k] {
			s.MissingTerms = append(s.MissingTerms, "category "+c)
		}
	}
	for _, t := range p.Tags {
		k := strings.ToLower(norm(t))
		if k == "" {
			continue
		}
		s.Tags.add(gotTags[k])
		s.TermsAny.add(gotAny[k])
		if !gotTags[k] {
			s.MissingTerms = append(s.MissingTerms, "tag "+t)
		}
	}
	return s
}

// nameSplit separates the names of a byline, for scoring only.
var nameSplit = regexp.MustCompile(`(?i)\s*(?:[,;/&|]|\s(?:and|und|et)\s)\s*`)

// namePrefix is a byline word before the first name.
var namePrefix = regexp.MustCompile(`(?i)^(?:by|von|par|por)\s+`)

// authorNames splits a byline into lowercased names.
func authorNames(s string) []string {
	var out []string
	for _, n := range nameSplit.Split(namePrefix.ReplaceAllString(norm(s), ""), -1) {
		if n = strings.ToLower(norm(n)); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// sameNames reports whether a and b hold the same names, in any order.
func sameNames(a, b []string) bool {
	set := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, v := range l {
			m[v] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) || len(sa) == 0 {
		return false
	}
	for k := range sa {
		if !sb[k] {
			return false
		}
	}
	return true
}

func lowerAll(l []string) []string {
	out := make([]string, 0, len(l))
	for _, v := range l {
		out = append(out, strings.ToLower(norm(v)))
	}
	return out
}
