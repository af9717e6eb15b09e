package protocol

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// jsSignature signs params exactly as a host receives them (decoded by
// encoding/json, which reads invalid UTF-8 as U+FFFD like a browser), by
// the SDKs' rule spelled out with the standard library alone: the keys a
// request never signs dropped, null and "" dropped, arrays joined with
// commas, keys sorted bytewise as cloudinary-go's url.Values.Encode sorts
// them, & written %26 in version 2, the secret appended.
func jsSignature(t *testing.T, params map[string]any, secret, algorithm string, version int) string {
	t.Helper()
	var pairs []string
	for k, v := range params {
		switch k {
		case "file", "cloud_name", "resource_type", "api_key", "signature":
			continue
		}
		if text := jsValue(t, v); text != "" {
			pair := k + "=" + text
			if version != 1 {
				pair = strings.ReplaceAll(pair, "&", "%26")
			}
			pairs = append(pairs, pair)
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		ki, _, _ := strings.Cut(pairs[i], "=")
		kj, _, _ := strings.Cut(pairs[j], "=")
		return ki < kj
	})
	text := strings.Join(pairs, "&") + secret
	if algorithm == "sha256" {
		sum := sha256.Sum256([]byte(text))
		return hex.EncodeToString(sum[:])
	}
	sum := sha1.Sum([]byte(text))
	return hex.EncodeToString(sum[:])
}

// jsValue is String(v) for the values a reply's params hold.
func jsValue(t *testing.T, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		if a := math.Abs(v); v != 0 && (a < 1e-6 || a >= 1e21) {
			t.Fatalf("use numbers that print without an exponent here, not %v", v)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		items := make([]string, len(v))
		for i, item := range v {
			items[i] = jsValue(t, item)
		}
		return strings.Join(items, ",")
	}
	t.Fatalf("a param of type %T", v)
	return ""
}

// checkPostedIsSigned asserts the invariant of every ok destroy or sign
// reply: its params, read from the reply's text as JavaScript reads it,
// sign to its signature.
func checkPostedIsSigned(t *testing.T, request, replyText string) {
	t.Helper()
	var req, reply map[string]any
	if err := json.Unmarshal([]byte(request), &req); err != nil {
		t.Fatalf("request %s: %v", request, err)
	}
	if err := json.Unmarshal([]byte(replyText), &reply); err != nil {
		t.Fatalf("reply %s: %v", replyText, err)
	}
	if reply["ok"] != true {
		return
	}
	params, _ := reply["params"].(map[string]any)
	algorithm, _ := req["signature_algorithm"].(string)
	version := 2
	if v, _ := req["signature_version"].(float64); v == 1 {
		version = 1
	}
	secret, _ := req["api_secret"].(string)
	if got, want := reply["signature"], jsSignature(t, params, secret, algorithm, version); got != want || params["signature"] != want {
		t.Errorf("%s\nreply %s\nsignature %v and params.signature %v; the params as posted sign to %s", request, replyText, got, params["signature"], want)
	}
	checkBodyIsParams(t, reply)
}

// checkBodyIsParams asserts that a reply's body, read back as a form,
// holds exactly its params, each written as JavaScript's String() writes it.
func checkBodyIsParams(t *testing.T, reply map[string]any) {
	t.Helper()
	body, _ := reply["body"].(string)
	form, err := url.ParseQuery(body)
	if err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	params, _ := reply["params"].(map[string]any)
	if len(form) != len(params) {
		t.Errorf("body %q has %d fields, params %d: %v", body, len(form), len(params), params)
	}
	for k, v := range params {
		if got := form[k]; len(got) != 1 || got[0] != jsValue(t, v) {
			t.Errorf("body %q gives %s=%q, params %q", body, k, got, jsValue(t, v))
		}
	}
}

