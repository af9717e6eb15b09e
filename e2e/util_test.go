package e2e

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"strconv"
)

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func itoa(i int) string { return strconv.Itoa(i) }

// sdkHex is the SHA-1 hex the SDKs compute, from the standard library.
func sdkHex(text string) string {
	sum := sha1.Sum([]byte(text))
	return hex.EncodeToString(sum[:])
}
