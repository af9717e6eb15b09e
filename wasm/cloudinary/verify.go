package cloudinary

import (
	"crypto/subtle"
	"strconv"
)

// Notification is a webhook as Cloudinary sends it: the raw body, the
// X-Cld-Timestamp header and the X-Cld-Signature header.
type Notification struct {
	Body      string
	Timestamp int64
	Signature string
}

// Verdict is the outcome of a verification; Reason says why it failed.
type Verdict struct {
	Valid  bool
	Reason string
}

// VerifyNotification checks a webhook signature, the hash of body, then
// timestamp, then secret. A notification more than validFor seconds older
// than now (Unix seconds) is refused even when its signature matches, as
// in the SDKs. The window is whole seconds, not a time.Duration, so that
// every window up to 2^53 seconds gives the same answer on every platform.
func VerifyNotification(n Notification, secret string, algorithm Algorithm, validFor, now int64) Verdict {
	if n.Timestamp < now-validFor {
		return Verdict{Reason: "the notification is older than the validity window"}
	}
	expected := Hash(algorithm, n.Body+strconv.FormatInt(n.Timestamp, 10)+secret)
	if !equalHex(expected, n.Signature) {
		return Verdict{Reason: "the signature does not match the body, timestamp and secret"}
	}
	return Verdict{Valid: true}
}

// VerifyResponse checks the signature of an upload API response, which
// covers public_id and version and always uses signature version 1.
func VerifyResponse(publicID, version, signature, secret string, algorithm Algorithm) bool {
	sig, err := SignPairs(Params{"public_id": publicID, "version": version}, secret, Options{Algorithm: algorithm, Version: 1})
	return err == nil && equalHex(sig.Hex, signature)
}

func equalHex(expected, given string) bool {
	return subtle.ConstantTimeCompare([]byte(expected), []byte(lowerASCII(given))) == 1
}
