package cloudinary

import (
	"reflect"
	"strings"
	"testing"
)

func TestDestroy(t *testing.T) {
	tests := []struct {
		name       string
		req        DestroyRequest
		wantHex    string
		wantString string
		wantFields Fields
		wantURL    string
	}{
		{
			name:       "the legacy guide's example",
			req:        DestroyRequest{PublicID: "cat", Timestamp: 1315060510, APIKey: "1234", CloudName: "demo"},
			wantHex:    "fad1cc9acde35612302e6c1a58e426fdec8688ee",
			wantString: "public_id=cat&timestamp=1315060510",
			wantFields: Fields{{"api_key", "1234"}, {"public_id", "cat"}, {"signature", "fad1cc9acde35612302e6c1a58e426fdec8688ee"}, {"timestamp", int64(1315060510)}},
			wantURL:    "https://api.cloudinary.com/v1_1/demo/image/destroy",
		},
		{
			name: "type and invalidate are signed, resource type is not",
			req:  DestroyRequest{PublicID: "docs/a.pdf", ResourceType: "raw", Type: "private", Invalidate: true, Timestamp: 1700000000},
			// cloudinary@2.11.0: api_sign_request({public_id: "docs/a.pdf",
			// timestamp: 1700000000, type: "private", invalidate: true}, "abcd").
			wantHex:    "f451161445c0177221db2112ddd350dbb0dcaad7",
			wantString: "invalidate=true&public_id=docs/a.pdf&timestamp=1700000000&type=private",
			wantFields: Fields{{"invalidate", true}, {"public_id", "docs/a.pdf"},
				{"signature", "f451161445c0177221db2112ddd350dbb0dcaad7"}, {"timestamp", int64(1700000000)}, {"type", "private"}},
		},
		{
			name:       "type upload is not sent",
			req:        DestroyRequest{PublicID: "cat", Type: "upload", Timestamp: 1315060510},
			wantHex:    "fad1cc9acde35612302e6c1a58e426fdec8688ee",
			wantString: "public_id=cat&timestamp=1315060510",
			wantFields: Fields{{"public_id", "cat"}, {"signature", "fad1cc9acde35612302e6c1a58e426fdec8688ee"}, {"timestamp", int64(1315060510)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call, err := Destroy(tt.req, "abcd", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if call.Hex != tt.wantHex || call.StringToSign != tt.wantString {
				t.Errorf("got %s over %q, want %s over %q", call.Hex, call.StringToSign, tt.wantHex, tt.wantString)
			}
			if !reflect.DeepEqual(call.Fields, tt.wantFields) {
				t.Errorf("fields = %v, want %v", call.Fields, tt.wantFields)
			}
			if call.Endpoint != tt.wantURL || call.Method != "POST" {
				t.Errorf("endpoint = %s %q, want POST %q", call.Method, call.Endpoint, tt.wantURL)
			}
		})
	}
}

func TestDestroyRefusesIncompleteRequests(t *testing.T) {
	for _, req := range []DestroyRequest{{Timestamp: 1}, {PublicID: "cat"}, {PublicID: "cat", Timestamp: -5}} {
		if _, err := Destroy(req, "abcd", Options{}); err == nil {
			t.Errorf("%+v: no error", req)
		}
	}
}

func TestCurl(t *testing.T) {
	call, _ := Destroy(DestroyRequest{PublicID: "it's&me", Timestamp: 1315060510, APIKey: "1234", CloudName: "demo"}, "abcd", Options{})
	got := Curl(call)
	for _, want := range []string{
		"curl -X POST 'https://api.cloudinary.com/v1_1/demo/image/destroy'",
		`--data-urlencode 'public_id=it'\''s&me'`,
		"--data-urlencode 'api_key=1234'",
		"--data-urlencode 'timestamp=1315060510'",
		"--data-urlencode 'signature=" + call.Hex + "'",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("curl command lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "abcd") {
		t.Errorf("curl command holds the secret:\n%s", got)
	}
}
