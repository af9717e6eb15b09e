//go:build js && wasm

package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/norunners/vert"
)

// readObject fills into, a pointer to a struct, or to a slice of structs,
// whose fields carry js tags, from a browser object: vert reads each
// tagged field in turn, and answers a value of another shape with an error
// rather than a panic.
func readObject(object app.Value, into any) error {
	return vert.Value{Value: app.JSValue(object)}.AssignTo(into)
}
