package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNoLoops: a page messaging itself, two signers framed in each other,
// and replies echoed back all stay quiet. Each count is read once a
// message sent after the probe has been answered: replies come in order.
func TestNoLoops(t *testing.T) {
	t.Parallel()
	tb := chromiumEngine(t).open(t)
	visit(t, tb, signerURL)
	waitSignerReady(t, tb)
	var counts []int
	run(t, tb, noLoopsJS, &counts)
	if counts[0] != 2 {
		t.Errorf("a page messaging itself saw %d messages, want 2 (its own two, no reply)", counts[0])
	}
	if counts[1] != 4 || counts[2] != 4 {
		t.Errorf("two signers exchanged %d replies and %d requests, want 4 and 4 (the probe's ping included)", counts[1], counts[2])
	}

	// A host that echoes every reply back gets no further reply.
	host := openHost(t, chromiumEngine(t), "bridge.html")
	var received int
	run(t, host, `(async () => {
		post(0, {action: "ping"});
		post(0, JSON.stringify({action: "ping"}));
		post(0, JSON.stringify({type: "ThunkablePostMessage", uuid: "e", message: "x"}));
		post(0, "public_id=cat");
		await waitFor(4);
		const echoes = received.slice().map((r) => r.data);
		const echoed = await probe(document.querySelector("iframe").contentWindow, echoes);
		return echoed.length;
	})()`, &received)
	if received != 0 {
		t.Errorf("echoing the 4 replies back produced %d more", received)
	}
}

func TestOriginAllowlist(t *testing.T) {
	t.Parallel()
	tb := chromiumEngine(t).open(t)
	visit(t, tb, hostURL)
	hostOrigin := origin(hostURL)
	// Frame 1 refuses this page but accepts frame 2's origin, which proves
	// frame 1 has seen the refused message by pinging it afterwards.
	var got []int
	run(t, tb, `(async () => {
		await frame(`+jsString(signerURL+"bridge.html?origins=https://x.thunkable.com,"+hostOrigin)+`);
		await frame(`+jsString(signerURL+"bridge.html?origins=https://x.thunkable.com,"+hostOrigins[0])+`);
		await frame(`+jsString(hostOrigins[0]+"/host.html")+`);
		const frames = document.querySelectorAll("iframe");
		post(1, "refused");
		await remote(frames[2].contentWindow, ["parent", 1], []);
		await probe(frames[0].contentWindow, ["allowed"]);
		return received.filter((r) => r.origin === `+jsString(strings.TrimSuffix(signerURL, "/"))+`).map((r) => r.frame);
	})()`, &got)
	if len(got) != 3 || got[0] != 0 || got[1] != 0 || got[2] != 0 {
		t.Errorf("replies came from frames %v, want only frame 0 (its reply and the probe's two pings')", got)
	}

	// A native host has no origin and is always accepted.
	native := newBrowser(t)
	injectNative(t, native, "")
	if err := chromedp.Run(native, chromedp.Navigate(signerURL+"bridge.html?origins=https://x.thunkable.com")); err != nil {
		t.Fatal(err)
	}
	waitReady(t, native)
	var ignored any
	eval(t, native, `(document.dispatchEvent(new MessageEvent("message", {data: "x"})), true)`, &ignored)
	if replies := nativeReplies(t, chromiumTab{native}, 1); replies[0] != sdkHex("x") {
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
	t.Parallel()
	tb := openHost(t, chromiumEngine(t), "bridge.html")
	for _, tt := range browserBadInputs {
		replies := exchange(t, tb, 2, tt.expr, `{action: "hash", text: "next"}`)
		bad := replies[0].object(t)
		e, _ := bad["error"].(map[string]any)
		if bad["ok"] != false || e == nil || e["code"] != tt.code || e["message"] == "" {
			t.Errorf("%s: got %s, want %s", tt.expr, replies[0].Data, tt.code)
		}
		if next := replies[1].object(t); next["hex"] != sdkHex("next") {
			t.Errorf("after %s the next message got %s", tt.expr, replies[1].Data)
		}
	}
	// Exactly one reply each: nothing more arrives before a last ping's.
	var extra int
	run(t, tb, `probe(document.querySelector("iframe").contentWindow, []).then(() => received.length)`, &extra)
	if extra != 4 {
		t.Errorf("%d messages after the last exchange, want 4 (its 2 and the probe's two pings')", extra)
	}
	// Good input with awkward values signs correctly.
	good := exchange(t, tb, 3,
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
	t.Parallel()
	for _, signerPage := range signerPages {
		tb := chromiumEngine(t).open(t)
		visit(t, tb, signerURL+signerPage)
		waitSignerReady(t, tb)
		var codes []string
		run(t, tb, `(async () => {
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
