package history

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// TextOptions tune Diff.WriteText.
type TextOptions struct {
	// Color marks deletions in red and insertions in green with ANSI
	// escapes, for a terminal. Without it they are marked [-like this-]
	// and {+like this+}.
	Color bool
}

// ANSI escapes used with TextOptions.Color.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// longValue is the combined length of two field values above which they
// are shown on lines of their own.
const longValue = 60

// WriteText writes d for a person: a header naming the two versions, the
// metadata fields that changed (old → new), the paragraphs of the body
// that changed with their words marked, and the comments added, removed,
// edited and not seen.
func (d *Diff) WriteText(w io.Writer, opts TextOptions) error {
	p := &printer{w: bufio.NewWriter(w), color: opts.Color}
	p.header(d)
	p.metadata(d.Metadata)
	p.body(d.Body)
	p.comments(d)
	return p.w.Flush()
}

type printer struct {
	w     *bufio.Writer
	color bool
}

// paint wraps s in an ANSI colour, line by line, when colours are on.
func (p *printer) paint(color, s string) string {
	if !p.color || s == "" {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = color + l + ansiReset
		}
	}
	return strings.Join(lines, "\n")
}

// mark renders one edit inline.
func (p *printer) mark(e Edit) string {
	switch e.Op {
	case OpDelete:
		if p.color {
			return p.paint(ansiRed, e.Text)
		}
		return "[-" + e.Text + "-]"
	case OpInsert:
		if p.color {
			return p.paint(ansiGreen, e.Text)
		}
		return "{+" + e.Text + "+}"
	}
	return e.Text
}

