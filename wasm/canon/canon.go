// Package canon holds the canonical text forms that signatures and replies
// share: the bytewise order of parameter names, and numbers written as
// JavaScript writes them. It imports nothing of the browser, so the
// signing core built on it stays pure Go in every build.
package canon

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

var errNotFinite = errors.New("NaN and infinite numbers have no JSON or signature text")

// AppendNumber appends f as JavaScript's Number.prototype.toString and
// JSON.stringify print it: integers without a fraction, the shortest digits
// that round-trip, and exponent notation outside [1e-6, 1e21).
func AppendNumber(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, errNotFinite
	}
	if f == 0 {
		return append(b, '0'), nil // JavaScript prints -0 as 0 too.
	}
	// Below 2^53 every integer is a float64 of its own, so its shortest
	// round-trip digits are all of its digits: the integer printer gives
	// the same text without the float formatter's work (timestamps, ids).
	abs := math.Abs(f)
	if abs < 1<<53 && f == math.Trunc(f) {
		return strconv.AppendInt(b, int64(f), 10), nil
	}
	if abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, 64), nil
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mantissa, exponent, _ := strings.Cut(s, "e")
	sign, digits := exponent[:1], strings.TrimLeft(exponent[1:], "0")
	return append(append(append(append(b, mantissa...), 'e'), sign...), digits...), nil
}

// SortedKeys returns the keys of m in bytewise order: the order Marshal
// writes them, and the order Cloudinary signs parameters in.
func SortedKeys(m map[string]any) []string {
	return AppendSortedKeys(make([]string, 0, len(m)), m)
}

// AppendSortedKeys appends the keys of m to dst in bytewise order. A
// caller that passes an array's slice keeps the keys of a small map off
// the heap, which the collector in a browser's wasm makes worth doing for
// every message. It is never inlined: its map loop, copied into each
// caller, would add about 2.4 KB of gzip to the headless page's wasm.
//
//go:noinline
func AppendSortedKeys(dst []string, m map[string]any) []string {
	start := len(dst)
	for k := range m {
		dst = append(dst, k)
	}
	sortBytewise(dst[start:])
	return dst
}

// sortBytewise sorts keys in place. It is a merge sort of its own because
// the generic one from slices adds 6 KB of gzip to the headless page's wasm.
func sortBytewise(keys []string) {
	if len(keys) <= 16 {
		// Insertion sort: no scratch space for the few keys of most maps.
		for i := 1; i < len(keys); i++ {
			for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
				keys[j], keys[j-1] = keys[j-1], keys[j]
			}
		}
		return
	}
	from, to := keys, make([]string, len(keys))
	for width := 1; width < len(keys); width *= 2 {
		for lo := 0; lo < len(keys); lo += 2 * width {
			mid, hi := min(lo+width, len(keys)), min(lo+2*width, len(keys))
			i, j := lo, mid
			for k := lo; k < hi; k++ {
				if i < mid && (j >= hi || from[i] <= from[j]) {
					to[k], i = from[i], i+1
				} else {
					to[k], j = from[j], j+1
				}
			}
		}
		from, to = to, from
	}
	copy(keys, from) // from is keys itself after an even number of passes
}
