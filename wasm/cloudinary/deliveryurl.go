package cloudinary

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// ErrNotDeliveryURL is wrapped by the errors ParseURL returns for text
// that is not a delivery URL.
var ErrNotDeliveryURL = errors.New("not a Cloudinary delivery URL")

// ErrPublicIDNotUTF8 is ParseURL's error for a delivery URL whose public
// id does not decode to UTF-8 text (…/caf%E9.jpg). No SDK writes such a
// URL, and a host would receive the id with U+FFFD in place of the bytes,
// so the id it posted would not be the id that was signed.
var ErrPublicIDNotUTF8 = errors.New("the URL's public id is not UTF-8 text once percent-decoded")

// Asset is a delivery URL read into its parts. PublicID is decoded (no
// percent escapes); the other fields are as the URL wrote them.
type Asset struct {
	Host           string // res.cloudinary.com, a private CDN host or a custom domain
	CloudName      string // empty when neither host nor path names it
	ResourceType   string // image, video or raw
	Type           string // upload, private, authenticated, fetch, …
	Signature      string // an existing s--…-- component
	Transformation string // transformation segments joined by "/"
	Version        string // digits, without the leading v
	PublicID       string
	Format         string // the extension; empty for raw assets and remote URLs
}

const sharedHost = "res.cloudinary.com"

// isSharedHost matches res.cloudinary.com, res-3.cloudinary.com and the
// old shared Akamai host, where the cloud name starts the path.
func isSharedHost(host string) bool {
	if host == sharedHost || host == "cloudinary-a.akamaihd.net" {
		return true
	}
	n, ok := strings.CutPrefix(host, "res-")
	n, ok2 := strings.CutSuffix(n, ".cloudinary.com")
	return ok && ok2 && allDigits(n)
}

// privateCloud reads the cloud name of a private CDN host,
// <cloud>-res.cloudinary.com or <cloud>-res-2.cloudinary.com.
func privateCloud(host string) (string, bool) {
	name, ok := strings.CutSuffix(host, ".cloudinary.com")
	i := strings.LastIndex(name, "-res")
	if !ok || i <= 0 {
		return "", false
	}
	if rest := name[i+4:]; rest != "" && (rest[0] != '-' || !allDigits(rest[1:])) {
		return "", false
	}
	cloud := name[:i]
	if !isLower(cloud[0]) && !isDigit(cloud[0]) || !allOf(cloud, func(c byte) bool { return isLower(c) || isDigit(c) || c == '-' }) {
		return "", false
	}
	return cloud, true
}

var resourceTypes = map[string]bool{"image": true, "video": true, "raw": true}

// transformationKeys are the parameter names of Cloudinary's transformation
// language; a path segment made only of key_value components is read as a
// transformation.
var transformationKeys = map[string]bool{
	"a": true, "ac": true, "af": true, "ar": true, "b": true, "bo": true, "br": true,
	"c": true, "co": true, "cs": true, "d": true, "dl": true, "dn": true, "dpr": true,
	"du": true, "e": true, "eo": true, "f": true, "fl": true, "fn": true, "fps": true,
	"g": true, "h": true, "if": true, "ki": true, "l": true, "o": true, "p": true,
	"pg": true, "q": true, "r": true, "so": true, "sp": true, "t": true, "u": true,
	"vc": true, "vs": true, "w": true, "x": true, "y": true, "z": true,
}

func isTransformation(segment string) bool {
	if segment == "" {
		return false
	}
	for _, component := range strings.Split(segment, ",") {
		if isVariable(component) {
			continue
		}
		key, value, found := strings.Cut(component, "_")
		if !found || value == "" || !transformationKeys[key] {
			return false
		}
	}
	return true
}

// ambiguous reports whether a segment at the start of a public id would be
// read as something else: a signature, a transformation or a version.
func ambiguous(segment string) bool {
	return isSignature(segment) || isTransformation(segment) || isVersion(segment)
}

// deliveryError says why a URL is not a delivery URL.
type deliveryError struct{ reason string }

func (e *deliveryError) Error() string { return ErrNotDeliveryURL.Error() + ": " + e.reason }
func (e *deliveryError) Unwrap() error { return ErrNotDeliveryURL }

func notDelivery(reason string) error { return &deliveryError{reason} }

