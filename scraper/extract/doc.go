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
//     div-comment-N, wpd-comm-… or wc-comm-…, and the site rules'
//     comments selector), unless one holds the article's h1 or body
//     container.
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
//   - Title: the article's visible headline (its h1 inside <article> or
//     <main>, h1.entry-title, h1[itemprop=headline], .entry-title, or the
//     page's only h1; without such markup, the first h1 that agrees with
//     the metadata; an .entry-title cut short, as a teaser slider gives
//     the article's own title before it, yields to the page's only h1
//     when that h1 goes on from it, and so does one below h2 among three
//     or more, a list of teasers (related posts, an FAQ); an h1 cut short yields to the first
//     h2 after it when that h2 repeats it and goes on with more words, or
//     is styled as the main headline with Bootstrap's class h1 and adds a
//     part after a separator; an h1 that shows no metadata title, or
//     that ends a breadcrumb trail, yields to the h2 right after it when
//     that h2 shows one: the h1 is a topic label or a version for search
//     engines and the trail) when it names the same
//     article as a metadata title (most of the shorter one's words in the
//     other, or a word of four letters or more in common: pages rewrite
//     og:title for search and social sites, give it straight quotes, or
//     add a kicker), and an h1 of five words or more even when it shares
//     none (section labels are shorter). On a page without an h1 (or whose only h1 is a kicker),
//     an h2 with itemprop=headline, or one named headline, entry-title,
//     post-title or article-title that agrees with the metadata, is the
//     headline. A kicker inside the h1 (an element named kicker,
//     overline, Dachzeile, strapline, …, or text before a separator marked
//     aria-hidden) or side text in a <small>, an element of class small
//     or a <time> (a date callout) is left out, and when an element
//     inside the h1 is named headline or title and ends it, only that
//     element is taken; a known site name or
//     host name in the h1 goes; when the h1 ends with a metadata or
//     document title and an element inside the h1 sets the words before
//     it apart, they are a kicker and that title is taken (a plain
//     `"Quote": Title` stays whole). An h1 that is the site's name
//     (og:site_name, or one link to the home page) is no headline, and no
//     title equal to a site name is taken. A metadata title, or a part of
//     the document title, that an h1 or h2 of the page shows (alone, or
//     beside a shorter part after a separator: a date, a site name; or
//     with a shorter remark in brackets; dashes and quotes compared by
//     kind, and the heading's typography kept, as CMSs typeset "-" as
//     "–" only in the visible headline; a heading with a kicker shows it
//     also without the kicker, and that text is taken) comes next.
//     Otherwise JSON-LD headline (or name), og:title, twitter:title,
//     dc.title, then the h1, then, on a page without any of these, the
//     first h2 of the content (headings hidden for screen readers, such
//     as sr-only or screen-reader-text, passed over) when it shares a
//     word of four letters or more with <title>, adds one and links
//     nowhere (old templates name
//     only the site or section in <title>), then <title> (also when found in the body):
//     without the site's name that a home-link h1 gives, else the longest
//     part of a title of three parts or more (a dash between two numbers,
//     "14. - 20. Januar", is a range, not a separator), or the title
//     without its site name. A site-name suffix or prefix (" | Site",
//     " – Site", "Site|" or "-Site" for CJK titles, a host name such as
//     "example.de", or a short last part after a separator) is removed, and so is WordPress's "Site »
//     Blog Archive »"; when the chosen title is the h1 followed by a
//     separator and more, the h1 is taken. The title is in Unicode normal
//     form C. A numeric date at its start ("23.01.2022 - …"), and
//     separators and colons left at either end, go. Text transformed by
//     CSS (upper case) is not reproduced.
//   - SiteName: og:site_name, JSON-LD WebSite name, JSON-LD publisher
//     name, application-name.
//   - Authors: JSON-LD author (string, object, reference or array; of an
//     Article, a WebPage, or else a Recipe or HowTo, or else a Review
//     that is the page's main item: the only Review node, standing at
//     the top of its block or @graph or named as a WebPage's mainEntity,
//     and no Product, Recipe, business or the like named before it, whose
//     page merely shows its reviews), then citation_author,
//     article:author, author, dc.creator, parsely-author and similar meta
//     (dc.creator and citation_author written family name first, "Lind,
//     Mara", are turned round).
//     Each name is graded: a person's full name; a short name (one word: a
//     first name, a pen name, a login); or no person (the site's or
//     publisher's name, a domain, an organisation by its legal form or a
//     lowercase common word, a handle such as "jane.doe" or a slug
//     such as "jane-doe", two-letter
//     initials, an Organization in JSON-LD). The first source that gives
//     a full name wins, widened by a later source that lists the same
//     names and more, or by the visible byline (the first element whose
//     class names an author or byline, or itemprop=author, holding the
//     first name) when it lists them and up to four persons in all (SEO
//     plugins give a post's first author only); a WebPage's author on a
//     page without an Article node, named by no later source, gives way
//     to a visible byline naming a person (it names the account that
//     published the page), and so does a metadata author that is the
//     publisher Dublin Core names (DC.publisher: a template filled the
//     magazine's name in) when the byline names another person, and so
//     does an Article's (or, without one, a WebPage's) one author that
//     Yoast SEO's graph names as the
//     WordPress account that posted it (a Person whose @id ends in
//     #/schema/person/ and a hash) when the page shows that name nowhere
//     and the byline names other persons.
//     Otherwise the visible byline is read: the
//     byline
//     markup (itemprop=author, rel=author, .byline, .author.vcard, .vcard
//     .fn, links to an author archive such as /author/jane-doe/, Drupal
//     .node__author and .field--name-uid, elements named author-name,
//     byline-author or author-link, and last plain .author and classes
//     ending in -author, whose matches must be short and name at most
//     four; within a match an itemprop=name is its name), then a byline
//     written as text ("Von Anna Berg und
//     Jonas Keller", "von Anna Berg", "Eine Kolumne von …", "Ein Interview
//     von Anna Berg mit …" (the interviewer), a magazine's
//     combined credit for text and pictures, "Text & Fotos: Anna Berg",
//     "Text und Bild:", "Words and pictures by" (pictures alone, "Fotos:
//     Anna Berg", are a photo credit), "Posted on
//     May 2 by Anna Berg", a date and nothing else before "by" or "von"
//     ("06.11.2023 13:30 von Anna Berg"), one part of "News | By Anna
//     Berg | May 2", a name after the date of a short meta line
//     ("11.12.2019 - Anna Berg", capitalised words only, nothing but
//     dates before it), a Chinese label "作者：" or "责任编辑：" before a
//     name of Han characters (a role word "记者" left out), or a word
//     such as "By" or "Autor:" followed by the names in the next
//     elements or after the element it stands alone in, an element
//     HTML does not know counting as a span), then the news
//     agency of a dateline opening a paragraph ("Hamburg (dpa/lno) –",
//     "PARIS (AFP) —") or of a credit closing one ("… hieß es. (dpa)",
//     "(FR mit dpa)", "(Quelle: KNA)") or credited alone in the element right after the
//     headline ("<h1>…</h1><p>KYODO</p>") or a paragraph that is
//     nothing but a source line naming news agencies and desks ("Quelle:
//     dpa", "Quelle: APA/AP", "Quelle: dsw / DPA", a broadcaster or the
//     site before a desk's initials, "Quelle: NDR/ab"; not in a figure or
//     table), whichever comes first; then
//     the link right after a WordPress avatar (img.avatar + a) or an
//     element named as an avatar's name (avatar-name): a poster's name
//     beside their picture, outside the comments; then the headings of
//     an author box as WordPress's default themes write it
//     (div.author-info: "Published by", then h3.author-title), the first
//     link of a heading or its text; and last Blogger's byline markup
//     (.byline-author, .post-author) in a noscript fallback, which the
//     parser keeps as text: its first 4 KB are parsed apart. When the
//     byline markup names no one or no person (initials, a login with
//     dots, the site), the person a site-wide Creative Commons license
//     credits, as the license chooser writes it (ccREL: rel=
//     cc:attributionURL or property=cc:attributionName, "Mein Blog von
//     <a rel=cc:attributionURL>Anna Berg</a> steht unter einer
//     Creative-Commons-Lizenz"), linking to this site and naming a
//     person's full name (a picture's credit links elsewhere). A short
//     name gives way only to a byline that spells it out ("Nils" → "Nils
//     Berg", "nilsberg" → "Nils Berg"), or, without one, a first name
//     to the full name starting with it that the page shows as the whole
//     text of an element named like a name or an author (not a link or
//     heading, outside the furniture and comments; "<p
//     class=full-name>Nils Berg</p>"), when it shows only one such name,
//     or else to the full name the JSON-LD author's description (the
//     author's bio) opens with ("Nils Berg – editor and …"); a name that
//     is no person gives way to any byline naming a person or to a news
//     agency's credit ("AP", "dpa/lno"), and stays when there is none.
//     Only when no other source (the site's owner below included)
//     names anyone, a short meta line of dates ending in a name
//     ("11.12.2019 - Anna Berg", "12. Mai 2022 | Anna Berg"; not in a
//     list item, a link or a teaser card), and then a closing signature
//     (the last text block of the article's container holding nothing
//     but a name, maybe after a dash or "Text:"/"Autor:";
//     figures, asides, related lists and comments skipped, a list item,
//     link, table cell or teaser card's block rejected) name the author,
//     when the name is two or three words opening with a common given
//     name and going on with capitalised surnames: labels and greetings
//     ("Weitere Informationen", "Good Luck", "11.12.2019 - Großer
//     Erfolg") look the same otherwise.
//     A login in the byline markup (Drupal's "Submitted by admin") gives
//     way to a byline written as text that names a person ("Ein
//     Beitrag von Anna Berg"); a label alone in a small heading or a
//     <dt> ("<h4>Autor</h4>") reads the names after it, and a label alone
//     in a block (credits as label and value pairs:
//     "<div>Interview</div><div>Anna Berg</div>") reads the one block
//     after it when that holds nothing but a person's full name.
//     Byline matches beyond two levels from the first, in comments, in a
//     headline, in a blockquote (a quotation's or an embedded post's
//     attribution), in a link wrapping a teaser card (or, for bylines
//     written as text, in a link to another article whose text runs
//     past four words: its title), beside a link to a Creative Commons
//     license not marked rel=license (a licensed picture's credit), after
//     a heading that links to another article or after such a link in
//     the same list item (a teaser card's or related list's title: two
//     words or more, a URL ending in a slug or id, not this page, not
//     rel=bookmark, rel=tag or rel=category; up to two levels up, the
//     scan stopping at an h1), or in a review or comment nested in
//     another microdata item belong to other content and are ignored; so
//     are bylines that read as phrases (captions).
//     A page that names no author at all but whose title is a speech's
//     ("Rede von Bundespräsidentin Anna Berg beim …", "Remarks by
//     President Berg at …") names the speaker, the office left out.
//     Else a comment the page marks as written by the post's author
//     (WordPress's comment_class() adds bypostauthor, wpDiscuz
//     wpd-blog-post_author) names the author by its own header's display
//     name (.fn, .comment-author-name, .wpd-comment-author; a reply
//     nested in it is not read), when that is a person's full name: the
//     comment sections are kept aside for this when they are removed.
//     Last, on an article page (an Article in JSON-LD or og:type
//     article), a personal site's owner: the site's name (og:site_name,
//     the JSON-LD WebSite's or Person's name, the header's .site-title or
//     .site-description) when it is a person's full name, with a title
//     before it ("Dr. Anna Berg") or opening with a common given name,
//     that the host name spells out (anna-berg.example,
//     annaberg.wordpress.com; letters compared, accents folded, "ü" also
//     as "ue"), and no JSON-LD organisation bears it.
//     Else, on a blog's article page (an Article, og:type article or a
//     post's class such as WordPress's post or hentry, on a blogging
//     engine: its generator meta or /wp-content/ in the head), the
//     copyright holder the site's footer names ("© 2019 Anna Berg",
//     "Copyright © Anna Berg 2008", "(c) Anna Berg • Impressum", a
//     Creative Commons license link then "2006-2008 by Anna Berg"): in
//     a footer element or one whose class or id names a footer,
//     copyright or credits, not in a figure, an article or beside a
//     picture (a photo's credit); a person's full name opening with a
//     common given name, no business word after it ("Anna Berg
//     Fotografie"), and the only holder named.
//     Names are cleaned: "By", "Posted by", "von", "vom", "View all
//     posts by", "Alle Artikel von" dropped, "A and B" (not an
//     institution's name: "Bundesamt für Wasser und Schifffahrt") and an
//     interview's "A im Gespräch mit B" split, URLs, handles, credits
//     ("Foto: …", "Illustration von …"), rights statements ("Copyright
//     …", "© …"), dates ("07 Dezember", "vor 3 Stunden"), a trailing
//     "@handle", a team after a dash, an address after a name
//     ("Example Verlag, Hamburg, Germany": a country closing the list and
//     the one-word town before it), a source line that names no agency
//     ("Quelle: Statistisches Bundesamt") as a whole, a job title before the name
//     ("Online-Experte") and placeholders such as "admin", "publisher"
//     or Joomla's "Super User" and "anonymous" in other languages
//     ("anónimo", "anonym") left out, a name written twice made one,
//     duplicates removed; JSON-LD names have HTML entities and doubly
//     encoded UTF-8 repaired; among several names the site's go
//     when a person is among them (an agency credit such as "AFP/The
//     Local" keeps it), and academic degrees ("PhD") go. A source that
//     yields nothing after cleaning passes to the next.
//   - PublishedAt / ModifiedAt: JSON-LD datePublished / dateModified,
//     article:published_time / article:modified_time and other date meta
//     (date, DC.date.issued, dcterms.modified, …), <time datetime> in the
//     article header (time.published, time.updated). For PublishedAt the
//     first of these machine dates (then the datePublished or uploadDate
//     of a JSON-LD how-to, recipe or video, date markup such as hAtom's
//     abbr.published or .entry-date, and a full date in the URL path,
//     /2019/10/18/ or /18-10-2019) is weighed against the dates the page
//     shows around its headline (bylines, datelines, <time>, a lead
//     starting with a date): a machine date shown there stands; otherwise
//     the shown date nearest the headline wins when it is close (within
//     600 characters after it, 200 before), unless the page names it as
//     that of a change ("Updated …"), and keeps the machine date's instant
//     and time when that was written in UTC one day off. Without both: a
//     date written in words in a date-like element ("3. März 2021"); a
//     date that page text labels as one ("Datum: 26. Januar 2022",
//     "Veröffentlicht am …"); the first <time datetime> outside the page
//     furniture; last, go-dateparser on the short texts of date-like
//     elements, in the page's language ("vor 3 Tagen", "Mar 2, 2016 1:15
//     AM"). RFC 3339 and its ISO variants without seconds or with a space
//     for the T keep their offset; dates without an offset are UTC;
//     relative dates count back from Options.FetchedAt and are not read
//     without it. A machine date given in UTC with an evening or
//     early-morning time, on a page that shows the day before or after,
//     keeps its instant but takes the whole-hour offset that puts it on
//     the shown day; one that is exactly the midnight starting a day in
//     the Central or Eastern European zone of the page's language takes
//     that offset: sites store local midnight as "23:00:00Z".
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
// Categories, in this order: links the article's markup marks as
// categories; WordPress's post classes (category-slug on the article
// element beside hentry, type-… or post-N), only when no such link
// exists, named by the text of a link to the slug's archive or else
// de-slugged; article:section; JSON-LD articleSection; the breadcrumb
// trail. Tags: links marked as tags; the post classes' tag-slug, again
// only without such links; article:tag (a lone one may hold the whole
// list); JSON-LD keywords (of the article, else of the page's Recipe,
// HowTo or video); and, only when all of these give nothing, the
// keywords, news_keywords and dc.subject meta. Comma- or
// semicolon-separated values of meta and JSON-LD are split.
//
// A link is a category or a tag by, first, a label before it among its
// siblings ("Categories:", "Filed under", "Posted in", "Kategorien:",
// "Tags:", "Tagged with", "Schlagwörter:", "Related Topics", …, in text,
// a short element, or a div holding only the label, though a div titled
// "Topics" or "Themen" heads the site's box; the list ends at a sentence
// or a block of prose); then the block it sits in, up to four levels up,
// by its class or id (cat-links, post-categories, entry-category,
// MediaWiki's catlinks, tags-links, post-tags, tag-list,
// article__keywords, topics, …); then rel~=category or rel~=tag; last,
// the archive its URL leads to (/category/…, /tag/…, /tags/…,
// /schlagwort/…), for a link in a short line of at most twelve links
// inside an article or main element (a meta line, not a sentence or a
// menu; dates and version numbers are not terms). A label or block
// decides over rel: themes write rel="tag" on category links. Category
// names in a named block may run to fourteen words (wiki categories),
// other terms to eight. Links to other sites (share buttons), to the
// comments, permalinks (rel=bookmark), forms and links in page furniture
// (aside, nav, widgets, sidebars, menus, related-post lists, the site
// header and footer) are ignored, except in a nav element that is the
// article's own term list (named like one, and named article-… or
// post-… or placed inside the article); a post count after the name
// ("Politics (611)") and "#" before it are dropped.
// MediaWiki's hidden maintenance categories are left out. A heading's
// list of plain-text items ("Keywords" over a ul of spans, as journals
// write them) gives terms too, and so does a named term block without
// links after its label ("Kategorien: Allgemein").
//
// The breadcrumb trail is a JSON-LD BreadcrumbList (in position order),
// else BreadcrumbList microdata, else the first element whose class, id
// or aria-label names a breadcrumb (only its own steps, not menus nested
// below them). The home step, the site name and the article itself (a
// step linking to the page, the last step without a link, or one
// repeating the title) are left out. When nothing at all names a
// category, the section the site's menu marks as current names it
// (aria-current, WordPress's current-menu-item, current-menu-ancestor
// and current-cat, active), except the home page, language switchers,
// tabs, and menus marking more than two sections; without one, the
// page's links to the sections its URL sits in (/politik/ for
// /politik/some-article.html) name them.
//
// Both lists are deduplicated case-insensitively in first-seen order and
// never nil.
//
// # Body
//
// With site rules, the body selector's matches are the container.
// Otherwise it is the first known CMS container with at least 200
// characters of text (.entry-content, .post-content, .td-post-content,
// [itemprop=articleBody], .article-body, Blogger .post-body, Ghost
// .gh-content, Drupal .field--name-body, Substack .available-content, …;
// among several matches of one selector the one with the most text).
// Otherwise a Readability-style score picks the densest block of
// paragraphs on any page; the winner moves up to the ancestor holding
// three other candidates of close score (an article split into modules)
// unless that ancestor also holds a comment heading, or to a parent
// scoring higher; its sibling paragraphs join it. A generic article,
// main or role=main element is taken only when the score finds less than
// twice its text. Containers inside page furniture never win: asides,
// navigation, dialogs and pop-ups, sidebars and widgets, and the site's
// own header and footer (a header or footer outside any article or main
// element and not named entry-, post-, article- or story-, unless it
// holds half the page's text: an unclosed element has put the page in it).
// Class names never make furniture of an element that holds the page's
// h1, a known CMS container, or the page's only .hentry (WordPress's
// post_class, hAtom): layout wrappers are named "right-sidebar" or
// "sidebar_content" too. The .hentry is not protected when a CMS
// container or an h1 lies outside it (an h1 in a header element or
// linking to the home page is the site's title, and does not count): the
// article is there, and the entry a featured post in a sidebar widget.
//
// A recall pass follows, as in trafilatura: pages split an article into
// modules (a lead in the article header, a summary, a recipe's
// ingredients beside its method), and the container holds one. Up to
// five levels above it (not past the body element or page furniture),
// the siblings that read as prose join the body in document order: at
// least 100 characters before the container, 300 after it (what follows
// an article is more often an author box or a sign-up), at most 15% of
// it in links, not named or tagged like boilerplate, no list of links or
// of teasers (two article elements or two linked headings), no comment
// heading. Site rules' body selectors skip the pass.
//
// Cleaning removes scripts, styles, forms, iframes, navigation, hidden
// elements, comment sections, and blocks named like share bars, related
// posts, ads, author boxes, newsletter, subscription and donation boxes,
// post metadata and image credits. An article header goes with its
// byline and date, but its lead paragraphs (80 characters or more, few
// links) stay. A block named like boilerplate that
// holds half of the container's text or more is kept: it wraps the
// article. A BEM modifier naming ads on a block the element also names
// ("report__section report__section--ads") does not make it an ad: it is
// the block laid out around ad slots. The singular ("teaser teaser--ad")
// is the block shown as an ad, and goes. The site rules' strip selectors go first. Link lists ("Read
// also") and their label go, and so do short paragraphs and headings
// that are two-thirds link text (a cross-link set between paragraphs), as
// does an h1 repeating the title. A heading that opens a comment section
// ("12 Kommentare", "Leave a Reply") ends the body: it and everything
// after it go. Appeals to readers after the last real paragraph
// go too: a short paragraph that is about support (donations, funding,
// subscriptions, newsletters, membership) and asks something of the
// reader ("please", "help us", "click", an imperative "Donate", …) is
// removed, and so are the ones before it, until a paragraph that is not
// an appeal. Headings left at the end with nothing after them go last:
// they labelled what cleaning took away.
//
// BodyText has one paragraph per block element, separated by one blank
// line; white space inside a paragraph is collapsed; <br> is a line
// break; <pre> keeps its lines. A list is one paragraph with one line per
// item; a data table is one paragraph with one line per row and its cells
// separated by a tab, while a layout table (cells holding paragraphs) is
// read as ordinary blocks. Ruby readings (<rt>, <rp>: furigana) are left
// out of the text, titles and bylines. BodyHTML is the cleaned container's inner
// markup with relative URLs made absolute, lazy-loaded image sources put
// in src, and event handlers, inline styles and javascript: links gone.
//
// # Bodies shipped for scripts
//
// Pages rendered in the browser ship an empty shell and their text in the
// JSON-LD articleBody; some paywalled pages show a teaser and carry the
// whole text there for search engines. When the body read from the markup
// has under 500 characters and the page's only article node has an
// articleBody of at least 500 characters and three times as long, the
// articleBody is the body: its lines become paragraphs, or its markup is
// parsed when it holds HTML, and cleaned as the markup is (its scripts,
// frames and ads go). A standfirst or summary the markup shows and the
// articleBody does not repeat, letters compared (a paragraph or list item
// of 80 characters or more, outside figures, sharing a third of its words
// of four letters or more with the articleBody: not a wall's message)
// stays in front. With several
// article nodes (a listing, a live blog) the markup stays the source.
// The block package counts that articleBody too, so such a page is
// archived rather than taken for a wall.
//
// Blogger's templates for Google's blogs write the post into a script
// template and a noscript copy, which the HTML parser keeps as text. An
// article container (itemprop=articleBody, .post-body, .entry-content, …)
// with under 500 characters of its own and a noscript fallback holding
// more than three times that, not mostly links, has the fallback's
// markup put back before the body is chosen; a noscript beside real text,
// or holding a menu, stays out.
//
// # Captions
//
// Captions belong to their images, not to the prose: a figcaption, or an
// element named like a caption (.wp-caption-text, .caption, .…-caption,
// .bildunterschrift), stays in BodyHTML beside its image but is left out
// of BodyText. This follows the convention of the public extraction
// benchmarks (trafilatura's evaluation set counts captions as not main
// text). Photo credits and copyright lines are removed from both.
//
// # Site rules
//
// Options.Rules carries one site's CSS selectors (the config's [[site]]
// selectors): title, body, date, authors, categories and tags replace the
// automatic stage when they match something; comments and strip remove
// elements before the body is chosen. A selector that matches nothing,
// or does not parse, leaves the automatic stage in place.
//
// # Caveats
//
// Extract never fails and never panics; a page without an article gives
// empty fields. Package-level values (regexps, selectors, tables) are
// compiled once and never written, so Extract is safe for concurrent use
// on different documents. The one exception is the go-dateparser parser,
// built once on first use (sync.OnceValue: it loads locale tables, which
// takes a fraction of a second) and shared; it guards its caches with its
// own mutex, so concurrent extractions queue only when both fall back to
// it.
package extract
