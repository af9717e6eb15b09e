package protocol

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

const secret = "abcd"

// clock is a Handler on a fixed clock: 2011-09-03, the legacy example's day.
func clock() *Handler {
	return &Handler{Now: func() time.Time { return time.Unix(1315060510, 0) }}
}

// textReply is HandleText's reply as a string.
func textReply(h *Handler, text string) (string, bool) {
	reply, answer := h.HandleText(nil, text)
	return string(reply), answer
}

func ask(t *testing.T, h *Handler, request string) map[string]any {
	t.Helper()
	text, answer := textReply(h, request)
	if !answer {
		t.Fatalf("%s: no answer", request)
	}
	var reply map[string]any
	if err := json.Unmarshal([]byte(text), &reply); err != nil {
		t.Fatalf("reply %q is not JSON: %v", text, err)
	}
	if holdsSecret(reply, secret) {
		t.Fatalf("reply holds the secret: %s", text)
	}
	return reply
}

// digests are the parts of a reply where the letters of a secret made of
// hex digits can occur by chance: a whole hex digest, an s--…-- component.
var digests = regexp.MustCompile(`^[0-9a-f]{40}$|^[0-9a-f]{64}$|s--[A-Za-z0-9_-]{8,32}--`)

// holdsSecret reports whether secret occurs in a reply's keys or values,
// digests aside.
func holdsSecret(v any, secret string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(digests.ReplaceAllString(v, "#"), secret)
	case []any:
		return slices.ContainsFunc(v, func(item any) bool { return holdsSecret(item, secret) })
	case map[string]any:
		for k, item := range v {
			if strings.Contains(k, secret) || holdsSecret(item, secret) {
				return true
			}
		}
	}
	return false
}

func TestHoldsSecretSeesPastDigestsOnly(t *testing.T) {
	if holdsSecret(map[string]any{"signature": "00abcd" + strings.Repeat("0", 34), "url": "https://x/s--abcdabcd--/c"}, "abcd") {
		t.Error("a digest counted as the secret")
	}
	if !holdsSecret(map[string]any{"params": map[string]any{"note": "the abcd secret"}}, "abcd") {
		t.Error("a nested secret went unseen")
	}
}

func TestLegacyString(t *testing.T) {
	h := clock()
	for text, want := range map[string]string{
		"public_id=cat&timestamp=1315060510abcd": "fad1cc9acde35612302e6c1a58e426fdec8688ee",
		"":                                       "da39a3ee5e6b4b0d3255bfef95601890afd80709",
		"[1,2]":                                  sha1Hex("[1,2]"),
		"42":                                     sha1Hex("42"),
		" null":                                  sha1Hex(" null"),
	} {
		got, answer := textReply(h, text)
		if !answer || got != want {
			t.Errorf("HandleText(%q) = %q, %v; want %q", text, got, answer, want)
		}
	}
}

func TestNoAnswerToReplies(t *testing.T) {
	h := clock()
	for _, text := range []string{
		"fad1cc9acde35612302e6c1a58e426fdec8688ee",
		"45ddaa4fa01f0c2826f32f669d2e4514faf275fe6df053f1a150e7beae58a3bd",
		`{"ok": true, "action": "ping"}`,
		`{"ok": false}`,
		`{"type": "ThunkablePostMessageReturnValue", "uuid": "1", "returnValue": "x"}`,
	} {
		if reply, answer := textReply(h, text); answer {
			t.Errorf("%q was answered with %q", text, reply)
		}
	}
}

