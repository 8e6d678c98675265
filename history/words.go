package history

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// DiffTimeout bounds the time WordDiff spends looking for the shortest
// diff of long texts; past it the diff is correct but may be longer.
const DiffTimeout = 2 * time.Second

// WordDiff returns the edits that turn old into cur, word by word: a word
// (a run of letters, digits and marks), a run of white space, or any other
// single character is kept, deleted or inserted whole. Adjacent edits of
// the same kind are merged. It returns no edits when both are empty.
func WordDiff(old, cur string) []Edit {
	var (
		index  = map[string]rune{}
		tokens []string
	)
	encode := func(s string) []rune {
		var rs []rune
		for _, tok := range tokenize(s) {
			r, ok := index[tok]
			if !ok {
				r = tokenRune(len(tokens))
				index[tok] = r
				tokens = append(tokens, tok)
			}
			rs = append(rs, r)
		}
		return rs
	}
	a, b := encode(old), encode(cur)
	if len(tokens) > maxTokens {
		// Too many distinct words to map to runes: replace the text whole.
		return mergeEdits([]Edit{{OpDelete, old}, {OpInsert, cur}})
	}

	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = DiffTimeout
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(a, b, false))

	edits := []Edit{}
	for _, d := range diffs {
		var sb strings.Builder
		for _, r := range d.Text {
			sb.WriteString(tokens[runeToken(r)])
		}
		op := OpEqual
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = OpDelete
		case diffmatchpatch.DiffInsert:
			op = OpInsert
		}
		if sb.Len() == 0 {
			continue
		}
		if n := len(edits); n > 0 && edits[n-1].Op == op {
			edits[n-1].Text += sb.String()
			continue
		}
		edits = append(edits, Edit{Op: op, Text: sb.String()})
	}
	return edits
}

// maxTokens is the number of distinct tokens tokenRune can map.
const maxTokens = utf8.MaxRune - 0x800 - 1

// mergeEdits drops empty edits.
func mergeEdits(edits []Edit) []Edit {
	out := []Edit{}
	for _, e := range edits {
		if e.Text != "" {
			out = append(out, e)
		}
	}
	return out
}

// tokenRune maps the i-th distinct token to a rune that survives a round
// trip through a Go string: it skips the surrogate range.
func tokenRune(i int) rune {
	r := rune(i + 1)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

func runeToken(r rune) int {
	if r >= 0xE000 {
		r -= 0x800
	}
	return int(r) - 1
}

// tokenize splits s into words, runs of white space and single other
// characters; their concatenation is s.
func tokenize(s string) []string {
	var toks []string
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		n := size
		switch {
		case isWordRune(r):
			n = span(s, isWordRune)
		case unicode.IsSpace(r):
			n = span(s, unicode.IsSpace)
		}
		toks = append(toks, s[:n])
		s = s[n:]
	}
	return toks
}

// span returns the length of the prefix of s whose runes satisfy f.
func span(s string, f func(rune) bool) int {
	for i, r := range s {
		if !f(r) {
			return i
		}
	}
	return len(s)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// countWords counts the words of s as tokenize finds them.
func countWords(s string) int {
	n := 0
	for _, tok := range tokenize(s) {
		if r, _ := utf8.DecodeRuneInString(tok); isWordRune(r) {
			n++
		}
	}
	return n
}
