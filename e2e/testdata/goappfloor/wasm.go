//go:build js && wasm

package main

import (
	"github.com/cldsign/cldsign/e2e/testdata/floor"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	route()
	floor.Start()
	app.RunWhenOnBrowser()
}
