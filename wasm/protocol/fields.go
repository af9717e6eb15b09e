package protocol

import (
	"math"
	"strconv"

	"github.com/cldsign/cldsign/wasm/cloudinary"
)

// fields is a decoded request object: plain values, numbers as float64.
type fields = map[string]any

// reader reads a request's fields and keeps the first error, so an action
// reads everything it needs and checks once. A missing, null or empty
// field is absent; a field of the wrong type is an invalid_field error.
type reader struct {
	fields
	err *Error
}

const maxSafeInteger = 1<<53 - 1

func (r *reader) fail(err *Error) {
	if r.err == nil {
		r.err = err
	}
}

// text reads an optional string field; "" when absent.
func (r *reader) text(name string) string {
	switch v := r.fields[name].(type) {
	case nil:
		return ""
	case string:
		return v
	}
	r.fail(invalid(name, "must be a string"))
	return ""
}

// requiredText reads a string field that must be present and not empty.
func (r *reader) requiredText(name string) string {
	v := r.text(name)
	if v == "" {
		r.fail(missing(name))
	}
	return v
}

// exactText reads a required string field in which "" is a value, such as
// the text to hash or a webhook's body.
func (r *reader) exactText(name, why string) string {
	switch v := r.fields[name].(type) {
	case nil:
		r.fail(missing(name))
	case string:
		return v
	default:
		r.fail(invalid(name, why))
	}
	return ""
}

// textOrInteger reads a field that people write either way, such as an
// API key or a version: a string, or a whole number.
func (r *reader) textOrInteger(name string) string {
	if n, ok := r.fields[name].(float64); ok {
		i, valid := positiveInteger(n)
		if !valid {
			r.fail(invalid(name, "must be a string or a whole number"))
			return ""
		}
		return strconv.FormatInt(i, 10)
	}
	return r.text(name)
}

func (r *reader) flag(name string) bool {
	switch v := r.fields[name].(type) {
	case nil:
		return false
	case bool:
		return v
	}
	r.fail(invalid(name, "must be true or false"))
	return false
}

// timestamp reads a Unix time in seconds, a JSON number or a string of
// decimal digits; present is false when the field is absent or null.
func (r *reader) timestamp(name string) (t int64, present bool) {
	valid := false
	switch v := r.fields[name].(type) {
	case nil:
		return 0, false
	case float64:
		t, valid = positiveInteger(v)
	case string:
		t, valid = decimal(v)
	}
	if !valid {
		r.fail(invalid(name, "must be a whole positive number of seconds, at most 2^53"))
		return 0, false
	}
	return t, true
}

func (r *reader) requiredTimestamp(name string) int64 {
	t, present := r.timestamp(name)
	if !present {
		r.fail(missing(name))
	}
	return t
}

// decimal reads a string of digits as a whole number 1 … 2^53-1.
func decimal(s string) (int64, bool) {
	if s == "" || len(s) > 16 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, n > 0 && n <= maxSafeInteger
}

// positiveInteger accepts the whole numbers 1 … 2^53-1.
func positiveInteger(f float64) (int64, bool) {
	if f != math.Trunc(f) || f < 1 || f > maxSafeInteger {
		return 0, false
	}
	return int64(f), true
}

func (r *reader) algorithm(name string) cloudinary.Algorithm {
	a, err := cloudinary.ParseAlgorithm(r.text(name))
	if err != nil {
		r.fail(invalid(name, "must be sha1 or sha256"))
	}
	return a
}

// options reads signature_algorithm and signature_version.
func (r *reader) options() cloudinary.Options {
	algorithm := r.algorithm("signature_algorithm")
	version := -1 // anything but 1 or 2 is refused
	switch v := r.fields["signature_version"].(type) {
	case nil:
		version = 0
	case float64:
		if v == 1 || v == 2 {
			version = int(v)
		}
	case string:
		if v == "1" || v == "2" {
			version = int(v[0] - '0')
		}
	}
	sv, err := cloudinary.ParseSignatureVersion(version)
	if err != nil {
		r.fail(invalid("signature_version", "must be 1 or 2"))
	}
	return cloudinary.Options{Algorithm: algorithm, Version: sv}
}

// seconds reads a whole positive number of seconds, 1 … 2^53-1, or def
// when absent. It stays in seconds: a time.Duration ends at 292 years.
func (r *reader) seconds(name string, def int64) int64 {
	if r.fields[name] == nil {
		return def
	}
	v, _ := r.fields[name].(float64)
	n, ok := positiveInteger(v)
	if !ok {
		r.fail(invalid(name, "must be a whole positive number of seconds, at most 2^53"))
	}
	return n
}
