package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/history"
)

// funcs are the helpers the templates call.
var funcs = template.FuncMap{
	"time":     fmtTime,
	"ptime":    func(t *time.Time) string { return fmtTimePtr(t) },
	"external": external,
	"article":  articleLink,
	"diffLink": diffLink,
	"join":     func(s []string) string { return strings.Join(s, ", ") },
	"delta":    deltaText,
	"edits":    editsHTML,
	"oldSide":  func(e []history.Edit) template.HTML { o, _ := sides(e); return editsHTML(o) },
	"newSide":  func(e []history.Edit) template.HTML { _, n := sides(e); return editsHTML(n) },
	"score":    func(p *int) string { return scoreText(p) },
	"plural":   plural,
	"rows": func(rows []bodyRow, side bool) any {
		return struct {
			Rows []bodyRow
			Side bool
		}{rows, side}
	},
	"num":      func(n int) string { return groupDigits(n) },
	"ms":       func(d time.Duration) string { return d.Round(time.Millisecond).String() },
	"siteLink": func(site string) string { return "/?" + url.Values{"site": {site}}.Encode() },
	"catLink": func(site, cat string) string {
		v := url.Values{"category": {cat}}
		if site != "" {
			v.Set("site", site)
		}
		return "/?" + v.Encode()
	},
}

// fmtTime shows a time in UTC to the minute; "—" for the zero time.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func fmtTimePtr(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return fmtTime(*t)
}

// external returns u when it is an absolute http or https URL, to be
// linked to; "" otherwise.
func external(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// deltaText shows a comment delta as "+2 −1 ~0", with "?n" for comments
// not seen; "" when unknown.
func deltaText(d *strata.CommentDelta) string {
	if d == nil {
		return ""
	}
	s := fmt.Sprintf("+%d −%d ~%d", d.Added, d.Removed, d.Edited)
	if d.NotSeen > 0 {
		s += fmt.Sprintf(" ?%d", d.NotSeen)
	}
	return s
}

// scoreText shows a vote count: "+3 votes", "-1 vote"; "" when none.
func scoreText(p *int) string {
	if p == nil {
		return ""
	}
	word := " votes"
	if *p == 1 || *p == -1 {
		word = " vote"
	}
	if *p > 0 {
		return "+" + strconv.Itoa(*p) + word
	}
	return strconv.Itoa(*p) + word
}

func intText(p *int) string {
	if p == nil {
		return "—"
	}
	return strconv.Itoa(*p)
}

// plural returns "1 version" or "3 versions".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return groupDigits(n) + " " + word + "s"
}

// groupDigits writes n with thousands separated by commas.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
