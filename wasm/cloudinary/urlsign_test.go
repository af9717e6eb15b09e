package cloudinary

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

func TestSignURLSDKVectors(t *testing.T) {
	// cloudinary_npm and pycloudinary: cloud test123, secret "b".
	tests := []struct {
		name      string
		asset     Asset
		algorithm Algorithm
		long      bool
		want      string
	}{
		{"transformation and version", Asset{CloudName: "test123", PublicID: "image.jpg", Version: "1234", Transformation: "c_crop,h_20,w_10"}, SHA1, false,
			"https://res.cloudinary.com/test123/image/upload/s--Ai4Znfl3--/c_crop,h_20,w_10/v1234/image.jpg"},
		{"version only", Asset{CloudName: "test123", PublicID: "image.jpg", Version: "1234"}, SHA1, false,
			"https://res.cloudinary.com/test123/image/upload/s----SjmNDA--/v1234/image.jpg"},
		{"the version is not signed", Asset{CloudName: "test123", PublicID: "image", Format: "jpg", Transformation: "c_crop,h_20,w_10"}, SHA1, false,
			"https://res.cloudinary.com/test123/image/upload/s--Ai4Znfl3--/c_crop,h_20,w_10/image.jpg"},
		{"short", Asset{CloudName: "test123", PublicID: "sample.jpg"}, SHA1, false,
			"https://res.cloudinary.com/test123/image/upload/s--v2fTPYTu--/sample.jpg"},
		{"long", Asset{CloudName: "test123", PublicID: "sample.jpg"}, SHA1, true,
			"https://res.cloudinary.com/test123/image/upload/s--2hbrSMPOjj5BJ4xV7SgFbRDevFaQNUFf--/sample.jpg"},
		{"sha256 short", Asset{CloudName: "test123", PublicID: "sample.jpg"}, SHA256, false,
			"https://res.cloudinary.com/test123/image/upload/s--2hbrSMPO--/sample.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SignURL(tt.asset, "b", tt.algorithm, tt.long)
			if err != nil {
				t.Fatal(err)
			}
			if got.URL != tt.want {
				t.Errorf("got  %s\nwant %s", got.URL, tt.want)
			}
		})
	}
}

func TestSignURLFromParsedURL(t *testing.T) {
	a, err := ParseURL("https://res.cloudinary.com/test123/image/upload/c_crop,h_20,w_10/v1234/image.jpg")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := SignURL(a, "b", SHA1, false)
	if got.Signature != "s--Ai4Znfl3--" {
		t.Errorf("signature = %s", got.Signature)
	}
	// An existing signature is replaced, not kept.
	a.Signature = "s--XXXXXXXX--"
	if again, _ := SignURL(a, "b", SHA1, false); again != got {
		t.Errorf("re-signing gave %+v, want %+v", again, got)
	}
}

func TestSignURLFoldersGetVersionOne(t *testing.T) {
	got, _ := SignURL(Asset{CloudName: "test123", PublicID: "folder/test"}, "b", SHA1, false)
	want := "https://res.cloudinary.com/test123/image/upload/" + got.Signature + "/v1/folder/test"
	if got.URL != want {
		t.Errorf("got %s, want %s", got.URL, want)
	}
	expected := "s--" + sdkURLDigest("folder/testb") + "--"
	if got.Signature != expected {
		t.Errorf("signature %s, want %s", got.Signature, expected)
	}
}

func TestSignURLEncodesLikeTheSDK(t *testing.T) {
	tests := []struct{ publicID, source string }{
		{"a b", "a%20b"},
		{"a+b", "a%2Bb"},
		{"a%20b", "a%20b"},
		{"a??b", "a%3F%3Fb"},
		{"https://blah.com/hello?a=b", "https://blah.com/hello%3Fa%3Db"},
		{"https://x.com/é", "https://x.com/%E9"},
	}
	for _, tt := range tests {
		got, err := SignURL(Asset{CloudName: "test123", Type: "fetch", PublicID: DecodePublicID(tt.publicID)}, "b", SHA1, false)
		if err != nil {
			t.Fatal(err)
		}
		if want := "https://res.cloudinary.com/test123/image/fetch/" + got.Signature + "/" + tt.source; got.URL != want {
			t.Errorf("%q: got %s, want %s", tt.publicID, got.URL, want)
		}
		if want := "s--" + sdkURLDigest(tt.source+"b") + "--"; got.Signature != want {
			t.Errorf("%q: signature %s, want %s", tt.publicID, got.Signature, want)
		}
	}
}

