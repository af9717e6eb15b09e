package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNoLoops: a page messaging itself, two signers framed in each other,
// and replies echoed back all stay quiet.
func TestNoLoops(t *testing.T) {
	ctx := newBrowser(t)
	if err := chromedp.Run(ctx, chromedp.Navigate(signerURL)); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx)
	var counts []int
	eval(t, ctx, `(async () => {
		const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
		let top = 0, inner = 0;
		addEventListener("message", () => top++);
		postMessage("talking to myself", "*");
		await sleep(300);
		const selfTalk = top;

		// A second signer framed inside this one, on the same origin.
		const f = document.createElement("iframe");
		f.src = "bridge.html";
		document.body.appendChild(f);
		await new Promise((r) => f.addEventListener("load", r, { once: true }));
		await new Promise((r) => { const tick = () => f.contentWindow.cldsign && f.contentWindow.cldsign.ready ? r() : setTimeout(tick, 10); tick(); });
		f.contentWindow.addEventListener("message", () => inner++);
		top = 0;
		f.contentWindow.postMessage("public_id=cat&timestamp=1315060510abcd", "*");
		f.contentWindow.postMessage({action: "ping"}, "*");
		f.contentWindow.postMessage(JSON.stringify({type: "ThunkablePostMessage", uuid: "x", message: "hi"}), "*");
		await sleep(1000);
		return [selfTalk, top, inner];
	})()`, &counts)
	if counts[0] != 1 {
		t.Errorf("a page messaging itself saw %d messages, want 1 (no reply to itself)", counts[0])
	}
	if counts[1] != 3 || counts[2] != 3 {
		t.Errorf("two signers exchanged %d replies and %d requests, want 3 and 3", counts[1], counts[2])
	}

	// A host that echoes every reply back gets no further reply.
	host := openHost(t, "bridge.html")
	var received int
	eval(t, host, `(async () => {
		const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
		post(0, {action: "ping"});
		post(0, JSON.stringify({action: "ping"}));
		post(0, JSON.stringify({type: "ThunkablePostMessage", uuid: "e", message: "x"}));
		post(0, "public_id=cat");
		await waitFor(4);
		for (const r of received.slice()) post(0, r.data);
		await sleep(1000);
		return received.length;
	})()`, &received)
	if received != 4 {
		t.Errorf("echoing replies back produced %d messages, want the 4 replies only", received)
	}
}

func TestOriginAllowlist(t *testing.T) {
	ctx := newBrowser(t)
	if err := chromedp.Run(ctx, chromedp.Navigate(hostURL)); err != nil {
		t.Fatal(err)
	}
	hostOrigin := origin(hostURL)
	var got []int
	eval(t, ctx, `(async () => {
		const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
		await frame(`+jsString(signerURL+"bridge.html?origins=https://x.thunkable.com,"+hostOrigin)+`);
		await frame(`+jsString(signerURL+"bridge.html?origins=https://x.thunkable.com")+`);
		await sleep(1500); // both signers started
		post(0, "allowed");
		post(1, "refused");
		await sleep(1500);
		return received.map((r) => r.frame);
	})()`, &got)
	if len(got) != 1 || got[0] != 0 {
		t.Errorf("replies came from frames %v, want only frame 0", got)
	}

	// A native host has no origin and is always accepted.
	native := newBrowser(t)
	injectNative(t, native, "")
	if err := chromedp.Run(native, chromedp.Navigate(signerURL+"bridge.html?origins=https://x.thunkable.com")); err != nil {
		t.Fatal(err)
	}
	waitReady(t, native)
	var ignored any
	eval(t, native, `document.dispatchEvent(new MessageEvent("message", {data: "x"})); true`, &ignored)
	if replies := nativeReplies(t, native, 1); replies[0] != sdkHex("x") {
		t.Errorf("native reply %q", replies[0])
	}
}