func TestDestroyExample(t *testing.T) {
	// The destroy example of the protocol reference, word for word, with
	// the body its reply table adds.
	got := ask(t, clock(), `{"action": "destroy", "id": 1, "url": "https://res.cloudinary.com/demo/image/upload/v1315060510/cat.jpg",
		"timestamp": 1315060510, "api_key": "1234", "api_secret": "abcd"}`)
	want := map[string]any{
		"ok": true, "action": "destroy", "id": 1.0,
		"signature": "fad1cc9acde35612302e6c1a58e426fdec8688ee", "timestamp": 1315060510.0,
		"string_to_sign": "public_id=cat&timestamp=1315060510",
		"params": map[string]any{"public_id": "cat", "timestamp": 1315060510.0, "api_key": "1234",
			"signature": "fad1cc9acde35612302e6c1a58e426fdec8688ee"},
		"url": "https://api.cloudinary.com/v1_1/demo/image/destroy", "method": "POST",
		"body": "api_key=1234&public_id=cat&signature=fad1cc9acde35612302e6c1a58e426fdec8688ee&timestamp=1315060510",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

func TestStaleTimestampWarns(t *testing.T) {
	h := clock()
	got := ask(t, h, `{"action": "destroy", "public_id": "cat", "timestamp": 1000000000, "api_secret": "abcd"}`)
	if w, _ := got["warnings"].([]any); len(w) != 1 || !strings.Contains(w[0].(string), "stale") {
		t.Errorf("warnings = %v", got["warnings"])
	}
	fresh := ask(t, h, `{"action": "destroy", "public_id": "cat", "api_secret": "abcd"}`)
	if _, has := fresh["warnings"]; has || fresh["timestamp"] != 1315060510.0 {
		t.Errorf("default timestamp reply: %v", fresh)
	}
}

func TestActions(t *testing.T) {
	tests := []struct {
		name    string
		request string
		want    map[string]any // fields that must match
		absent  []string
	}{
		{"destroy raw private with invalidate", `{"action":"destroy","url":"https://res.cloudinary.com/demo/raw/private/v1/docs/a.pdf","invalidate":true,"timestamp":"1315060510","api_secret":"abcd"}`,
			map[string]any{"string_to_sign": "invalidate=true&public_id=docs/a.pdf&timestamp=1315060510&type=private", "url": "https://api.cloudinary.com/v1_1/demo/raw/destroy"}, []string{"warnings"}},
		{"destroy without cloud name has no url", `{"action":"destroy","public_id":"cat","timestamp":1315060510,"api_secret":"abcd"}`,
			map[string]any{"signature": "fad1cc9acde35612302e6c1a58e426fdec8688ee"}, []string{"url", "warnings"}},
		{"sign SDK vector", `{"action":"sign","params":{"public_id":"folder/file","version":"1234","timestamp":1315060510},"api_secret":"b"}`,
			map[string]any{"string_to_sign": "public_id=folder/file&timestamp=1315060510&version=1234"}, nil},
		// cloudinary@2.11.0: api_sign_request({overwrite: false, tags: ["a", "b"], timestamp: 1315060510}, "b").
		{"sign keeps unsigned keys and drops blanks", `{"action":"sign","params":{"timestamp":1315060510,"file":"x.jpg","cloud_name":"demo","tags":["a","b"],"context":"","colors":null,"overwrite":false},"api_key":"k","api_secret":"b"}`,
			map[string]any{"string_to_sign": "overwrite=false&tags=a,b&timestamp=1315060510",
				"params": map[string]any{"timestamp": 1315060510.0, "file": "x.jpg", "cloud_name": "demo", "tags": []any{"a", "b"}, "overwrite": false, "api_key": "k",
					"signature": "818420dc6c0e92ae11e0b1b86f9ce8771e5cd865"}}, nil},
		// cloudinary@2.11.0: api_sign_request({timestamp: 1568810420, notification_url: …}, secret, "sha256", 1).
		{"sign sha256 version 1", `{"action":"sign","params":{"timestamp":1568810420,"notification_url":"https://fake.com/callback?a=1&tags=hello,world"},"api_secret":"hdcixPpR2iKERPwqvH6sHdK9cyac","signature_version":1,"signature_algorithm":"sha256"}`,
			map[string]any{"string_to_sign": "notification_url=https://fake.com/callback?a=1&tags=hello,world&timestamp=1568810420",
				"signature": "78acca63ad43a17e167c7b50e839fe8531d1d488a4a3bb7cd56cc4aec6a2c7b6"}, nil},
		{"hash sha256", `{"action":"hash","text":"","algorithm":"sha256"}`,
			map[string]any{"hex": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}, nil},
		{"parse_url", `{"action":"parse_url","url":"https://res.cloudinary.com/demo/image/upload/w_100/v12/a/cat.jpg"}`,
			map[string]any{"cloud_name": "demo", "resource_type": "image", "type": "upload", "version": "12", "public_id": "a/cat", "format": "jpg", "transformation": "w_100"}, nil},
		{"parse_url leaves out what the URL lacks", `{"action":"parse_url","url":"https://cdn.example.com/raw/upload/doc"}`,
			map[string]any{"public_id": "doc"}, []string{"cloud_name", "version", "format", "transformation"}},
		{"sign_url from public id", `{"action":"sign_url","public_id":"image","format":"jpg","version":1234,"transformation":"c_crop,h_20,w_10","cloud_name":"test123","api_secret":"b"}`,
			map[string]any{"url": "https://res.cloudinary.com/test123/image/upload/s--Ai4Znfl3--/c_crop,h_20,w_10/v1234/image.jpg", "signature": "s--Ai4Znfl3--"}, nil},
		{"sign_url long from url", `{"action":"sign_url","url":"https://res.cloudinary.com/test123/image/upload/sample.jpg","long":true,"api_secret":"b"}`,
			map[string]any{"signature": "s--2hbrSMPOjj5BJ4xV7SgFbRDevFaQNUFf--"}, nil},
		// sha1sum and sha256sum of "{}1315060000abcd".
		{"verify_notification sha1", `{"action":"verify_notification","body":"{}","timestamp":1315060000,"signature":"7ec68e051285a7f0e1c4b726d170a2109252b3b2","api_secret":"abcd"}`,
			map[string]any{"valid": true}, []string{"reason"}},
		{"verify_notification sha256", `{"action":"verify_notification","body":"{}","timestamp":1315060000,"signature_algorithm":"sha256","signature":"6704f11f9c3c208f5a136bc896f5351893548d632317eecde9bf7cfcff117aa1","api_secret":"abcd"}`,
			map[string]any{"valid": true}, []string{"reason"}},
		{"verify_notification sha1 signature under sha256", `{"action":"verify_notification","body":"{}","timestamp":1315060000,"signature_algorithm":"sha256","signature":"7ec68e051285a7f0e1c4b726d170a2109252b3b2","api_secret":"abcd"}`,
			map[string]any{"valid": false}, nil},
		{"verify_notification expired", `{"action":"verify_notification","body":"{}","timestamp":1315060000,"valid_for":60,"signature":"7ec68e051285a7f0e1c4b726d170a2109252b3b2","api_secret":"abcd"}`,
			map[string]any{"valid": false}, nil},
		{"verify_response", `{"action":"verify_response","public_id":"tests/logo.png","version":1,"signature":"08d3107a5b2ad82e7d82c0b972218fbf20b5b1e0","api_secret":"X7qLTrsES31MzxxkxPPA-pAGGfU"}`,
			map[string]any{"valid": true}, nil},
		{"ping", `{"action":"ping","id":"p"}`, map[string]any{"version": 1.0, "ready": true, "id": "p"}, nil},
		{"id echoed exactly", `{"action":"ping","id":12345678901234567890}`, map[string]any{"id": 12345678901234567890.0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ask(t, clock(), tt.request)
			if got["ok"] != true {
				t.Fatalf("failed: %v", got)
			}
			for k, v := range tt.want {
				if !reflect.DeepEqual(got[k], v) {
					t.Errorf("%s = %#v, want %#v", k, got[k], v)
				}
			}
			for _, k := range tt.absent {
				if _, has := got[k]; has {
					t.Errorf("%s present: %v", k, got[k])
				}
			}
		})
	}
}

// sha1Hex computes the digest with the standard library alone.
func sha1Hex(text string) string {
	sum := sha1.Sum([]byte(text))
	return hex.EncodeToString(sum[:])
}

func TestConfigureThenSign(t *testing.T) {
	h := clock()
	got := ask(t, h, `{"action":"configure","cloudinary_url":"cloudinary://1234:abcd@demo"}`)
	if got["api_key"] != "1234" || got["cloud_name"] != "demo" {
		t.Fatalf("configure reply %v", got)
	}
	destroy := ask(t, h, `{"action":"destroy","public_id":"cat","timestamp":1315060510}`)
	if destroy["signature"] != "fad1cc9acde35612302e6c1a58e426fdec8688ee" || destroy["url"] != "https://api.cloudinary.com/v1_1/demo/image/destroy" {
		t.Errorf("destroy after configure: %v", destroy)
	}
	if destroy["params"].(map[string]any)["api_key"] != "1234" {
		t.Errorf("api_key not sent: %v", destroy["params"])
	}
	ask(t, h, `{"action":"configure","cloud_name":"other"}`)
	if again := ask(t, h, `{"action":"destroy","public_id":"cat","timestamp":1315060510}`); again["url"] != "https://api.cloudinary.com/v1_1/other/image/destroy" || again["signature"] != destroy["signature"] {
		t.Errorf("configure replaced the secret: %v", again)
	}
}

// TestHandlersKeepTheirOwnCredentials: a page keeps one Handler per party
// that sends messages; what one party configures is its own.
func TestHandlersKeepTheirOwnCredentials(t *testing.T) {
	a, b := clock(), clock()
	ask(t, a, `{"action":"configure","cloudinary_url":"cloudinary://1234:abcd@demo"}`)
	if code, field := errorOf(ask(t, b, `{"action":"destroy","public_id":"cat"}`)); code != CodeMissingField || field != "api_secret" {
		t.Errorf("another handler used the configured secret: %s %s", code, field)
	}
	if got := ask(t, a, `{"action":"destroy","public_id":"cat","timestamp":1315060510}`); got["signature"] != "fad1cc9acde35612302e6c1a58e426fdec8688ee" {
		t.Errorf("the configured handler: %v", got)
	}
}

func TestThunkableEnvelope(t *testing.T) {
	h := clock()
	text, _ := textReply(h, `{"type":"ThunkablePostMessage","uuid":"u-1","message":"public_id=cat&timestamp=1315060510abcd"}`)
	if want := `{"type":"ThunkablePostMessageReturnValue","uuid":"u-1","returnValue":"fad1cc9acde35612302e6c1a58e426fdec8688ee"}`; text != want {
		t.Errorf("string message: got %s, want %s", text, want)
	}
	got := ask(t, h, `{"type":"ThunkablePostMessage","uuid":7,"message":{"action":"hash","text":"","id":3}}`)
	rv, _ := got["returnValue"].(map[string]any)
	if got["uuid"] != 7.0 || rv["ok"] != true || rv["hex"] != "da39a3ee5e6b4b0d3255bfef95601890afd80709" || rv["id"] != 3.0 {
		t.Errorf("object message: %v", got)
	}
	// A JSON request sent as text inside the envelope comes back as text.
	got = ask(t, h, `{"type":"ThunkablePostMessage","uuid":"u","message":"{\"action\":\"ping\"}"}`)
	if s, _ := got["returnValue"].(string); !strings.Contains(s, `"ready":true`) {
		t.Errorf("text request: %v", got)
	}
}

func TestObjectForm(t *testing.T) {
	out, answer := clock().HandleObject(map[string]any{"action": "hash", "text": "a"})
	if !answer || out.Get("hex") != "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" {
		t.Errorf("got %v, %v", out, answer)
	}
	if _, answer := clock().HandleObject(map[string]any{"ok": true}); answer {
		t.Error("answered a reply")
	}
}

func TestActionsAreInNameOrder(t *testing.T) {
	names := actionNames()
	if !slices.IsSorted(names) {
		t.Errorf("actions are not in name order: %v", names)
	}
}

func BenchmarkHandleTextDestroy(b *testing.B) {
	h := clock()
	const message = `{"action":"destroy","id":1,"url":"https://res.cloudinary.com/demo/image/upload/v1315060510/cat.jpg","timestamp":1315060510,"api_key":"1234","api_secret":"abcd"}`
	b.ReportAllocs()
	var reply []byte // one buffer for every reply, as the bridge keeps
	for b.Loop() {
		var answer bool
		if reply, answer = h.HandleText(reply[:0], message); !answer {
			b.Fatal("no answer")
		}
	}
}

func BenchmarkHandleTextLegacy(b *testing.B) {
	h := clock()
	b.ReportAllocs()
	var reply []byte
	for b.Loop() {
		reply, _ = h.HandleText(reply[:0], "public_id=cat&timestamp=1315060510abcd")
	}
}
