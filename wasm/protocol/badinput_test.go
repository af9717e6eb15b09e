package protocol

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cldsign/cldsign/wasm/msgjson"
)

// badInputs are requests that must each get one structured error reply.
var badInputs = []struct {
	request string
	code    string
	field   string
}{
	{`{`, CodeBadJSON, ""},
	{`{"action": "ping"`, CodeBadJSON, ""},
	{`{"action": "ping"}}`, CodeBadJSON, ""},
	{`{"action": "ping"} trailing`, CodeBadJSON, ""},
	{`  {'action': 'ping'}`, CodeBadJSON, ""},
	{`{"action": NaN}`, CodeBadJSON, ""},
	{`{}`, CodeMissingField, "action"},
	{`{"action": ""}`, CodeMissingField, "action"},
	{`{"action": null}`, CodeMissingField, "action"},
	{`{"action": 5}`, CodeInvalidField, "action"},
	{`{"action": ["ping"]}`, CodeInvalidField, "action"},
	{`{"action": "explode"}`, CodeUnknownAction, "action"},
	{`{"action": "PING"}`, CodeUnknownAction, "action"},
	{`{"action": "ping", "id": {"a": 1}}`, CodeInvalidField, "id"},
	{`{"action": "ping", "id": [1]}`, CodeInvalidField, "id"},
	{`{"action": "destroy", "public_id": "cat"}`, CodeMissingField, "api_secret"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": ""}`, CodeMissingField, "api_secret"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": 1234}`, CodeInvalidField, "api_secret"},
	{`{"action": "destroy", "api_secret": "abcd"}`, CodeMissingField, "public_id"},
	{`{"action": "destroy", "public_id": "", "api_secret": "abcd"}`, CodeMissingField, "public_id"},
	{`{"action": "destroy", "public_id": 7, "api_secret": "abcd"}`, CodeInvalidField, "public_id"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": -1}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": 0}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": 1.5}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": 9007199254740993}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": 1e300}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": ""}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": "12a"}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": "NaN"}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "timestamp": true}`, CodeInvalidField, "timestamp"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "invalidate": "yes"}`, CodeInvalidField, "invalidate"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "resource_type": "pdf"}`, CodeInvalidField, "resource_type"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "signature_algorithm": "md5"}`, CodeInvalidField, "signature_algorithm"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "signature_version": 3}`, CodeInvalidField, "signature_version"},
	{`{"action": "destroy", "public_id": "cat", "api_secret": "abcd", "signature_version": "two"}`, CodeInvalidField, "signature_version"},
	{`{"action": "destroy", "url": "https://example.com/cat.jpg", "api_secret": "abcd"}`, CodeNotCloudinaryURL, "url"},
	{`{"action": "destroy", "url": "not a url", "api_secret": "abcd"}`, CodeNotCloudinaryURL, "url"},
	{`{"action": "sign", "api_secret": "abcd"}`, CodeMissingField, "params"},
	{`{"action": "sign", "params": "public_id=cat", "api_secret": "abcd"}`, CodeInvalidField, "params"},
	{`{"action": "sign", "params": [1, 2], "api_secret": "abcd"}`, CodeInvalidField, "params"},
	{`{"action": "sign", "params": {"context": {"a": 1}}, "api_secret": "abcd"}`, CodeInvalidField, "params.context"},
	{`{"action": "sign", "params": {"tags": [["a"]]}, "api_secret": "abcd"}`, CodeInvalidField, "params.tags"},
	{`{"action": "sign", "params": {"tags": [{"a": 1}]}, "api_secret": "abcd"}`, CodeInvalidField, "params.tags"},
	{`{"action": "sign", "params": {"timestamp": -5}, "api_secret": "abcd"}`, CodeInvalidField, "params.timestamp"},
	{`{"action": "sign", "params": {"a": 1}}`, CodeMissingField, "api_secret"},
	{`{"action": "hash"}`, CodeMissingField, "text"},
	{`{"action": "hash", "text": 5}`, CodeInvalidField, "text"},
	{`{"action": "hash", "text": "a", "algorithm": "sha512"}`, CodeInvalidField, "algorithm"},
	{`{"action": "parse_url"}`, CodeMissingField, "url"},
	{`{"action": "parse_url", "url": "https://api.cloudinary.com/v1_1/demo/image/destroy"}`, CodeNotCloudinaryURL, "url"},
	{`{"action": "parse_url", "url": "javascript:alert(1)"}`, CodeNotCloudinaryURL, "url"},
	{`{"action": "sign_url", "public_id": "cat", "api_secret": "abcd"}`, CodeMissingField, "cloud_name"},
	{`{"action": "sign_url", "cloud_name": "demo", "api_secret": "abcd"}`, CodeMissingField, "public_id"},
	{`{"action": "sign_url", "url": "https://res.cloudinary.com/demo/image/upload/cat.jpg", "api_secret": "abcd", "long": 1}`, CodeInvalidField, "long"},
	{`{"action": "verify_notification", "timestamp": 1, "signature": "x", "api_secret": "abcd"}`, CodeMissingField, "body"},
	{`{"action": "verify_notification", "body": {"a": 1}, "timestamp": 1, "signature": "x", "api_secret": "abcd"}`, CodeInvalidField, "body"},
	{`{"action": "verify_notification", "body": "{}", "signature": "x", "api_secret": "abcd"}`, CodeMissingField, "timestamp"},
	{`{"action": "verify_notification", "body": "{}", "timestamp": 1, "api_secret": "abcd"}`, CodeMissingField, "signature"},
	{`{"action": "verify_notification", "body": "{}", "timestamp": 1, "signature": "x", "api_secret": "abcd", "valid_for": -1}`, CodeInvalidField, "valid_for"},
	{`{"action": "verify_response", "version": 1, "signature": "x", "api_secret": "abcd"}`, CodeMissingField, "public_id"},
	{`{"action": "verify_response", "public_id": "a", "signature": "x", "api_secret": "abcd"}`, CodeMissingField, "version"},
	{`{"action": "verify_response", "public_id": "a", "version": 1.5, "signature": "x", "api_secret": "abcd"}`, CodeInvalidField, "version"},
	{`{"action": "configure"}`, CodeMissingField, "cloudinary_url"},
	{`{"action": "configure", "cloudinary_url": "https://abcd@demo"}`, CodeInvalidField, "cloudinary_url"},
	{`{"action": "configure", "api_key": {"k": 1}}`, CodeInvalidField, "api_key"},
	{`{"type": "ThunkablePostMessage", "uuid": "u", "message": 5}`, CodeBadRequest, ""},
}