var postedRequests = []string{
	`{"action":"destroy","public_id":"cat","api_secret":"abcd"}`,
	`{"action":"destroy","url":"https://res.cloudinary.com/demo/image/upload/v1/caf%E9.jpg","api_secret":"abcd"}`,
	`{"action":"destroy","url":"https://res.cloudinary.com/demo/image/upload/v1/caf%C3%A9%20cr%C3%A8me.jpg","api_secret":"abcd"}`,
	`{"action":"destroy","url":"https://res.cloudinary.com/demo/image/upload/v3/deals/50%25off.jpg","api_secret":"abcd"}`,
	`{"action":"destroy","url":"https://res.cloudinary.com/demo/video/private/v3/a%26b%3Dc%23d.mp4","invalidate":true,"api_secret":"abcd"}`,
	`{"action":"destroy","url":"https://res.cloudinary.com/demo/raw/upload/v3/%F0%9F%98%80%00.txt","api_secret":"abcd"}`,
	`{"action":"destroy","public_id":"a&b=c","type":"authenticated","signature_version":1,"api_secret":"abcd"}`,
	`{"action":"destroy","public_id":"a&b=c","signature_algorithm":"sha256","api_key":"1234","api_secret":"abcd"}`,
	`{"action":"destroy","public_id":"\ud800 lone","api_secret":"abcd"}`,
	`{"action":"destroy","public_id":"日本/😀 \" \\ \u0001","timestamp":"1315060510","api_secret":"abcd"}`,
	`{"action":"sign","params":{"public_id":"cat","tags":["a","b",3,true,null],"overwrite":false,"n":0,"f":0.5},"api_secret":"abcd"}`,
	`{"action":"sign","params":{"context":"a=1&b=2","file":"x","cloud_name":"demo","resource_type":"raw","empty":""},"api_key":"k","api_secret":"abcd"}`,
	`{"action":"sign","params":{"context":"a=1&b=2","Upper":"x","a-b":"y"},"signature_version":1,"api_secret":"abcd"}`,
	`{"action":"sign","params":{"public_id":"\ud83d\ude00\u00e9","timestamp":1700000000},"signature_algorithm":"sha256","api_secret":"abcd"}`,
	`{"action":"sign","params":{"tags":[],"t2":[null],"t3":[""],"t4":[null,null],"public_id":"cat"},"api_secret":"abcd"}`,
	`{"action":"sign","params":{"eager":"c_fill,w_200|c_crop,h_10","notification_url":"https://x.com/?a=1&b=2"},"api_secret":"abcd"}`,
}

// TestPostedParamsSignToTheSignature guards the promise that what is
// posted is what was signed. A destroy by …/caf%E9.jpg once signed the
// byte 0xE9 while the host read U+FFFD in params and posted that.
func TestPostedParamsSignToTheSignature(t *testing.T) {
	for _, request := range postedRequests {
		reply, _ := textReply(clock(), request)
		checkPostedIsSigned(t, request, reply)
	}
}

func FuzzPostedParamsSignToTheSignature(f *testing.F) {
	for _, seed := range []string{"cat", "caf%E9", "50%25off", "a%26b", "%F0%9F%98%80", "%C3", "w_100/v2/a b"} {
		f.Add(seed, "tags", "a,b&c")
	}
	f.Fuzz(func(t *testing.T, path, key, value string) {
		for _, req := range []map[string]any{
			{"action": "destroy", "url": "https://res.cloudinary.com/demo/image/upload/" + path, "api_secret": "abcd"},
			{"action": "destroy", "public_id": path, "api_secret": "abcd", "signature_version": 1},
			{"action": "sign", "params": map[string]any{key: value, "public_id": path}, "api_secret": "abcd"},
		} {
			text, _ := json.Marshal(req) // invalid UTF-8 becomes U+FFFD, as in a browser
			reply, _ := textReply(clock(), string(text))
			checkPostedIsSigned(t, string(text), reply)
		}
	})
}

// TestURLWhoseIDIsNotUTF8IsRefused: such an id cannot be posted as it is
// signed, so every action that reads a URL refuses it on url.
func TestURLWhoseIDIsNotUTF8IsRefused(t *testing.T) {
	const url = `"https://res.cloudinary.com/demo/image/upload/v1/caf%E9.jpg"`
	for _, request := range []string{
		`{"action":"destroy","url":` + url + `,"api_secret":"abcd"}`,
		`{"action":"sign_url","url":` + url + `,"api_secret":"abcd"}`,
		`{"action":"parse_url","url":` + url + `}`,
	} {
		if code, field := errorOf(ask(t, clock(), request)); code != CodeInvalidField || field != "url" {
			t.Errorf("%s: %s on %q, want invalid_field on url", request, code, field)
		}
	}
}

