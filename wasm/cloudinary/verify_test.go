package cloudinary

import (
	"testing"
)

// pycloudinary test_utils.py.
const (
	pySecret = "X7qLTrsES31MzxxkxPPA-pAGGfU"
	pyNow    = 1549533574
	pyBody   = `{"notification_type":"eager","eager":[{"transformation":"sp_full_hd/mp4","bytes":1055,` +
		`"url":"http://res.cloudinary.com/demo/video/upload/sp_full_hd/v1533125278/dog.mp4",` +
		`"secure_url":"https://res.cloudinary.com/demo/video/upload/sp_full_hd/v1533125278/dog.mp4"}],` +
		`"public_id":"dog","batch_id":"9b11fa058c61fa577f4ec516bf6ee756ac2aefef095af99aef1302142cc1694a"}`
	pySignature = "dfe82de1d9083fe0b7ea68070649f9a15b8874da"
)

func TestVerifyNotification(t *testing.T) {
	n := Notification{Body: pyBody, Timestamp: pyNow - 60, Signature: pySignature}
	tests := []struct {
		name     string
		n        Notification
		validFor int64
		want     bool
	}{
		{"matching and fresh", n, 60, true},
		{"matching but expired", n, 59, false},
		{"uppercase hex matches", Notification{Body: pyBody, Timestamp: pyNow - 60, Signature: "DFE82DE1D9083FE0B7EA68070649F9A15B8874DA"}, 3600, true},
		{"wrong signature", Notification{Body: pyBody, Timestamp: pyNow - 60, Signature: pySignature + "chars"}, 60, false},
		{"tampered body", Notification{Body: pyBody + " ", Timestamp: pyNow - 60, Signature: pySignature}, 60, false},
		{"other timestamp", Notification{Body: pyBody, Timestamp: pyNow - 61, Signature: pySignature}, 3600, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := VerifyNotification(tt.n, pySecret, SHA1, tt.validFor, pyNow)
			if got.Valid != tt.want || (got.Valid == (got.Reason != "")) {
				t.Errorf("got %+v, want valid=%v", got, tt.want)
			}
		})
	}
	sha256 := VerifyNotification(Notification{Body: "{}", Timestamp: 0,
		Signature: "d5497e1a206ad0ba29ad09a7c0c5f22e939682d15009c15ab3199f62fefbd14b"},
		"someApiSecret", SHA256, pyNow, pyNow)
	if !sha256.Valid {
		t.Errorf("sha256 vector: %+v", sha256)
	}
}

// TestValidityWindowBeyondDuration guards windows past time.Duration's
// 292 years: 1e10 seconds once overflowed to a negative window natively
// (a fresh webhook was "too old") while wasm saturated and said valid.
func TestValidityWindowBeyondDuration(t *testing.T) {
	n := Notification{Body: pyBody, Timestamp: pyNow - 60, Signature: pySignature}
	for _, validFor := range []int64{1e10, 1 << 53} {
		if got := VerifyNotification(n, pySecret, SHA1, validFor, pyNow); !got.Valid {
			t.Errorf("valid_for %d: %+v", validFor, got)
		}
	}
	old := Notification{Body: pyBody, Timestamp: pyNow - 60, Signature: pySignature}
	if got := VerifyNotification(old, pySecret, SHA1, 59, pyNow); got.Valid {
		t.Errorf("a window one second short accepted it: %+v", got)
	}
}

func TestVerifyResponse(t *testing.T) {
	if !VerifyResponse("tests/logo.png", "1", "08d3107a5b2ad82e7d82c0b972218fbf20b5b1e0", pySecret, SHA1) {
		t.Error("valid sha1 response refused")
	}
	if VerifyResponse("tests/logo.png", "2", "08d3107a5b2ad82e7d82c0b972218fbf20b5b1e0", pySecret, SHA1) {
		t.Error("response with the wrong version accepted")
	}
	if !VerifyResponse("tests/logo.png", "1", "cc69ae4ed73303fbf4a55f2ae5fc7e34ad3a5c387724bfcde447a2957cacdfea", pySecret, SHA256) {
		t.Error("valid sha256 response refused")
	}
	// cloudinary_npm test/unit/cloudinary_spec.js, "should use signature
	// version 1 (without parameter encoding) for backward compatibility":
	//   const expected_signature_v1 = cloudinary.utils.api_sign_request(
	//     { public_id: public_id_with_ampersand, version: test_version }, SIGNATURE_VERIFICATION_API_SECRET, null, 1);
	//   expect(cloudinary.utils.verify_api_response_signature(public_id_with_ampersand, test_version, expected_signature_v1)).to.be.true;
	// The two digests are what cloudinary@2.11.0's api_sign_request gives
	// for versions 1 and 2 (and sha1sum of the two strings to sign).
	const v1, v2 = "01f10bad45c6706ef87adfe676d010e580be8e6a", "653ba3ad8d5ef558ec9f209caa4926a247d5ad4b"
	if !VerifyResponse("tests/logo&version=2", "123456", v1, "testsecret", SHA1) || VerifyResponse("tests/logo&version=2", "123456", v2, "testsecret", SHA1) {
		t.Error("response verification does not use signature version 1")
	}
}

func TestParseCloudinaryURL(t *testing.T) {
	got, err := ParseCloudinaryURL("cloudinary://123456789012345:abcd%2Fefg@demo")
	if err != nil {
		t.Fatal(err)
	}
	if want := (Credentials{APIKey: "123456789012345", APISecret: "abcd/efg", CloudName: "demo"}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, raw := range []string{"", "https://a:b@demo", "cloudinary://demo", "cloudinary://key@demo", "cloudinary://key:secret@", "cloudinary://%zz"} {
		if _, err := ParseCloudinaryURL(raw); err == nil {
			t.Errorf("%q accepted", raw)
		}
	}
}
