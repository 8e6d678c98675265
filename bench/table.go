package main

import (
	"fmt"
	"strings"
)

// row is one figure of the table.
type row struct {
	figure, value, baseline, ratio, target, met string
}

// table collects the rows and notes of a run.
type table struct {
	rows  []row
	notes []string
}

func (t *table) add(r row) {
	for _, f := range []*string{&r.value, &r.baseline, &r.ratio, &r.target, &r.met} {
		if *f == "" {
			*f = "–"
		}
	}
	t.rows = append(t.rows, r)
}

func (t *table) note(format string, args ...any) {
	t.notes = append(t.notes, fmt.Sprintf(format, args...))
}

// met says whether a target is met.
func met(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func (t *table) markdown(header string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", header)
	b.WriteString("| figure | value | baseline | ratio | target | met? |\n|---|---|---|---|---|---|\n")
	for _, r := range t.rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.figure, r.value, r.baseline, r.ratio, r.target, r.met)
	}
	if len(t.notes) > 0 {
		b.WriteString("\n")
		for _, n := range t.notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	return b.String()
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
