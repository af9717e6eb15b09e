package cloudinary

import (
	"crypto/sha1"
	"encoding/hex"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func FuzzParseURL(f *testing.F) {
	for _, seed := range []string{
		"https://res.cloudinary.com/demo/image/upload/v1315060510/cat.jpg",
		"//demo-res.cloudinary.com/video/upload/s--abcdEFGH--/w_100,c_fill/v2/a%20b/c.mp4",
		"https://x.example/demo/raw/private/v1/doc.tar.gz?x=1",
		"https://res.cloudinary.com/demo/image/fetch/f_auto/https://a.com/b%3Fc",
		"https://res.cloudinary.com/demo/image/upload/%761/w_100/cat",
		"https://res.cloudinary.com/demo/iu/$v_1,w_$v/cat.",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		a, err := ParseURL(raw)
		if err != nil {
			return
		}
		if a.PublicID == "" || a.ResourceType == "" || a.Type == "" {
			t.Fatalf("%q parsed to an incomplete %+v", raw, a)
		}
		rebuilt := a.URL()
		b, err := ParseURL(rebuilt)
		if err != nil {
			t.Fatalf("%q → %+v → %q: %v", raw, a, rebuilt, err)
		}
		if a != b {
			t.Fatalf("%q → %q\n first %+v\nsecond %+v", raw, rebuilt, a, b)
		}
	})
}

func FuzzSignRequest(f *testing.F) {
	f.Add("public_id", "cat", int64(1315060510), true, 1.5)
	f.Add("notification_url", "https://a.com/?a=1&b=2", int64(0), false, math.Copysign(0, -1))
	f.Add("a&b", "", int64(-1), false, 1e21)
	f.Fuzz(func(t *testing.T, key, value string, number int64, flag bool, float float64) {
		params := Params{key: value, "n": number, "flag": flag, "f": float, "list": []any{value, number}}
		v2, err2 := SignRequest(params, "secret", Options{})
		v1, err1 := SignRequest(params, "secret", Options{Version: 1})
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("versions disagree on errors: %v, %v", err1, err2)
		}
		if err2 != nil {
			return
		}
		if len(v2.Hex) != 40 || strings.Trim(v2.Hex, "0123456789abcdef") != "" {
			t.Fatalf("signature %q is not 40 hex digits", v2.Hex)
		}
		if !strings.Contains(key+value, "&") && v1 != v2 {
			t.Fatalf("without & the versions differ: %+v vs %+v", v1, v2)
		}
		again, _ := SignRequest(params, "secret", Options{})
		if again != v2 {
			t.Fatal("signing is not deterministic")
		}
		// The same params, written as text the way JavaScript would
		// print them, signed by the rule spelled out again.
		text := map[string]string{key: value}
		text["n"] = strconv.FormatInt(number, 10)
		text["flag"] = strconv.FormatBool(flag)
		text["f"] = jsNumber(float)
		text["list"] = value + "," + strconv.FormatInt(number, 10)
		if want := independentSignature(text, "secret"); v2.Hex != want {
			t.Fatalf("signature %s, an independent computation gives %s (%q)", v2.Hex, want, text)
		}
	})
}

// independentSignature is the SDKs' request signature (version 2, SHA-1)
// with the standard library alone, not StringToSign or Hash: drop the
// never-signed keys and empty values, sort by key, write & as %26 inside
// each pair, join with &, append the secret.
func independentSignature(params map[string]string, secret string) string {
	var pairs []string
	for k, v := range params {
		switch k {
		case "file", "cloud_name", "resource_type", "api_key", "signature":
			continue
		}
		if v != "" {
			pairs = append(pairs, k+"="+v)
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		ki, _, _ := strings.Cut(pairs[i], "=")
		kj, _, _ := strings.Cut(pairs[j], "=")
		return ki < kj
	})
	for i, p := range pairs {
		pairs[i] = strings.ReplaceAll(p, "&", "%26")
	}
	sum := sha1.Sum([]byte(strings.Join(pairs, "&") + secret))
	return hex.EncodeToString(sum[:])
}

// jsNumber prints f as JavaScript's String(f): plain digits inside
// [1e-6, 1e21), otherwise an exponent with no leading zeros.
func jsNumber(f float64) string {
	if f == 0 {
		return "0"
	}
	if a := math.Abs(f); a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	s = strings.Replace(s, "e+0", "e+", 1)
	return strings.Replace(s, "e-0", "e-", 1)
}
