package cloudinary

import (
	"math"
	"strings"
	"testing"
)

// Vectors from the official SDKs' own test suites (cloudinary_npm
// test/unit/cloudinary_spec.js, cloudinary-go api/api_test.go, pycloudinary
// test/test_utils.py).
const (
	sdkSecret    = "hdcixPpR2iKERPwqvH6sHdK9cyac"
	sdkCloudName = "dn6ot3ged"
)

func TestSignPairsSDKVectors(t *testing.T) {
	tests := []struct {
		name   string
		params Params
		secret string
		opts   Options
		want   string
	}{
		{
			name:   "sha1 default",
			params: Params{"cloud_name": sdkCloudName, "timestamp": int64(1568810420), "username": "user@cloudinary.com"},
			secret: sdkSecret,
			want:   "14c00ba6d0dfdedbc86b316847d95b9e6cd46d94",
		},
		{
			name:   "sha256",
			params: Params{"cloud_name": sdkCloudName, "timestamp": int64(1568810420), "username": "user@cloudinary.com"},
			secret: sdkSecret,
			opts:   Options{Algorithm: SHA256},
			want:   "45ddaa4fa01f0c2826f32f669d2e4514faf275fe6df053f1a150e7beae58a3bd",
		},
		{
			name:   "ampersand inside a value, version 2",
			params: Params{"cloud_name": sdkCloudName, "timestamp": 1568810420, "notification_url": "https://fake.com/callback?a=1&tags=hello,world"},
			secret: sdkSecret,
			opts:   Options{Version: 2},
			want:   "4fdf465dd89451cc1ed8ec5b3e314e8a51695704",
		},
		{
			name:   "smuggled parameter, version 2",
			params: Params{"cloud_name": sdkCloudName, "timestamp": 1568810420, "notification_url": "https://fake.com/callback?a=1", "tags": "hello,world"},
			secret: sdkSecret,
			want:   "7b4e3a539ff1fa6e6700c41b3a2ee77586a025f9",
		},
		{
			name:   "float timestamp prints as an integer",
			params: Params{"cloud_name": sdkCloudName, "timestamp": float64(1568810420), "username": "user@cloudinary.com"},
			secret: sdkSecret,
			want:   "14c00ba6d0dfdedbc86b316847d95b9e6cd46d94",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SignPairs(tt.params, tt.secret, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got.Hex != tt.want {
				t.Errorf("signature = %s, want %s (string to sign %q)", got.Hex, tt.want, got.StringToSign)
			}
			if strings.Contains(got.StringToSign, tt.secret) {
				t.Errorf("string to sign %q holds the secret", got.StringToSign)
			}
		})
	}
}

// TestSupportPageVector is the sanity check in Cloudinary's support
// article on computing signatures: public_id=sample_image&timestamp=1315060510
// with the secret abcd signs to b4ad47fb4e25c7bf5f92a20089f9db59bc302313
// (cloudinary@2.11.0's api_sign_request agrees).
func TestSupportPageVector(t *testing.T) {
	got, err := SignRequest(Params{"public_id": "sample_image", "timestamp": int64(1315060510)}, "abcd", Options{})
	if err != nil || got.Hex != "b4ad47fb4e25c7bf5f92a20089f9db59bc302313" {
		t.Errorf("got %+v, %v; want b4ad47fb4e25c7bf5f92a20089f9db59bc302313", got, err)
	}
}

func TestVersionOneCannotTellSmugglingApart(t *testing.T) {
	v1 := Options{Version: 1}
	withAmpersand, _ := SignPairs(Params{"timestamp": 1568810420, "notification_url": "https://fake.com/callback?a=1&tags=hello,world"}, sdkSecret, v1)
	smuggled, _ := SignPairs(Params{"timestamp": 1568810420, "notification_url": "https://fake.com/callback?a=1", "tags": "hello,world"}, sdkSecret, v1)
	if withAmpersand.Hex != smuggled.Hex {
		t.Errorf("version 1 signatures differ: %s vs %s", withAmpersand.Hex, smuggled.Hex)
	}
}

