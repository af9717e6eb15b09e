package cloudinary

import (
	"crypto/sha1"
	"crypto/sha256"
	"errors"
)

// Algorithm is the hash Cloudinary signs with. The zero value is SHA-1,
// the SDKs' default.
type Algorithm int

const (
	SHA1 Algorithm = iota
	SHA256
)

// ParseAlgorithm reads the SDKs' spelling of an algorithm; "" means SHA-1.
func ParseAlgorithm(name string) (Algorithm, error) {
	switch name {
	case "", "sha1":
		return SHA1, nil
	case "sha256":
		return SHA256, nil
	}
	return SHA1, errors.New("the signature algorithm must be sha1 or sha256")
}

func (a Algorithm) String() string {
	if a == SHA256 {
		return "sha256"
	}
	return "sha1"
}

func (a Algorithm) digest(text string) []byte {
	if a == SHA256 {
		sum := sha256.Sum256([]byte(text))
		return sum[:]
	}
	sum := sha1.Sum([]byte(text))
	return sum[:]
}

// Hash returns the lowercase hex digest of text's UTF-8 bytes. It is what
// the legacy sha.html page computed over "public_id=…&timestamp=…<secret>".
func Hash(a Algorithm, text string) string {
	return lowerHex(a.digest(text))
}

// lowerHex writes b as lowercase hex. encoding/hex would bring fmt into
// the headless page's wasm for its error messages.
func lowerHex(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}
