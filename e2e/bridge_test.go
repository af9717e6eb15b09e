package e2e

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// Vectors from the official SDKs' test suites, and the legacy guide.
const (
	legacyText   = "public_id=cat&timestamp=1315060510abcd"
	legacyDigest = "fad1cc9acde35612302e6c1a58e426fdec8688ee"
	testSecret   = "abcd-SECRET-never-echoed"
)

var signerPages = []string{"", "bridge.html"}

// openHost loads the cross-origin test host in a new tab of engine e and
// frames the signer page; it returns once the signer answers.
func openHost(t *testing.T, e engine, signerPage string) tab {
	t.Helper()
	tb := e.open(t)
	visit(t, tb, hostURL)
	run(t, tb, `frame(`+jsString(signerURL+signerPage)+`).then((i) => probe(document.querySelectorAll("iframe")[i].contentWindow, []))`, nil)
	run(t, tb, `(received.length = 0, true)`, nil)
	return tb
}

type hostReply struct {
	Frame  int             `json:"frame"`
	Origin string          `json:"origin"`
	Type   string          `json:"type"`
	Data   json.RawMessage `json:"data"`
}

// exchange posts each message (JavaScript expressions) to frame 0 and
// returns the replies once there are want of them.
func exchange(t *testing.T, tb tab, want int, messages ...string) []hostReply {
	t.Helper()
	var raw string
	run(t, tb, `(async () => {
		received.length = 0;
		for (const m of [`+strings.Join(messages, ",")+`]) post(0, m);
		return JSON.stringify(await waitFor(`+itoa(want)+`));
	})()`, &raw)
	if strings.Contains(raw, testSecret) {
		t.Fatalf("a reply holds the secret: %s", raw)
	}
	var replies []hostReply
	if err := json.Unmarshal([]byte(raw), &replies); err != nil {
		t.Fatal(err)
	}
	return replies
}

// object reads a reply that is an object, or JSON text of one.
func (r hostReply) object(t *testing.T) map[string]any {
	t.Helper()
	data := r.Data
	if r.Type == "string" {
		var text string
		_ = json.Unmarshal(data, &text)
		data = json.RawMessage(text)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("reply %s is not an object: %v", r.Data, err)
	}
	return m
}

// TestIframeHostAllForms frames each page from another origin, in each
// engine, and sends every form of message.
func TestIframeHostAllForms(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		for _, signerPage := range signerPages {
			tb := openHost(t, e, signerPage)
			replies := exchange(t, tb, 7,
				jsString(legacyText),
				`JSON.stringify({action: "destroy", id: 1, url: "https://res.cloudinary.com/demo/image/upload/v1315060510/cat.jpg", timestamp: 1315060510, api_key: "1234", api_secret: "abcd"})`,
				`{action: "sign", id: 2, params: {public_id: "folder/file", version: "1234", timestamp: 1315060510}, api_secret: "b"}`,
				`JSON.stringify({type: "ThunkablePostMessage", uuid: "u-1", message: `+jsString(legacyText)+`})`,
				`JSON.stringify({type: "ThunkablePostMessage", uuid: "u-2", message: {action: "hash", text: "a", id: 3}})`,
				`{action: "sign", id: 4, params: {cloud_name: "dn6ot3ged", timestamp: 1568810420, notification_url: "https://fake.com/callback?a=1&tags=hello,world"}, api_secret: "hdcixPpR2iKERPwqvH6sHdK9cyac"}`,
				`{action: "configure", id: 5, api_secret: `+jsString(testSecret)+`, cloud_name: "demo"}`,
			)
			for _, r := range replies {
				if r.Frame != 0 || r.Origin != strings.TrimSuffix(signerURL, "/") {
					t.Errorf("reply from frame %d, origin %q", r.Frame, r.Origin)
				}
			}
			if replies[0].Type != "string" || string(replies[0].Data) != `"`+legacyDigest+`"` {
				t.Errorf("legacy: %s %s", replies[0].Type, replies[0].Data)
			}
			destroy := replies[1].object(t)
			if replies[1].Type != "string" || destroy["signature"] != legacyDigest || destroy["id"] != 1.0 ||
				destroy["url"] != "https://api.cloudinary.com/v1_1/demo/image/destroy" {
				t.Errorf("destroy as text: %s", replies[1].Data)
			}
			if sign := replies[2].object(t); replies[2].Type != "object" || sign["string_to_sign"] != "public_id=folder/file&timestamp=1315060510&version=1234" ||
				sign["signature"] != sdkHex("public_id=folder/file&timestamp=1315060510&version=1234b") {
				t.Errorf("sign as object: %s", replies[2].Data)
			}
			envelope := replies[3].object(t)
			if replies[3].Type != "string" || envelope["type"] != "ThunkablePostMessageReturnValue" || envelope["uuid"] != "u-1" || envelope["returnValue"] != legacyDigest {
				t.Errorf("envelope with text: %s", replies[3].Data)
			}
			rv, _ := replies[4].object(t)["returnValue"].(map[string]any)
			if rv["hex"] != "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" || rv["id"] != 3.0 {
				t.Errorf("envelope with object: %s", replies[4].Data)
			}
			// The request layer leaves cloud_name out, as the SDKs' sign_request does.
			const smuggleString = "notification_url=https://fake.com/callback?a=1%26tags=hello,world&timestamp=1568810420"
			if smuggle := replies[5].object(t); smuggle["string_to_sign"] != smuggleString || smuggle["signature"] != sdkHex(smuggleString+"hdcixPpR2iKERPwqvH6sHdK9cyac") {
				t.Errorf("SDK vector: %s", replies[5].Data)
			}
			configured := replies[6].object(t)
			if configured["ok"] != true || configured["cloud_name"] != "demo" {
				t.Errorf("configure: %s", replies[6].Data)
			}
			// Configured: no credentials in the request.
			again := exchange(t, tb, 1, `{action: "destroy", id: 6, public_id: "cat", timestamp: 1315060510}`)[0].object(t)
			if again["signature"] != sdkHex("public_id=cat&timestamp=1315060510"+testSecret) || again["url"] != "https://api.cloudinary.com/v1_1/demo/image/destroy" {
				t.Errorf("destroy after configure: %v", again)
			}
			expectNoProblems(t, tb)
		}
	})
}

