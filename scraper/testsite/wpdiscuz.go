package testsite

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// wpdNonceCookie is the cookie in which wpDiscuz 7.6.45 keeps the nonce
// ("wpdiscuz_nonce_" and the site's COOKIEHASH).
const wpdNonceCookie = "wpdiscuz_nonce_5f3c0b1e"

func (s *Site) addWpDiscuz() {
	s.register(&threadState{
		path: WpDiscuzPath, kind: "wpdiscuz", postID: 5101, title: "A wpDiscuz thread loaded by AJAX",
		thread:  NewThread(ThreadOptions{FirstID: 51001, N: 29, Seed: 3, Pings: []int{4, 20}}),
		rest:    "403",
		version: "7.6.63", batch: 3, collapsed: true, nonce: "field",
	}, s.serveWpDiscuz)
	s.register(&threadState{
		path: WpDiscuzRESTPath, kind: "wpdiscuz", postID: 5102, title: "A wpDiscuz thread with the REST API",
		thread:  NewThread(ThreadOptions{FirstID: 52001, N: 24, Seed: 4, Pings: []int{2}}),
		rest:    "ok",
		version: "7.6.63", batch: 3, nonce: "field",
	}, s.serveWpDiscuz)
	s.register(&threadState{
		path: WpDiscuzCookiePath, kind: "wpdiscuz", postID: 5103, title: "A wpDiscuz 7.6.45 thread",
		thread:  NewThread(ThreadOptions{FirstID: 53001, N: 17, Seed: 5, Pings: []int{8}}),
		version: "7.6.45", batch: 2, nonce: "cookie",
	}, s.serveWpDiscuz)
	s.register(&threadState{
		path: WpDiscuz5Path, kind: "wpdiscuz", postID: 5104, title: "A wpDiscuz 5 thread",
		thread:  NewThread(ThreadOptions{FirstID: 54001, N: 19, Seed: 6, Pings: []int{11}}),
		version: "5.3.5", batch: 3,
	}, s.serveWpDiscuz)
	s.register(&threadState{
		path: WpDiscuzBigPath, kind: "wpdiscuz", postID: 5105, title: "A very long wpDiscuz thread",
		thread:  NewThread(ThreadOptions{FirstID: 55001, N: 200, Seed: 7, ReplyShare: 0.2}),
		version: "7.6.63", batch: 1, nonce: "field",
	}, s.serveWpDiscuz)
	s.register(&threadState{
		path: WpDiscuzRobotsPath, kind: "wpdiscuz", postID: 5106, title: "A wpDiscuz thread behind robots.txt",
		thread:  NewThread(ThreadOptions{FirstID: 56001, N: 12, Seed: 8}),
		version: "7.6.10", batch: 2, ajaxPath: "/private/wp-admin/admin-ajax.php",
	}, s.serveWpDiscuz)
}

func (st *threadState) legacy() bool {
	return strings.HasPrefix(st.version, "4.") || strings.HasPrefix(st.version, "5.")
}

// wpdBatch returns the top-level comments of the batch after lastParent
// (0: the first batch), newest first, and whether more follow.
func (st *threadState) wpdBatch(lastParent int) (tops []Comment, more bool) {
	all := st.thread.TopLevel(true)
	i := 0
	if lastParent > 0 {
		for i < len(all) && all[i].ID >= lastParent {
			i++
		}
	}
	end := min(i+st.batch, len(all))
	return all[i:end], end < len(all)
}

