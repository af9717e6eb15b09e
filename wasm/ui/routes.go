// Package ui is the signing page: go-app components that let a person sign
// Cloudinary requests by hand. It compiles natively too, so the generator
// can prerender the page.
package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Register routes every path to the signer, so the page works under any
// base path a fork is published at.
func Register() {
	app.RouteWithRegexp("^/.*", &Signer{})
}
