package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/strata-archive/strata/history"
)

func TestBodyBlocks(t *testing.T) {
	paras := func(n int, word string) []string {
		var ps []string
		for i := range n {
			ps = append(ps, word+" paragraph "+string(rune('a'+i))+".")
		}
		return ps
	}
	long := paras(10, "Same")
	edited := append([]string(nil), long...)
	edited[5] = "Same paragraph f, edited."
	tests := []struct {
		name     string
		old, cur []string
		// want describes the blocks: "3" for three paragraphs shown, "[4]"
		// for four folded away.
		want string
	}{
		{"one edit in the middle", long, edited, "[4] 3 [3]"},
		{"edit of the first paragraph", edited[:2], append([]string{"Other paragraph."}, edited[1]), "2"},
		{"appended paragraph", long[:4], append(long[:4:4], "New one."), "[2] 3"},
		{"unchanged", long[:5], long[:5], "[5]"},
		{"single unchanged paragraph is not folded", long[:3], append([]string{"X."}, long[1:3]...), "3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := bodyBlocks(history.WordDiff(strings.Join(tt.old, "\n\n"), strings.Join(tt.cur, "\n\n")))
			var got []string
			var old, cur []string
			for _, b := range blocks {
				n := strconv.Itoa(len(b.Rows))
				if b.Folded {
					n = "[" + n + "]"
				}
				got = append(got, n)
				for _, r := range b.Rows {
					o, c := sides(r.Edits)
					old, cur = append(old, text(o)), append(cur, text(c))
				}
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("blocks %s, want %s", g, tt.want)
			}
			// Nothing is lost: the rows spell both texts, paragraph by paragraph.
			if strings.Join(nonEmpty(old), "|") != strings.Join(tt.old, "|") || strings.Join(nonEmpty(cur), "|") != strings.Join(tt.cur, "|") {
				t.Errorf("rows spell\n%q\n%q", old, cur)
			}
		})
	}
}

func text(edits []history.Edit) string {
	var b strings.Builder
	for _, e := range edits {
		b.WriteString(e.Text)
	}
	return b.String()
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