// serveWpDiscuz serves a wpDiscuz article: the first batch in the page.
func (s *Site) serveWpDiscuz(w http.ResponseWriter, r *http.Request, st *threadState) {
	if r.URL.Path != st.path {
		http.NotFound(w, r)
		return
	}
	ajax := st.ajaxPath
	if ajax == "" {
		ajax = "/wp-admin/admin-ajax.php"
	}
	obj := map[string]any{
		"wc_hide_replies_text": "Hide Replies", "wc_show_replies_text": "View Replies",
		"is_user_logged_in": false, "commentListLoadType": "0", "wordpressIsPaginate": "",
		"firstLoadWithAjax": "0", "wc_post_id": st.postID, "isLoadOnlyParentComments": boolStr(st.collapsed),
		"url": s.URL + ajax, "customAjaxUrl": s.URL + "/wp-content/plugins/wpdiscuz/utils/ajax/wpdiscuz-ajax.php",
		"version": st.version,
	}
	if st.legacy() {
		obj = map[string]any{"url": s.URL + ajax, "wpdiscuz_options": map[string]any{"wc_post_id": st.postID, "version": st.version, "wordpressIsPaginate": ""}}
	}
	js, _ := json.Marshal(obj)
	script := fmt.Sprintf(`<script id='wpdiscuz-combo-js-js-extra'>
var wpdiscuzAjaxObj = %s;
</script>
<script src='%s/wp-content/plugins/wpdiscuz/assets/js/wpdiscuz-combo.min.js?ver=%s' id='wpdiscuz-combo-js-js'></script>
`, strings.ReplaceAll(string(js), "/", `\/`), s.URL, st.version)
	tops, more := st.wpdBatch(0)
	var b strings.Builder
	b.WriteString(s.articleHead(st, script))
	b.WriteString(articleBody(st))
	n := st.thread.Count()
	last := 0
	if len(tops) > 0 {
		last = tops[len(tops)-1].ID
	}
	if st.legacy() {
		fmt.Fprintf(&b, `<div class="wpdiscuz_top_clearing"></div>
<div id="comments" class="comments-area"><div id="respond" style="width:0;height:0;clear:both;margin:0;padding:0;"></div>
<h3 id="wc-comment-header"><div class="wpdiscuz-comment-count"><div class="wpd-cc-value">%d</div><div class="wpd-cc-arrow"></div></div> Leave a Reply</h3>
<div id="wpcomm" class="wpdiscuz_unauth wpd-default">
<div class="wc-comment-bar"><p class="wc-comment-title"><span class="wpdtc">%d</span> Comments</p>
<div class="wpdiscuz-front-actions"><div class="wpdiscuz-sort-buttons"><span class="wpdiscuz-sort-button wpdiscuz-date-sort-desc wpdiscuz-sort-button-active" data-sorting="newest">newest</span> | <span class="wpdiscuz-sort-button wpdiscuz-date-sort-asc" data-sorting="oldest">oldest</span></div></div></div>
<div id="wcThreadWrapper" class="wc-thread-wrapper">
`, n, n)
		for _, c := range tops {
			s.wpd5Item(&b, st, c, 1)
		}
		if more {
			fmt.Fprintf(&b, `<div class="wpdiscuz-comment-pagination"><div class="wc-load-more-submit-wrap"><div class="wc-load-more-link" data-lastparentid="%d"><button name="submit" class="wc-load-more-submit wc-loaded button">Load more comments</button></div></div><input id="wpdiscuzHasMoreComments" type="hidden" value="1" /></div>
`, last)
		}
		b.WriteString("</div></div></div>\n")
	} else {
		fmt.Fprintf(&b, `<div class="wpdiscuz_top_clearing"></div>
<div id="comments" class="comments-area"><div id="respond" style="width:0;height:0;clear:both;margin:0;padding:0;"></div>
<div id="wpdcom" class="wpdiscuz_unauth wpd-default wpd-layout-2 wpd-comments-open">
<div class="wpd-form-wrap"><div class="wpd-form-head"><div class="wpd-sbs-toggle"><i class="far fa-envelope"></i><span class="wpd-sbs-title">Subscribe</span></div></div></div>
<div id="wpd-threads" class="wpd-thread-wrapper">
<div class="wpd-thread-head">
<div class="wpd-thread-info " data-comments-count="%d"><span class='wpdtc' title='%d'>%d</span> Comments</div>
<div class="wpd-space"></div>
<div class="wpd-thread-filter"><div class="wpd-filter wpdf-sorting"><span class="wpdiscuz-sort-button wpdiscuz-date-sort-desc wpdiscuz-sort-button-active" data-sorting="newest">newest</span>
<div class="wpdiscuz-sort-buttons"><span class="wpdiscuz-sort-button wpdiscuz-date-sort-asc" data-sorting="oldest">oldest</span><span class="wpdiscuz-sort-button wpdiscuz-vote-sort-up" data-sorting="by_vote">most voted</span></div></div></div>
</div>
<div class="wpd-comment-info-bar"><div class="wpd-current-view"><i class="fas fa-quote-left"></i> Inline Feedbacks</div><div class="wpd-filter-view-all">View all comments</div></div>
<div class="wpd-thread-list">
`, n, n, n)
		for _, c := range tops {
			s.wpd7Item(&b, st, c, 1, !st.collapsed)
		}
		fmt.Fprintf(&b, `<div class="wpdiscuz-comment-pagination">`)
		if more {
			fmt.Fprintf(&b, `<div class="wpd-load-more-submit-wrap"><button name="submit" data-lastparentid="%d" class="wpd-load-more-submit wpd-loaded wpd-prim-button">Load More Comments</button></div>`, last)
		}
		fmt.Fprintf(&b, `<span id="wpdiscuzHasMoreComments" data-is_show_load_more="%s"></span></div>
</div></div></div></div>
`, boolStr(more))
	}
	b.WriteString(pageEnd)
	writeHTML(w, st, b.String())
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// wpdDate is the absolute date of wpDiscuz's title attribute: the
// site's date_format and time_format at its offset.
func wpdDate(c Comment) string { return local(c.At).Format("Jan 2, 2006 3:04 PM") }

// wpd7Item writes one wpDiscuz 7 wrapper (layout 2) with, when
// withReplies, its replies nested inside; otherwise a "View Replies (N)"
// toggle stands for them.
func (s *Site) wpd7Item(b *strings.Builder, st *threadState, c Comment, level int, withReplies bool) {
	class := fmt.Sprintf("%s even depth-%d wpd-comment wpd_comment_level-%d", c.Type, level, level)
	if c.Parent != 0 {
		class += " wpd-reply"
	}
	avatar := fmt.Sprintf(`<img alt='%s' src='https://secure.gravatar.com/avatar/%d?s=64&#038;d=mm&#038;r=g' class='avatar avatar-64 photo' height='64' width='64' loading='lazy'>`, esc(c.Author), c.ID)
	if c.Type != "comment" {
		avatar = fmt.Sprintf(`<img alt='trackback' src='%s/wp-content/plugins/wpdiscuz/assets/img/trackback.png' class='avatar avatar-64 photo' height='64' width='64' loading='lazy'>`, s.URL)
	}
	author := esc(c.Author)
	if c.AuthorURL != "" {
		author = fmt.Sprintf(`<a href="%s" rel="noreferrer ugc nofollow">%s</a>`, esc(c.AuthorURL), author)
	}
	label, votes := "", ""
	if c.Type == "comment" {
		label = `<div class="wpd-comment-label" wpd-tooltip="Guest" wpd-tooltip-position="top"><span>Guest</span></div>`
		votes = fmt.Sprintf(`<div class="wpd-vote"><div class="wpd-vote-up wpd_not_clicked"><svg viewBox="0 0 448 512"><path d="M416 208H272V64"></path></svg></div><div class="wpd-vote-result" title="%d">%d</div><div class="wpd-vote-down wpd_not_clicked"><svg viewBox="0 0 448 512"><path d="M416 208H32"></path></svg></div></div>`, c.Votes, c.Votes)
	}
	replyTo := ""
	if c.Parent != 0 {
		if p, ok := st.thread.Get(c.Parent); ok {
			replyTo = fmt.Sprintf(`<div class="wpd-reply-to"><i class="far fa-comments"></i> Reply to &nbsp;<a href="#comment-%d">%s</a></div>`, p.ID, esc(p.Author))
		}
	}
	toggle := ""
	desc := st.thread.Descendants(c.ID)
	if !withReplies && len(desc) > 0 {
		toggle = fmt.Sprintf(`<div class="wpd-toggle wpd_not_clicked" wpd-tooltip="View Replies"><span class="wpd-view-replies"><span class="wpd-view-replies-text">View Replies</span> (%d)</span><i class="fas fa-chevron-down"></i></div>`, len(desc))
	}
	fmt.Fprintf(b, `<div id='wpd-comm-%d_%d' class='%s'><div class="wpd-comment-wrap wpd-blog-guest">
<div class="wpd-comment-left "><div class="wpd-avatar ">%s</div></div>
<div id='comment-%d' class="wpd-comment-right">
<div class="wpd-comment-header"><div class="wpd-user-info"><div class="wpd-uinfo-top"><div class="wpd-comment-author ">%s</div>%s<div class="wpd-space"></div></div>
<div class="wpd-uinfo-bottom">%s<div class="wpd-comment-date" title="%s"><i class="far fa-clock" aria-hidden="true"></i> 9 years ago</div></div></div>
<div class="wpd-comment-link wpd-hidden"><span wpd-tooltip="Comment Link"><i class="fas fa-link" aria-hidden="true" data-wpd-clipboard="%s%s#comment-%d"></i></span></div></div>
<div class="wpd-comment-text">%s</div>
<div class="wpd-comment-footer">%s<div class="wpd-reply-button"><span>Reply</span></div><div class="wpd-space"></div>%s</div>
</div></div><div id='wpdiscuz_form_anchor-%d_%d'></div>`,
		c.ID, c.Parent, class, avatar, c.ID, author, label, replyTo, wpdDate(c), s.URL, st.path, c.ID, c.HTML(), votes, toggle, c.ID, c.Parent)
	if withReplies {
		for _, k := range st.thread.Children(c.ID) {
			s.wpd7Item(b, st, k, level+1, true)
		}
	}
	b.WriteString("</div>\n")
}

// wpd5Item writes one wpDiscuz 5 wrapper with its replies nested.
func (s *Site) wpd5Item(b *strings.Builder, st *threadState, c Comment, level int) {
	class := fmt.Sprintf("wc-comment wc-blog-guest wc_comment_level-%d", level)
	if c.Parent != 0 {
		class += " wc-reply"
	}
	avatar := fmt.Sprintf(`<img alt='%s' src='https://secure.gravatar.com/avatar/%d?s=64&#038;d=mm&#038;r=g' class='avatar avatar-64 photo' height='64' width='64' />`, esc(c.Author), c.ID)
	label := `<div class="wc-blog-guest wc-comment-label"><span>Guest</span></div>`
	votes := fmt.Sprintf(`<span class="wc-vote-link wc-up wc_vote wc_not_clicked"><span>Vote Up</span></span><span class="wc-vote-result">%d</span><span class="wc-vote-link wc-down wc_vote wc_not_clicked"><span>Vote Down</span></span>&nbsp;<span class="wc-reply-button wc-cta-button" title="Reply">Reply</span>`, c.Votes)
	if c.Type != "comment" {
		avatar = fmt.Sprintf(`<img alt='trackback' src='%s/wp-content/plugins/wpdiscuz/assets/img/trackback.png' class='avatar avatar-64 photo' height='64' width='64' />`, s.URL)
		label, votes = "", ""
	}
	author := esc(c.Author)
	if c.AuthorURL != "" {
		author = fmt.Sprintf(`<a href="%s" rel="nofollow">%s</a>`, esc(c.AuthorURL), author)
	}
	date := local(c.At).Format("January 2, 2006") + " " + strings.ToLower(local(c.At).Format("3:04 PM"))
	fmt.Fprintf(b, `<div id="wc-comm-%d_%d" class="%s"><div class="wc-comment-left "><div class="wpd-xborder"></div>%s%s</div><div id="comment-%d" class="wc-comment-right"><div class="wc-comment-header"><div class="wc-comment-author ">%s</div><div class="wc-comment-link"></div><div class="wpdiscuz_clear"></div></div><div class="wc-comment-text">%s</div><div class="wc-comment-footer"><div class="wc-footer-left">%s</div><div class="wc-footer-right"><div class="wc-comment-date"><i class="far fa-clock" aria-hidden="true"></i>%s</div></div><div class="wpdiscuz_clear"></div></div></div><div class="wpdiscuz-comment-message"></div><div id="wpdiscuz_form_anchor-%d_%d"></div>`,
		c.ID, c.Parent, class, avatar, label, c.ID, author, c.HTML(), votes, date, c.ID, c.Parent)
	for _, k := range st.thread.Children(c.ID) {
		s.wpd5Item(b, st, k, level+1)
	}
	b.WriteString("</div>\n")
}

// serveAJAX is admin-ajax.php with the read actions of wpDiscuz 7 and 5.
func (s *Site) serveAJAX(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, "0")
		return
	}
	r.ParseForm()
	action := r.PostForm.Get("action")
	if action == "wpdGetNonce" {
		s.mu.Lock()
		nonce := fmt.Sprintf("%010x", 0x5eed0000+len(s.nonces))
		s.nonces[nonce] = true
		s.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: wpdNonceCookie, Value: nonce, Path: "/"})
		writeJSON(w, map[string]any{"success": true, "data": map[string]string{"wpdiscuz_nonce": nonce}})
		return
	}
	st := s.stateByPost(r.PostForm.Get("postId"))
	if st == nil || st.kind != "wpdiscuz" {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, "0")
		return
	}
	legacy := st.legacy()
	switch {
	case action == "wpdLoadMoreComments" && !legacy, action == "loadMoreComments" && legacy:
		if !s.nonceOK(r, st) {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, "Nonce is invalid.")
			return
		}
		last, _ := strconv.Atoi(r.PostForm.Get("lastParentId"))
		if legacy && r.PostForm.Get("order") == "asc" {
			http.Error(w, "this fake serves newest first only", http.StatusBadRequest)
			return
		}
		tops, more := st.wpdBatch(last)
		var b strings.Builder
		for _, c := range tops {
			if legacy {
				s.wpd5Item(&b, st, c, 1)
			} else {
				s.wpd7Item(&b, st, c, 1, !st.collapsed)
			}
		}
		lastID := ""
		if len(tops) > 0 {
			lastID = strconv.Itoa(tops[len(tops)-1].ID)
		}
		data := map[string]any{
			"comment_list": b.String(), "is_show_load_more": more, "last_parent_id": lastID,
			"comments_count": st.thread.Count(), "loadLastCommentId": st.thread.Comments[len(st.thread.Comments)-1].ID,
			"callbackFunctions": []string{},
		}
		if legacy {
			writeJSON(w, data)
		} else {
			writeJSON(w, map[string]any{"success": true, "data": data})
		}
	case action == "wpdShowReplies" && !legacy, action == "wpdiscuzShowReplies" && legacy:
		id, _ := strconv.Atoi(r.PostForm.Get("commentId"))
		c, ok := st.thread.Get(id)
		if !ok {
			writeJSON(w, map[string]any{"success": false, "data": "wc_msg_comment_not_found"})
			return
		}
		var b strings.Builder
		level := st.thread.Depth(id) + 1
		if legacy {
			s.wpd5Item(&b, st, c, level)
			writeJSON(w, map[string]any{"comment_list": b.String()})
			return
		}
		s.wpd7Item(&b, st, c, level, true)
		writeJSON(w, map[string]any{"success": true, "data": map[string]any{"comment_list": b.String(), "callbackFunctions": []string{}}})
	default:
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, "0")
	}
}

// nonceOK checks the nonce the way the page's wpDiscuz version does.
func (s *Site) nonceOK(r *http.Request, st *threadState) bool {
	var nonce string
	switch st.nonce {
	case "":
		return true
	case "field":
		nonce = r.PostForm.Get("wpdiscuz_nonce")
	case "cookie":
		if c, err := r.Cookie(wpdNonceCookie); err == nil {
			nonce = c.Value
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nonces[nonce]
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	json.NewEncoder(w).Encode(v)
}
