// Package extract finds the article in a fetched page: its metadata, its
// categories and tags, and its body as text and as cleaned markup.
//
// It holds the extraction stages and the knowledge they need about how
// sites mark up articles (JSON-LD, OpenGraph, WordPress and other CMS
// themes). It does not hold the comment parsers, fetching, charset
// decoding, or the snapshot and version rules of the root package: the
// pipeline decodes and parses the page once, lets the comment parsers read
// the document, then calls Extract, which may mutate it.
//
// # Stages
//
// Extract runs four stages over one parsed document:
//
//  0. Comment sections are removed (WordPress comment lists, wpDiscuz,
//     Disqus, Blogger, elements whose id is comment-N, li-comment-N,
//     div-comment-N, wpd-comm-… or wc-comm-…), unless one holds the
//     article's h1 or body container.
//  1. Metadata, with the precedence below.
//  2. Categories and tags.
//  3. Body: a container is chosen, cleaned, and rendered as text and
//     markup.
//
// # Metadata precedence
//
// For each field the first source that gives a usable value wins. "JSON-LD"
// means the first Article-like node (Article, NewsArticle, BlogPosting,
// ReportageNewsArticle, …) found in any ld+json block, its @graph, arrays
// or nested objects, with fields it lacks taken from the first WebPage
// node; @id references are resolved; blocks that are not JSON are ignored.
//
//   - Title: JSON-LD headline (or name), og:title, then the article's h1 /
//     .entry-title, then <title>, then the first h1. A site-name suffix or
//     prefix (" | OffGuardian", " – Site") is removed; when the chosen
//     title is the h1 followed by a separator and more, the h1 is taken.
//   - SiteName: og:site_name, JSON-LD WebSite name, JSON-LD publisher
//     name, application-name.
//   - Authors: JSON-LD author (string, object, reference or array), then
//     article:author, author, dc.creator and similar meta, then the
//     byline markup (itemprop=author, rel=author, .byline, .author.vcard).
//     Names are cleaned: "By", "Posted by", "von" dropped, "A and B"
//     split, URLs, handles and placeholders such as "admin" left out,
//     duplicates removed. A source that yields nothing after cleaning
//     passes to the next.
//   - PublishedAt / ModifiedAt: JSON-LD datePublished / dateModified,
//     article:published_time / article:modified_time and other date meta
//     (date, DC.date.issued, dcterms.modified, …), <time datetime> in the
//     article header (time.published, time.updated), then, for
//     PublishedAt only, a date written in words in a date-like element
//     ("3. März 2021"). RFC 3339 and its ISO variants without seconds or
//     with a space for the T keep their offset; dates without an offset
//     are UTC; "2 hours ago" counts back from Options.FetchedAt.
//   - Description: JSON-LD description, og:description, description,
//     twitter:description, dc.description.
//   - Image: JSON-LD image (string, ImageObject, reference or array) or
//     thumbnailUrl, og:image, twitter:image, link rel=image_src. Made
//     absolute.
//   - CanonicalURL: link rel=canonical, og:url, JSON-LD url or
//     mainEntityOfPage. Made absolute; empty when the page names none (the
//     pipeline then uses the archived URL).
//   - Language: <html lang> (or xml:lang), og:locale, JSON-LD inLanguage,
//     content-language meta; normalised to BCP 47 case ("en_GB" → "en-GB").
//
// Relative URLs resolve against <base href> when the page has one,
// otherwise against the page URL.
//
// # Categories and tags
//
// Categories come from links with rel~=category (WordPress writes
// rel="category tag"), then article:section, then JSON-LD articleSection.
// Tags come from rel=tag links that are not also category links, then
// article:tag, then JSON-LD keywords (a comma-separated string or an
// array). Links in page furniture (aside, nav, widgets, sidebars, menus,
// related-post lists, the site header and footer) are ignored. Both lists
// are deduplicated case-insensitively in first-seen order and never nil.
//
// # Body
//
// The container is the first known CMS container with at least 200
// characters of text (.entry-content, .post-content, .td-post-content,
// [itemprop=articleBody], .article-body, Blogger .post-body, Ghost
// .gh-content, Drupal .field--name-body, Substack .available-content,
// article, main, …; among several matches of one selector the one with
// the most text). Otherwise a Readability-style score picks the densest
// block of paragraphs on any page, with its sibling paragraphs.
//
// Cleaning removes scripts, styles, forms, iframes, navigation, hidden
// elements, comment sections, and blocks named like share bars, related
// posts, ads, author boxes, newsletter, subscription and donation boxes,
// post metadata and image credits. A block named like boilerplate that
// holds half of the container's text or more is kept: it wraps the
// article. Link lists ("Read also") and their label go, as does an h1
// repeating the title. Appeals to readers after the last real paragraph
// go too: a short paragraph that is about support (donations, funding,
// subscriptions, newsletters, membership) and asks something of the
// reader ("please", "help us", "click", an imperative "Donate", …) is
// removed, and so are the ones before it, until a paragraph that is not
// an appeal.
//
// BodyText has one paragraph per block element, separated by one blank
// line; white space inside a paragraph is collapsed; <br> is a line
// break; <pre> keeps its lines. A list is one paragraph with one line per
// item; a data table is one paragraph with one line per row and its cells
// separated by a tab, while a layout table (cells holding paragraphs) is
// read as ordinary blocks. BodyHTML is the cleaned container's inner
// markup with relative URLs made absolute, lazy-loaded image sources put
// in src, and event handlers, inline styles and javascript: links gone.
//
// # Captions
//
// Captions are article text: a figcaption (or a caption paragraph such as
// WordPress's .wp-caption-text) is kept as a paragraph of its own, where
// it stands. Photo credits are not: blocks named like credits or
// copyright lines are removed.
//
// # Caveats
//
// Extract never fails and never panics; a page without an article gives
// empty fields. Package-level values (regexps, selectors, tables) are
// compiled once and never written, so Extract is safe for concurrent use
// on different documents.
package extract
