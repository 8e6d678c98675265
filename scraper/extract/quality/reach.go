package quality

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	unorm "golang.org/x/text/unicode/norm"

	"github.com/strata-archive/strata/scraper"
)

// Reach says whether a page's expected metadata occurs in the page as
// written: in its text (scripts included) or in an attribute value, with
// entities decoded, white space collapsed and both sides in Unicode NFC
// (the form the extractor gives). An expectation found nowhere
// cannot be met by an extractor that takes its values from the page, so
// the report gives each figure beside the share of pages it is reachable
// on.
type Reach struct {
	// Known is true when the page was scanned.
	Known bool
	// Title is true when the expected title occurs, case-sensitively.
	Title bool
	// Author is true when every expected name occurs, in any case (the
	// author score ignores case).
	Author bool
}

// pageStrings are a page's texts in the forms a value may be written in.
type pageStrings []string

// readPage collects the page's text twice (text nodes joined with a space,
// for values split over block elements, and with nothing, for values split
// inside a word) and its attribute values, each form white-space collapsed.
func readPage(decoded []byte) pageStrings {
	var spaced, joined, attrs strings.Builder
	z := html.NewTokenizer(bytes.NewReader(decoded))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return pageStrings{norm(spaced.String()), norm(joined.String()), norm(attrs.String())}
		case html.TextToken:
			t := z.Text()
			spaced.Write(t)
			spaced.WriteByte(' ')
			joined.Write(t)
		case html.StartTagToken, html.SelfClosingTagToken:
			_, more := z.TagName()
			for more {
				var val []byte
				_, val, more = z.TagAttr()
				attrs.Write(val)
				attrs.WriteByte(0) // values never run into each other
			}
		}
	}
}

func (ps pageStrings) contains(s string) bool {
	for _, p := range ps {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}

// ReachOf scans raw (the page as downloaded) for p's expectations.
func ReachOf(p *Page, raw []byte) Reach {
	decoded, err := scraper.DecodeHTML(raw, "")
	if err != nil {
		return Reach{}
	}
	ps := readPage(decoded)
	r := Reach{Known: true}
	if t := norm(p.Title); t != "" {
		r.Title = ps.contains(t)
	}
	if len(p.Authors) > 0 {
		lower := make(pageStrings, len(ps))
		for i, s := range ps {
			lower[i] = strings.ToLower(s)
		}
		r.Author = true
		for _, a := range p.Authors {
			r.Author = r.Author && lower.contains(unorm.NFC.String(a))
		}
	}
	return r
}
