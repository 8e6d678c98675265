package block

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// ReasonErrorStatus is given for an error page that came with an error
// status; the status itself already says the page failed.
const ReasonErrorStatus = "error page"

// cloudflare recognises Cloudflare's interstitial challenge ("Just a
// moment…", managed and JS challenges, the old "One more step" captcha)
// and its block pages ("Attention Required!", error 1020 "Access
// denied"). The challenge-platform script alone is not enough: Cloudflare
// injects its bot-detection script into real pages too.
func cloudflare(p *page) string {
	if !p.thin() {
		return ""
	}
	challenge := has(p.scriptText(), "_cf_chl_opt", "cf_chl_", "/cdn-cgi/challenge-platform/h/", "challenge-form", "cf-challenge") ||
		p.doc.Find("#challenge-form, #challenge-running, #challenge-stage, #cf-challenge-running, .cf-browser-verification").Length() > 0
	waitTitle := titleIs(p.title, "just a moment...", "just a moment…", "just a moment", "one more step", "please wait...", "please wait…")
	if challenge || waitTitle && (p.server == "cloudflare" || has(p.text(), "cloudflare", "ray id")) {
		return ReasonCloudflareChallenge
	}
	block := p.doc.Find("#cf-error-details, .cf-error-details, #cf-wrapper .cf-error-type, .cf-error-code, [data-translate=block_headline]").Length() > 0 ||
		strings.HasPrefix(p.title, "attention required! | cloudflare") ||
		has(p.text(), "used cloudflare to restrict access", "sorry, you have been blocked")
	if block && (strings.HasPrefix(p.title, "attention required!") || has(p.text(), "cloudflare ray id", "cloudflare") || p.server == "cloudflare") {
		return ReasonCloudflareBlock
	}
	return ""
}

// vendors recognises the pages of the other bot walls by their markup.
func vendors(p *page) string {
	if !p.thin() {
		return ""
	}
	switch {
	case titleIs(p.title, "ddos-guard") || has(p.scriptText(), "ddos-guard.net", "/.well-known/ddos-guard/", "ddos-guard/js-challenge"):
		return ReasonDDoSGuard
	case strings.Contains(p.title, "sucuri website firewall") || has(p.scriptText(), "sucuri_cloudproxy") ||
		has(p.text(), "sucuri website firewall", "cloudproxy@sucuri.net"):
		return ReasonSucuri
	case has(p.scriptText(), "_incapsula_resource") || has(p.text(), "incapsula incident id"):
		return ReasonImperva
	case has(p.scriptText(), "captcha-delivery.com"):
		return ReasonDataDome
	case p.doc.Find("#px-captcha, .px-captcha-container").Length() > 0 || has(p.scriptText(), "captcha.px-cdn.net", "px-captcha") ||
		titleIs(p.title, "access to this page has been denied", "access to this page has been denied."):
		return ReasonPerimeterX
	case has(p.scriptText(), "gokuprops", "awswafintegration") && p.textLen < 600:
		return ReasonAWSWAF
	}
	if (titleIs(p.title, "access denied") || strings.HasPrefix(p.h1, "access denied")) && p.textLen < 800 {
		if p.server == "akamaighost" || has(p.text(), "errors.edgesuite.net", "reference #", "reference&#32;&#35;") ||
			(strings.Contains(p.text(), "you don't have permission to access") && p.textLen < 600) {
			return ReasonAkamai
		}
		if p.textLen < 800 {
			return ReasonAccessDenied
		}
	}
	return ""
}

// captchaWidgets are the elements and scripts of captcha services.
const captchaWidgets = ".g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey], iframe[src*='recaptcha'], iframe[src*='hcaptcha.com'], iframe[src*='challenges.cloudflare.com']"

// captchaOnly recognises pages that are nothing but a captcha or a "prove
// you are human" check. A comment form with a captcha on a real page is
// not one: the page then has article text.
func captchaOnly(p *page) string {
	if !p.thin() {
		return ""
	}
	botTitle := titleIs(p.title, "are you a robot?", "are you a robot", "are you a human?", "are you human?",
		"verifying you are human", "verify you are human", "human verification", "bot verification",
		"security check", "security checkpoint", "checking your browser", "checking your browser...",
		"please verify you are a human", "robot check", "captcha", "captcha challenge", "bot protection",
		"one moment, please...", "verification required", "browser check")
	if botTitle {
		return ReasonBotCheck
	}
	widget := p.doc.Find(captchaWidgets).Length() > 0 ||
		has(p.scriptText(), "google.com/recaptcha/api.js", "recaptcha/enterprise.js", "hcaptcha.com/1/api.js", "challenges.cloudflare.com/turnstile")
	if !widget || p.doc.Find("input[type=password]").Length() > 0 {
		return ""
	}
	if has(p.text(), "not a robot", "are human", "are a human", "you're a human", "captcha", "unusual traffic",
		"automated requests", "verify you", "security check", "prove you") && p.textLen < 1000 {
		return ReasonCaptcha
	}
	return ""
}

// passwordProtected recognises a WordPress post behind a password: the
// page is the article's, but its text is replaced by the password form.
func passwordProtected(p *page) string {
	if p.doc.Find("form.post-password-form, form[action*='action=postpass']").Length() > 0 && p.article() < articleText {
		return ReasonPasswordProtected
	}
	return ""
}