// TestValidForInWholeSecondsBeyondDuration: valid_for 1e10 overflowed a
// time.Duration natively (a fresh webhook was "older than the validity
// window") and saturated in wasm (valid).
func TestValidForInWholeSecondsBeyondDuration(t *testing.T) {
	for _, validFor := range []string{"1e10", "9007199254740991"} {
		got := ask(t, clock(), `{"action":"verify_notification","body":"{}","timestamp":1315060000,"valid_for":`+validFor+
			`,"signature":"7ec68e051285a7f0e1c4b726d170a2109252b3b2","api_secret":"abcd"}`)
		if got["valid"] != true {
			t.Errorf("valid_for %s: %v", validFor, got)
		}
	}
	for _, validFor := range []string{"0.5", "1.5", "9007199254740992", "0"} {
		got := ask(t, clock(), `{"action":"verify_notification","body":"{}","timestamp":1315060000,"valid_for":`+validFor+
			`,"signature":"7ec68e051285a7f0e1c4b726d170a2109252b3b2","api_secret":"abcd"}`)
		if code, field := errorOf(got); code != CodeInvalidField || field != "valid_for" {
			t.Errorf("valid_for %s: %v", validFor, got)
		}
	}
}

// TestSignURLDecodesAURLOnce follows the npm SDK: its url() writes
// …/s--uA9Bkqjx--/v3/deals/50%25off.jpg for the id "deals/50%25off"
// (cloudinary@2.11.0, cloud test123, secret "b"); that URL was refused as
// "a broken % escape" because its id was decoded twice.
func TestSignURLDecodesAURLOnce(t *testing.T) {
	const want = "https://res.cloudinary.com/test123/image/upload/s--uA9Bkqjx--/v3/deals/50%25off.jpg"
	for _, request := range []string{
		`{"action":"sign_url","url":"https://res.cloudinary.com/test123/image/upload/v3/deals/50%25off.jpg","api_secret":"b"}`,
		`{"action":"sign_url","public_id":"deals/50%25off","version":3,"format":"jpg","cloud_name":"test123","api_secret":"b"}`,
	} {
		if got := ask(t, clock(), request); got["url"] != want || got["signature"] != "s--uA9Bkqjx--" {
			t.Errorf("%s: %v", request, got)
		}
	}
}

// TestURLOfAnotherCloudIsRefused: the secret belongs to one cloud, so a
// URL on another cloud than the one given or configured is an error that
// names both, where it was signed with one cloud's secret for the other.
func TestURLOfAnotherCloudIsRefused(t *testing.T) {
	const url = `"https://res.cloudinary.com/cloud-b/image/upload/v1/cat.jpg"`
	configured := clock()
	ask(t, configured, `{"action":"configure","cloudinary_url":"cloudinary://1234:abcd@cloud-a"}`)
	cases := []struct {
		h       *Handler
		request string
	}{
		{configured, `{"action":"destroy","url":` + url + `}`},
		{configured, `{"action":"sign_url","url":` + url + `}`},
		{clock(), `{"action":"destroy","url":` + url + `,"cloud_name":"cloud-a","api_secret":"abcd"}`},
		{clock(), `{"action":"sign_url","url":` + url + `,"cloud_name":"cloud-a","api_secret":"abcd"}`},
	}
	for _, c := range cases {
		got := ask(t, c.h, c.request)
		e, _ := got["error"].(map[string]any)
		msg, _ := e["message"].(string)
		if code, field := errorOf(got); code != CodeInvalidField || field != "url" || !strings.Contains(msg, `"cloud-a"`) || !strings.Contains(msg, `"cloud-b"`) {
			t.Errorf("%s: %v", c.request, got)
		}
	}
	for _, request := range []string{
		`{"action":"destroy","url":` + url + `,"cloud_name":"cloud-b","api_secret":"abcd"}`,
		`{"action":"destroy","url":"https://cdn.example.com/image/upload/v1/cat.jpg","cloud_name":"cloud-a","api_secret":"abcd"}`,
	} {
		if got := ask(t, clock(), request); got["ok"] != true {
			t.Errorf("%s: %v", request, got)
		}
	}
}