// browserBadInputs are messages only a browser can send, besides the
// protocol's own corpus: each gets exactly one structured error reply.
var browserBadInputs = []struct{ expr, code string }{
	{`42`, "bad_request"},
	{`null`, "bad_request"},
	{`undefined`, "bad_request"},
	{`true`, "bad_request"},
	{`[1, 2]`, "bad_request"},
	{`[{action: "ping"}]`, "bad_request"},
	{`new Blob(["x"])`, "bad_request"},
	{`new Date(0)`, "bad_request"},
	{`new ArrayBuffer(8)`, "bad_request"},
	{`new Uint8Array([1, 2])`, "bad_request"},
	{`new Map([["action", "ping"]])`, "bad_request"},
	{`/regexp/`, "bad_request"},
	{`{}`, "missing_field"},
	{`{action: 7}`, "invalid_field"},
	{`{action: "nope"}`, "unknown_action"},
	{`{action: "hash", text: 12}`, "invalid_field"},
	{`{action: "hash", text: "a", algorithm: "md5"}`, "invalid_field"},
	{`{action: "destroy", public_id: "cat"}`, "missing_field"},
	{`{action: "destroy", public_id: "", api_secret: "s"}`, "missing_field"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", timestamp: NaN}`, "invalid_field"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", timestamp: Infinity}`, "invalid_field"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", timestamp: -Infinity}`, "invalid_field"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", timestamp: -1}`, "invalid_field"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", timestamp: 1.5}`, "invalid_field"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", timestamp: 2 ** 60}`, "invalid_field"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", timestamp: "soon"}`, "invalid_field"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", timestamp: [1]}`, "invalid_field"},
	{`{action: "destroy", public_id: ["cat"], api_secret: "s"}`, "invalid_field"},
	{`{action: "destroy", url: "https://example.com/cat.jpg", api_secret: "s"}`, "not_cloudinary_url"},
	{`{action: "destroy", url: "https://api.cloudinary.com/v1_1/demo/image/destroy", api_secret: "s"}`, "not_cloudinary_url"},
	{`{action: "destroy", public_id: "cat", api_secret: "s", invalidate: "true"}`, "invalid_field"},
	{`{action: "sign", api_secret: "s"}`, "missing_field"},
	{`{action: "sign", api_secret: "s", params: {context: {a: 1}}}`, "invalid_field"},
	{`{action: "sign", api_secret: "s", params: {tags: [["a"]]}}`, "invalid_field"},
	{`{action: "sign", api_secret: "s", params: {n: NaN}}`, "invalid_field"},
	{`{action: "sign", api_secret: "s", params: {n: 10n ** 30n}}`, "invalid_field"},
	{`{action: "sign", api_secret: "s", params: (() => { let d = "x"; for (let i = 0; i < 1000; i++) d = [d]; return {deep: d}; })()}`, "invalid_field"},
	{`{action: "parse_url", url: "not a url"}`, "not_cloudinary_url"},
	{`{action: "sign_url", public_id: "cat", api_secret: "s"}`, "missing_field"},
	{`{action: "verify_notification", body: "{}", timestamp: 1, api_secret: "s"}`, "missing_field"},
	{`{action: "verify_response", public_id: "a", version: 1.5, signature: "x", api_secret: "s"}`, "invalid_field"},
	{`{action: "configure", cloudinary_url: "https://not-cloudinary"}`, "invalid_field"},
	{`{action: "ping", id: {nested: true}}`, "invalid_field"},
	{`"{ not json"`, "bad_json"},
	{`"  {\"action\": \"ping\",}"`, "bad_json"},
	{`"{\"action\": \"ping\"} {}"`, "bad_json"},
	{`"{" + "x".repeat(1 << 20)`, "bad_json"},
	{`JSON.stringify({action: "hash", text: 1, pad: "&=".repeat(1 << 19)})`, "invalid_field"},
}

func TestBadInputInTheBrowser(t *testing.T) {
	ctx := openHost(t, "bridge.html")
	for _, tt := range browserBadInputs {
		replies := exchange(t, ctx, 2, tt.expr, `{action: "hash", text: "next"}`)
		bad := replies[0].object(t)
		e, _ := bad["error"].(map[string]any)
		if bad["ok"] != false || e == nil || e["code"] != tt.code || e["message"] == "" {
			t.Errorf("%s: got %s, want %s", tt.expr, replies[0].Data, tt.code)
		}
		if next := replies[1].object(t); next["hex"] != sdkHex("next") {
			t.Errorf("after %s the next message got %s", tt.expr, replies[1].Data)
		}
	}
	// Exactly one reply each: nothing more arrives.
	time.Sleep(300 * time.Millisecond)
	var extra int
	eval(t, ctx, `received.length`, &extra)
	if extra != 2 {
		t.Errorf("%d messages after the last exchange, want 2", extra)
	}
	// Good input with awkward values signs correctly.
	good := exchange(t, ctx, 3,
		`{action: "hash", text: "x".repeat(1 << 20)}`,
		`{action: "sign", api_secret: "s", params: {timestamp: 1315060510, context: "a=1&b=2", caption: "café ☕ 日本", n: 0, f: false}}`,
		`"unicode ☕ \ud83d\ude00 text"`,
	)
	if good[0].object(t)["hex"] != sdkHex(strings.Repeat("x", 1<<20)) {
		t.Errorf("1 MB text: %s", good[0].Data)
	}
	const wantString = "caption=café ☕ 日本&context=a=1%26b=2&f=false&n=0&timestamp=1315060510"
	if sign := good[1].object(t); sign["string_to_sign"] != wantString || sign["signature"] != sdkHex(wantString+"s") {
		t.Errorf("awkward values: %s", good[1].Data)
	}
	if string(good[2].Data) != `"`+sdkHex("unicode ☕ 😀 text")+`"` {
		t.Errorf("unicode legacy string: %s", good[2].Data)
	}
}

// TestPanicKeepsServing makes the Go side panic inside a handler: with the
// page's JSON.parse broken, reading a reply back into an object throws in
// the middle of answering. The reply is an internal error, and the runtime
// keeps serving once JSON.parse is back.
func TestPanicKeepsServing(t *testing.T) {
	for _, signerPage := range signerPages {
		ctx := newBrowser(t)
		if err := chromedp.Run(ctx, chromedp.Navigate(signerURL+signerPage)); err != nil {
			t.Fatal(err)
		}
		waitReady(t, ctx)
		var codes []string
		eval(t, ctx, `(async () => {
			const parse = JSON.parse;
			JSON.parse = () => { throw new Error("boom"); };
			let first;
			try {
				first = await cldsign.request({action: "hash", text: "during"});
			} finally {
				JSON.parse = parse;
			}
			const second = await cldsign.request({action: "hash", text: "after"});
			return [first.error.code, second.hex];
		})()`, &codes)
		if codes[0] != "internal" || codes[1] != sdkHex("after") {
			t.Errorf("%s: got %v", signerPage, codes)
		}
	}
}
