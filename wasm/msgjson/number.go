//go:build !js

package msgjson

import "strconv"

// parseNumber converts a JSON number literal other than a small integer.
func parseNumber(literal string) (float64, bool) {
	f, err := strconv.ParseFloat(literal, 64)
	return f, err == nil
}
