//go:build js && wasm

package bridge

import (
	"os"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/cldsign/cldsign/wasm/protocol"
)

// These tests run the page's real scripts (the inline boot script and
// web/cldsign.js) in Node, around a stand-in for the wasm instance: its
// exports call this package's exported functions, through a memory of its
// own that the glue writes to and reads from as it would the wasm's.

var (
	object = js.Global().Get("Object")
	jsJSON = js.Global().Get("JSON")
)

// page is a stand-in browser page: its window and document record their
// listeners, and everything posted out is sent to replies.
type page struct {
	t         *testing.T
	listeners map[string][]js.Value // "window message", "document message", …
	replies   chan string           // "<target> <origin> <JSON of the value>"
	funcs     []js.Func
}

func (p *page) fn(f func(args []js.Value) any) js.Func {
	wrapped := js.FuncOf(func(_ js.Value, args []js.Value) any { return f(args) })
	p.funcs = append(p.funcs, wrapped)
	return wrapped
}

// window is a stand-in window that reports what is posted to it as name.
func (p *page) window(name string) js.Value {
	w := object.New()
	w.Set("postMessage", p.fn(func(args []js.Value) any {
		origin := ""
		if len(args) > 1 {
			origin = args[1].String()
		}
		p.replies <- name + " " + origin + " " + jsJSON.Call("stringify", args[0]).String()
		return nil
	}))
	return w
}

// newPage sets up the globals a page has, with extra set before the
// scripts run (a host's ReactNativeWebView, AppInventor, parent), and runs
// the boot script. The glue runs with load.
func newPage(t *testing.T, extra map[string]any) *page {
	p := &page{t: t, listeners: map[string][]js.Value{}, replies: make(chan string, 100)}
	g := js.Global()
	names := []string{"window", "document", "addEventListener", "fetch", "parent", "cldsign", "cldsignPage", "ReactNativeWebView", "AppInventor", "location"}
	t.Cleanup(func() {
		for _, name := range names {
			g.Delete(name)
		}
		for _, f := range p.funcs {
			f.Release()
		}
	})
	listen := func(target string) js.Func {
		return p.fn(func(args []js.Value) any {
			p.listeners[target+" "+args[0].String()] = append(p.listeners[target+" "+args[0].String()], args[1])
			return nil
		})
	}
	g.Set("window", g)
	g.Set("parent", g)
	g.Set("addEventListener", listen("window"))
	script := object.New()
	dataset := object.New()
	dataset.Set("wasm", "web/bridge.wasm")
	script.Set("dataset", dataset)
	script.Set("hasAttribute", p.fn(func([]js.Value) any { return false }))
	document := object.New()
	document.Set("currentScript", script)
	document.Set("visibilityState", "visible")
	document.Set("addEventListener", listen("document"))
	g.Set("document", document)
	// The wasm download never ends: the stand-in instance is started by hand.
	g.Set("fetch", p.fn(func([]js.Value) any { return g.Get("Promise").New(p.fn(func([]js.Value) any { return nil })) }))
	for name, value := range extra {
		g.Set(name, value)
	}
	p.run("../../server/bundle/boot.js")
	return p
}

func (p *page) run(path string) {
	source, err := os.ReadFile(path)
	if err != nil {
		p.t.Fatal(err)
	}
	js.Global().Call("eval", string(source))
}

// start runs the glue, then starts Go.
func (p *page) start() {
	p.run("../../web/cldsign.js")
	p.startGo()
}

// startGo starts "Go", as bridge.html's main does.
func (p *page) startGo() { p.startGoWith(Start) }

