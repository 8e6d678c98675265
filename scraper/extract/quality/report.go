package quality

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Summary adds up the page scores of one split.
type Summary struct {
	Name   string
	Pages  int
	Failed int
	Text   Counts
	// CommentsFound and CommentsLeaked count comment snippets found in the
	// comment text and in the body.
	CommentsFound, CommentsLeaked  Tally
	Title, TitleFold, Date, Author Tally
	// TitleOnPage and AuthorOnPage count the pages whose expectation
	// occurs on the page (see Reach); TitleReached and AuthorReached the
	// hits among them.
	TitleOnPage, AuthorOnPage, TitleReached, AuthorReached Tally
	Categories, Tags, TermsAny                             Tally
}

// Summarize adds up the results for which keep returns true.
func Summarize(name string, results []Result, keep func(*Page) bool) Summary {
	s := Summary{Name: name}
	for _, r := range results {
		if keep != nil && !keep(r.Page) {
			continue
		}
		s.Pages++
		if r.Err != nil {
			s.Failed++
		}
		ps := ScorePage(r)
		s.Text = s.Text.Add(ps.Text)
		s.CommentsFound.Hit += ps.CommentsFound.Hit
		s.CommentsFound.Total += ps.CommentsFound.Total
		s.CommentsLeaked.Hit += ps.CommentsLeaked.Hit
		s.CommentsLeaked.Total += ps.CommentsLeaked.Total
		if ps.HasTitle {
			s.Title.add(ps.TitleOK)
			s.TitleFold.add(ps.TitleFoldOK)
			if r.Reach.Known {
				s.TitleOnPage.add(r.Reach.Title)
				if r.Reach.Title {
					s.TitleReached.add(ps.TitleOK)
				}
			}
		}
		if ps.HasDate {
			s.Date.add(ps.DateOK)
		}
		if ps.HasAuthor {
			s.Author.add(ps.AuthorOK)
			if r.Reach.Known {
				s.AuthorOnPage.add(r.Reach.Author)
				if r.Reach.Author {
					s.AuthorReached.add(ps.AuthorOK)
				}
			}
		}
		for _, t := range []struct{ dst, src *Tally }{{&s.Categories, &ps.Categories}, {&s.Tags, &ps.Tags}, {&s.TermsAny, &ps.TermsAny}} {
			t.dst.Hit += t.src.Hit
			t.dst.Total += t.src.Total
		}
	}
	return s
}

// Terms is the recall of categories and tags, each in its own field.
func (s Summary) Terms() Tally {
	return Tally{s.Categories.Hit + s.Tags.Hit, s.Categories.Total + s.Tags.Total}
}

// CommentsAbsent is the share of comment snippets kept out of the body.
func (s Summary) CommentsAbsent() Tally {
	return Tally{s.CommentsLeaked.Total - s.CommentsLeaked.Hit, s.CommentsLeaked.Total}
}

