package cloudinary

import (
	"errors"
	"strings"
)

// Small text matchers and escapes. They stand in for regexp, fmt and
// net/url, which would triple the size of the headless page's wasm.

const upperHex = "0123456789ABCDEF"

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool { return isLower(c) || 'A' <= c && c <= 'Z' || isDigit(c) }

// allOf reports whether every byte of s is accepted by ok.
func allOf(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// isVersion matches v1234.
func isVersion(s string) bool { return len(s) > 1 && s[0] == 'v' && allDigits(s[1:]) }

// isSignature matches an s--…-- signature component.
func isSignature(s string) bool {
	body, ok := strings.CutPrefix(s, "s--")
	body, ok2 := strings.CutSuffix(body, "--")
	return ok && ok2 && len(s) > 5 && allOf(body, func(c byte) bool { return isAlnum(c) || c == '_' || c == '-' })
}

// isDeliveryType matches a type such as upload or twitter_name.
func isDeliveryType(s string) bool {
	return s != "" && isLower(s[0]) && allOf(s, func(c byte) bool { return isLower(c) || isDigit(c) || c == '_' })
}

// isVariable matches a user variable assignment, $name_value.
func isVariable(component string) bool {
	name, value, found := strings.Cut(strings.TrimPrefix(component, "$"), "_")
	return found && component[0] == '$' && name != "" && value != "" && allOf(name, isAlnum)
}

// isRemote reports whether a source is a remote URL (http:/ or https:/).
func isRemote(s string) bool {
	return hasPrefixFold(s, "http:/") || hasPrefixFold(s, "https:/")
}

// lowerASCII lowercases ASCII letters only: URLs and hex digits need no
// more, and Unicode's case tables would weigh on the wasm.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// hasPrefixFold reports whether s starts with the lowercase ASCII prefix,
// in any case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && lowerASCII(s[:len(prefix)]) == prefix
}

// hexUpper writes n in uppercase hex without padding.
func hexUpper(n uint16) string {
	if n < 16 {
		return string(upperHex[n])
	}
	return hexUpper(n>>4) + string(upperHex[n&15])
}

// collapseSlashes turns // into / unless it follows a colon, as the SDKs
// clean a source or transformation.
func collapseSlashes(s string) string {
	if !strings.Contains(s, "//") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if i+2 < len(s) && s[i] != ':' && s[i+1] == '/' && s[i+2] == '/' {
			b.WriteByte('/')
			i += 2
		}
	}
	return b.String()
}

var errBrokenEscape = errors.New("a broken % escape")

// percentDecode undoes %XX escapes; a + stays a +.
func percentDecode(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
			return "", errBrokenEscape
		}
		b.WriteByte(byte(unhex(s[i+1])<<4 | unhex(s[i+2])))
		i += 2
	}
	return b.String(), nil
}

func unhex(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// encodeURIComponent escapes s as JavaScript's encodeURIComponent does,
// leaving the characters in keep as they are. Text with nothing to escape,
// such as most cloud names, comes back as it is, without a copy.
func encodeURIComponent(s, keep string) string {
	var b []byte // nil until the first byte to escape
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAlnum(c) || strings.IndexByte("-_.!~*'()", c) >= 0 || strings.IndexByte(keep, c) >= 0 {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+8), s[:i]...)
		}
		b = appendPercentEscape(b, c)
	}
	if b == nil {
		return s
	}
	return string(b)
}

// percentEscape writes a byte as %XX.
func percentEscape(c byte) string {
	return string(appendPercentEscape(nil, c))
}

func appendPercentEscape(b []byte, c byte) []byte {
	return append(b, '%', upperHex[c>>4], upperHex[c&15])
}

// base64URL encodes b in base64 with the URL-safe alphabet, unpadded: the
// SDKs write standard base64 and then turn + and / into - and _.
// (encoding/base64 would add 2 KB of gzip to the headless page's wasm.)
func base64URL(b []byte) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	out := make([]byte, 0, (len(b)*4+2)/3)
	for i := 0; i < len(b); i += 3 {
		var n uint
		for k := 0; k < 3; k++ {
			n <<= 8
			if i+k < len(b) {
				n |= uint(b[i+k])
			}
		}
		chars := min(4, (len(b)-i)*4/3+1)
		for k := 0; k < chars; k++ {
			out = append(out, alphabet[n>>(18-6*k)&63])
		}
	}
	return string(out)
}