// TestSignURLMatchesNpmForEscapedIDs guards ids with %, &, spaces, # and
// Unicode. The npm SDK's url() decodes an id once and encodes it again
// (cloudinary_npm lib/utils/index.js, finalize_source):
//
//	source = encodeURIComponent(decodeURIComponent(source)).replace(/%3A/g, ":").replace(/%2F/g, "/");
//
// so a URL's id must be decoded exactly once: decoding it a second time
// refused …/deals/50%25off.jpg as "a broken % escape". Each want is what
// cloudinary@2.11.0 wrote for
// cloudinary.v2.url(id, {sign_url: true, version: 3, format: "jpg"}) with
// cloud test123 and secret "b"; the URL, read back, signs the same.
func TestSignURLMatchesNpmForEscapedIDs(t *testing.T) {
	tests := []struct{ id, want string }{
		{"deals/50%25off", "https://res.cloudinary.com/test123/image/upload/s--uA9Bkqjx--/v3/deals/50%25off.jpg"},
		{"a%41", "https://res.cloudinary.com/test123/image/upload/s--tPX9lUfh--/v3/aA.jpg"},
		{"a b", "https://res.cloudinary.com/test123/image/upload/s--qOnOq6ms--/v3/a%20b.jpg"},
		{"a&b", "https://res.cloudinary.com/test123/image/upload/s--zsbyeKNb--/v3/a%26b.jpg"},
		{"a#b", "https://res.cloudinary.com/test123/image/upload/s--GNTQO3gF--/v3/a%23b.jpg"},
		{"café crème", "https://res.cloudinary.com/test123/image/upload/s--BawcSc74--/v3/caf%C3%A9%20cr%C3%A8me.jpg"},
		{"日本/猫", "https://res.cloudinary.com/test123/image/upload/s--FCddiaNg--/v3/%E6%97%A5%E6%9C%AC/%E7%8C%AB.jpg"},
		{"%25a%20(b)", "https://res.cloudinary.com/test123/image/upload/s--z2Ifn6Vl--/v3/%25a%20(b).jpg"},
		{"a+b", "https://res.cloudinary.com/test123/image/upload/s--6H-XnlL5--/v3/a%2Bb.jpg"},
		{"a?b", "https://res.cloudinary.com/test123/image/upload/s--AgVNRheA--/v3/a%3Fb.jpg"},
		{"folder/it's!*~()", "https://res.cloudinary.com/test123/image/upload/s---Bma-o1q--/v3/folder/it's!*~().jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := SignURL(Asset{CloudName: "test123", PublicID: DecodePublicID(tt.id), Version: "3", Format: "jpg"}, "b", SHA1, false)
			if err != nil || got.URL != tt.want {
				t.Errorf("from the id: %s, %v\nwant %s", got.URL, err, tt.want)
			}
			parsed, err := ParseURL(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			again, err := SignURL(parsed, "b", SHA1, false)
			if err != nil || again.URL != tt.want {
				t.Errorf("from the URL: %s, %v\nwant %s", again.URL, err, tt.want)
			}
		})
	}
}

// TestDecodePublicIDKeepsWhatDoesNotDecode: npm's decodeURIComponent
// throws on "100%" and "caf%E9" ("URI malformed"); such an id is signed as
// written, its % escaped, as pycloudinary's unquote leaves a lone %.
func TestDecodePublicIDKeepsWhatDoesNotDecode(t *testing.T) {
	for id, want := range map[string]string{
		"100%": "100%", "caf%E9": "caf%E9", "a%zz": "a%zz", "a%41": "aA", "50%25off": "50%off",
		"https://x.com/a%20b": "https://x.com/a%20b",
	} {
		if got := DecodePublicID(id); got != want {
			t.Errorf("DecodePublicID(%q) = %q, want %q", id, got, want)
		}
	}
	got, _ := SignURL(Asset{CloudName: "test123", PublicID: DecodePublicID("100%")}, "b", SHA1, false)
	if want := "https://res.cloudinary.com/test123/image/upload/" + got.Signature + "/100%25"; got.URL != want {
		t.Errorf("got %s, want %s", got.URL, want)
	}
	if want := "s--" + sdkURLDigest("100%25b") + "--"; got.Signature != want {
		t.Errorf("signature %s, want %s", got.Signature, want)
	}
}

// sdkURLDigest spells out the SDKs' rule independently of SignURL.
func sdkURLDigest(text string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	sum := sha1.Sum([]byte(text))
	var out []byte
	for i := 0; len(out) < 8; i += 3 {
		n := uint(sum[i])<<16 | uint(sum[i+1])<<8 | uint(sum[i+2])
		out = append(out, alphabet[n>>18&63], alphabet[n>>12&63], alphabet[n>>6&63], alphabet[n&63])
	}
	return string(out[:8])
}

func TestBase64URL(t *testing.T) {
	sha1Sum, sha256Sum := sha1.Sum([]byte("x")), sha256.Sum256([]byte("y"))
	for _, data := range [][]byte{nil, {0}, {0xff, 0xfe}, {1, 2, 3}, []byte("any carnal pleas"), sha1Sum[:], sha256Sum[:]} {
		if got, want := base64URL(data), base64.RawURLEncoding.EncodeToString(data); got != want {
			t.Errorf("base64URL(%x) = %q, want %q", data, got, want)
		}
	}
}

// Expected values are what a browser's encodeURIComponent returns.
func TestEncodeURIComponent(t *testing.T) {
	for _, c := range []struct{ in, keep, want string }{
		{"", "", ""}, {"demo", "", "demo"}, {"-_.!~*'()", "", "-_.!~*'()"},
		{"a b/c", "", "a%20b%2Fc"}, {"/lead", "", "%2Flead"}, {"é&", "", "%C3%A9%26"},
		{"x:y/z", ":", "x:y%2Fz"},
	} {
		if got := encodeURIComponent(c.in, c.keep); got != c.want {
			t.Errorf("encodeURIComponent(%q, %q) = %q, want %q", c.in, c.keep, got, c.want)
		}
	}
}
