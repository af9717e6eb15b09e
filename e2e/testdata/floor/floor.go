//go:build js && wasm

// Package floor is the Go side of the benchmark's floor pages: one
// exported function that hashes bytes the page wrote into linear memory,
// the least a Go signer can do per message.
package floor

import (
	"crypto/sha1"
	"encoding/hex"
	"syscall/js"
	"unsafe"
)

// buffer is where the page writes a message and reads its hash.
var buffer = make([]byte, 1<<16)

// sha1Hex replaces the first n bytes of the buffer by their SHA-1, in hex.
//
//lint:ignore U1000 the page calls it through its export
//go:wasmexport floor_sha1
func sha1Hex(n uint32) {
	sum := sha1.Sum(buffer[:n])
	hex.Encode(buffer, sum[:])
}

// Start tells the page (floor.js) where the buffer is; the page calls
// floor_sha1 from then on. main must stay blocked afterwards.
func Start() {
	js.Global().Call("floorStarted", uintptr(unsafe.Pointer(unsafe.SliceData(buffer))))
}
