package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/cldsign/cldsign/server/bundle"
)

// file is one servable bundle file and its precompressed twins.
type file struct {
	contentType string
	plain       body
	gzip, br    body // empty when the bundle has no such twin
}

// body is one encoding of a file. Each has its own strong ETag: RFC 9110
// (8.8.3) wants two representations that differ in bytes to differ in
// ETag, and a cache keying on it must never hand gzip to a client that
// asked for brotli.
type body struct {
	data []byte
	etag string
}

func newBody(data []byte) body {
	sum := sha256.Sum256(data)
	return body{data: data, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

// bundleServer serves the files of the signer and nothing else: sources,
// go.mod and .git are never in it, whatever folder it was read from.
type bundleServer struct {
	files   map[string]*file
	modTime time.Time
}

// loadBundle reads the files server/bundle lists from fsys into memory.
func loadBundle(fsys fs.FS) (*bundleServer, error) {
	b := &bundleServer{files: map[string]*file{}, modTime: time.Now()}
	for _, listed := range bundle.Files {
		data, err := fs.ReadFile(fsys, listed.Path)
		if err != nil {
			return nil, fmt.Errorf("the bundle lacks %s: %w", listed.Path, err)
		}
		f := &file{contentType: contentType(listed.Path), plain: newBody(data)}
		if listed.Twins {
			if f.gzip, err = readTwin(fsys, listed.Path+".gz"); err == nil {
				f.br, err = readTwin(fsys, listed.Path+".br")
			}
			if err != nil {
				return nil, err
			}
		}
		b.files[listed.Path] = f
	}
	return b, nil
}

// readTwin reads a precompressed copy; a bundle built without them serves
// the plain file alone.
func readTwin(fsys fs.FS, name string) (body, error) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return body{}, nil
	}
	if err != nil {
		return body{}, err
	}
	return newBody(data), nil
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

func (b *bundleServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", bundle.CSP)
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
	h.Set("Content-Type", f.contentType)
	h.Add("Vary", "Accept-Encoding")
	chosen := f.plain
	switch accept := r.Header.Get("Accept-Encoding"); {
	case f.br.data != nil && acceptsEncoding(accept, "br"):
		h.Set("Content-Encoding", "br")
		chosen = f.br
	case f.gzip.data != nil && acceptsEncoding(accept, "gzip"):
		h.Set("Content-Encoding", "gzip")
		chosen = f.gzip
	}
	h.Set("ETag", chosen.etag)
	http.ServeContent(w, r, name, b.modTime, bytes.NewReader(chosen.data))
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
