package cloudinary

import (
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
	keys := canon.SortedKeys(params)
	var b strings.Builder
	b.Grow(32 * len(keys))
	for _, k := range keys {
		value, present, err := FormatValue(params[k])
		if err != nil {
			return "", errors.New(k + ": " + err.Error())
		}
		if !present {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		writePart(&b, k, version)
		b.WriteByte('=')
		writePart(&b, value, version)
	}
	return b.String(), nil
}

// writePart writes a key or value of a pair; version 2 writes each & as
// %26, so that no value can smuggle in another parameter.
func writePart(b *strings.Builder, s string, version SignatureVersion) {
	if version != 1 {
		s = strings.ReplaceAll(s, "&", "%26") // s itself, unallocated, when it has none
	}
	b.WriteString(s)
}

// SignPairs signs exactly the given pairs, like the SDKs' api_sign_request.
func SignPairs(params Params, secret string, opts Options) (Signature, error) {
	text, err := StringToSign(params, opts.version())
	if err != nil {
		return Signature{}, err
	}
	return Signature{Hex: Hash(opts.Algorithm, text+secret), StringToSign: text}, nil
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
