//go:build js && wasm

// Command bare is the benchmark's floor: the smallest Go wasm that answers
// a message with a SHA-1, to set beside the signer's figures.
package main

import (
	"crypto/sha1"
	"encoding/hex"
	"syscall/js"
)

func main() {
	json := js.Global().Get("JSON")
	deliver := func(event js.Value) {
		data := event.Get("data")
		if data.Type() != js.TypeString {
			data = json.Call("stringify", data)
		}
		sum := sha1.Sum([]byte(data.String()))
		event.Get("source").Call("postMessage", hex.EncodeToString(sum[:]), "*")
	}
	js.Global().Set("bareDeliver", js.FuncOf(func(_ js.Value, args []js.Value) any {
		deliver(args[0])
		return nil
	}))
	queue := js.Global().Get("bareQueue")
	for queue.Length() > 0 {
		deliver(queue.Call("shift"))
	}
	select {}
}
