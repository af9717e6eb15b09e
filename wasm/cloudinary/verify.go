package cloudinary

import (
	"crypto/subtle"
	"strconv"
	"time"
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
// timestamp, then secret. A notification older than validFor at now is
// refused even when its signature matches, as in the SDKs.
func VerifyNotification(n Notification, secret string, algorithm Algorithm, validFor time.Duration, now time.Time) Verdict {
	if n.Timestamp < now.Unix()-int64(validFor/time.Second) {
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
