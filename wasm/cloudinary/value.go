package cloudinary

import (
	"errors"
	"strconv"

	"github.com/cldsign/cldsign/wasm/canon"
)

// FormatValue writes a parameter value the way the JavaScript SDK's
// template strings do (numbers as JavaScript prints them), so that
// signatures agree byte for byte. It is the one rule for writing a value
// as text: the signing page shows values with it too. The second result
// is false for a value that is left out of the signature (nil or "").
func FormatValue(v any) (string, bool, error) {
	if s, isString := v.(string); isString {
		return s, s != "", nil // the common case, taken without a copy
	}
	b, err := appendValue(nil, v)
	if err != nil {
		return "", false, err
	}
	return string(b), len(b) > 0, nil
}

// appendValue appends FormatValue's text for v to b: signing and form
// bodies write values straight into their buffers with it.
func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
	case string:
		b = append(b, v...)
	case bool:
		b = strconv.AppendBool(b, v)
	case int:
		b = strconv.AppendInt(b, int64(v), 10)
	case int64:
		b = strconv.AppendInt(b, v, 10)
	case float64:
		var err error
		if b, err = canon.AppendNumber(b, v); err != nil {
			return b, errors.New("NaN and infinite numbers cannot be signed")
		}
	case []string:
		for i, item := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, item...)
		}
	case []any:
		for i, item := range v {
			if i > 0 {
				b = append(b, ',')
			}
			if _, nested := item.([]any); nested {
				return b, errors.New("arrays inside arrays cannot be signed")
			}
			var err error
			if b, err = appendValue(b, item); err != nil {
				return b, err
			}
		}
	default:
		return b, errors.New("only strings, numbers, booleans and arrays of them can be signed")
	}
	return b, nil
}
