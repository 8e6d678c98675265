// Package block recognises captures that are not the page asked for:
// bot challenges and firewall pages (Cloudflare, DDoS-Guard, Sucuri,
// Akamai, Imperva, PerimeterX, DataDome, AWS WAF, bare captchas), login
// walls, paywalls and password forms that replaced an article, and error
// pages served with a success status (WordPress error404, "Page not
// found" titles, the database connection error, maintenance mode). Such a
// capture must be recorded as a failed check, never stored as a version.
//
// # Basics
//
// Detect returns one of the Reason constants, or "" for a page that looks
// real. It reads the headers only the vendors send (cf-mitigated,
// x-amzn-waf-action, x-sucuri-block), the markup of their pages (challenge
// scripts and forms, captcha widgets, titles), and how much article text
// the page holds once its header, footer, navigation, sidebars, dialogs,
// comments and forms are set aside, or in the articleBody of its JSON-LD,
// where pages rendered in the browser keep their text.
//
// # Caveats
//
// Words in an article's text are never enough: an article about
// Cloudflare, a page with a login link or a hidden login dialog, a comment
// form with a reCAPTCHA, an article titled "404 Not Found: a history" are
// real pages. The price is that a vendor page padded with a long text, or a
// paywall that leaves more than a few paragraphs of teaser, is taken for a
// real page. A very short article (a few sentences) on a page that also
// carries a vendor's challenge markup could be taken for a block page.
//
// The package neither fetches nor retries; what to do with a block page
// (back off, give up, record the reason) is the caller's decision.
package block
