// Package quality measures how well strata's extraction does on a corpus
// of real pages with hand-written expectations.
//
// It holds the corpus reader (the trafilatura evaluation layout: an
// evaldata.json beside an html/ directory), the scoring rules, and the
// report. It does not hold the extractor: every page goes through
// scraper.Extract, the same pipeline `strata archive` runs, on a capture
// built from the file (no headers, so the charset is sniffed from the
// bytes).
//
// # Scoring
//
// Text, as the corpus convention says: white space is collapsed to one
// space and trimmed on both the snippet and the extracted body, and both
// are put in Unicode NFC (canonically equivalent text reads the same; a
// Bengali page and its annotator used different forms). A `with`
// snippet found in the body is a true positive, missing a false negative;
// a `without` snippet found is a false positive, missing a true negative.
// Counts are summed over the pages, then precision = tp/(tp+fp), recall =
// tp/(tp+fn), F1 = 2tp/(2tp+fp+fn), accuracy = (tp+tn)/all. A page that
// fails to extract counts every `with` snippet as a false negative.
//
// Comments: the share of `comments` snippets found in the extracted
// comment text, and the share found in the body (a leak).
//
// Metadata, on the pages whose expectation gives a non-empty value:
//
//   - title: exact after white-space collapsing, case-sensitive (a
//     case-insensitive figure is reported beside it);
//   - date: the YYYY-MM-DD of published_at, in the offset the page gave,
//     equals `date`;
//   - author: both sides are split into names (on , ; / & | "and" "und"
//     "et"), a leading "By"/"Von" dropped, white space collapsed; the sets
//     must be equal, case-insensitively;
//   - categories and tags: recall of the expected items, each looked up
//     case-insensitively in the same field (and, as a second figure, in
//     categories and tags together).
//
// # Reach
//
// Beside the title and author figures the report counts the pages whose
// expectation occurs on the page as written (see Reach): the title
// case-sensitively, every expected name in any case, in the page's text
// (scripts included) or an attribute value, entities decoded and white
// space collapsed. An expectation found nowhere (rewritten, misspelt, in
// an upper case set by an external stylesheet) cannot be met by an
// extractor that takes its values from the page, so the share of pages
// where it occurs bounds the figure, and the hits among those pages say
// how well the extractor does on what it could find.
//
// # Held-out split
//
// Pages whose file name hashes (FNV-1a, 32 bit) to 0 modulo 5 form the
// held-out split: about a fifth of the corpus, not to be looked at while
// tuning the extractor. The report gives the figures for all pages, the
// development split and the held-out split.
package quality