// startGoWith starts "Go", running main: the stand-in instance whose
// exports are this package's. Its memory is a copy, in which the buffer
// stands at address 8, and moves to another whenever Go's buffer moves
// (never 0, so that the glue must use the address it is given).
func (p *page) startGoWith(main func()) {
	memory := js.Global().Get("WebAssembly").Get("Memory").New(map[string]any{"initial": 1})
	at, goAt := 8, (*byte)(nil)
	follow := func() {
		if &buffer[0] != goAt {
			goAt, at = &buffer[0], 8+(at+8)%65536 // 8, then 65544, then 8…
		}
	}
	room := func(size int) js.Value {
		if missing := at + size - memory.Get("buffer").Get("byteLength").Int(); missing > 0 {
			memory.Call("grow", missing/65536+1)
		}
		return js.Global().Get("Uint8Array").New(memory.Get("buffer"), at, size)
	}
	exports := object.New()
	exports.Set("mem", memory)
	exports.Set("cldsign_buffer", p.fn(func(args []js.Value) any {
		exportedBuffer(uint32(args[0].Int()))
		follow()
		room(args[0].Int())
		return at
	}))
	exports.Set("cldsign_answer", p.fn(func(args []js.Value) any {
		originLength, dataLength := args[2].Int(), args[3].Int()
		js.CopyBytesToGo(buffer, room(originLength+dataLength))
		n := exportedAnswer(uint32(args[0].Int()), uint32(args[1].Int()), uint32(originLength), uint32(dataLength))
		follow()
		if n > 0 {
			js.CopyBytesToJS(room(int(n)), buffer[:n])
		}
		return n
	}))
	instance := object.New()
	instance.Set("exports", exports)
	goStandIn := object.New()
	// A goroutine, as main is: StartBeforeRendering waits for the glue,
	// which cannot run until this callback has returned.
	goStandIn.Set("run", p.fn(func([]js.Value) any { go main(); return nil }))
	js.Global().Get("cldsignPage").Call("run", goStandIn, instance)
}

// message dispatches a message event to the page's listeners on target.
func (p *page) message(target string, data any, source any, origin string) {
	event := object.New()
	event.Set("data", data)
	event.Set("source", source)
	event.Set("origin", origin)
	listeners := p.listeners[target+" message"]
	if len(listeners) == 0 {
		p.t.Fatalf("no message listener on %s", target)
	}
	for _, l := range listeners {
		l.Invoke(event)
	}
}

// next is the next reply posted anywhere.
func (p *page) next() string {
	p.t.Helper()
	select {
	case r := <-p.replies:
		return r
	case <-time.After(5 * time.Second):
		p.t.Fatal("no reply")
		return ""
	}
}

// none proves that nothing more was posted: a ping sent after the probe is
// answered first, since replies come in order.
func (p *page) none(source js.Value) {
	p.t.Helper()
	p.message("window", `{"action":"ping","id":"after"}`, source, "https://host.example")
	if r := p.next(); !strings.Contains(r, `\"id\":\"after\"`) {
		p.t.Errorf("a reply before the ping's: %s", r)
	}
}

