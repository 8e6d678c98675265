package comments

import (
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// A query is a selector of this package, compiled once, with the keys
// that let a page index hand it only the elements that could match: every
// element the selector matches carries at least one of them (its tag, one
// of its classes, its id or the name of one of its attributes). A query
// with no keys is tried on every element.
type query struct {
	sel   cascadia.Selector
	keys  []key
	slots []int32 // of keys, in the index
}

// key is a tag, class, id or attribute name.
type key struct {
	kind keyKind
	name string
}

type keyKind uint8

const (
	tagKey keyKind = iota
	classKey
	idKey
	attrKey
	keyKinds
)

// indexed gives every key of every query of the package its slot in a
// page index, so that the index records only the elements some query asks
// for. It is filled while the package is initialised (by newQuery, from
// the selector variables) and only read afterwards.
var indexed = [keyKinds]map[string]int32{{}, {}, {}, {}}

// indexedShapes holds, per kind of key and first byte of a name, a bit
// for each name length (modulo 64) that a query asks for: most names a
// page holds are turned down by it without hashing them. Filled with
// indexed, only read afterwards.
var indexedShapes [keyKinds][256]uint64

// newQuery compiles sel, a selector constant of this package; it panics on
// a bad selector, as cascadia.MustCompile does. It may only be called while
// the package is initialised: it gives the query's keys their slots.
func newQuery(sel string) *query {
	q := &query{sel: cascadia.MustCompile(sel), keys: selectorKeys(sel)}
	for _, k := range q.keys {
		slot, ok := indexed[k.kind][k.name]
		if !ok {
			slot = int32(indexedSlots())
			indexed[k.kind][k.name] = slot
			indexedShapes[k.kind][k.name[0]] |= 1 << (len(k.name) % 64)
		}
		q.slots = append(q.slots, slot)
	}
	return q
}

// indexedSlots returns how many keys the queries ask for.
func indexedSlots() int {
	n := 0
	for _, m := range indexed {
		n += len(m)
	}
	return n
}

// selectorKeys returns one key per alternative of the selector group sel
// that every element matched by the alternative carries, or nil when an
// alternative offers none the parser below is sure of.
func selectorKeys(sel string) []key {
	var keys []key
	for _, alt := range splitTop(sel, ',') {
		k, ok := subjectKey(lastCompound(strings.TrimSpace(alt)))
		if !ok {
			return nil
		}
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// eachTop calls fn with the index and byte of each character of s that
// stands outside brackets, parentheses and quotes.
func eachTop(s string, fn func(i int, c byte)) {
	depth, quote := 0, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			depth--
		case depth == 0:
			fn(i, c)
		}
	}
}

// splitTop splits s at sep outside brackets, parentheses and quotes.
func splitTop(s string, sep byte) []string {
	var parts []string
	start := 0
	eachTop(s, func(i int, c byte) {
		if c == sep {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	})
	return append(parts, s[start:])
}

// lastCompound returns the compound selector after the last combinator of
// alt: the one that names the matched element itself.
func lastCompound(alt string) string {
	start := 0
	eachTop(alt, func(i int, c byte) {
		if strings.IndexByte(" \t\n>+~", c) >= 0 {
			start = i + 1
		}
	})
	return alt[start:]
}

// subjectKey returns the most selective key of a compound selector: its
// id, else its first class, else its tag, else its first attribute name.
// ok is false for anything but tags, classes, ids and attribute tests of
// plain names (pseudo-classes, escapes, namespaces).
func subjectKey(c string) (key, bool) {
	var tag, class, id, attrName string
	i := identEnd(c, 0)
	tag = strings.ToLower(c[:i])
	for i < len(c) {
		switch c[i] {
		case '.', '#':
			j := identEnd(c, i+1)
			if j == i+1 {
				return key{}, false
			}
			if c[i] == '#' && id == "" {
				id = c[i+1 : j]
			} else if c[i] == '.' && class == "" {
				class = c[i+1 : j]
			}
			i = j
		case '[':
			j := identEnd(c, i+1)
			end := strings.IndexByte(c[i:], ']')
			if j == i+1 || end < 0 || strings.ContainsAny(c[i:i+end], `\|`) {
				return key{}, false
			}
			if attrName == "" {
				attrName = strings.ToLower(c[i+1 : j])
			}
			// The value may hold any character but ']' outside quotes;
			// the selectors of this package quote theirs and hold none.
			i += end + 1
		default:
			return key{}, false
		}
	}
	switch {
	case id != "":
		return key{idKey, id}, true
	case class != "":
		return key{classKey, class}, true
	case tag != "":
		return key{tagKey, tag}, true
	case attrName != "":
		return key{attrKey, attrName}, true
	}
	return key{}, false
}

// identEnd returns the end of the name (letters, digits, '-', '_') that
// starts at i in s.
func identEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			i++
			continue
		}
		break
	}
	return i
}

