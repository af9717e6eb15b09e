//go:build !(js && wasm)

package ui

import (
	"errors"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// readObject has no browser object to read where the page is prerendered.
func readObject(app.Value, any) error {
	return errors.New("no browser objects outside the browser")
}
