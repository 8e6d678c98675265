package comments

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The plain forms of the text helpers, which the helpers must equal.
func refCollapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func refTidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.Join(strings.FieldsFunc(l, isSpace), " ")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func TestTextHelpersAgree(t *testing.T) {
	parts := []string{"a", "bc", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u200b", "\xff", "\ufffd", "é", "\r\n", "x y"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := collapseSpace(s), refCollapseSpace(s); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := tidyLines(s), refTidyLines(s); got != want {
			t.Fatalf("tidyLines(%q) = %q, want %q", s, got, want)
		}
		if got, want := joinFields(s), strings.Join(strings.FieldsFunc(s, isSpace), " "); got != want {
			t.Fatalf("joinFields(%q) = %q, want %q", s, got, want)
		}
		for _, pending := range []int{0, 1, 2} {
			for _, pre := range []bool{false, true} {
				w := textWriter{pending: pending}
				w.b.WriteString("x")
				w.text(s, pre)
				want := "x"
				c := s
				if !pre {
					c = refCollapseSpace(s)
				}
				if !(strings.TrimFunc(c, isSpace) == "" && pending > 0) {
					want += strings.Repeat("\n", min(pending, 2)) + c
				}
				if w.b.String() != want {
					t.Fatalf("text(%q, %v) with %d pending = %q, want %q", s, pre, pending, w.b.String(), want)
				}
			}
		}
	}
}
