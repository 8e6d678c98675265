package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/store"
)

// warcRecordOptions are used for every record written: WARC/1.1, SHA-1
// digests in base 32 (what CDX indexes and replay tools expect), added by
// the builder, which validates every record strictly before it is written.
var warcRecordOptions = []gowarc.WarcRecordOption{
	gowarc.WithVersion(gowarc.V1_1),
	gowarc.WithStrictValidation(),
	gowarc.WithAddMissingDigest(true),
	gowarc.WithDefaultDigestAlgorithm("sha1"),
	gowarc.WithDefaultDigestEncoding(gowarc.Base32),
}

// warcWriter writes WARC records to w, each as its own gzip member.
type warcWriter struct {
	w      *bufio.Writer
	gz     *gzip.Writer
	m      gowarc.Marshaler
	infoID string
}

// exportWARC writes the selected versions to w as a gzipped WARC file;
// filename, if known, goes in the warcinfo record.
func exportWARC(ctx context.Context, st *store.Store, w io.Writer, walk store.WalkOptions, filename string) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	ww := &warcWriter{w: bw, gz: gzip.NewWriter(bw), m: gowarc.NewMarshaler()}
	if err := ww.writeInfo(filename); err != nil {
		return fmt.Errorf("export warc: %w", err)
	}
	walk.Body = true
	err := st.Walk(walk, func(v *store.Version) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return ww.writeVersion(v)
	})
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("export warc: %w", err)
	}
	return nil
}

// write builds a record of type rt with headers and content, and writes
// it as one gzip member. It returns the record's ID.
func (ww *warcWriter) write(rt gowarc.RecordType, headers [][2]string, content []byte) (string, error) {
	b := gowarc.NewRecordBuilder(rt, warcRecordOptions...)
	defer b.Close()
	for _, h := range headers {
		b.AddWarcHeader(h[0], h[1])
	}
	if _, err := b.Write(content); err != nil {
		return "", err
	}
	rec, _, err := b.Build()
	if err != nil {
		return "", fmt.Errorf("build %s record: %w", rt, err)
	}
	defer rec.Close()
	ww.gz.Reset(ww.w)
	if _, _, err := ww.m.Marshal(ww.gz, rec, 0); err != nil {
		return "", fmt.Errorf("write %s record: %w", rt, err)
	}
	if err := ww.gz.Close(); err != nil {
		return "", fmt.Errorf("write %s record: %w", rt, err)
	}
	return rec.RecordId(), nil
}

// writeInfo writes the warcinfo record that opens the file.
func (ww *warcWriter) writeInfo(filename string) error {
	fields := &gowarc.WarcFields{}
	fields.Add("software", "strata")
	fields.Add("format", "WARC File Format 1.1")
	fields.Add("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")
	fields.Add("description", "Exported from a strata archive. Request records are rebuilt from the URL "+
		"(strata keeps no request headers); response records hold the stored raw capture; each "+
		"metadata record holds the JSON of the snapshot extracted from the response it refers to.")
	var content bytes.Buffer
	if _, err := fields.Write(&content); err != nil {
		return err
	}
	headers := [][2]string{
		{gowarc.WarcDate, time.Now().UTC().Format(time.RFC3339)},
		{gowarc.ContentType, gowarc.ApplicationWarcFields},
	}
	if filename != "" {
		headers = append(headers, [2]string{gowarc.WarcFilename, filename})
	}
	id, err := ww.write(gowarc.Warcinfo, headers, content.Bytes())
	ww.infoID = id
	return err
}

// writeVersion writes the request, response and metadata records of one
// version. A version saved without raw bytes gets only its metadata.
func (ww *warcWriter) writeVersion(v *store.Version) error {
	snap, capture := v.Snapshot, v.Capture
	date := capture.FetchedAt
	if date.IsZero() {
		date = snap.FetchedAt
	}
	warcDate := date.UTC().Format(time.RFC3339)
	common := func(target string) [][2]string {
		return [][2]string{
			{gowarc.WarcDate, warcDate},
			{gowarc.WarcTargetURI, target},
			{gowarc.WarcWarcinfoID, "<" + ww.infoID + ">"},
		}
	}

	var responseID string
	if snap.RawSHA256 != "" && capture.Body != nil {
		target := capture.FinalURL
		if target == "" {
			target = capture.URL
		}
		if target == "" {
			target = snap.URL
		}
		response, truncated := httpResponse(capture)
		headers := append(common(target), [2]string{gowarc.ContentType, "application/http;msgtype=response"})
		if truncated {
			headers = append(headers, [2]string{gowarc.WarcTruncated, "length"})
		}
		var err error
		if responseID, err = ww.write(gowarc.Response, headers, response); err != nil {
			return fmt.Errorf("%s version %d: %w", snap.URL, snap.Version, err)
		}
		request, err := httpRequest(target)
		if err != nil {
			return fmt.Errorf("%s version %d: %w", snap.URL, snap.Version, err)
		}
		headers = append(common(target),
			[2]string{gowarc.ContentType, "application/http;msgtype=request"},
			[2]string{gowarc.WarcConcurrentTo, "<" + responseID + ">"})
		if _, err := ww.write(gowarc.Request, headers, request); err != nil {
			return fmt.Errorf("%s version %d: %w", snap.URL, snap.Version, err)
		}
	}

	js, err := json.Marshal(snap)
	if err != nil {
		return fmt.Errorf("%s version %d: encode snapshot: %w", snap.URL, snap.Version, err)
	}
	headers := append(common(snap.URL), [2]string{gowarc.ContentType, "application/json"})
	if responseID != "" {
		headers = append(headers, [2]string{gowarc.WarcRefersTo, "<" + responseID + ">"})
	}
	if _, err := ww.write(gowarc.Metadata, headers, js); err != nil {
		return fmt.Errorf("%s version %d: %w", snap.URL, snap.Version, err)
	}
	return nil
}

// httpResponse rebuilds the HTTP response of a capture: status line, the
// stored header in a stable order, and the stored body. Content-Length is
// set to the stored body's length and Transfer-Encoding dropped (the body
// is stored de-chunked); the originals are kept as X-Archive-Orig-*. It
// reports whether the body was cut at the size cap.
func httpResponse(c *strata.Capture) ([]byte, bool) {
	status := c.Status
	if status == 0 {
		status = http.StatusOK
	}
	h := c.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	for _, name := range []string{"Content-Length", "Transfer-Encoding"} {
		if vs := h.Values(name); len(vs) > 0 && (name != "Content-Length" || vs[0] != strconv.Itoa(len(c.Body))) {
			h["X-Archive-Orig-"+name] = vs
		}
		h.Del(name)
	}
	h.Set("Content-Length", strconv.Itoa(len(c.Body)))

	var b bytes.Buffer
	text := http.StatusText(status)
	if text == "" {
		text = "Status " + strconv.Itoa(status)
	}
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, text)
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range h[name] {
			fmt.Fprintf(&b, "%s: %s\r\n", name, sanitizeHeader(v))
		}
	}
	b.WriteString("\r\n")
	b.Write(c.Body)
	return b.Bytes(), c.Truncated
}

// httpRequest rebuilds the GET request of target.
func httpRequest(target string) ([]byte, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("rebuild request: %w", err)
	}
	return fmt.Appendf(nil, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", u.RequestURI(), u.Host), nil
}

// sanitizeHeader keeps a header value on one line.
func sanitizeHeader(v string) string {
	return string(bytes.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, []byte(v)))
}