// ParseURL reads a delivery URL: https://, http:// or protocol-relative, on
// res.cloudinary.com, a private CDN host (<cloud>-res.cloudinary.com) or a
// custom domain. A folder named like a transformation (w_100/) with no
// version after it is read as a transformation, as Cloudinary serves it.
func ParseURL(raw string) (Asset, error) {
	host, path, err := splitURL(strings.TrimSpace(raw))
	if err != nil {
		return Asset{}, err
	}
	a := Asset{Host: host}
	segments := strings.Split(path, "/")
	privateName, private := privateCloud(host)
	switch {
	case host == "api.cloudinary.com":
		return Asset{}, notDelivery("api.cloudinary.com serves the API, not assets")
	case isSharedHost(host):
		if segments[0] == "" {
			return Asset{}, notDelivery("the path must start with the cloud name")
		}
		a.CloudName, segments = segments[0], segments[1:]
	case private:
		a.CloudName = privateName
	case host == "cloudinary.com" || strings.HasSuffix(host, ".cloudinary.com"):
		return Asset{}, notDelivery(host + " does not serve assets")
	case len(segments) > 2 && !resourceTypes[segments[0]] && resourceTypes[segments[1]]:
		a.CloudName, segments = segments[0], segments[1:]
	}
	if len(segments) > 0 && segments[0] == "iu" {
		a.ResourceType, a.Type, segments = "image", "upload", segments[1:]
	} else {
		if len(segments) < 2 || !resourceTypes[segments[0]] {
			return Asset{}, notDelivery("the path needs /<resource type>/<type>/ with image, video or raw")
		}
		if !isDeliveryType(segments[1]) {
			return Asset{}, notDelivery("the second path part is not a delivery type such as upload")
		}
		a.ResourceType, a.Type, segments = segments[0], segments[1], segments[2:]
	}
	if len(segments) > 1 && isSignature(segments[0]) {
		a.Signature, segments = segments[0], segments[1:]
	}
	var transformations []string
	for len(segments) > 1 && isTransformation(segments[0]) {
		transformations, segments = append(transformations, segments[0]), segments[1:]
	}
	a.Transformation = strings.Join(transformations, "/")
	if len(segments) > 1 && isVersion(segments[0]) {
		a.Version, segments = segments[0][1:], segments[1:]
	}
	publicID, err := percentDecode(strings.Join(segments, "/"))
	if err != nil {
		return Asset{}, notDelivery("the public id has a broken % escape")
	}
	if publicID == "" {
		return Asset{}, notDelivery("the URL names no public id")
	}
	if !utf8.ValidString(publicID) {
		return Asset{}, ErrPublicIDNotUTF8
	}
	a.PublicID = publicID
	if a.ResourceType != "raw" && a.Type != "fetch" && !isRemote(publicID) {
		a.PublicID, a.Format = splitFormat(publicID)
	}
	return a, nil
}

// splitURL returns the lowercase host and the escaped path (without its
// leading slash, query or fragment) of an absolute or protocol-relative URL.
func splitURL(raw string) (host, path string, err error) {
	rest, ok := "", false
	for _, prefix := range []string{"https://", "http://", "//"} {
		if hasPrefixFold(raw, prefix) {
			rest, ok = raw[len(prefix):], true
			break
		}
	}
	if !ok {
		return "", "", notDelivery("it must start with https://, http:// or //")
	}
	if end := strings.IndexAny(rest, "?#"); end >= 0 {
		rest = rest[:end]
	}
	host, path, _ = strings.Cut(rest, "/")
	host = lowerASCII(host)
	if host == "" || strings.ContainsAny(host, "@\\ ") {
		return "", "", notDelivery("it has no valid host")
	}
	return host, path, nil
}

// splitFormat separates the extension of the last path segment.
func splitFormat(publicID string) (id, format string) {
	lastSlash := strings.LastIndexByte(publicID, '/')
	dot := strings.LastIndexByte(publicID, '.')
	if dot <= lastSlash+1 || dot == len(publicID)-1 {
		return publicID, ""
	}
	return publicID[:dot], publicID[dot+1:]
}

// URL writes the asset back as an https delivery URL that ParseURL reads
// into the same Asset.
func (a Asset) URL() string {
	segments := strings.Split(a.PublicID, "/")
	for i, s := range segments {
		segments[i] = encodeURIComponent(s, ":")
	}
	if a.Version == "" && len(segments) > 1 && ambiguous(segments[0]) {
		// Escaping one letter keeps the segment's meaning but stops it
		// from being read as a signature, transformation or version.
		segments[0] = percentEscape(segments[0][0]) + segments[0][1:]
	}
	source := strings.Join(segments, "/")
	if a.Format != "" {
		source += "." + encodeURIComponent(a.Format, ":")
	}
	return a.assemble(source)
}

// assemble joins the URL's parts around an already encoded source.
func (a Asset) assemble(source string) string {
	host := a.Host
	if host == "" {
		host = sharedHost
	}
	parts := []string{"https://" + host}
	if a.CloudName != "" && !isPrivateHost(host) {
		parts = append(parts, a.CloudName)
	}
	parts = append(parts, a.ResourceType, a.Type, a.Signature, a.Transformation)
	if a.Version != "" {
		parts = append(parts, "v"+a.Version)
	}
	parts = append(parts, source)
	kept := parts[:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "/")
}

func isPrivateHost(host string) bool {
	_, ok := privateCloud(host)
	return ok
}
