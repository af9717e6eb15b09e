package protocol

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"

	"github.com/cldsign/cldsign/wasm/cloudinary"
)

// fields is a decoded request object. Its accessors return absent for a
// missing, null or empty-string field and a field error for a wrong type.
type fields map[string]any

const maxSafeInteger = 1<<53 - 1

var digitsPattern = regexp.MustCompile(`^[0-9]+$`)

// text reads a string field; present is false when it is absent or empty.
func (f fields) text(name string) (value string, present bool, err *Error) {
	switch v := f[name].(type) {
	case nil:
		return "", false, nil
	case string:
		return v, v != "", nil
	}
	return "", false, invalid(name, "must be a string")
}

// requiredText reads a string field that must be present and not empty.
func (f fields) requiredText(name string) (string, *Error) {
	v, present, err := f.text(name)
	if err == nil && !present {
		err = missing(name)
	}
	return v, err
}

// textOrInteger reads a field that people write either way, such as an
// API key or a version: a string, or a whole number written in decimal.
func (f fields) textOrInteger(name string) (string, bool, *Error) {
	if n, ok := f[name].(json.Number); ok {
		i, err := positiveInteger(n)
		if err != nil {
			return "", false, invalid(name, "must be a string or a whole number")
		}
		return strconv.FormatInt(i, 10), true, nil
	}
	return f.text(name)
}

func (f fields) flag(name string) (bool, *Error) {
	switch v := f[name].(type) {
	case nil:
		return false, nil
	case bool:
		return v, nil
	}
	return false, invalid(name, "must be true or false")
}

// timestamp reads a Unix time in seconds, a JSON number or a string of
// decimal digits; present is false when the field is absent or null.
func (f fields) timestamp(name string) (int64, bool, *Error) {
	var (
		t   int64
		err error
	)
	switch v := f[name].(type) {
	case nil:
		return 0, false, nil
	case json.Number:
		t, err = positiveInteger(v)
	case string:
		if !digitsPattern.MatchString(v) {
			return 0, false, invalid(name, "must be a whole number of seconds")
		}
		t, err = positiveInteger(json.Number(v))
	default:
		return 0, false, invalid(name, "must be a whole number of seconds")
	}
	if err != nil {
		return 0, false, invalid(name, "must be a whole positive number of seconds, at most 2^53")
	}
	return t, true, nil
}

// positiveInteger accepts 1 … 2^53-1 written as a whole number.
func positiveInteger(n json.Number) (int64, error) {
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(string(n), 64)
		if ferr != nil || f != math.Trunc(f) || f > maxSafeInteger {
			return 0, strconv.ErrRange
		}
		i = int64(f)
	}
	if i <= 0 || i > maxSafeInteger {
		return 0, strconv.ErrRange
	}
	return i, nil
}

func (f fields) options() (cloudinary.Options, *Error) {
	algorithm, err := f.algorithm("signature_algorithm")
	if err != nil {
		return cloudinary.Options{}, err
	}
	version := -1 // anything but 1 or 2 is refused
	switch v := f["signature_version"].(type) {
	case nil:
		version = 0
	case json.Number, string:
		if s := fmt.Sprint(v); s == "1" || s == "2" {
			version = int(s[0] - '0')
		}
	}
	sv, verr := cloudinary.ParseSignatureVersion(version)
	if verr != nil {
		return cloudinary.Options{}, invalid("signature_version", "must be 1 or 2")
	}
	return cloudinary.Options{Algorithm: algorithm, Version: sv}, nil
}

func (f fields) algorithm(name string) (cloudinary.Algorithm, *Error) {
	v, _, err := f.text(name)
	if err != nil {
		return cloudinary.SHA1, err
	}
	a, perr := cloudinary.ParseAlgorithm(v)
	if perr != nil {
		return cloudinary.SHA1, invalid(name, "must be sha1 or sha256")
	}
	return a, nil
}

// seconds reads a positive duration in seconds, or def when absent.
func (f fields) seconds(name string, def time.Duration) (time.Duration, *Error) {
	n, ok := f[name].(json.Number)
	if f[name] == nil {
		return def, nil
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if !ok || err != nil || v <= 0 || v > maxSafeInteger {
		return 0, invalid(name, "must be a positive number of seconds")
	}
	return time.Duration(v * float64(time.Second)), nil
}
