package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// raw serves the raw capture of a version as plain text (or, with
// download=1, as an attachment): never as HTML in the viewer's origin.
func (s *Server) raw(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, "raw", func(st *store.Store, key string, v int) ([]byte, error) {
		capture, err := st.Capture(key, v)
		if err != nil {
			return nil, err
		}
		if capture.Body == nil {
			return nil, fmt.Errorf("version %d was saved without its raw capture: %w", v, strata.ErrNotFound)
		}
		return capture.Body, nil
	})
}

// json serves the snapshot of a version: the export contract of
// `strata show --json`.
func (s *Server) json(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, "json", func(st *store.Store, key string, v int) ([]byte, error) {
		snap, err := st.Snapshot(key, v)
		if err != nil {
			return nil, err
		}
		b, err := json.MarshalIndent(snap, "", "  ")
		return append(b, '\n'), err
	})
}

// export reads what load returns for the url and v parameters and sends it
// with headers that keep a browser from running it.
func (s *Server) export(w http.ResponseWriter, r *http.Request, kind string, load func(*store.Store, string, int) ([]byte, error)) {
	raw, v, err := targetVersion(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	var (
		key  string
		body []byte
	)
	err = s.withStore(func(st *store.Store) error {
		var versions []store.VersionInfo
		var err error
		if key, versions, err = resolveURL(st, raw); err != nil {
			return err
		}
		if v == 0 {
			v = len(versions)
		}
		body, err = load(st, key, v)
		return err
	})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", RawCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	ext := ".json"
	if kind == "raw" {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		ext = ".html.txt"
	} else {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	name := fileName(key, v) + ext
	if r.URL.Query().Get("download") == "1" {
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	} else {
		h.Set("Content-Disposition", `inline; filename="`+name+`"`)
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileName names a download after the archived URL and the version.
func fileName(u string, v int) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	name := strings.Trim(unsafeName.ReplaceAllString(u, "-"), "-.")
	if len(name) > 100 {
		name = name[:100]
	}
	return fmt.Sprintf("%s-v%d", name, v)
}
