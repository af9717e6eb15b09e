// Package bundle names the files of cldsign's bundle and the policy its
// pages run under. It imports nothing of the browser or of go-app, so the
// server, the page generator, build.sh and the tests share it.
package bundle

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"strings"
)

// BootScript is the inline script at the top of each page (boot.js). It is
// inline so that the wasm download starts while the page is still being
// parsed, without a second download in engines that do not match a
// <link rel="preload"> to a later fetch (WebKit).
//
//go:embed boot.js
var BootScript string

// CSP allows the pages to load and connect only to their own origin, to
// run the boot script and no other inline script, and to compile their
// wasm. Pages carry it as a <meta> because GitHub Pages cannot set
// headers; the server sends it as a header as well.
var CSP = strings.Join([]string{
	"default-src 'self'",
	"script-src 'self' 'wasm-unsafe-eval' " + scriptHash(BootScript),
	"connect-src 'self'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'", "font-src 'self'",
	"manifest-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'none'",
}, "; ")

// scriptHash is a CSP source that allows exactly one inline script.
func scriptHash(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// File is one servable file of the bundle.
type File struct {
	Path  string // slash-separated, from the repository root
	Built bool   // written by ./build.sh rather than by hand
	Twins bool   // also served precompressed, from Path+".gz" and Path+".br"
}

// list is files.txt, plain text so that build.sh reads it without Go.
//
//go:embed files.txt
var list string

// Files is the bundle, in the order of files.txt.
var Files = mustParse(list)

func mustParse(text string) []File {
	files, err := parse(text)
	if err != nil {
		panic("server/bundle/files.txt: " + err.Error())
	}
	return files
}

func parse(text string) ([]File, error) {
	var files []File
	for n, line := range strings.Split(text, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) != 3 || (fields[0] != "built" && fields[0] != "source") || (fields[1] != "yes" && fields[1] != "no") {
			return nil, fmt.Errorf("line %d: want \"built|source yes|no path\", got %q", n+1, line)
		}
		files = append(files, File{Path: fields[2], Built: fields[0] == "built", Twins: fields[1] == "yes"})
	}
	return files, nil
}

// Paths lists every servable path of the bundle, twins included.
func Paths() []string {
	var paths []string
	for _, f := range Files {
		paths = append(paths, f.Path)
		if f.Twins {
			paths = append(paths, f.Path+".gz", f.Path+".br")
		}
	}
	return paths
}
