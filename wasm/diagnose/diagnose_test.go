package diagnose

import (
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	const secret = "abcd"
	// sha1sum and sha256sum of "public_id=cat&timestamp=1315060510abcd".
	const (
		sha1   = "fad1cc9acde35612302e6c1a58e426fdec8688ee"
		sha256 = "a952a87f9dd3440913b328db63399a5d48c69546b61b7e1ee1132e11b805dd46"
	)
	tests := []struct {
		name, errorText, app, secret string
		want                         string // a phrase of the first cause
	}{
		{"missing parameter", `{"error":{"message":"Invalid Signature 0123abcd. String to sign - 'public_id=cat&timestamp=1315060510&type=private'."}}`,
			"public_id=cat&timestamp=1315060510", "", "Missing parameter: Cloudinary signed type"},
		{"extra unsigned parameter", "Invalid Signature 0123abcd. String to sign - 'public_id=cat&timestamp=1315060510'.",
			"api_key=1234&public_id=cat&timestamp=1315060510", "", "never signed"},
		{"signature version", "Invalid Signature 0123abcd. String to sign - 'context=a=1%26b=2&timestamp=1315060510'.",
			"context=a=1&b=2&timestamp=1315060510", "", "Signature version"},
		{"different value", "Invalid Signature 0123abcd. String to sign - 'public_id=cat dog&timestamp=1315060510'.",
			"public_id=cat%20dog&timestamp=1315060510", "", "Different value: public_id"},
		{"wrong secret", "Invalid Signature 0123456789012345678901234567890123456789. String to sign - 'public_id=cat&timestamp=1315060510'.",
			"public_id=cat&timestamp=1315060510", secret, "Wrong secret"},
		{"account wants sha256", "Invalid Signature " + sha1 + ". String to sign - 'public_id=cat&timestamp=1315060510'.",
			"", secret, "expects SHA-256"},
		{"account wants sha1", "Invalid Signature " + sha256 + ". String to sign - 'public_id=cat&timestamp=1315060510'.",
			"", secret, "expects SHA-1"},
		{"stale", `{"error":{"message":"Stale request - reported time is 2011-09-03 14:35:10 +0000 which is more than 1 hour ago"}}`,
			"", "", "more than an hour away from Cloudinary's clock (2011-09-03 14:35:10 +0000)"},
		{"not an error", "Hello", "", "", "not one of Cloudinary's signature errors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Explain(tt.errorText, tt.app, tt.secret)
			if len(r.Causes) == 0 || !strings.Contains(r.Causes[0], tt.want) {
				t.Errorf("causes %q, want one with %q", r.Causes, tt.want)
			}
			for _, cause := range r.Causes {
				if tt.secret != "" && strings.Contains(cause, tt.secret) {
					t.Errorf("a cause holds the secret: %q", cause)
				}
			}
		})
	}
}

func TestPairs(t *testing.T) {
	r := Explain("Invalid Signature ab. String to sign - 'a=1&b=2&c=3'.", "b=2&c=4&d=5", "")
	want := []Pair{{"a", "1", "", OnlyCloudinary}, {"b", "2", "2", Same}, {"c", "3", "4", Different}, {"d", "", "5", OnlyApp}}
	if len(r.Pairs) != len(want) {
		t.Fatalf("pairs %+v", r.Pairs)
	}
	for i := range want {
		if r.Pairs[i] != want[i] {
			t.Errorf("pair %d = %+v, want %+v", i, r.Pairs[i], want[i])
		}
	}
	if r.CloudinaryString != "a=1&b=2&c=3" || r.SentSignature != "ab" {
		t.Errorf("read %q and %q", r.CloudinaryString, r.SentSignature)
	}
}