// loginWall recognises a login page served instead of the article: a
// visible password field outside the page furniture and no article text.
func loginWall(p *page) string {
	if !p.walled() {
		return ""
	}
	if p.classes["login"] && p.doc.Find("#loginform").Length() > 0 {
		return ReasonLoginWall
	}
	found := false
	p.doc.Find("input[type=password]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if s.ParentsFiltered("header, nav, aside, footer, dialog, [role=dialog], [hidden], .modal, .popup, [aria-hidden=true], [style*='display:none'], [style*='display: none'], #comments, #respond").Length() > 0 {
			return true
		}
		if _, hidden := s.Attr("hidden"); hidden {
			return true
		}
		found = true
		return false
	})
	if found && p.textLen < 2*thinPage {
		return ReasonLoginWall
	}
	if p.status == 401 {
		return ReasonLoginWall
	}
	if p.thin() && has(p.main(), "you must be logged in to view", "you must be logged in to see", "please log in to view",
		"please log in to continue", "log in to view this", "sign in to view this", "login required", "please sign in to continue") {
		return ReasonLoginWall
	}
	return ""
}

// paywallPhrases are the messages of paywalls and membership plugins.
var paywallPhrases = []string{
	"subscribe to continue reading", "subscribe to read the full", "subscribe to read this", "subscribe now to continue", "to continue reading, subscribe",
	"to continue reading this article", "continue reading with a subscription", "this content is for members only",
	"this content is only available to members", "this content is for subscribers only", "for subscribers only",
	"available to subscribers only", "available exclusively to subscribers", "subscriber-only content", "members-only content",
	"this post is for paid subscribers", "this post is for paying subscribers", "this post is for subscribers only",
	"this post is for members only", "become a member to read", "become a paid subscriber to read", "log in to read the full",
	"sign in to read the full", "register to continue reading", "already a subscriber? log in", "already a subscriber? sign in",
	"only logged-in members can", "premium content for subscribers",
}

// paywallMarkup are the elements of paywalls and membership plugins.
const paywallMarkup = ".paywall, #paywall, [class*=paywall], [id*=paywall], .gh-post-upgrade-cta, .pmpro_content_message, .mepr-unauthorized-message, .rcp_restricted, .swpm-post-not-logged-in-msg, .wc-memberships-restriction-message, .members-access-error, .um-locked-content"

// paywall recognises a paywall that replaced the article: its message or
// markup, and no article text beside it.
func paywall(p *page) string {
	if !p.walled() {
		return ""
	}
	if has(p.main(), paywallPhrases...) {
		return ReasonPaywall
	}
	walls := p.doc.Find(paywallMarkup).FilterFunction(func(_ int, s *goquery.Selection) bool {
		name := goquery.NodeName(s)
		return name != "body" && name != "html" &&
			s.ParentsFiltered("header, footer, nav, .sidebar, #sidebar, .widget, .site-header, .site-footer").Length() == 0
	})
	if walls.Length() > 0 {
		return ReasonPaywall
	}
	return ""
}

// errorTitles are the titles (or their part before " | Site") of error
// pages in the CMSes strata meets, in a few languages.
var errorTitles = []string{
	"404", "404 not found", "not found", "page not found", "error 404", "404 error", "error 404 - not found",
	"404 - page not found", "404 page not found", "error 404 (not found)!!1", "oops! that page can’t be found.",
	"oops! that page can't be found.", "nothing found", "page cannot be found", "page could not be found",
	"the page you requested could not be found", "file not found", "document not found", "content not found",
	"seite nicht gefunden", "fehler 404", "page introuvable", "erreur 404", "página no encontrada",
	"página não encontrada", "pagina non trovata", "pagina niet gevonden", "sidan hittades inte", "siden blev ikke fundet",
	"500 internal server error", "internal server error", "500 - internal server error", "error 500", "server error",
	"502 bad gateway", "bad gateway", "503 service unavailable", "service unavailable", "service temporarily unavailable",
	"504 gateway timeout", "504 gateway time-out", "gateway timeout", "wordpress › error", "wordpress error", "error",
	"410 gone", "gone", "403 forbidden", "forbidden",
}

// errorPage recognises error pages: WordPress error404, the database
// connection error, the "critical error" page, maintenance mode, and
// pages titled as an error with no article text.
func errorPage(p *page) string {
	reason := ReasonErrorPage
	if p.status >= 300 {
		reason = ReasonErrorStatus
	}
	if p.classes["error404"] || p.classes["error-404"] || p.classes["page-404"] {
		return reason
	}
	if !p.thin() {
		return ""
	}
	switch {
	case has(p.text(), "error establishing a database connection", "error establishing database connection"):
		return ReasonDatabaseError
	case strings.Contains(p.text(), "briefly unavailable for scheduled maintenance") ||
		titleIs(p.title, "maintenance mode", "under maintenance", "site maintenance", "maintenance", "we'll be back soon!", "we’ll be back soon!", "down for maintenance"):
		return ReasonMaintenance
	case strings.Contains(p.text(), "there has been a critical error on this website"):
		return reason
	case titleIs(p.title, errorTitles...) || titleIs(p.h1, errorTitles...) && p.title == "":
		return reason
	}
	return ""
}
