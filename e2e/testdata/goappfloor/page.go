// Command goappfloor is the go-app floor: go-app's own generated site for a
// one-line component, whose wasm answers each message through one exported
// call. No go-app page can start faster. Built natively, it generates the
// site into the folder named by its argument; built for js/wasm, it is
// the page's wasm.
package main

import "github.com/maxence-charriere/go-app/v9/pkg/app"

type line struct{ app.Compo }

func (*line) Render() app.UI { return app.P().Text("go-app floor") }

func route() { app.Route("/", &line{}) }
