package web_test

import (
	"os"
	"testing"

	"github.com/strata-archive/strata/web"
)

func TestDump(t *testing.T) {
	s := newServer(t, newFixture(t), web.Options{})
	for name, target := range map[string]string{"home": "/", "article": "/article?" + q(editedURL), "diff": "/diff?" + q(editedURL, "from", "1", "to", "2"), "hostile": "/article?" + q(hostileURL), "nots": "/diff?" + q(incompleteURL)} {
		_, body := get(t, s, target)
		os.WriteFile("/tmp/dump-"+name+".html", []byte(body), 0o644)
	}
}
