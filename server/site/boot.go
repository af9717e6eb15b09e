package site

import "github.com/cldsign/cldsign/server/bundle"

// bootTag is the boot script for a page whose wasm is at wasmURL; with
// instantiate, the page glue starts the wasm itself (bridge.html), without
// it go-app's app.js does (index.html).
func bootTag(wasmURL string, instantiate bool) string {
	attributes := ` data-wasm="` + wasmURL + `"`
	if instantiate {
		attributes += " data-instantiate"
	}
	return "<script" + attributes + ">" + bundle.BootScript + "</script>\n"
}
