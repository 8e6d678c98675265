package extract_test

import (
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-archive/strata/scraper/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// seedBase replaces {{BASE}} in the seed fixture, as the test site does.
const seedBase = "https://off-guardian.example"

const seedURL = seedBase + "/2016/03/01/leaked-telephone-transcripts-show-turkey-is-helping-isis-in-syria/"

// readSeed returns the wpDiscuz seed page with its base URL filled in.
func readSeed(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testsite", "testdata", "wpdiscuz-seed.html"))
	if err != nil {
		tb.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "{{BASE}}", seedBase)
}

// readFixture returns a page of testdata/.
func readFixture(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// extractFrom parses src and extracts it as the page at pageURL.
func extractFrom(tb testing.TB, src, pageURL string, opts extract.Options) extract.Article {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		tb.Fatal(err)
	}
	var u *url.URL
	if pageURL != "" {
		if u, err = url.Parse(pageURL); err != nil {
			tb.Fatal(err)
		}
	}
	return extract.Extract(doc, u, opts)
}

func mustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func checkTime(t *testing.T, field string, got *time.Time, want string) {
	t.Helper()
	if want == "" {
		if got != nil {
			t.Errorf("%s = %v, want none", field, got)
		}
		return
	}
	if got == nil || !got.Equal(mustTime(t, want)) {
		t.Errorf("%s = %v, want %s", field, got, want)
	}
}

func checkList(t *testing.T, field string, got, want []string) {
	t.Helper()
	if got == nil {
		t.Errorf("%s is nil, want a non-nil list", field)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", field, got, want)
	}
}

// checkBody asserts what the body must and must not hold.
func checkBody(t *testing.T, a extract.Article, with, without []string) {
	t.Helper()
	for _, s := range with {
		if !strings.Contains(a.BodyText, s) {
			t.Errorf("BodyText lacks %q; got:\n%s", s, a.BodyText)
		}
	}
	for _, s := range without {
		if strings.Contains(a.BodyText, s) {
			t.Errorf("BodyText holds %q", s)
		}
		if strings.Contains(a.BodyHTML, s) {
			t.Errorf("BodyHTML holds %q", s)
		}
	}
	if strings.Contains(a.BodyText, "\n\n\n") || strings.HasPrefix(a.BodyText, "\n") || strings.HasSuffix(a.BodyText, "\n") {
		t.Errorf("BodyText paragraphs are not separated by exactly one blank line: %q", a.BodyText)
	}
}

func TestExtractSeed(t *testing.T) {
	a := extractFrom(t, readSeed(t), seedURL, extract.Options{FetchedAt: mustTime(t, "2025-01-10T12:00:00Z")})

	if want := "Leaked telephone transcripts show Turkey is helping ISIS in Syria"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	checkList(t, "Authors", a.Authors, []string{"Vaska"})
	checkTime(t, "PublishedAt", a.PublishedAt, "2016-03-01T15:07:41Z")
	checkTime(t, "ModifiedAt", a.ModifiedAt, "2016-03-01T15:20:02Z")
	for _, c := range []struct{ field, got, want string }{
		{"SiteName", a.SiteName, "OffGuardian"},
		{"Language", a.Language, "en-GB"},
		{"Description", a.Description, "Further proof of ties between the Turkish military and ISIS terrorists operating on the Syrian-Turkish border has been revealed"},
		{"Image", a.Image, seedBase + "/wp-content/uploads/2016/03/erdogan-isis.jpg"},
		{"CanonicalURL", a.CanonicalURL, seedURL},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	checkList(t, "Categories", a.Categories, []string{"ISIS", "latest", "Syria", "Turkey", "Vaska"})
	checkList(t, "Tags", a.Tags, []string{})

	golden := filepath.Join("testdata", "wpdiscuz-seed.body.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(a.BodyText+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if a.BodyText != strings.TrimSuffix(string(want), "\n") {
		t.Errorf("BodyText differs from %s; got:\n%s", golden, a.BodyText)
	}
	if n := strings.Count(a.BodyText, "\n\n") + 1; n != 18 {
		t.Errorf("BodyText has %d paragraphs, want 18", n)
	}
	checkBody(t, a, []string{
		"Further proof of ties between the Turkish military",
		"“The transcripts and the documents", // &#8220; decoded
		"Yeah. We also saw you, your men…\n\nIs it possible",
		"attempting to topple the government of the Republic of Turkey.”",
	}, []string{
		"Reblogged this", "Career Criminal", "this is no longer a secret", "Maria Kowalski", // comments
		"fund-raising", "ways to donate", "keep the site alive", // appeal
		"Share this", "Click to share", // share bar
		"Turkey continues shelling", "Related", // related posts
		"Post navigation", "Previous:", "Guardian Watch", "Recent Comments", "Empire Watch", "Creative Commons", // navigation and chrome
		"Notify of", "Join the discussion", "Inline Feedbacks", // comment form
		"<script", "<hr", "{{BASE}}",
	})
	if !strings.Contains(a.BodyHTML, `src="`+seedBase+`/wp-content/uploads/2016/03/erdogan-isis.jpg"`) {
		t.Errorf("BodyHTML lacks the absolute image URL:\n%s", a.BodyHTML)
	}
	if !strings.Contains(a.BodyHTML, "<blockquote>") {
		t.Errorf("BodyHTML lost the blockquote:\n%s", a.BodyHTML)
	}
}

func TestExtractWordPressThemes(t *testing.T) {
	tests := []struct {
		name, file, url string
		title           string
		authors         []string
		published       string
		language        string
		categories      []string
		tags            []string
		with, without   []string
	}{
		{
			name: "html5 walker", file: "wp-html5.html", url: "https://towpath.example/2021/06/14/canal-locks-restored/",
			title: "How the canal locks were restored", authors: []string{"Dorothy Clegg"},
			published: "2021-06-14T09:30:00+01:00", language: "en-US",
			categories: []string{"History", "Restoration"}, tags: []string{"locks", "volunteers"},
			with: []string{
				"The flight of seven locks at Millbrook had been derelict since 1958",
				"Three winters of work",
				"drain each chamber safely.\nEvery gate was rebuilt", // <br>
				"Seven chambers relined with brick\nFourteen gates replaced\nOne weir rebuilt",
				"Year\tLocks finished\n2018\t2\n2019\t5",
				"once the feeder reservoir has been repaired.",
			},
			without: []string{
				"Harriet Vane", "My grandfather worked", "we would love to hear more", "Leave a Reply", "thoughts on", // comments
				"Share this", "Advertisement", "Related posts", "aqueduct survey", "Sign up for our weekly newsletter",
				"Posted in", "Tagged", "Proudly powered", "Home", "bridges", "onclick", "onload", "<style", "window.dataLayer",
			},
		},
		{
			name: "xhtml walker", file: "wp-xhtml.html", url: "http://longshadows.example/2009/03/05/winter-walk/",
			title: "A winter walk along the old railway", authors: []string{"Peter Wimsey"},
			published: "2009-03-05T10:00:00+01:00", language: "en-GB",
			categories: []string{"Walks"}, tags: []string{"railways", "winter"},
			with: []string{
				"The trackbed between Ashford Halt",
				"“Trains stopped here twice a day until 1963,” the sign says.",
				"ferns grow from every crack in the stone.",
			},
			without: []string{
				"Bunter", "I walked that cutting", "Railway walks roundup", "Responses to", "Leave a Reply", // comments
				"Tags:", "3 Comments", "Snow on the viaduct", "Maps", "proudly powered",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, readFixture(t, tt.file), tt.url, extract.Options{})
			if a.Title != tt.title {
				t.Errorf("Title = %q, want %q", a.Title, tt.title)
			}
			checkList(t, "Authors", a.Authors, tt.authors)
			checkTime(t, "PublishedAt", a.PublishedAt, tt.published)
			if a.Language != tt.language {
				t.Errorf("Language = %q, want %q", a.Language, tt.language)
			}
			checkList(t, "Categories", a.Categories, tt.categories)
			checkList(t, "Tags", a.Tags, tt.tags)
			checkBody(t, a, tt.with, tt.without)
		})
	}
}

func TestExtractResolvesURLs(t *testing.T) {
	a := extractFrom(t, readFixture(t, "wp-html5.html"), "https://towpath.example/2021/06/14/canal-locks-restored/", extract.Options{})
	for _, c := range []struct{ field, got, want string }{
		{"CanonicalURL", a.CanonicalURL, "https://towpath.example/2021/06/14/canal-locks-restored/"},
		{"Image", a.Image, "https://towpath.example/wp-content/uploads/2021/06/locks.jpg"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	for _, s := range []string{`src="https://towpath.example/wp-content/uploads/2021/06/lock3.jpg"`, `href="https://towpath.example/2019/03/02/weir/"`} {
		if !strings.Contains(a.BodyHTML, s) {
			t.Errorf("BodyHTML lacks %s:\n%s", s, a.BodyHTML)
		}
	}
}

func TestExtractOpenGraphOnly(t *testing.T) {
	a := extractFrom(t, readFixture(t, "og-only.html"), "https://lokalblatt.example/politik/radwege-2022?utm=x", extract.Options{})
	for _, c := range []struct{ field, got, want string }{
		{"Title", a.Title, "Stadtrat beschließt neue Radwege"},
		{"SiteName", a.SiteName, "Lokalblatt Nord"},
		{"Language", a.Language, "de-DE"},
		{"CanonicalURL", a.CanonicalURL, "https://lokalblatt.example/politik/radwege-2022"},
		{"Image", a.Image, "https://cdn.lokalblatt.example/img/radweg.jpg"},
		{"Description", a.Description, "Nach langer Debatte stimmt der Rat für zwölf Kilometer neue Radwege."},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	checkList(t, "Authors", a.Authors, []string{"Mara Vogt", "Jonas Reh"})
	checkTime(t, "PublishedAt", a.PublishedAt, "2022-09-08T17:45:00Z")
	checkList(t, "Categories", a.Categories, []string{"Politik"})
	checkList(t, "Tags", a.Tags, []string{"Verkehr", "Radwege"})
	checkBody(t, a,
		[]string{"Nach mehr als zwei Stunden Debatte", "stimmte am Ende aber in großen Teilen zu."},
		[]string{"Twittern", "Jetzt Abo", "Meistgelesen", "Startseite", "Stadtrat beschließt"})
}

func TestExtractWithoutMetadata(t *testing.T) {
	t.Run("title from <title>", func(t *testing.T) {
		a := extractFrom(t, readFixture(t, "no-meta.html"), "http://crumb.example/notes", extract.Options{})
		if want := "Notes on sourdough starters"; a.Title != want {
			t.Errorf("Title = %q, want %q", a.Title, want)
		}
		checkList(t, "Authors", a.Authors, []string{})
		if a.PublishedAt != nil || a.SiteName != "" || a.Language != "" || a.Image != "" || a.CanonicalURL != "" {
			t.Errorf("metadata invented: %+v", a)
		}
		checkBody(t, a,
			[]string{"A starter is nothing more than flour and water", "feed it again."},
			[]string{"Rye loaf", "Recipes", "Copyright"})
	})
	t.Run("title from h1", func(t *testing.T) {
		a := extractFrom(t, `<html><body><div><h1>  Minutes of the
			March meeting </h1><p>The committee met in the village hall and agreed, after some discussion, to repaint the bus shelter.</p></div></body></html>`, "", extract.Options{})
		if want := "Minutes of the March meeting"; a.Title != want {
			t.Errorf("Title = %q, want %q", a.Title, want)
		}
		checkBody(t, a, []string{"to repaint the bus shelter."}, nil)
	})
}

func TestExtractNonArticle(t *testing.T) {
	a := extractFrom(t, readFixture(t, "non-article.html"), "https://saint-ours.example/", extract.Options{})
	if !strings.HasPrefix(a.Title, "Accueil") {
		t.Errorf("Title = %q, want it from <title>", a.Title)
	}
	if a.Language != "fr" {
		t.Errorf("Language = %q, want fr", a.Language)
	}
	checkBody(t, a, nil, []string{"Démarches", "Contact"})
}

func TestExtractOddInput(t *testing.T) {
	tests := []struct{ name, src string }{
		{"empty", ""},
		{"text only", "just some words"},
		{"head only", "<html><head><title>x</title></head></html>"},
		{"broken json-ld", `<script type="application/ld+json">{"@type": "Article", "headline": </script><p>Body</p>`},
		{"json-ld scalar", `<script type="application/ld+json">42</script>`},
		{"deep nesting", strings.Repeat("<div><span>", 200) + "text" + strings.Repeat("</span></div>", 200)},
		{"comment holds everything", `<div id="comments"><h1>Title</h1><p>Only text here, held in a box named comments by a careless theme.</p></div>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractFrom(t, tt.src, "", extract.Options{})
			if a.Authors == nil || a.Categories == nil || a.Tags == nil {
				t.Errorf("nil list in %+v", a)
			}
		})
	}
	t.Run("nil document", func(t *testing.T) {
		a := extract.Extract(nil, nil, extract.Options{})
		if a.Title != "" || a.BodyText != "" {
			t.Errorf("got %+v from nil", a)
		}
		a = extract.Extract(&goquery.Document{}, nil, extract.Options{})
		if a.Title != "" {
			t.Errorf("got %+v from an empty document", a)
		}
	})
}

func TestExtractConcurrent(t *testing.T) {
	src := readSeed(t)
	done := make(chan extract.Article)
	for range 8 {
		go func() {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
			if err != nil {
				t.Error(err)
				done <- extract.Article{}
				return
			}
			u, _ := url.Parse(seedURL)
			done <- extract.Extract(doc, u, extract.Options{})
		}()
	}
	first := <-done
	for range 7 {
		if a := <-done; a.BodyText != first.BodyText || a.Title != first.Title {
			t.Error("concurrent extractions of one page differ")
		}
	}
}
