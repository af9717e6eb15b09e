package e2e

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// The attacks on configured credentials: another party of the browser
// tries to sign with credentials it never gave, or to replace them. Every
// expected signature is the standard library's SHA-1 of the string the
// SDKs sign.

// installHost gives a page that is not a test host (a signer page) the
// test host's helpers: probe, remote, whenHost.
func installHost(t *testing.T, tb tab) {
	t.Helper()
	run(t, tb, `(() => {`+hostJS+"\nreturn true; })()", nil)
}

const (
	hostSecret  = "host-SECRET-of-origin-A"
	otherSecret = "other-SECRET-of-origin-B"
	typedSecret = "typed-SECRET-in-the-form"
)

func configureMessage(key, secret, cloud string) string {
	return mustJSON(map[string]string{"action": "configure", "api_key": key, "api_secret": secret, "cloud_name": cloud})
}

// destroyWithout is a destroy that brings no credentials of its own.
func destroyWithout(id string) string {
	return mustJSON(map[string]any{"action": "destroy", "id": id, "public_id": "cat", "timestamp": 1315060510})
}

// probeReplies decodes what a probe saw, replies given as objects or text.
func probeReplies(t *testing.T, raw []any) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range raw {
		m, ok := r.(map[string]any)
		if s, isText := r.(string); isText {
			ok = json.Unmarshal([]byte(s), &m) == nil
		}
		if !ok {
			t.Fatalf("a reply that is not an object: %#v", r)
		}
		out = append(out, m)
	}
	return out
}

// expectRefused checks a reply is missing_field and tells nothing of any
// configured credentials.
func expectRefused(t *testing.T, what string, reply map[string]any, secrets ...string) {
	t.Helper()
	text := mustJSON(reply)
	e, _ := reply["error"].(map[string]any)
	if reply["ok"] != false || e == nil || e["code"] != "missing_field" {
		t.Errorf("%s: got %s, want missing_field", what, text)
	}
	for _, leak := range append(secrets, "hostkey", "hostcloud", "otherkey", "othercloud", "nativekey", "nativecloud") {
		if strings.Contains(text, leak) {
			t.Errorf("%s: the refusal mentions %q: %s", what, leak, text)
		}
	}
}

// expectSignedWith checks a destroy reply is signed with secret for cloud.
func expectSignedWith(t *testing.T, what string, reply map[string]any, key, secret, cloud string) {
	t.Helper()
	params, _ := reply["params"].(map[string]any)
	if reply["signature"] != sdkHex("public_id=cat&timestamp=1315060510"+secret) || params["api_key"] != key ||
		reply["url"] != "https://api.cloudinary.com/v1_1/"+cloud+"/image/destroy" {
		t.Errorf("%s: got %s, want it signed with %s's credentials", what, mustJSON(reply), cloud)
	}
}

// openPopup opens url in a popup, window.popup, with a click; it returns
// once the host page there has loaded (and configured its signer if
// asked), decoding what it reports into ready.
func openPopup(t *testing.T, tb tab, url string, ready any) {
	t.Helper()
	clickToOpen(t, tb, url, "whenHost")
	run(t, tb, `popupReady`, ready)
}

// clickToOpen opens url in a popup, window.popup, with a click, as a page
// may only open one when the person acts. window.popupReady is then the
// promise of whenOpened(popup), a JavaScript function of the new window.
func clickToOpen(t *testing.T, tb tab, url, whenOpened string) {
	t.Helper()
	run(t, tb, `(() => {
		const button = document.createElement("button");
		button.id = "open-popup";
		button.textContent = "open";
		button.style = "position: fixed; top: 0; left: 0; z-index: 99999; width: 100px; height: 40px";
		window.popupReady = new Promise((resolve) => button.addEventListener("click", () => {
			window.popup = open(`+jsString(url)+`);
			button.remove();
			resolve((`+whenOpened+`)(popup));
		}, { once: true }));
		document.body.append(button);
		return true;
	})()`, nil)
	if err := tb.click("#open-popup"); err != nil {
		t.Fatalf("clicking to open a popup: %v", err)
	}
}

