package e2e

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
)

// appInventorStandIn is window.AppInventor as an App Inventor-family
// WebViewer gives it, injected before the page's scripts: the app's side
// sets window.webViewString; every value the page sets is kept in order.
const appInventorStandIn = `
	window.webViewString = %s;
	window.webViewStringsSet = [];
	window.AppInventor = {
		getWebViewString: () => window.webViewString,
		setWebViewString: (text) => { window.webViewString = text; window.webViewStringsSet.push(text); },
	};`

// TestAppInventorHost drives both pages as an App Inventor app would: the
// string is set before the page loads, then changed message by message,
// in the three forms; each is answered once, through setWebViewString.
// The app's configured credentials serve the app alone: a native message,
// a window of another origin and the page's own cldsign.request() cannot
// use them.
//
// WebKit's driver cannot run the stand-in before the page's own scripts,
// so there the test is skipped and says why.
func TestAppInventorHost(t *testing.T) {
	t.Parallel()
	configure := `{"action":"configure","api_key":"1234","api_secret":"` + testSecret + `","cloud_name":"demo"}`
	destroy := `{"action":"destroy","id":7,"public_id":"cat","timestamp":1315060510}`
	inEachEngine(t, func(t *testing.T, e engine) {
		for _, signerPage := range signerPages {
			tb := e.open(t)
			err := tb.preload(nativeScript + strings.Replace(appInventorStandIn, "%s", jsString(configure), 1))
			if errors.Is(err, errNoPreload) {
				t.Skip(err)
			} else if err != nil {
				t.Fatal(err)
			}
			visit(t, tb, signerURL+signerPage)
			answered := 0 // replies read so far
			// set sets the string (unless message is empty) and reads the
			// page's next reply.
			set := func(message string) map[string]any {
				t.Helper()
				var reply string
				run(t, tb, `(async () => {
					if (`+jsString(message)+` !== "") webViewString = `+jsString(message)+`;
					while (webViewStringsSet.length === `+itoa(answered)+`) await new Promise((r) => setTimeout(r, 10));
					return webViewStringsSet[`+itoa(answered)+`];
				})()`, &reply)
				answered++
				if strings.Contains(reply, testSecret) {
					t.Fatalf("a reply holds the secret: %s", reply)
				}
				var m map[string]any
				if err := json.Unmarshal([]byte(reply), &m); err != nil {
					return map[string]any{"text": reply}
				}
				return m
			}

			// The string the app set before the page loaded.
			if got := set(""); got["ok"] != true || got["cloud_name"] != "demo" {
				t.Errorf("configure, read at start: %v", got)
			}
			// The worked destroy: the app's secret, configured once.
			want := sdkHex("public_id=cat&timestamp=1315060510" + testSecret)
			got := set(destroy)
			params, _ := got["params"].(map[string]any)
			if got["signature"] != want || got["url"] != "https://api.cloudinary.com/v1_1/demo/image/destroy" ||
				params["api_key"] != "1234" || params["signature"] != want || got["id"] != 7.0 {
				t.Errorf("destroy: %v", got)
			}
			if got := set(legacyText); got["text"] != legacyDigest {
				t.Errorf("legacy string: %v", got)
			}
			envelope := `{"type":"ThunkablePostMessage","uuid":"u-1","message":` + jsString(destroy) + `}`
			if got := set(envelope); got["uuid"] != "u-1" || !strings.Contains(got["returnValue"].(string), want) {
				t.Errorf("Thunkable envelope: %v", got)
			}

			// Others cannot sign with the app's secret. A native message:
			run(t, tb, `document.dispatchEvent(new MessageEvent("message", {data: `+jsString(destroy)+`})), true`, new(bool))
			// a window of another origin (a popup the page opened, posting to
			// its opener; with React Native present, its reply goes there):
			popupPosts(t, tb, destroy)
			for i, reply := range nativeReplies(t, tb, 2) {
				if !strings.Contains(reply, `"field":"api_secret"`) {
					t.Errorf("sender %d used the App Inventor app's secret: %s", i, reply)
				}
			}
			// and the page's own scripts:
			var own string
			run(t, tb, `cldsign.request(`+jsString(destroy)+`)`, &own)
			if !strings.Contains(own, `"field":"api_secret"`) {
				t.Errorf("cldsign.request() used the App Inventor app's secret: %s", own)
			}

			// Each message was answered once, and no reply was taken for a
			// message: the page read the string again since, and set nothing.
			var sets int
			run(t, tb, `(async () => {
				let reads = 0;
				const get = AppInventor.getWebViewString;
				AppInventor.getWebViewString = () => (reads++, get());
				while (reads < 3) await new Promise((r) => setTimeout(r, 10));
				return webViewStringsSet.length;
			})()`, &sets)
			if sets != 4 {
				t.Errorf("%s: the page set the WebViewString %d times for 4 messages", signerPage, sets)
			}
		}
	})
}

// popupPosts opens a window on the test host's origin from the signer's
// page; the window posts message to its opener as it loads.
func popupPosts(t *testing.T, tb tab, message string) {
	t.Helper()
	clickToOpen(t, tb, strings.TrimSuffix(hostURL, "host.html")+"opener.html#"+url.PathEscape(message), "() => true")
}