func (p *printer) printf(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

func (p *printer) heading(s string) { p.printf("\n%s\n", p.paint(ansiBold, s)) }

func (p *printer) header(d *Diff) {
	p.printf("%s\n", p.paint(ansiBold, "diff "+d.URL))
	for _, s := range []struct {
		sign  string
		color string
		side  Side
	}{{"---", ansiRed, d.From}, {"+++", ansiGreen, d.To}} {
		line := fmt.Sprintf("%s version %d, fetched %s, %s", s.sign, s.side.Version,
			s.side.FetchedAt.UTC().Format(time.RFC3339), plural(s.side.Comments, "comment"))
		if !s.side.CommentsComplete {
			line += " (thread incomplete)"
		}
		p.printf("%s\n", p.paint(s.color, line))
	}
	if len(d.Changes) == 0 {
		p.printf("no changes\n")
		return
	}
	p.printf("changed: %s\n", strings.Join(d.Changes, ", "))
}

func (p *printer) metadata(changes []FieldChange) {
	if len(changes) == 0 {
		p.heading("Metadata: no changes")
		return
	}
	p.heading("Metadata")
	for _, c := range changes {
		p.fieldChange("  ", c)
	}
}

// fieldChange prints one changed field, on one line or, for long values,
// on three.
func (p *printer) fieldChange(indent string, c FieldChange) {
	old, cur := formatValue(c.Old), formatValue(c.New)
	if len(old)+len(cur) <= longValue && !strings.Contains(old+cur, "\n") {
		p.printf("%s%s: %s → %s\n", indent, c.Field, p.paint(ansiRed, old), p.paint(ansiGreen, cur))
		return
	}
	p.printf("%s%s:\n", indent, c.Field)
	p.printf("%s  %s\n", indent, p.paint(ansiRed, "- "+old))
	p.printf("%s  %s\n", indent, p.paint(ansiGreen, "+ "+cur))
}

func (p *printer) body(b BodyDiff) {
	if !b.Changed {
		p.heading("Body: no changes")
		return
	}
	p.heading(fmt.Sprintf("Body: %s deleted, %s inserted", plural(b.DeletedWords, "word"), plural(b.InsertedWords, "word")))
	paras := paragraphs(b.Edits)
	last := -1 // index of the last paragraph printed
	for i, para := range paras {
		if !para.changed {
			continue
		}
		if i > last+1 {
			p.printf("  …\n")
		}
		last = i
		var sb strings.Builder
		for _, e := range para.edits {
			sb.WriteString(p.mark(e))
		}
		label := fmt.Sprintf("¶%d  ", para.n)
		if para.deletedOnly() {
			label = fmt.Sprintf("(was ¶%d)  ", para.old)
		}
		p.indented("  "+label, "  "+strings.Repeat(" ", len([]rune(label))), sb.String())
	}
	if last < len(paras)-1 {
		p.printf("  …\n")
	}
}

// indented prints text with first before its first line and rest before
// the others.
func (p *printer) indented(first, rest, text string) {
	for i, line := range strings.Split(text, "\n") {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		p.printf("%s\n", strings.TrimRight(prefix+line, " "))
	}
}

// paragraph is a paragraph of the body as the diff shows it: the edits
// that fall in it, and the numbers of the paragraph in the newer and the
// older text.
type paragraph struct {
	n, old  int
	edits   []Edit
	changed bool
}

// deletedOnly reports whether the paragraph is only in the older text.
func (p paragraph) deletedOnly() bool {
	for _, e := range p.edits {
		if e.Op != OpDelete {
			return false
		}
	}
	return len(p.edits) > 0
}

// paragraphs splits edits at blank lines. A paragraph break that was
// deleted or inserted shows as a marked ¶.
func paragraphs(edits []Edit) []paragraph {
	var out []paragraph
	n, old := 1, 1
	cur := paragraph{n: n, old: old}
	for _, e := range edits {
		for i, part := range strings.Split(e.Text, "\n\n") {
			if i > 0 {
				if e.Op != OpEqual {
					cur.edits = append(cur.edits, Edit{e.Op, "¶"})
					cur.changed = true
				}
				out = append(out, cur)
				if e.Op != OpDelete {
					n++
				}
				if e.Op != OpInsert {
					old++
				}
				cur = paragraph{n: n, old: old, changed: e.Op != OpEqual}
			}
			if part == "" {
				continue
			}
			cur.edits = append(cur.edits, Edit{e.Op, part})
			if e.Op != OpEqual {
				cur.changed = true
			}
		}
	}
	return append(out, cur)
}

func (p *printer) comments(d *Diff) {
	c := d.Comments
	if len(c.Added)+len(c.Removed)+len(c.Edited)+len(c.NotSeen) == 0 {
		p.heading(fmt.Sprintf("Comments: no changes (%d → %d)", d.From.Comments, d.To.Comments))
		return
	}
	counts := []string{}
	for _, n := range []struct {
		n    int
		what string
	}{{len(c.Added), "added"}, {len(c.Removed), "removed"}, {len(c.Edited), "edited"}, {len(c.NotSeen), "not seen"}} {
		if n.n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n.n, n.what))
		}
	}
	p.heading(fmt.Sprintf("Comments: %d → %d (%s)", d.From.Comments, d.To.Comments, strings.Join(counts, ", ")))
	if !d.From.CommentsComplete && len(c.Added) > 0 {
		p.printf("  note: the thread of version %d was incomplete, so some added comments may be older ones seen for the first time\n", d.From.Version)
	}
	for _, ci := range c.Added {
		p.printf("  %s\n", p.paint(ansiGreen, "+ "+commentHead(ci)))
		p.indented("      ", "      ", p.paint(ansiGreen, ci.Text))
	}
	for _, ci := range c.Removed {
		p.printf("  %s\n", p.paint(ansiRed, "- "+commentHead(ci)))
		p.indented("      ", "      ", p.paint(ansiRed, ci.Text))
	}
	for _, ce := range c.Edited {
		fields := make([]string, len(ce.Changes))
		for i, f := range ce.Changes {
			fields[i] = f.Field
		}
		p.printf("  %s\n", p.paint(ansiCyan, "~ "+commentHead(ce.CommentInfo)+": "+strings.Join(fields, ", ")+" changed"))
		for _, f := range ce.Changes {
			if f.Field != "text" {
				p.fieldChange("      ", f)
			}
		}
		if ce.TextEdits != nil {
			var sb strings.Builder
			for _, e := range ce.TextEdits {
				sb.WriteString(p.mark(e))
			}
			p.indented("      ", "      ", sb.String())
		}
	}
	for _, ci := range c.NotSeen {
		p.printf("  %s\n", p.paint(ansiYellow, "? "+commentHead(ci)+fmt.Sprintf(": not seen (the thread of version %d is incomplete)", d.To.Version)))
	}
}

// commentHead names a comment: id, author, time and parent.
func commentHead(c CommentInfo) string {
	id := "#" + c.ID
	if c.ID == "" {
		id = "(no id)"
	}
	at := "no date"
	if c.PostedAt != nil {
		at = c.PostedAt.UTC().Format(time.RFC3339)
	}
	head := fmt.Sprintf("%s by %s, %s", id, orNone(c.Author), at)
	if c.ParentID != "" {
		head += ", reply to #" + c.ParentID
	}
	return head
}

func orNone(s string) string {
	if s == "" {
		return "(anonymous)"
	}
	return s
}

// formatValue renders a FieldChange value.
func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "(none)"
	case string:
		return strconv.Quote(v)
	case []string:
		q := make([]string, len(v))
		for i, s := range v {
			q[i] = strconv.Quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case *time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
