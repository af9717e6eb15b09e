package cloudinary

import (
	"errors"
	"strings"
	"unicode/utf16"
)

// SignedURL is a delivery URL with its signature component.
type SignedURL struct {
	URL       string
	Signature string // the whole s--…-- component
}

// SignURL signs a delivery URL as the SDKs' url(public_id, sign_url: true)
// does: the hash covers the transformation and the encoded public id with
// its format, never the version. A public id inside a folder gets version
// 1 when it has none. With long set, the signature is 32 characters of
// SHA-256 whatever the algorithm; otherwise 8 characters of algorithm.
func SignURL(a Asset, secret string, algorithm Algorithm, long bool) (SignedURL, error) {
	if a.PublicID == "" {
		return SignedURL{}, errors.New("public_id is required")
	}
	if a.ResourceType == "" {
		a.ResourceType = "image"
	}
	if a.Type == "" {
		a.Type = "upload"
	}
	source, err := sdkSource(a.PublicID, a.Format)
	if err != nil {
		return SignedURL{}, err
	}
	if a.Version == "" && strings.Contains(source, "/") &&
		!isVersion(strings.SplitN(source, "/", 2)[0]) && !isRemote(source) {
		a.Version = "1"
	}
	a.Transformation = collapseSlashes(a.Transformation)
	toSign := source
	if a.Transformation != "" {
		toSign = a.Transformation + "/" + source
	}
	length := 8
	if long {
		algorithm, length = SHA256, 32
	}
	a.Signature = "s--" + base64URL(algorithm.digest(toSign + secret))[:length] + "--"
	return SignedURL{URL: strings.ReplaceAll(a.assemble(source), " ", "%20"), Signature: a.Signature}, nil
}

// sdkSource encodes a public id and format as the SDKs' finalize_source.
func sdkSource(publicID, format string) (string, error) {
	source := collapseSlashes(publicID)
	if isRemote(source) {
		return smartEscape(source), nil
	}
	decoded, err := percentDecode(source)
	if err != nil {
		return "", errors.New("public_id has a broken % escape")
	}
	source = encodeURIComponent(decoded, ":/")
	if format != "" {
		source += "." + format
	}
	return source, nil
}

// smartEscape writes each UTF-16 code unit of a character outside
// [a-zA-Z0-9_.-/:] as % and its unpadded hex value, exactly as the
// JavaScript SDK's smart_escape does.
func smartEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && (isAlnum(byte(r)) || strings.IndexByte("_.-/:", byte(r)) >= 0) {
			b.WriteRune(r)
			continue
		}
		for _, unit := range utf16.Encode([]rune{r}) {
			b.WriteString("%" + hexUpper(unit))
		}
	}
	return b.String()
}