func TestBadInputGetsOneStructuredError(t *testing.T) {
	h := clock()
	for _, tt := range badInputs {
		t.Run(tt.request, func(t *testing.T) {
			got := ask(t, h, tt.request)
			if rv, envelope := got["returnValue"].(map[string]any); envelope {
				got = rv
			}
			e, _ := got["error"].(map[string]any)
			if got["ok"] != false || e == nil {
				t.Fatalf("not an error reply: %v", got)
			}
			field, _ := e["field"].(string)
			if e["code"] != tt.code || field != tt.field {
				t.Errorf("error %v, want code %s field %q", e, tt.code, tt.field)
			}
			if msg, _ := e["message"].(string); msg == "" {
				t.Errorf("no message: %v", e)
			}
			// The next good message is still answered correctly.
			if next := ask(t, h, `{"action":"hash","text":"a"}`); next["hex"] != "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" {
				t.Errorf("next message: %v", next)
			}
		})
	}
}

func TestErrorsNeverQuoteTheSecret(t *testing.T) {
	h := clock()
	for _, tt := range badInputs {
		request := strings.ReplaceAll(tt.request, `"abcd"`, `"s3cr3t-VALUE"`)
		request = strings.ReplaceAll(request, `https://abcd@demo`, `cloudinary://k:s3cr3t-VALUE@`)
		if out, _ := textReply(h, request); strings.Contains(out, "s3cr3t-VALUE") {
			t.Errorf("%s: reply holds the secret: %s", request, out)
		}
	}
}

func TestHugeAndDeepInput(t *testing.T) {
	h := clock()
	big := strings.Repeat("x", 1<<20)
	if got := ask(t, h, `{"action":"hash","text":"`+big+`"}`); got["ok"] != true {
		t.Errorf("1 MB text: %v", got)
	}
	// The object and params themselves are two levels of the limit.
	nested := func(depth int) string {
		return `{"action":"sign","api_secret":"abcd","params":{"a":` + strings.Repeat("[", depth-2) + strings.Repeat("]", depth-2) + `}}`
	}
	if code, field := errorOf(ask(t, h, nested(msgjson.MaxDepth))); code != CodeInvalidField || field != "params.a" {
		t.Errorf("nesting at the limit: %s on %q, want it read and refused as params.a", code, field)
	}
	if code, _ := errorOf(ask(t, h, nested(msgjson.MaxDepth+1))); code != CodeBadJSON {
		t.Errorf("nesting past the limit: %s, want bad_json", code)
	}
	if got, _ := textReply(h, big); len(got) != 40 {
		t.Errorf("1 MB legacy string: %q", got)
	}
}

func FuzzHandleText(f *testing.F) {
	for _, tt := range badInputs {
		f.Add(tt.request)
	}
	f.Add(`{"action":"destroy","url":"https://res.cloudinary.com/demo/image/upload/v1/cat.jpg","api_secret":"abcd"}`)
	f.Add(`{"type":"ThunkablePostMessage","uuid":"u","message":{"action":"ping"}}`)
	f.Add("public_id=cat&timestamp=1315060510abcd")
	f.Fuzz(func(t *testing.T, text string) {
		out, answer := textReply(clock(), text)
		if !answer {
			return
		}
		if !startsLikeJSON(text) {
			if len(out) != 40 {
				t.Fatalf("legacy reply %q", out)
			}
			return
		}
		var reply map[string]any
		if err := json.Unmarshal([]byte(out), &reply); err != nil {
			t.Fatalf("reply %q is not a JSON object: %v", out, err)
		}
		if _, ok := reply["ok"]; !ok && reply["type"] != "ThunkablePostMessageReturnValue" {
			t.Fatalf("reply %q has neither ok nor an envelope", out)
		}
	})
}
