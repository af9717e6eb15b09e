package cloudinary

import (
	"bytes"
	"errors"
	"strings"

	"github.com/cldsign/cldsign/wasm/canon"
)

// Params are the parameters of an API call. Values may be strings, bools,
// ints, int64s, float64s, []string or []any of those scalars; nil and ""
// are left out, while false and 0 are signed.
type Params map[string]any

// SignatureVersion selects how a key=value pair is written before hashing.
// Version 2, the SDKs' default, writes every & inside a pair as %26 so that
// one value cannot smuggle in another parameter; version 1 leaves it.
type SignatureVersion int

// Options choose how a signature is computed. The zero value signs as the
// SDKs do by default: SHA-1, signature version 2.
type Options struct {
	Algorithm Algorithm
	Version   SignatureVersion
}

func (o Options) version() SignatureVersion {
	if o.Version == 0 {
		return 2
	}
	return o.Version
}

// ParseSignatureVersion accepts 1 or 2; 0 means the default, 2.
func ParseSignatureVersion(n int) (SignatureVersion, error) {
	switch n {
	case 0, 2:
		return 2, nil
	case 1:
		return 1, nil
	}
	return 0, errors.New("the signature version must be 1 or 2")
}

// Signature is a computed API signature with the text it was computed over.
// StringToSign never holds the secret.
type Signature struct {
	Hex          string
	StringToSign string
}

// unsignedKeys are the parameters the SDKs send but never sign.
var unsignedKeys = map[string]bool{
	"file": true, "cloud_name": true, "resource_type": true, "api_key": true, "signature": true,
}

// IsSigned reports whether the request layer signs a parameter named key.
func IsSigned(key string) bool { return !unsignedKeys[key] }

// StringToSign joins exactly the given pairs as the SDKs' api_string_to_sign
// does: values formatted, blanks dropped, keys sorted bytewise, pairs joined
// with &.
func StringToSign(params Params, version SignatureVersion) (string, error) {
	b, err := appendStringToSign(nil, params, version)
	return string(b), err
}

func appendStringToSign(b []byte, params Params, version SignatureVersion) ([]byte, error) {
	var small [8]string // the keys of a call, sorted off the heap
	for _, k := range canon.AppendSortedKeys(small[:0], params) {
		pair := len(b)
		if pair > 0 {
			b = append(b, '&')
		}
		b = appendPart(append(b, k...), len(b), version)
		b = append(b, '=')
		value := len(b)
		var err error
		if b, err = appendValue(b, params[k]); err != nil {
			return nil, errors.New(k + ": " + err.Error())
		}
		if len(b) == value { // a blank value: the pair is left out
			b = b[:pair]
			continue
		}
		b = appendPart(b, value, version)
	}
	return b, nil
}

// appendPart finishes a key or value of a pair, written from start on;
// version 2 writes each & as %26, so that no value can smuggle in another
// parameter.
func appendPart(b []byte, start int, version SignatureVersion) []byte {
	if version == 1 || bytes.IndexByte(b[start:], '&') < 0 {
		return b
	}
	part := strings.ReplaceAll(string(b[start:]), "&", "%26")
	return append(b[:start], part...)
}

// SignPairs signs exactly the given pairs, like the SDKs' api_sign_request.
// The secret is hashed right after the text in one buffer, and only the
// text before it becomes StringToSign.
func SignPairs(params Params, secret string, opts Options) (Signature, error) {
	b, err := appendStringToSign(make([]byte, 0, 128), params, opts.version())
	if err != nil {
		return Signature{}, err
	}
	text := string(b)
	return Signature{Hex: hexDigest(opts.Algorithm, append(b, secret...)), StringToSign: text}, nil
}

// SignRequest signs the parameters of an API call: it leaves out the keys
// Cloudinary never signs (file, cloud_name, resource_type, api_key,
// signature) and signs the rest with SignPairs.
func SignRequest(params Params, secret string, opts Options) (Signature, error) {
	signed := make(Params, len(params))
	for k, v := range params {
		if IsSigned(k) {
			signed[k] = v
		}
	}
	return SignPairs(signed, secret, opts)
}
