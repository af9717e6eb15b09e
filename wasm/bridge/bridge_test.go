//go:build js && wasm

package bridge

import (
	"os"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"
)

// fakeWindow is a stand-in for a host's window: it records what is posted
// to it.
type fakeWindow struct {
	js.Value
	posted  []js.Value
	origins []string
}

func newFakeWindow(t *testing.T) *fakeWindow {
	w := &fakeWindow{Value: js.Global().Get("Object").New()}
	post := js.FuncOf(func(_ js.Value, args []js.Value) any {
		w.posted = append(w.posted, args[0])
		if len(args) > 1 {
			w.origins = append(w.origins, args[1].String())
		}
		return nil
	})
	t.Cleanup(post.Release)
	w.Set("postMessage", post)
	return w
}

func event(data any, source js.Value, origin string) js.Value {
	e := js.Global().Get("Object").New()
	e.Set("data", data)
	e.Set("source", source)
	e.Set("origin", origin)
	return e
}

// reset clears the globals the bridge and the tests set, before and after
// a test.
func reset(t *testing.T) {
	clearGlobals := func() {
		for _, name := range []string{"cldsignPage", "cldsignDeliver", "cldsign", "ReactNativeWebView", "location", "document", "addEventListener"} {
			js.Global().Delete(name)
		}
	}
	clearGlobals()
	t.Cleanup(clearGlobals)
}

func parse(v js.Value) js.Value { return js.Global().Get("JSON").Call("parse", v) }

func TestEarlyMessagesAreAnsweredInOrder(t *testing.T) {
	reset(t)
	host := newFakeWindow(t)
	early := js.Global().Get("Object").New()
	events := js.Global().Get("Array").New()
	for i := 0; i < 50; i++ {
		events.Call("push", event(`{"action":"ping","id":`+strconv.Itoa(i)+`}`, host.Value, "https://host.example"))
	}
	early.Set("events", events)
	early.Set("requests", js.Global().Get("Array").New())
	js.Global().Set("cldsignPage", early)

	Start()
	if len(host.posted) != 50 {
		t.Fatalf("%d replies, want 50", len(host.posted))
	}
	for i, reply := range host.posted {
		if id := parse(reply).Get("id").Int(); id != i {
			t.Errorf("reply %d answers id %d", i, id)
		}
		if host.origins[i] != "https://host.example" {
			t.Errorf("reply %d posted to origin %q", i, host.origins[i])
		}
	}
	if events.Length() != 0 {
		t.Errorf("%d events left in the queue", events.Length())
	}
}

func TestFormsAndTransports(t *testing.T) {
	reset(t)
	b := Start()
	host := newFakeWindow(t)

	b.Deliver(event("public_id=cat&timestamp=1315060510abcd", host.Value, "null"))
	if got := host.posted[0].String(); got != "fad1cc9acde35612302e6c1a58e426fdec8688ee" || host.origins[0] != "*" {
		t.Errorf("legacy: %q to %q", got, host.origins[0])
	}

	obj := js.Global().Get("JSON").Call("parse", `{"action":"hash","text":"a","id":"x"}`)
	b.Deliver(event(obj, host.Value, "https://h.example"))
	if reply := host.posted[1]; reply.Type() != js.TypeObject || reply.Get("hex").String() != "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" || reply.Get("id").String() != "x" {
		t.Errorf("object: %v", js.Global().Get("JSON").Call("stringify", reply))
	}

	// Our own window never gets an answer.
	b.Deliver(event("hello", js.Global(), "https://self.example"))
	if len(host.posted) != 2 {
		t.Errorf("answered a message from its own window")
	}

	// With React Native present, every reply is text, through it.
	native := newFakeWindow(t)
	js.Global().Set("ReactNativeWebView", native.Value)
	b.Deliver(event(js.Global().Get("JSON").Call("parse", `{"action":"ping"}`), js.Null(), ""))
	if len(native.posted) != 1 || native.posted[0].Type() != js.TypeString || !strings.Contains(native.posted[0].String(), `"ready":true`) {
		t.Errorf("native reply: %v", native.posted)
	}
}

func TestBadDataAndPanicsLeaveTheBridgeServing(t *testing.T) {
	reset(t)
	native := newFakeWindow(t)
	js.Global().Set("ReactNativeWebView", native.Value)
	b := Start()

	throwing := js.Global().Get("Function").New(`return {action: "ping", get boom() { throw new Error("boom") }}`).Invoke()
	for _, data := range []any{42, js.Null(), js.Undefined(), js.Global().Get("Array").New(1, 2), throwing, js.Global().Get("Promise").Call("resolve", 1)} {
		b.Deliver(event(data, js.Null(), ""))
	}
	want := []string{"bad_request", "bad_request", "bad_request", "bad_request", "internal", "bad_request"}
	if len(native.posted) != len(want) {
		t.Fatalf("%d replies, want %d", len(native.posted), len(want))
	}
	for i, code := range want {
		if got := parse(native.posted[i]).Get("error").Get("code").String(); got != code {
			t.Errorf("reply %d: code %s, want %s", i, got, code)
		}
	}
	b.Deliver(event(`{"action":"ping"}`, js.Null(), ""))
	if last := native.posted[len(native.posted)-1].String(); !strings.Contains(last, `"ok":true`) {
		t.Errorf("after bad data: %s", last)
	}
}

