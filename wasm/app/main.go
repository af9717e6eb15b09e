//go:build js && wasm

// Command app is the wasm of the signing page, index.html: the go-app UI,
// which also answers messages from a WebViewer host.
//
// It must never reference app.Handler or net/http: either drags megabytes of
// server code into the wasm.
package main

import (
	"github.com/cldsign/cldsign/wasm/bridge"
	"github.com/cldsign/cldsign/wasm/ui"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	ui.Register()
	bridge.StartBeforeRendering() // the messages that came while the wasm loaded are answered first
	app.RunWhenOnBrowser()
}
