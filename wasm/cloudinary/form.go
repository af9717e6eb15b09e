package cloudinary

import (
	"strings"
	"unicode/utf8"
)

// FormBody writes fields as application/x-www-form-urlencoded text, the
// body an HTTP block can POST with that Content-Type: in their order,
// values written by FormatValue (arrays joined with commas), blanks left
// out, and both escaped exactly as a browser's URLSearchParams does, so
// the text is what such a page would send for the same fields.
func FormBody(fields Fields) (string, error) {
	b := make([]byte, 0, 256) // a destroy or upload body fits
	for _, f := range fields {
		value, present, err := FormatValue(f.Value)
		if err != nil {
			return "", err
		}
		if !present {
			continue
		}
		if len(b) > 0 {
			b = append(b, '&')
		}
		b = appendFormText(b, f.Name)
		b = append(b, '=')
		b = appendFormText(b, value)
	}
	return string(b), nil
}

// appendFormText escapes s as the URL Standard's
// application/x-www-form-urlencoded serializer: ASCII letters, digits and
// *-._ as they are, a space as +, every other UTF-8 byte as %XX. A byte
// that is not UTF-8 is written as U+FFFD, as a browser's string holds it.
func appendFormText(b []byte, s string) []byte {
	var buf [utf8.UTFMax]byte
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (isAlnum(byte(r)) || strings.IndexByte("*-._", byte(r)) >= 0):
			b = append(b, byte(r))
		case r == ' ':
			b = append(b, '+')
		default:
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				b = appendPercentEscape(b, c)
			}
		}
	}
	return b
}