// nativeReplies waits until the stand-in React Native app has want
// replies, and returns all it has.
func nativeReplies(t *testing.T, tb tab, want int) []string {
	t.Helper()
	waitUntil(t, tb, `window.nativeReplies.length >= `+itoa(want))
	var replies []any
	run(t, tb, `window.nativeReplies`, &replies)
	var out []string
	for _, r := range replies {
		s, ok := r.(string)
		if !ok {
			t.Fatalf("a native reply is not a string: %#v", r)
		}
		out = append(out, s)
	}
	return out
}

// openNative loads the signer page in a new tab of engine e, as a React
// Native WebView's page once it runs: the bridge looks for
// ReactNativeWebView as it answers, so the stand-in may come after load,
// in every engine (WebKit's driver cannot add it before).
func openNative(t *testing.T, e engine, signerPage string) tab {
	t.Helper()
	tb := e.open(t)
	visit(t, tb, signerURL+signerPage)
	waitSignerReady(t, tb)
	run(t, tb, `(() => {`+nativeScript+` return true; })()`, nil)
	return tb
}

// TestReactNativeHost makes each page a React Native WebView's, in each
// engine: messages on document and window, in every form, are answered
// through ReactNativeWebView.postMessage, as text.
func TestReactNativeHost(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		for _, signerPage := range signerPages {
			tb := openNative(t, e, signerPage)
			// Android delivers on document, iOS on window; data is always a string.
			run(t, tb, `(document.dispatchEvent(new MessageEvent("message", {data: `+jsString(legacyText)+`})),
				window.dispatchEvent(new MessageEvent("message", {data: JSON.stringify({action: "ping", id: 9})})),
				window.dispatchEvent(new MessageEvent("message", {data: JSON.stringify({type: "ThunkablePostMessage", uuid: "u", message: {action: "hash", text: ""}})})),
				document.dispatchEvent(new MessageEvent("message", {data: {action: "hash", text: "a"}})),
				true)`, nil)
			replies := nativeReplies(t, tb, 4)
			if replies[0] != legacyDigest {
				t.Errorf("%q legacy: %q", signerPage, replies[0])
			}
			if !strings.Contains(replies[1], `"id":9`) || !strings.Contains(replies[1], `"ready":true`) {
				t.Errorf("%q ping: %s", signerPage, replies[1])
			}
			if !strings.Contains(replies[2], `"returnValue":{`) || !strings.Contains(replies[2], `"uuid":"u"`) {
				t.Errorf("%q envelope: %s", signerPage, replies[2])
			}
			if !strings.Contains(replies[3], `"hex":"86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"`) {
				t.Errorf("%q object sent as text: %s", signerPage, replies[3])
			}
		}
	})
}

