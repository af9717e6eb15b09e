//go:build js

package msgjson

import "syscall/js"

var number = js.Global().Get("Number")

// parseNumber converts a JSON number literal other than a small integer
// with the browser's own Number(): the result is the one JavaScript reads,
// and strconv's float parser stays out of the wasm.
func parseNumber(literal string) (float64, bool) {
	return number.Invoke(literal).Float(), true
}
