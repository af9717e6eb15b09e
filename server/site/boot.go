package site

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"strings"
)

// bootScript is the inline script at the top of each page (boot.js). It is
// inline so that the wasm download starts while the page is still being
// parsed, without a second download in engines that do not match a
// <link rel="preload"> to a later fetch (WebKit).
//
//go:embed boot.js
var bootScript string

// bootTag is the boot script for a page whose wasm is at wasmURL; with
// instantiate, the page glue starts the wasm itself (bridge.html), without
// it go-app's app.js does (index.html).
func bootTag(wasmURL string, instantiate bool) string {
	attributes := ` data-wasm="` + wasmURL + `"`
	if instantiate {
		attributes += " data-instantiate"
	}
	return "<script" + attributes + ">" + bootScript + "</script>\n"
}

// scriptHash is a CSP source that allows exactly one inline script.
func scriptHash(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// CSP allows the pages to load and connect only to their own origin, to
// run the boot script and no other inline script, and to compile their
// wasm. Pages carry it as a <meta> because GitHub Pages cannot set
// headers; the server sends it as a header as well.
var CSP = strings.Join([]string{
	"default-src 'self'",
	"script-src 'self' 'wasm-unsafe-eval' " + scriptHash(bootScript),
	"connect-src 'self'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'", "font-src 'self'",
	"manifest-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'none'",
}, "; ")

// policyTag carries the policy in a page. A policy governs only what comes
// after it, so each page has it right after its charset.
var policyTag = `<meta content="` + CSP + `" http-equiv="Content-Security-Policy">` + "\n"