// TestURLNamesTheAssetAlone: destroy and sign_url agree that a url and a
// field for one of the parts it names cannot both be given; destroy once
// let the field win and sign_url ignored it.
func TestURLNamesTheAssetAlone(t *testing.T) {
	const url = `"https://res.cloudinary.com/demo/image/upload/v1/cat.jpg"`
	for _, extra := range []string{`"public_id":"dog"`, `"resource_type":"video"`, `"type":"private"`} {
		for _, action := range []string{"destroy", "sign_url"} {
			request := `{"action":"` + action + `","url":` + url + `,` + extra + `,"api_secret":"abcd"}`
			if code, field := errorOf(ask(t, clock(), request)); code != CodeInvalidField || field != "url" {
				t.Errorf("%s: %s on %q, want invalid_field on url", request, code, field)
			}
		}
	}
	// Empty and null fields are absent, as everywhere in a request.
	if got := ask(t, clock(), `{"action":"destroy","url":`+url+`,"public_id":"","type":null,"api_secret":"abcd"}`); got["ok"] != true {
		t.Errorf("empty fields beside url: %v", got)
	}
	for _, extra := range []string{`"transformation":"w_100"`, `"version":2`, `"format":"png"`} {
		request := `{"action":"sign_url","url":` + url + `,` + extra + `,"api_secret":"abcd"}`
		if code, field := errorOf(ask(t, clock(), request)); code != CodeInvalidField || field != "url" {
			t.Errorf("%s: %s on %q, want invalid_field on url", request, code, field)
		}
	}
}

// TestEnvelopeAlwaysGetsAReturnValue: an app that asks through Value From
// Post Message waits for the answer. A hex string or a reply-shaped
// message inside the envelope got returnValue "".
func TestEnvelopeAlwaysGetsAReturnValue(t *testing.T) {
	envelope := func(message string) string {
		return `{"type":"ThunkablePostMessage","uuid":"u","message":` + message + `}`
	}
	// sha1sum of the 40 hex digits.
	got := ask(t, clock(), envelope(`"fad1cc9acde35612302e6c1a58e426fdec8688ee"`))
	if got["returnValue"] != "c1f23967683192aa21d084c61559f841b7054bca" {
		t.Errorf("hex string: %v", got)
	}
	for _, message := range []string{
		`"{\"ok\":true,\"action\":\"ping\"}"`,
		`"{\"type\":\"ThunkablePostMessageReturnValue\",\"uuid\":\"x\",\"returnValue\":\"y\"}"`,
	} {
		got := ask(t, clock(), envelope(message))
		text, _ := got["returnValue"].(string)
		var reply map[string]any
		if err := json.Unmarshal([]byte(text), &reply); err != nil {
			t.Fatalf("%s: return value %q", message, text)
		}
		if code, _ := errorOf(reply); code != CodeBadRequest {
			t.Errorf("%s: %v", message, got)
		}
	}
	for _, message := range []string{`{"ok":false}`, `{"type":"ThunkablePostMessageReturnValue","uuid":"x"}`} {
		got := ask(t, clock(), envelope(message))
		reply, _ := got["returnValue"].(map[string]any)
		if code, _ := errorOf(reply); code != CodeBadRequest {
			t.Errorf("%s: %v", message, got)
		}
	}
	if got := ask(t, clock(), envelope(`"{not json"`)); !strings.Contains(got["returnValue"].(string), CodeBadJSON) {
		t.Errorf("broken JSON text: %v", got)
	}
}

// TestSignWarnsAboutNamesTheSDKsOrderDifferently: npm sorts names with
// localeCompare (cloudinary_npm lib/utils/index.js, api_string_to_sign:
// "params.sort((a, b) => a[0].localeCompare(b[0]))"), pycloudinary sorts
// the "k=v" strings, cloudinary-go sorts keys bytewise; they agree only
// on names made of a-z, 0-9 and _.
func TestSignWarnsAboutNamesTheSDKsOrderDifferently(t *testing.T) {
	got := ask(t, clock(), `{"action":"sign","params":{"public_id":"cat","Tags":"a","a-b":"c","x2_y":"d"},"api_secret":"abcd"}`)
	warnings, _ := got["warnings"].([]any)
	if len(warnings) != 2 || !strings.Contains(warnings[0].(string), `"Tags"`) || !strings.Contains(warnings[1].(string), `"a-b"`) {
		t.Errorf("warnings %v", got["warnings"])
	}
	if plain := ask(t, clock(), `{"action":"sign","params":{"public_id":"cat","x2_y":"d"},"api_secret":"abcd"}`); plain["warnings"] != nil {
		t.Errorf("warnings for plain names: %v", plain["warnings"])
	}
}

// TestParamErrorsNameTheFirstKey: params were read by ranging over a map,
// so with two bad keys the error named either, at random.
func TestParamErrorsNameTheFirstKey(t *testing.T) {
	const request = `{"action":"sign","params":{"z":{},"timestamp":-1,"b":[[1]],"m":{}},"api_secret":"abcd"}`
	for range 50 {
		if code, field := errorOf(ask(t, clock(), request)); code != CodeInvalidField || field != "params.b" {
			t.Fatalf("error %s on %q, want params.b", code, field)
		}
	}
}
