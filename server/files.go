package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/cldsign/cldsign/server/site"
)

// file is one servable bundle file and its precompressed twins.
type file struct {
	contentType string
	etag        string
	plain       []byte
	gzip, br    []byte
}

// bundle serves the files of the signer and nothing else: sources, go.mod
// and .git are never in it, whatever folder it was read from.
type bundle struct {
	files   map[string]*file
	modTime time.Time
}

// loadBundle reads the servable files of fsys into memory.
func loadBundle(fsys fs.FS) (*bundle, error) {
	b := &bundle{files: map[string]*file{}, modTime: time.Now()}
	add := func(name string) error {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		f := &file{contentType: contentType(name), etag: `"` + hex.EncodeToString(sum[:12]) + `"`, plain: data}
		f.gzip, _ = fs.ReadFile(fsys, name+".gz")
		f.br, _ = fs.ReadFile(fsys, name+".br")
		b.files[name] = f
		return nil
	}
	for _, name := range site.Generated { // the bundle's files outside web/
		if err := add(name); err != nil {
			return nil, fmt.Errorf("the bundle lacks %s: %w", name, err)
		}
	}
	err := fs.WalkDir(fsys, "web", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") {
			return err
		}
		return add(name)
	})
	return b, err
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".js":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func (b *bundle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", site.CSP)
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	f, ok := b.files[name]
	if !ok || name != path.Clean(name) {
		http.NotFound(w, r)
		return
	}
	// Every name is stable across builds, so every file revalidates; the
	// ETag makes that a cheap 304, and the service worker keeps it offline.
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", f.etag)
	h.Set("Content-Type", f.contentType)
	h.Add("Vary", "Accept-Encoding")
	body := f.plain
	switch accept := r.Header.Get("Accept-Encoding"); {
	case f.br != nil && acceptsEncoding(accept, "br"):
		h.Set("Content-Encoding", "br")
		body = f.br
	case f.gzip != nil && acceptsEncoding(accept, "gzip"):
		h.Set("Content-Encoding", "gzip")
		body = f.gzip
	}
	http.ServeContent(w, r, name, b.modTime, bytes.NewReader(body))
}

// acceptsEncoding reports whether an Accept-Encoding header allows coding.
func acceptsEncoding(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			q, _ = strconv.ParseFloat(v, 64)
		}
		return q > 0
	}
	return false
}