func probeFrame(t *testing.T, tb tab, expression string, messages ...string) []map[string]any {
	t.Helper()
	var raw []any
	run(t, tb, `probe(`+expression+`, [`+strings.Join(messages, ",")+`])`, &raw)
	return probeReplies(t, raw)
}

// TestFrameOfAnotherOriginCannotSignWithOrReplaceHostCredentials: a host
// on origin A frames both signer pages and configures them; a frame of
// origin B in the same page reaches them through parent.frames. B's
// requests are refused as if nothing were configured, B's configure serves
// B alone, and A still signs with its own.
func TestFrameOfAnotherOriginCannotSignWithOrReplaceHostCredentials(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		tb := e.open(t)
		visit(t, tb, hostURL)
		run(t, tb, `Promise.all([frame(`+jsString(signerURL+"bridge.html")+`), frame(`+jsString(signerURL)+`)])
			.then(() => frame(`+jsString(hostOrigins[0]+"/host.html")+`))`, nil)
		for i, page := range signerPages {
			signer := `document.querySelectorAll("iframe")[` + itoa(i) + `].contentWindow`
			fromB := func(messages ...string) []map[string]any {
				var raw []any
				run(t, tb, `remote(document.querySelectorAll("iframe")[2].contentWindow, ["parent", `+itoa(i)+`], [`+strings.Join(messages, ",")+`])`, &raw)
				return probeReplies(t, raw)
			}
			// What B gets when nothing is configured, to compare with.
			unconfigured := fromB(destroyWithout("b-1"))
			if r := probeFrame(t, tb, signer, configureMessage("hostkey", hostSecret, "hostcloud")); len(r) != 1 || r[0]["ok"] != true {
				t.Fatalf("%q: the host's configure: %v", page, r)
			}
			b := fromB(destroyWithout("b-1"), configureMessage("otherkey", otherSecret, "othercloud"), destroyWithout("b-2"))
			if len(b) != 3 {
				t.Fatalf("%q: origin B got %d replies, want 3: %v", page, len(b), b)
			}
			expectRefused(t, page+": B's destroy with A's credentials", b[0], hostSecret)
			if mustJSON(b[0]) != mustJSON(unconfigured[0]) {
				t.Errorf("%q: B's refusal tells that A configured: %s, and before: %s", page, mustJSON(b[0]), mustJSON(unconfigured[0]))
			}
			if b[1]["ok"] != true || b[1]["cloud_name"] != "othercloud" {
				t.Errorf("%q: B's own configure: %v", page, b[1])
			}
			expectSignedWith(t, page+": B's destroy after its own configure", b[2], "otherkey", otherSecret, "othercloud")
			a := probeFrame(t, tb, signer, destroyWithout("a-1"))
			expectSignedWith(t, page+": A's destroy after B's configure", a[0], "hostkey", hostSecret, "hostcloud")
		}
	})
}

// TestPopupOpenerCannotSignWithFramedCredentials: a page of origin C opens
// host A in a popup; A frames the signer and configures it. C reaches the
// signer through the popup's frames and is refused; A still signs.
func TestPopupOpenerCannotSignWithFramedCredentials(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		tb := e.open(t)
		visit(t, tb, hostOrigins[1]+"/host.html")
		for _, page := range signerPages {
			popup := hostURL + "?frame=" + url.QueryEscape(signerURL+page) + "&configure=" + url.QueryEscape(configureMessage("hostkey", hostSecret, "hostcloud"))
			var ready struct{ Configured map[string]any }
			openPopup(t, tb, popup, &ready)
			if ready.Configured["ok"] != true {
				t.Fatalf("%q: the host's configure: %v", page, ready.Configured)
			}
			c := probeFrame(t, tb, `popup.frames[0]`, destroyWithout("c-1"))
			expectRefused(t, page+": the opener's destroy", c[0], hostSecret)
			var raw []any
			run(t, tb, `remote(popup, [0], [`+destroyWithout("a-1")+`])`, &raw)
			expectSignedWith(t, page+": the host's own destroy", probeReplies(t, raw)[0], "hostkey", hostSecret, "hostcloud")
			run(t, tb, `(popup.close(), true)`, nil)
		}
	})
}