// index is what one walk over a page found for the queries of the
// package: the elements in document order and, for each key a query asks
// for (by slot), the positions of the elements that carry it.
type index struct {
	elems []*html.Node
	at    [][]int32
}

func newIndex() *index {
	return &index{at: make([][]int32, indexedSlots())}
}

// add records element n, the next in document order.
func (ix *index) add(n *html.Node) {
	pos := int32(len(ix.elems))
	ix.elems = append(ix.elems, n)
	ix.note(tagKey, n.Data, pos)
	for _, a := range n.Attr {
		ix.note(attrKey, a.Key, pos)
		switch a.Key {
		case "id":
			ix.note(idKey, a.Val, pos)
		case "class":
			for rest := a.Val; rest != ""; {
				var c string
				c, rest = nextClass(rest)
				ix.note(classKey, c, pos)
			}
		}
	}
}

// nextClass splits the first class name off the class list v, at the
// white space cascadia splits class lists at (all ASCII, so bytes do).
// The name is "" where the list holds two separators in a row.
func nextClass(v string) (name, rest string) {
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case ' ', '\t', '\r', '\n', '\f':
			return v[:i], v[i+1:]
		}
	}
	return v, ""
}

// note records, once, that the element at pos carries the key of kind
// and name when a query asks for it.
func (ix *index) note(kind keyKind, name string, pos int32) {
	if name == "" || indexedShapes[kind][name[0]]&(1<<(len(name)%64)) == 0 {
		return
	}
	slot, ok := indexed[kind][name]
	if !ok {
		return
	}
	list := ix.at[slot]
	if len(list) > 0 && list[len(list)-1] == pos {
		return
	}
	ix.at[slot] = append(list, pos)
}

// match returns the elements that q matches, in document order.
func (ix *index) match(q *query) []*html.Node {
	var out []*html.Node
	if len(q.slots) == 0 {
		for _, n := range ix.elems {
			if q.sel.Match(n) {
				out = append(out, n)
			}
		}
		return out
	}
	positions := ix.at[q.slots[0]]
	if len(q.slots) > 1 {
		positions = slices.Clone(positions)
		for _, slot := range q.slots[1:] {
			positions = append(positions, ix.at[slot]...)
		}
		slices.Sort(positions)
		positions = slices.Compact(positions)
	}
	for _, p := range positions {
		if n := ix.elems[p]; q.sel.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// finder runs the queries of one page: through the page's index when it
// has one, else by walking the tree.
type finder struct {
	doc *goquery.Document
	ix  *index
}

// find returns the elements of the page that q matches, in document order.
func (f finder) find(q *query) *goquery.Selection {
	if f.ix == nil {
		return f.doc.Selection.FindMatcher(q.sel)
	}
	return f.doc.Selection.FindNodes(f.ix.match(q)...)
}

// nodes is find without the goquery selection, for loops over many
// elements.
func (f finder) nodes(q *query) []*html.Node {
	if f.ix == nil {
		return f.doc.Selection.FindMatcher(q.sel).Nodes
	}
	return f.ix.match(q)
}

// within returns the elements under s that q matches.
func within(s *goquery.Selection, q *query) *goquery.Selection {
	return s.FindMatcher(q.sel)
}