// TestEarlyMessagesQueue posts 50 messages as soon as the page's queue
// exists, long before the wasm has started: all are answered, in order.
// It runs where a script can run before the page's own: not in WebKit,
// whose driver cannot.
func TestEarlyMessagesQueue(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		for _, signerPage := range signerPages {
			tb := e.open(t)
			// The messages go out the moment the queue exists: when the boot script
			// publishes cldsignPage, before the wasm has even been fetched.
			err := tb.preload(nativeScript + `
				let page;
				Object.defineProperty(globalThis, "cldsignPage", { configurable: true, get: () => page, set: (value) => {
					page = value;
					window.readyAtPost = !!(globalThis.cldsign && globalThis.cldsign.ready);
					for (let i = 0; i < 50; i++) {
						document.dispatchEvent(new MessageEvent("message", {data: JSON.stringify({action: "hash", text: "m" + i, id: i})}));
					}
				}});`)
			if errors.Is(err, errNoPreload) {
				t.Skip(err)
			} else if err != nil {
				t.Fatal(err)
			}
			visit(t, tb, signerURL+signerPage)
			replies := nativeReplies(t, tb, 50)
			var readyAtPost bool
			run(t, tb, `window.readyAtPost`, &readyAtPost)
			if readyAtPost {
				t.Fatalf("%q: the signer had started before the messages were posted; the queue was not exercised", signerPage)
			}
			for i, r := range replies {
				var m map[string]any
				_ = json.Unmarshal([]byte(r), &m)
				if m["id"] != float64(i) || m["hex"] != sdkHex("m"+itoa(i)) {
					t.Errorf("%q reply %d: %s", signerPage, i, r)
				}
			}
			// One more message: its reply comes after any extra one.
			run(t, tb, `(document.dispatchEvent(new MessageEvent("message", {data: JSON.stringify({action: "ping", id: "end"})})), true)`, nil)
			if final := nativeReplies(t, tb, 51); len(final) != 51 || !strings.Contains(final[50], `"id":"end"`) {
				t.Errorf("%q: %d replies, want exactly 50 and the ping's", signerPage, len(final)-1)
			}
		}
	})
}

// TestEveryActionInTheBrowser sends each action of the protocol's table to
// both pages, and checks the reply's fields, its id and SDK vectors.
func TestEveryActionInTheBrowser(t *testing.T) {
	t.Parallel()
	pyBody := `{"notification_type":"eager","eager":[{"transformation":"sp_full_hd/mp4","bytes":1055,` +
		`"url":"http://res.cloudinary.com/demo/video/upload/sp_full_hd/v1533125278/dog.mp4",` +
		`"secure_url":"https://res.cloudinary.com/demo/video/upload/sp_full_hd/v1533125278/dog.mp4"}],` +
		`"public_id":"dog","batch_id":"9b11fa058c61fa577f4ec516bf6ee756ac2aefef095af99aef1302142cc1694a"}`
	requests := []struct {
		request string
		want    map[string]any
	}{
		{`{action: "ping", id: "p"}`, map[string]any{"ready": true, "version": 1.0}},
		{`{action: "hash", id: 2, text: "public_id=cat&timestamp=1315060510abcd"}`, map[string]any{"hex": legacyDigest}},
		{`{action: "destroy", id: 3, public_id: "cat", timestamp: 1315060510, api_key: "1234", cloud_name: "demo", api_secret: "abcd"}`,
			map[string]any{"signature": legacyDigest, "url": "https://api.cloudinary.com/v1_1/demo/image/destroy", "method": "POST"}},
		{`{action: "sign", id: 4, params: {public_id: "folder/file", version: "1234", timestamp: 1315060510}, api_secret: "b"}`,
			map[string]any{"string_to_sign": "public_id=folder/file&timestamp=1315060510&version=1234"}},
		{`{action: "parse_url", id: 5, url: "https://res.cloudinary.com/demo/image/upload/c_fill,w_200/v1315060510/pets/cat.jpg"}`,
			map[string]any{"cloud_name": "demo", "public_id": "pets/cat", "version": "1315060510", "format": "jpg", "transformation": "c_fill,w_200", "resource_type": "image", "type": "upload"}},
		{`{action: "sign_url", id: 6, public_id: "image", format: "jpg", version: 1234, transformation: "c_crop,h_20,w_10", cloud_name: "test123", api_secret: "b"}`,
			map[string]any{"url": "https://res.cloudinary.com/test123/image/upload/s--Ai4Znfl3--/c_crop,h_20,w_10/v1234/image.jpg", "signature": "s--Ai4Znfl3--"}},
		{`{action: "verify_notification", id: 7, body: ` + jsString(pyBody) + `, timestamp: 1549533514, valid_for: 1e10,
			signature: "dfe82de1d9083fe0b7ea68070649f9a15b8874da", api_secret: "X7qLTrsES31MzxxkxPPA-pAGGfU"}`, map[string]any{"valid": true}},
		{`{action: "verify_response", id: 8, public_id: "tests/logo.png", version: 1, signature: "08d3107a5b2ad82e7d82c0b972218fbf20b5b1e0",
			api_secret: "X7qLTrsES31MzxxkxPPA-pAGGfU"}`, map[string]any{"valid": true}},
		{`{action: "configure", id: 9, cloudinary_url: "cloudinary://1234:abcd@demo"}`, map[string]any{"api_key": "1234", "cloud_name": "demo"}},
	}
	inEachEngine(t, func(t *testing.T, e engine) {
		for _, signerPage := range signerPages {
			tb := openHost(t, e, signerPage)
			var messages []string
			for _, r := range requests {
				messages = append(messages, r.request)
			}
			replies := exchange(t, tb, len(requests), messages...)
			for i, r := range requests {
				got := replies[i].object(t)
				if got["ok"] != true || got["id"] == nil {
					t.Errorf("%s: %s", r.request, replies[i].Data)
					continue
				}
				for k, v := range r.want {
					if got[k] != v {
						t.Errorf("%s: %s = %v, want %v", r.request, k, got[k], v)
					}
				}
			}
		}
	})
}
