package cloudinary

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// formatValue writes a parameter value the way the JavaScript SDK's
// template strings do, so that signatures agree byte for byte. The second
// result is false for a value that is left out of the signature (nil or "").
func formatValue(v any) (string, bool, error) {
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
		f, err := FormatNumber(v)
		if err != nil {
			return "", false, err
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
			p, _, err := formatValue(item)
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

// FormatNumber prints f as JavaScript's Number.prototype.toString does:
// integers without a fraction, the shortest round-tripping digits, and
// exponent notation outside [1e-6, 1e21).
func FormatNumber(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", errors.New("NaN and infinite numbers cannot be signed")
	}
	if f == 0 {
		return "0", nil // JavaScript prints -0 as 0 too.
	}
	if abs := math.Abs(f); abs >= 1e-6 && abs < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mantissa, exponent, _ := strings.Cut(s, "e")
	sign, digits := exponent[:1], strings.TrimLeft(exponent[1:], "0")
	return mantissa + "e" + sign + digits, nil
}
