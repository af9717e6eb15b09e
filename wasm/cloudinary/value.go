package cloudinary

import (
	"errors"
	"strconv"
	"strings"

	"github.com/cldsign/cldsign/wasm/canon"
)

// FormatValue writes a parameter value the way the JavaScript SDK's
// template strings do (numbers as JavaScript prints them), so that
// signatures agree byte for byte. It is the one rule for writing a value
// as text: the signing page shows values with it too. The second result
// is false for a value that is left out of the signature (nil or "").
func FormatValue(v any) (string, bool, error) {
	var s string
	switch v := v.(type) {
	case nil:
		return "", false, nil
	case string:
		s = v
	case bool:
		s = strconv.FormatBool(v)
	case int:
		s = strconv.Itoa(v)
	case int64:
		s = strconv.FormatInt(v, 10)
	case float64:
		f, err := canon.Number(v)
		if err != nil {
			return "", false, errors.New("NaN and infinite numbers cannot be signed")
		}
		s = f
	case []string:
		s = strings.Join(v, ",")
	case []any:
		parts := make([]string, len(v))
		for i, item := range v {
			if _, nested := item.([]any); nested {
				return "", false, errors.New("arrays inside arrays cannot be signed")
			}
			p, _, err := FormatValue(item)
			if err != nil {
				return "", false, err
			}
			parts[i] = p
		}
		s = strings.Join(parts, ",")
	default:
		return "", false, errors.New("only strings, numbers, booleans and arrays of them can be signed")
	}
	return s, s != "", nil
}
