package cloudinary

import (
	"errors"

	"github.com/cldsign/cldsign/wasm/sha"
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

// digest hashes data. The sum comes back in an array large enough for
// either algorithm, with its length, so that it stays off the heap.
func (a Algorithm) digest(data []byte) (sum [sha.Size256]byte, length int) {
	if a == SHA256 {
		return sha.SHA256(data), sha.Size256
	}
	short := sha.SHA1(data)
	copy(sum[:], short[:])
	return sum, sha.Size1
}

// Hash returns the lowercase hex digest of text's UTF-8 bytes. It is what
// the legacy sha.html page computed over "public_id=…&timestamp=…<secret>".
func Hash(a Algorithm, text string) string {
	return hexDigest(a, []byte(text))
}

// hexDigest is Hash of bytes: the one string it makes is the result.
func hexDigest(a Algorithm, data []byte) string {
	sum, length := a.digest(data)
	var text [2 * sha.Size256]byte
	return string(appendLowerHex(text[:0], sum[:length]))
}

// appendLowerHex appends b as lowercase hex. encoding/hex would bring fmt
// into the headless page's wasm for its error messages.
func appendLowerHex(out, b []byte) []byte {
	const digits = "0123456789abcdef"
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return out
}