func TestOriginAllowlist(t *testing.T) {
	reset(t)
	location := js.Global().Get("Object").New()
	location.Set("search", "?origins=https://a.example,%20https://b.example")
	js.Global().Set("location", location)
	b := Start()
	host := newFakeWindow(t)
	b.Deliver(event("x", host.Value, "https://evil.example"))
	b.Deliver(event("x", host.Value, "https://b.example"))
	if len(host.posted) != 1 || host.origins[0] != "https://b.example" {
		t.Errorf("posted to %v", host.origins)
	}
	native := newFakeWindow(t)
	js.Global().Set("ReactNativeWebView", native.Value)
	b.Deliver(event("x", js.Null(), ""))
	if len(native.posted) != 1 {
		t.Errorf("a native message was dropped")
	}
}

func TestRequestAPI(t *testing.T) {
	reset(t)
	Start()
	result := make(chan js.Value, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any { result <- args[0]; return nil })
	defer then.Release()
	request := js.Global().Get("JSON").Call("parse", `{"action":"hash","text":"a"}`)
	js.Global().Get("cldsign").Call("request", request).Call("then", then)
	select {
	case reply := <-result:
		if reply.Get("hex").String() != "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" {
			t.Errorf("reply %v", js.Global().Get("JSON").Call("stringify", reply))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the promise never resolved")
	}
}

// loadQueue runs web/queue.js, as the pages do before the wasm starts.
func loadQueue(t *testing.T) {
	source, err := os.ReadFile("../../web/queue.js")
	if err != nil {
		t.Fatal(err)
	}
	g := js.Global()
	stub := g.Get("Object").New()
	stub.Set("addEventListener", js.FuncOf(func(js.Value, []js.Value) any { return nil }))
	g.Set("document", stub)
	g.Set("addEventListener", stub.Get("addEventListener"))
	g.Get("eval").Invoke(string(source))
}

func TestValuesJSONCannotHoldAreRefusedByName(t *testing.T) {
	reset(t)
	loadQueue(t)
	b := Start()
	host := newFakeWindow(t)
	for _, expr := range []string{
		`({action: "destroy", public_id: "cat", api_secret: "s", timestamp: 10n})`,
		`({action: "destroy", public_id: "cat", api_secret: "s", timestamp: NaN})`,
		`({action: "sign", api_secret: "s", params: {n: -Infinity}})`,
	} {
		b.Deliver(event(js.Global().Get("eval").Invoke(expr), host.Value, "https://h.example"))
		reply := host.posted[len(host.posted)-1]
		if code := reply.Get("error").Get("code"); code.Type() != js.TypeString || code.String() != "invalid_field" {
			t.Errorf("%s: %v", expr, js.Global().Get("JSON").Call("stringify", reply))
		}
	}
	cyclic := js.Global().Get("eval").Invoke(`(() => { const o = {action: "ping"}; o.self = o; return o; })()`)
	b.Deliver(event(cyclic, host.Value, "https://h.example"))
	if code := host.posted[len(host.posted)-1].Get("error").Get("code").String(); code != "bad_request" {
		t.Errorf("a cyclic object: %s", code)
	}
}

// The signature of public_id=cat&timestamp=1315060510 with the secret
// "abcd", from Cloudinary's documentation.
const catSignedWithABCD = "fad1cc9acde35612302e6c1a58e426fdec8688ee"

const destroyCat = `{"action":"destroy","public_id":"cat","timestamp":1315060510}`

// lastReply is the newest reply posted to w, parsed.
func lastReply(t *testing.T, w *fakeWindow) js.Value {
	t.Helper()
	if len(w.posted) == 0 {
		t.Fatal("no reply")
	}
	return parse(w.posted[len(w.posted)-1])
}

func stringify(v js.Value) string { return js.Global().Get("JSON").Call("stringify", v).String() }

func TestAnotherOriginCannotSignWithConfiguredSecret(t *testing.T) {
	reset(t)
	b := Start()
	host, intruder := newFakeWindow(t), newFakeWindow(t)
	b.Deliver(event(`{"action":"configure","api_key":"1234","api_secret":"abcd","cloud_name":"demo"}`, host.Value, "https://host.example"))
	b.Deliver(event(destroyCat, intruder.Value, "https://ads.example"))
	stolen := stringify(lastReply(t, intruder))

	// An intruder must not even learn that credentials exist: its reply is
	// the one a signer that was never configured gives.
	reset(t)
	fresh, probe := Start(), newFakeWindow(t)
	fresh.Deliver(event(destroyCat, probe.Value, "https://ads.example"))
	if unconfigured := stringify(lastReply(t, probe)); stolen != unconfigured {
		t.Errorf("another origin got %s; a signer with nothing configured says %s", stolen, unconfigured)
	}
	if !strings.Contains(stolen, `"field":"api_secret"`) {
		t.Errorf("another origin got %s, want missing_field api_secret", stolen)
	}
}

func TestAnotherOriginCannotReplaceConfiguredSecret(t *testing.T) {
	reset(t)
	b := Start()
	host, intruder := newFakeWindow(t), newFakeWindow(t)
	b.Deliver(event(`{"action":"configure","api_secret":"abcd","cloud_name":"demo"}`, host.Value, "https://host.example"))
	b.Deliver(event(`{"action":"configure","api_secret":"intruder-secret","cloud_name":"evil"}`, intruder.Value, "https://ads.example"))
	b.Deliver(event(destroyCat, host.Value, "https://host.example"))
	reply := lastReply(t, host)
	if got := reply.Get("signature"); got.Type() != js.TypeString || got.String() != catSignedWithABCD {
		t.Errorf("the host's destroy after another origin's configure: %s", stringify(reply))
	}
	if url := reply.Get("url").String(); url != "https://api.cloudinary.com/v1_1/demo/image/destroy" {
		t.Errorf("endpoint %s, want the host's own cloud", url)
	}
	// Another frame of the host's own origin is the same principal.
	sibling := newFakeWindow(t)
	b.Deliver(event(destroyCat, sibling.Value, "https://host.example"))
	if got := lastReply(t, sibling).Get("signature"); got.Type() != js.TypeString || got.String() != catSignedWithABCD {
		t.Errorf("a frame of the configuring origin: %s", stringify(lastReply(t, sibling)))
	}
}

func TestNativeAndFramedCredentialsAreSeparate(t *testing.T) {
	reset(t)
	b := Start()
	framed := newFakeWindow(t)
	b.Deliver(event(`{"action":"configure","api_secret":"abcd"}`, framed.Value, "https://host.example"))
	native := newFakeWindow(t)
	js.Global().Set("ReactNativeWebView", native.Value)
	b.Deliver(event(destroyCat, js.Null(), ""))
	if code := lastReply(t, native).Get("error").Get("field"); code.Type() != js.TypeString || code.String() != "api_secret" {
		t.Errorf("a native message used a framed host's secret: %s", stringify(lastReply(t, native)))
	}
	b.Deliver(event(`{"action":"configure","api_secret":"abcd"}`, js.Null(), ""))
	js.Global().Delete("ReactNativeWebView")
	intruder := newFakeWindow(t)
	b.Deliver(event(destroyCat, intruder.Value, "https://ads.example"))
	if code := lastReply(t, intruder).Get("error").Get("field"); code.Type() != js.TypeString || code.String() != "api_secret" {
		t.Errorf("a framed message used the native host's secret: %s", stringify(lastReply(t, intruder)))
	}
}

func TestPageRequestsDoNotUseAHostsSecret(t *testing.T) {
	reset(t)
	b := Start()
	host := newFakeWindow(t)
	b.Deliver(event(`{"action":"configure","api_secret":"abcd"}`, host.Value, "https://host.example"))
	reply := b.promise(js.ValueOf(destroyCat))
	result := make(chan string, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any { result <- args[0].String(); return nil })
	defer then.Release()
	reply.Call("then", then)
	select {
	case text := <-result:
		if !strings.Contains(text, `"field":"api_secret"`) {
			t.Errorf("cldsign.request() used a host's secret: %s", text)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the promise never resolved")
	}
}

func TestOpaqueOriginsCannotKeepCredentials(t *testing.T) {
	reset(t)
	b := Start()
	sandboxed, other := newFakeWindow(t), newFakeWindow(t)
	b.Deliver(event(`{"action":"configure","api_secret":"abcd"}`, sandboxed.Value, "null"))
	if code := lastReply(t, sandboxed).Get("error").Get("code"); code.Type() != js.TypeString || code.String() != "bad_request" {
		t.Errorf("configure from an opaque origin: %s", stringify(lastReply(t, sandboxed)))
	}
	b.Deliver(event(destroyCat, other.Value, "null"))
	if field := lastReply(t, other).Get("error").Get("field"); field.Type() != js.TypeString || field.String() != "api_secret" {
		t.Errorf("a second opaque origin: %s", stringify(lastReply(t, other)))
	}
}