// TestNativeAndWindowCredentialsStayApart: a signer page in a React Native
// WebView, with a window of another origin that can message it (a popup
// it opened: its policy lets it frame nothing of another origin). The
// window's configure does not serve the native app, the native app's does
// not serve the window, and neither replaces the other's.
func TestNativeAndWindowCredentialsStayApart(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		for _, page := range signerPages {
			tb := openNative(t, e, page)
			installHost(t, tb)
			openPopup(t, tb, hostOrigins[0]+"/host.html", nil)
			// Every reply goes to the native app; each is found by its id.
			nativeSend := func(message string) {
				run(t, tb, `(document.dispatchEvent(new MessageEvent("message", {data: JSON.stringify(`+message+`)})), true)`, nil)
			}
			windowSend := func(messages ...string) {
				run(t, tb, `remote(popup, ["opener"], [`+strings.Join(messages, ",")+`], true)`, nil)
			}
			reply := func(id string) map[string]any {
				var text string
				run(t, tb, `until(() => nativeReplies.find((r) => r.includes(`+jsString(`"id":"`+id+`"`)+`)))`, &text)
				var m map[string]any
				if err := json.Unmarshal([]byte(text), &m); err != nil {
					t.Fatalf("reply %s: %v", id, err)
				}
				return m
			}
			windowSend(configureMessage("otherkey", otherSecret, "othercloud"))
			nativeSend(destroyWithout("n-1"))
			expectRefused(t, page+": the native destroy after the window's configure", reply("n-1"), otherSecret)
			nativeSend(configureMessage("nativekey", "native-SECRET", "nativecloud"))
			nativeSend(destroyWithout("n-2"))
			expectSignedWith(t, page+": the native destroy after its configure", reply("n-2"), "nativekey", "native-SECRET", "nativecloud")
			windowSend(destroyWithout("w-1"))
			expectSignedWith(t, page+": the window's destroy", reply("w-1"), "otherkey", otherSecret, "othercloud")
			// A third party, a window of yet another origin, gets neither.
			openPopup(t, tb, hostOrigins[2]+"/host.html", nil)
			windowSend(destroyWithout("w-2"))
			expectRefused(t, page+": another window's destroy", reply("w-2"), otherSecret, "native-SECRET")
		}
	})
}

// TestTypedSecretUnreachableByMessages: a secret typed into index.html
// signs in the form, and a window of another origin that messages the page
// gets missing_field for it.
func TestTypedSecretUnreachableByMessages(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		tb := e.open(t)
		openForm(t, tb)
		fillForm(t, tb, map[string]string{"cloud-name": "demo", "api-key": "1234", "api-secret": typedSecret, "public-id": "cat", "timestamp": "1315060510"})
		waitText(t, tb, "signature", sdkHex("public_id=cat&timestamp=1315060510"+typedSecret))
		installHost(t, tb)
		openPopup(t, tb, hostOrigins[0]+"/host.html", nil)
		var raw []any
		run(t, tb, `remote(popup, ["opener"], [`+destroyWithout("x-1")+`, {action: "sign", id: "x-2", params: {public_id: "cat"}}])`, &raw)
		replies := probeReplies(t, raw)
		if len(replies) != 2 {
			t.Fatalf("%d replies, want 2: %v", len(replies), replies)
		}
		for _, r := range replies {
			expectRefused(t, "a message to the form's page", r, typedSecret)
			if e, _ := r["error"].(map[string]any); e["field"] != "api_secret" {
				t.Errorf("missing %v, want api_secret", e["field"])
			}
		}
	})
}
