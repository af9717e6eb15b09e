//go:build js && wasm

// Command lean is the wasm of bridge.html, the headless page for hidden
// WebViewers: the message bridge and the signing core, nothing else.
package main

import (
	"github.com/cldsign/cldsign/wasm/bridge"
)

func main() {
	bridge.Start()
	select {} // keep serving: an exported call after main returns aborts the runtime
}