func TestGlueAnswersEarlyMessagesInOrder(t *testing.T) {
	p := newPage(t, nil)
	host := p.window("host")
	for i := 0; i < 20; i++ {
		p.message("window", `{"action":"ping","id":`+itoa(i)+`}`, host, "https://host.example")
	}
	requested := make(chan string, 1)
	then := p.fn(func(args []js.Value) any { requested <- args[0].Get("hex").String(); return nil })
	js.Global().Get("cldsign").Call("request", jsJSON.Call("parse", `{"action":"hash","text":"a"}`)).Call("then", then)
	p.start()
	for i := 0; i < 20; i++ {
		if r := p.next(); !strings.HasPrefix(r, "host https://host.example ") || !strings.Contains(r, `\"id\":`+itoa(i)+`,`) {
			t.Fatalf("reply %d: %s", i, r)
		}
	}
	select {
	case hex := <-requested:
		if hex != sha1Hex("a") {
			t.Errorf("cldsign.request: %s", hex)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("cldsign.request never resolved")
	}
	if !js.Global().Get("cldsign").Get("ready").Truthy() {
		t.Error("cldsign.ready is not set")
	}
}

// TestGlueLetsGoRenderAfterEarlyMessages: index.html's Go waits in
// StartBeforeRendering until the glue has answered every message that came
// before Go ran, and then goes on to render.
func TestGlueLetsGoRenderAfterEarlyMessages(t *testing.T) {
	const early = 150 // more than a batch: all of them come before the render
	p := newPage(t, nil)
	p.replies = make(chan string, early)
	host := p.window("host")
	for i := 0; i < early; i++ {
		p.message("window", `{"action":"ping","id":`+itoa(i)+`}`, host, "https://host.example")
	}
	p.run("../../web/cldsign.js")
	answeredBeforeRender := make(chan int, 1)
	p.startGoWith(func() {
		StartBeforeRendering()
		answeredBeforeRender <- len(p.replies)
	})
	select {
	case n := <-answeredBeforeRender:
		if n != early {
			t.Errorf("Go went on to render with %d of the %d early messages answered", n, early)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("StartBeforeRendering never returned")
	}
}

// TestGlueFindsMovedBuffers: a message larger than the buffer makes Go
// grow it, and a reply longer than the buffer moves it; both times the
// glue must find the bytes at the address Go gives it.
func TestGlueFindsMovedBuffers(t *testing.T) {
	p := newPage(t, nil)
	p.start()
	host := p.window("host")
	long := strings.Repeat("☕", 1000) // 3,000 bytes of UTF-8, past the first buffer
	p.message("window", long, host, "https://host.example")
	if r := p.next(); r != `host https://host.example "`+sha1Hex(long)+`"` {
		t.Errorf("a long message: %s", r)
	}
	tags := strings.Repeat("t", 4000) // a reply four times as long as the message before
	p.message("window", `{"action":"sign","params":{"public_id":"cat","tags":"`+tags+`","timestamp":1315060510},"api_secret":"abcd"}`,
		host, "https://host.example")
	if r, want := p.next(), sha1Hex("public_id=cat&tags="+tags+"&timestamp=1315060510abcd"); !strings.Contains(r, want) || !strings.HasSuffix(r, `}"`) {
		t.Errorf("a reply longer than the buffer: %.200s…, want the signature %s", r, want)
	}
}

func TestGlueTransports(t *testing.T) {
	parent := object.New()
	p := newPage(t, map[string]any{"parent": parent})
	parent.Set("postMessage", p.window("parent").Get("postMessage"))
	p.start()
	host := p.window("host")

	p.message("window", "public_id=cat&timestamp=1315060510abcd", host, "null")
	if r := p.next(); r != `host * "`+catSignedWithABCD+`"` {
		t.Errorf("legacy from an opaque origin: %s", r)
	}
	p.message("window", jsJSON.Call("parse", `{"action":"hash","text":"a","id":"x"}`), host, "https://host.example")
	if r := p.next(); !strings.HasPrefix(r, `host https://host.example {"`) || !strings.Contains(r, `"hex":"`+sha1Hex("a")+`"`) {
		t.Errorf("an object is answered with an object, to its origin: %s", r)
	}
	p.message("window", "hello", js.Global(), "https://self.example")
	p.none(host)

	p.message("document", `{"action":"ping","id":1}`, nil, "")
	if r := p.next(); !strings.HasPrefix(r, `parent * "{`) {
		t.Errorf("a message with no source, in a frame: %s", r)
	}

	js.Global().Set("ReactNativeWebView", p.window("native"))
	p.message("document", jsJSON.Call("parse", `{"action":"ping"}`), nil, "")
	p.message("window", "x", host, "https://host.example")
	for i := 0; i < 2; i++ {
		if r := p.next(); !strings.HasPrefix(r, `native  "`) {
			t.Errorf("with React Native present, replies go to it as text: %s", r)
		}
	}
}

func TestGlueRefusesWhatJSONCannotHoldByName(t *testing.T) {
	p := newPage(t, nil)
	p.start()
	host := p.window("host")
	for _, expr := range []string{
		`({action: "destroy", public_id: "cat", api_secret: "s", timestamp: 10n})`,
		`({action: "destroy", public_id: "cat", api_secret: "s", timestamp: NaN})`,
		`({action: "sign", api_secret: "s", params: {n: -Infinity}})`,
	} {
		p.message("window", js.Global().Call("eval", expr), host, "https://h.example")
		if r := p.next(); !strings.Contains(r, `"code":"invalid_field"`) {
			t.Errorf("%s: %s", expr, r)
		}
	}
	// null itself, and a text that holds it, go through as they are.
	p.message("window", js.Global().Call("eval", `({action: "hash", text: "null", id: null, x: [null]})`), host, "https://h.example")
	if r, want := p.next(), `"hex":"`+sha1Hex("null")+`"`; !strings.Contains(r, want) || strings.Contains(r, `"id"`) {
		t.Errorf("a message holding null: %s, want %s and no id", r, want)
	}
	for _, expr := range []string{
		`(() => { const o = {action: "ping"}; o.self = o; return o; })()`,
		`({action: "ping", get boom() { throw new Error("boom"); }})`,
		`[1, 2]`, `42`, `null`, `new Date()`,
	} {
		p.message("window", js.Global().Call("eval", expr), host, "https://h.example")
		if r := p.next(); !strings.Contains(r, `"code":"bad_request"`) {
			t.Errorf("%s: %s", expr, r)
		}
	}
}

func TestGlueQueuesAMessageSentWhileGoAnswers(t *testing.T) {
	p := newPage(t, nil)
	p.start()
	host := p.window("host")
	once := false
	signer.parties[party{FromFrame, "https://host.example"}] = &protocol.Handler{Now: func() time.Time {
		if !once {
			once = true // Go calls out, and the script it calls messages the signer
			p.message("window", "inner", host, "https://host.example")
		}
		return time.Unix(1315060510, 0)
	}}
	p.message("window", `{"action":"destroy","public_id":"cat","api_secret":"abcd","id":"outer"}`, host, "https://host.example")
	if r := p.next(); !strings.Contains(r, `\"id\":\"outer\"`) || !strings.Contains(r, catSignedWithABCD) {
		t.Errorf("first reply: %s", r)
	}
	if r := p.next(); r != `host https://host.example "`+sha1Hex("inner")+`"` {
		t.Errorf("second reply: %s", r)
	}
}

func TestGlueInternalReplyWhenJSONParseFails(t *testing.T) {
	p := newPage(t, nil)
	p.start()
	parse := jsJSON.Get("parse")
	jsJSON.Set("parse", js.Global().Get("Function").New(`throw new Error("boom")`))
	defer jsJSON.Set("parse", parse)
	got := make(chan js.Value, 1)
	then := p.fn(func(args []js.Value) any { got <- args[0]; return nil })
	js.Global().Get("cldsign").Call("request", object.New()).Call("then", then)
	select {
	case reply := <-got:
		if reply.Get("error").Get("code").String() != "internal" {
			t.Errorf("with JSON.parse broken: %v", reply)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reply")
	}
}

// appInventor is a stand-in for window.AppInventor: the app's side sets
// the string with send; each value the page sets is reported.
type appInventor struct {
	value js.Value
	set   chan string
	polls chan struct{} // one for each time the page reads the string
}

func newAppInventor(p *page, initial string) *appInventor {
	a := &appInventor{value: js.ValueOf(initial), set: make(chan string, 10), polls: make(chan struct{}, 1000)}
	host := object.New()
	host.Set("getWebViewString", p.fn(func([]js.Value) any {
		select {
		case a.polls <- struct{}{}:
		default:
		}
		return a.value
	}))
	host.Set("setWebViewString", p.fn(func(args []js.Value) any {
		a.value = args[0]
		a.set <- args[0].String()
		return nil
	}))
	js.Global().Set("AppInventor", host)
	return a
}

// waitPolls waits until the page has read the string n more times.
func (a *appInventor) waitPolls(t *testing.T, n int) {
	t.Helper()
	for len(a.polls) > 0 {
		<-a.polls
	}
	for i := 0; i < n; i++ {
		select {
		case <-a.polls:
		case <-time.After(5 * time.Second):
			t.Fatal("the page stopped reading the WebViewString")
		}
	}
}

func (a *appInventor) next(t *testing.T) string {
	t.Helper()
	select {
	case s := <-a.set:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("the page never set the WebViewString")
		return ""
	}
}

func TestGlueAppInventorHost(t *testing.T) {
	p := newPage(t, nil)
	a := newAppInventor(p, "public_id=cat&timestamp=1315060510abcd") // set before the page started
	p.run("../../web/cldsign.js")
	t.Cleanup(func() { // a hidden page stops reading the string
		js.Global().Get("document").Set("visibilityState", "hidden")
		for _, l := range p.listeners["document visibilitychange"] {
			l.Invoke()
		}
	})
	a.waitPolls(t, 3) // read again and again before Go runs: still one message
	p.startGo()
	if got := a.next(t); got != catSignedWithABCD {
		t.Errorf("the string read at start: %s", got)
	}
	a.value = js.ValueOf(`{"action":"configure","api_secret":"abcd","cloud_name":"demo"}`)
	if got := a.next(t); !strings.Contains(got, `"cloud_name":"demo"`) {
		t.Errorf("configure: %s", got)
	}
	a.value = js.ValueOf(`{"type":"ThunkablePostMessage","uuid":"u","message":` + jsJSON.Call("stringify", destroyCat).String() + `}`)
	if got := a.next(t); !strings.Contains(got, `"uuid":"u"`) || !strings.Contains(got, catSignedWithABCD) {
		t.Errorf("an envelope, with the app's configured secret: %s", got)
	}
	// Each message is answered once, and its reply never, however often
	// the page reads the string.
	a.waitPolls(t, 3)
	select {
	case s := <-a.set:
		t.Errorf("the page answered a message twice, or its own reply: %s", s)
	default:
	}
	// A framed sender cannot use the app's secret.
	host := p.window("host")
	p.message("window", destroyCat, host, "https://host.example")
	if r := p.next(); !strings.Contains(r, `\"field\":\"api_secret\"`) {
		t.Errorf("a framed message used the App Inventor app's secret: %s", r)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestGlueAnswersInBatches: messages that come while Go runs wait for one
// task, which answers them in order, a batch at a time, so that a flood
// leaves the page room between batches. The page's MessageChannel is
// replaced by one whose tasks the test runs by hand.
func TestGlueAnswersInBatches(t *testing.T) {
	tasks := js.Global().Call("eval", `(() => {
		const queue = [];
		class ManualChannel {
			constructor() {
				this.port1 = { onmessage: null };
				this.port2 = { postMessage: (data) => queue.push(() => this.port1.onmessage({ data })) };
			}
		}
		return { ManualChannel, waiting: () => queue.length, run: () => queue.shift()() };
	})()`)
	real := js.Global().Get("MessageChannel")
	js.Global().Set("MessageChannel", tasks.Get("ManualChannel"))
	t.Cleanup(func() { js.Global().Set("MessageChannel", real) })

	const flood, batch = 250, 100
	p := newPage(t, nil)
	p.replies = make(chan string, flood) // room for them all: a glue that does not batch fails, not hangs
	p.run("../../web/cldsign.js")
	// The glue takes messages to Go once Go has started and yielded, and
	// StartBeforeRendering returns once it has: the flood below then waits
	// for the glue's task, not for Go.
	idle := make(chan struct{})
	p.startGoWith(func() {
		StartBeforeRendering()
		close(idle)
	})
	select {
	case <-idle:
	case <-time.After(5 * time.Second):
		t.Fatal("Go never started")
	}
	host := p.window("host")
	for i := 0; i < flood; i++ {
		p.message("window", `{"action":"ping","id":`+itoa(i)+`}`, host, "https://host.example")
	}
	if n := len(p.replies); n != 0 {
		t.Fatalf("%d replies before the glue's task ran, want none", n)
	}
	for answered := 0; answered < flood; {
		if waiting := tasks.Call("waiting").Int(); waiting != 1 {
			t.Fatalf("after %d replies, %d tasks are waiting, want 1", answered, waiting)
		}
		tasks.Call("run")
		want := min(batch, flood-answered)
		if n := len(p.replies); n != want {
			t.Fatalf("after %d replies, a task answered %d messages, want %d", answered, n, want)
		}
		for ; want > 0; want-- {
			if r := p.next(); !strings.Contains(r, `\"id\":`+itoa(answered)+`,`) {
				t.Fatalf("reply %d: %s", answered, r)
			}
			answered++
		}
	}
	if waiting := tasks.Call("waiting").Int(); waiting != 0 {
		t.Errorf("%d tasks waiting with nothing to answer", waiting)
	}
}
