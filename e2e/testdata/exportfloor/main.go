//go:build js && wasm

// Command exportfloor is the Go export floor: a bare Go wasm that answers
// each message through one exported call, the floor under any Go signer
// built that way.
package main

import "github.com/cldsign/cldsign/e2e/testdata/floor"

func main() {
	floor.Start()
	select {}
}