func TestSignRequestDropsUnsignedKeys(t *testing.T) {
	// cloudinary_npm "should correctly sign_request".
	params := Params{"public_id": "folder/file", "version": "1234", "api_key": "1234",
		"cloud_name": "demo", "resource_type": "image", "file": "data:…", "signature": "old"}
	got, err := SignRequest(params, "b", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "7a3349cbb373e4812118d625047ede50b90e7b67"; got.Hex != want {
		t.Errorf("signature = %s, want %s", got.Hex, want)
	}
	if want := "public_id=folder/file&version=1234"; got.StringToSign != want {
		t.Errorf("string to sign = %q, want %q", got.StringToSign, want)
	}
}

func TestStringToSign(t *testing.T) {
	tests := []struct {
		name    string
		params  Params
		version SignatureVersion
		want    string
	}{
		{"sorted bytewise", Params{"b": "2", "a": "1", "B": "0", "a_b": "3"}, 2, "B=0&a=1&a_b=3&b=2"},
		{"blanks dropped, false and 0 kept", Params{"a": nil, "b": "", "c": false, "d": 0, "e": []any{}}, 2, "c=false&d=0"},
		{"arrays joined with commas", Params{"tags": []any{"a", "b", 3, true}}, 2, "tags=a,b,3,true"},
		{"string arrays", Params{"tags": []string{"x", "y"}}, 2, "tags=x,y"},
		{"null inside an array is empty", Params{"tags": []any{"a", nil, "b"}}, 2, "tags=a,,b"},
		{"ampersand encoded in version 2", Params{"context": "a=1&b=2"}, 2, "context=a=1%26b=2"},
		{"ampersand kept in version 1", Params{"context": "a=1&b=2"}, 1, "context=a=1&b=2"},
		{"ampersand in a key", Params{"a&b": "c"}, 2, "a%26b=c"},
		{"floats as JavaScript prints them", Params{"a": 0.1, "b": 1.5e21, "c": 1e-7, "d": 2.5e-8, "f": 1e-6, "e": math.Copysign(0, -1)}, 2, "a=0.1&b=1.5e+21&c=1e-7&d=2.5e-8&e=0&f=0.000001"},
		{"unicode untouched", Params{"public_id": "café/日本"}, 2, "public_id=café/日本"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := StringToSign(tt.params, tt.version)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStringToSignRejectsUnsignableValues(t *testing.T) {
	for name, value := range map[string]any{
		"object":       map[string]any{"a": 1},
		"nested array": []any{[]any{"a"}},
		"NaN":          nanValue(),
	} {
		if _, err := StringToSign(Params{"k": value}, 2); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func nanValue() float64 {
	zero := 0.0
	return zero / zero
}

func TestHash(t *testing.T) {
	// What the old sha.html page answered for the destroy example.
	if got, want := Hash(SHA1, "public_id=cat&timestamp=1315060510abcd"), "fad1cc9acde35612302e6c1a58e426fdec8688ee"; got != want {
		t.Errorf("sha1 = %s, want %s", got, want)
	}
	// pycloudinary test_compute_hash.
	if got, want := Hash(SHA1, "https://cloudinary.com/images/old_logo.png"), "4de279c82056603e91aab3930a593b8b887d9e48"; got != want {
		t.Errorf("sha1 = %s, want %s", got, want)
	}
	if got, want := Hash(SHA256, ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; got != want {
		t.Errorf("sha256 = %s, want %s", got, want)
	}
}

func TestParseAlgorithmAndVersion(t *testing.T) {
	for name, want := range map[string]Algorithm{"": SHA1, "sha1": SHA1, "sha256": SHA256} {
		if got, err := ParseAlgorithm(name); err != nil || got != want {
			t.Errorf("ParseAlgorithm(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := ParseAlgorithm("md5"); err == nil {
		t.Error("md5 accepted")
	}
	for n, want := range map[int]SignatureVersion{0: 2, 1: 1, 2: 2} {
		if got, err := ParseSignatureVersion(n); err != nil || got != want {
			t.Errorf("ParseSignatureVersion(%d) = %v, %v", n, got, err)
		}
	}
	if _, err := ParseSignatureVersion(3); err == nil {
		t.Error("version 3 accepted")
	}
}
