package cloudinary

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// SignedURL is a delivery URL with its signature component.
type SignedURL struct {
	URL       string
	Signature string // the whole s--…-- component
}

// SignURL signs a delivery URL as the SDKs' url(public_id, sign_url: true)
// does: the hash covers the transformation and the encoded public id with
// its format, never the version. a.PublicID is the id itself, without
// percent escapes, as ParseURL and DecodePublicID give it. A public id
// inside a folder gets version 1 when it has none. With long set, the
// signature is 32 characters of SHA-256 whatever the algorithm; otherwise
// 8 characters of algorithm.
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
	source := sdkSource(a.PublicID, a.Format)
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
	sum, size := algorithm.digest([]byte(toSign + secret))
	a.Signature = "s--" + base64URL(sum[:size])[:length] + "--"
	return SignedURL{URL: strings.ReplaceAll(a.assemble(source), " ", "%20"), Signature: a.Signature}, nil
}

// DecodePublicID reads a public id the way the npm SDK's url() does before
// it encodes it (finalize_source: encodeURIComponent(decodeURIComponent(source))):
// one level of percent escapes is undone, so "deals/50%25off" is the id
// "deals/50%off" and "a%41" is "aA". A remote URL is taken as written, as
// the SDK only escapes it. Where the escapes do not decode to UTF-8 text
// ("100%", "caf%E9"), npm's decodeURIComponent throws; the id is then
// taken as written, as pycloudinary's unquote leaves a lone "%".
func DecodePublicID(id string) string {
	if isRemote(collapseSlashes(id)) {
		return id
	}
	decoded, err := percentDecode(id)
	if err != nil || !utf8.ValidString(decoded) {
		return id
	}
	return decoded
}

// sdkSource encodes a public id and format as the SDKs' finalize_source.
func sdkSource(publicID, format string) string {
	source := collapseSlashes(publicID)
	if isRemote(source) {
		return smartEscape(source)
	}
	source = encodeURIComponent(source, ":/")
	if format != "" {
		source += "." + format
	}
	return source
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
