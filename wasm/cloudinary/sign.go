package cloudinary

import (
	"bytes"
	"errors"
	"strings"
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
	b, err := appendStringToSign(nil, params.Fields(), allFields, version)
	return string(b), err
}

// Which fields of a call are signed: all of them (SignPairs), or those the
// request layer signs (SignRequest, SignCall).
const (
	allFields    = false
	signedFields = true
)

func appendStringToSign(b []byte, fields Fields, onlySigned bool, version SignatureVersion) ([]byte, error) {
	for _, f := range fields {
		if onlySigned && !IsSigned(f.Name) {
			continue
		}
		pair := len(b)
		if pair > 0 {
			b = append(b, '&')
		}
		b = appendPart(append(b, f.Name...), len(b), version)
		b = append(b, '=')
		value := len(b)
		var err error
		if b, err = appendValue(b, f.Value); err != nil {
			return nil, errors.New(f.Name + ": " + err.Error())
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
func SignPairs(params Params, secret string, opts Options) (Signature, error) {
	return signFields(params.Fields(), allFields, secret, opts)
}

// SignRequest signs the parameters of an API call: it leaves out the keys
// Cloudinary never signs (file, cloud_name, resource_type, api_key,
// signature) and signs the rest as SignPairs does.
func SignRequest(params Params, secret string, opts Options) (Signature, error) {
	return signFields(params.Fields(), signedFields, secret, opts)
}

// SignCall signs the fields of an API call as SignRequest does and
// returns them ready to send: with the signature and, when given, the API
// key, in their places. The endpoint and method are left to the caller,
// which knows the action. The fields must be in bytewise name order, as
// Params.Fields gives them, and SignCall takes them over: like append, it
// may write the signature and key into their array.
func SignCall(fields Fields, apiKey, secret string, opts Options) (APICall, error) {
	sig, err := signFields(fields, signedFields, secret, opts)
	if err != nil {
		return APICall{}, err
	}
	fields = fields.With("signature", sig.Hex)
	if apiKey != "" {
		fields = fields.With("api_key", apiKey)
	}
	return APICall{Signature: sig, Fields: fields}, nil
}

// signFields signs fields already in order. The secret is hashed right
// after the text in one buffer, and only the text before it becomes
// StringToSign.
func signFields(fields Fields, onlySigned bool, secret string, opts Options) (Signature, error) {
	b, err := appendStringToSign(make([]byte, 0, 128), fields, onlySigned, opts.version())
	if err != nil {
		return Signature{}, err
	}
	text := string(b)
	return Signature{Hex: hexDigest(opts.Algorithm, append(b, secret...)), StringToSign: text}, nil
}
