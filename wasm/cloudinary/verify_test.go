package cloudinary

import (
	"testing"
	"time"
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
	now := time.Unix(pyNow, 0)
	n := Notification{Body: pyBody, Timestamp: pyNow - 60, Signature: pySignature}
	tests := []struct {
		name     string
		n        Notification
		validFor time.Duration
		want     bool
	}{
		{"matching and fresh", n, 60 * time.Second, true},
		{"matching but expired", n, 59 * time.Second, false},
		{"uppercase hex matches", Notification{Body: pyBody, Timestamp: pyNow - 60, Signature: "DFE82DE1D9083FE0B7EA68070649F9A15B8874DA"}, time.Hour, true},
		{"wrong signature", Notification{Body: pyBody, Timestamp: pyNow - 60, Signature: pySignature + "chars"}, 60 * time.Second, false},
		{"tampered body", Notification{Body: pyBody + " ", Timestamp: pyNow - 60, Signature: pySignature}, 60 * time.Second, false},
		{"other timestamp", Notification{Body: pyBody, Timestamp: pyNow - 61, Signature: pySignature}, time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := VerifyNotification(tt.n, pySecret, SHA1, tt.validFor, now)
			if got.Valid != tt.want || (got.Valid == (got.Reason != "")) {
				t.Errorf("got %+v, want valid=%v", got, tt.want)
			}
		})
	}
	sha256 := VerifyNotification(Notification{Body: "{}", Timestamp: 0,
		Signature: "d5497e1a206ad0ba29ad09a7c0c5f22e939682d15009c15ab3199f62fefbd14b"},
		"someApiSecret", SHA256, time.Duration(pyNow)*time.Second, now)
	if !sha256.Valid {
		t.Errorf("sha256 vector: %+v", sha256)
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
	// cloudinary_npm: responses are signed with version 1, even with & in the id.
	v1, _ := SignPairs(Params{"public_id": "tests/logo&version=2", "version": 123456}, "testsecret", Options{Version: 1})
	v2, _ := SignPairs(Params{"public_id": "tests/logo&version=2", "version": 123456}, "testsecret", Options{Version: 2})
	if !VerifyResponse("tests/logo&version=2", "123456", v1.Hex, "testsecret", SHA1) || VerifyResponse("tests/logo&version=2", "123456", v2.Hex, "testsecret", SHA1) {
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