// WriteTable prints the summaries side by side.
func WriteTable(w io.Writer, sums ...Summary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	row := func(label string, f func(Summary) string) {
		fmt.Fprintf(tw, "%s\t", label)
		for _, s := range sums {
			fmt.Fprintf(tw, "%s\t", f(s))
		}
		fmt.Fprintln(tw)
	}
	tally := func(t Tally) string { return fmt.Sprintf("%.3f (%d/%d)", t.Share(), t.Hit, t.Total) }
	row("", func(s Summary) string { return s.Name })
	row("pages (failed)", func(s Summary) string { return fmt.Sprintf("%d (%d)", s.Pages, s.Failed) })
	row("text tp/fp/tn/fn", func(s Summary) string {
		return fmt.Sprintf("%d/%d/%d/%d", s.Text.TP, s.Text.FP, s.Text.TN, s.Text.FN)
	})
	row("text precision", func(s Summary) string { return fmt.Sprintf("%.3f", s.Text.Precision()) })
	row("text recall", func(s Summary) string { return fmt.Sprintf("%.3f", s.Text.Recall()) })
	row("text F1", func(s Summary) string { return fmt.Sprintf("%.3f", s.Text.F1()) })
	row("text accuracy", func(s Summary) string { return fmt.Sprintf("%.3f", s.Text.Accuracy()) })
	row("comments absent from body", func(s Summary) string { return tally(s.CommentsAbsent()) })
	row("comments found in thread", func(s Summary) string { return tally(s.CommentsFound) })
	row("title exact", func(s Summary) string { return tally(s.Title) })
	row("title exact, any case", func(s Summary) string { return tally(s.TitleFold) })
	row("  title on the page as written", func(s Summary) string { return tally(s.TitleOnPage) })
	row("  title exact, where on the page", func(s Summary) string { return tally(s.TitleReached) })
	row("date", func(s Summary) string { return tally(s.Date) })
	row("author", func(s Summary) string { return tally(s.Author) })
	row("  author named on the page", func(s Summary) string { return tally(s.AuthorOnPage) })
	row("  author, where named on the page", func(s Summary) string { return tally(s.AuthorReached) })
	row("categories recall", func(s Summary) string { return tally(s.Categories) })
	row("tags recall", func(s Summary) string { return tally(s.Tags) })
	row("categories+tags recall", func(s Summary) string { return tally(s.Terms()) })
	row("  either field", func(s Summary) string { return tally(s.TermsAny) })
	tw.Flush()
}

// Failure kinds for WriteFailures.
const (
	FailText     = "text"
	FailComments = "comments"
	FailTitle    = "title"
	FailDate     = "date"
	FailAuthor   = "author"
	FailTerms    = "terms"
)

// FailureKinds lists every failure kind.
var FailureKinds = []string{FailText, FailComments, FailTitle, FailDate, FailAuthor, FailTerms}

// WriteFailures lists, page by page, what went wrong of the given kinds.
func WriteFailures(w io.Writer, results []Result, kinds []string, keep func(*Page) bool) {
	want := map[string]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	q := func(s string) string {
		if len(s) > 120 {
			s = s[:120] + "…"
		}
		return fmt.Sprintf("%q", s)
	}
	for _, r := range results {
		if keep != nil && !keep(r.Page) {
			continue
		}
		ps := ScorePage(r)
		var lines []string
		if r.Err != nil {
			lines = append(lines, "error: "+r.Err.Error())
		}
		if want[FailText] {
			for _, m := range ps.Missing {
				lines = append(lines, "missing  "+q(m))
			}
			for _, e := range ps.Extra {
				lines = append(lines, "extra    "+q(e))
			}
		}
		if want[FailComments] {
			for _, l := range ps.Leaked {
				lines = append(lines, "leaked   "+q(l))
			}
		}
		var got struct {
			title, date, authors, cats, tags string
		}
		if r.Snap != nil {
			got.title = r.Snap.Title
			if r.Snap.PublishedAt != nil {
				got.date = r.Snap.PublishedAt.Format("2006-01-02T15:04:05Z07:00")
			}
			got.authors = strings.Join(r.Snap.Authors, " | ")
			got.cats = strings.Join(r.Snap.Categories, " | ")
			got.tags = strings.Join(r.Snap.Tags, " | ")
		}
		if want[FailTitle] && ps.HasTitle && !ps.TitleOK {
			lines = append(lines, fmt.Sprintf("title    got %s want %s", q(got.title), q(r.Page.Title)))
		}
		if want[FailDate] && ps.HasDate && !ps.DateOK {
			lines = append(lines, fmt.Sprintf("date     got %s want %s", q(got.date), q(r.Page.Date)))
		}
		if want[FailAuthor] && ps.HasAuthor && !ps.AuthorOK {
			lines = append(lines, fmt.Sprintf("author   got %s want %s", q(got.authors), q(r.Page.Author)))
		}
		if want[FailTerms] && len(ps.MissingTerms) > 0 {
			lines = append(lines, fmt.Sprintf("terms    missing %s; got categories %s tags %s",
				q(strings.Join(ps.MissingTerms, ", ")), q(got.cats), q(got.tags)))
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s  (%s)\n", r.Page.File, r.Page.URL)
		for _, l := range lines {
			fmt.Fprintf(w, "    %s\n", l)
		}
	}
}
