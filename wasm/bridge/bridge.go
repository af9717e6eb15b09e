//go:build js && wasm

// Package bridge carries messages between a WebViewer host and the
// protocol package: it takes over the page's early-message queue, answers
// each message exactly once on the transport it came by, and exposes
// cldsign.request() to scripts on the same page.
//
// It is the layer that touches syscall/js (msgjson's number reader aside),
// and it crosses between JavaScript and Go as few times as it can: an object message comes in as
// one JSON text, and its reply goes out as one, because every crossing
// costs microseconds and a message has many fields.
package bridge

import (
	"strings"
	"syscall/js"
	"time"

	"github.com/cldsign/cldsign/wasm/protocol"
)

// Bridge connects the page to protocol handlers, one for each party that
// sends messages, so that credentials one party configures serve that party
// alone.
type Bridge struct {
	parties map[party]*protocol.Handler
	global  js.Value
	json    js.Value
	encode  func(js.Value) js.Value // an object message's JSON text, or undefined
	origins map[string]bool         // empty: every origin may ask
}

// Start takes over the page's queue and listeners; from then on every
// message is answered. It returns at once.
func Start() *Bridge {
	global := js.Global()
	page := global.Get("cldsignPage") // web/queue.js, when the page has it
	b := &Bridge{parties: map[party]*protocol.Handler{}, global: global, json: global.Get("JSON"), origins: allowedOrigins(global)}
	b.encode = b.encodeHere
	if page.Type() == js.TypeObject && page.Get("encode").Type() == js.TypeFunction {
		encode := page.Get("encode")
		b.encode = func(v js.Value) js.Value { return encode.Invoke(v) }
	}
	deliver := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 {
			b.Deliver(args[0])
		}
		return nil
	})
	request := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 {
			return b.promise(js.Undefined())
		}
		return b.promise(args[0])
	})
	if global.Get("cldsign").Type() != js.TypeObject {
		global.Set("cldsign", global.Get("Object").New())
	}
	global.Set("cldsignDeliver", deliver)
	global.Get("cldsign").Set("request", request)
	if page.Type() == js.TypeObject {
		drain(page.Get("events"), func(event js.Value) { b.Deliver(event) })
		drain(page.Get("requests"), func(pair js.Value) { pair.Index(1).Invoke(b.promise(pair.Index(0))) })
	}
	global.Get("cldsign").Set("ready", true)
	return b
}

// drain hands every queued item to take, oldest first, emptying the queue.
func drain(queue js.Value, take func(js.Value)) {
	if queue.Type() != js.TypeObject {
		return
	}
	for queue.Length() > 0 {
		take(queue.Call("shift"))
	}
}

// allowedOrigins reads the page's ?origins= allowlist.
func allowedOrigins(global js.Value) map[string]bool {
	location := global.Get("location")
	if location.Type() != js.TypeObject {
		return nil
	}
	list := global.Get("URLSearchParams").New(location.Get("search")).Call("get", "origins")
	if list.Type() != js.TypeString {
		return nil
	}
	origins := map[string]bool{}
	for _, o := range strings.Split(list.String(), ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins[o] = true
		}
	}
	return origins
}

// Deliver answers one message event. Nothing that goes wrong inside it may
// escape: a panic leaving a js.FuncOf callback ends the whole Go program.
func (b *Bridge) Deliver(event js.Value) {
	source := event.Get("source")
	framed := source.Type() == js.TypeObject
	if framed && source.Equal(b.global) {
		return // our own postMessage: answering it would loop
	}
	origin := ""
	if o := event.Get("origin"); o.Type() == js.TypeString {
		origin = o.String()
	}
	if framed && len(b.origins) > 0 && !b.origins[origin] {
		return
	}
	from := partyNative
	if framed {
		from = originParty(origin)
	}
	reply, answer := b.answer(from, event.Get("data"))
	if answer {
		b.send(reply, source, origin)
	}
}

// reply is an answer as it leaves Go: text, which is the JSON text of an
// object when the message was an object (or not a message at all).
type reply struct {
	text   string
	object bool
}

// value is the reply as the sender should see it: a string for a string,
// an object for an object. Should the page's JSON.parse throw, the reply
// becomes an internal error, built without it.
func (b *Bridge) value(r reply) (v js.Value) {
	defer func() {
		if recover() != nil {
			v = js.ValueOf(protocol.Internal())
		}
	}()
	if r.object {
		return b.json.Call("parse", r.text)
	}
	return js.ValueOf(r.text)
}

// answer computes the reply to one message's data, sent by from.
func (b *Bridge) answer(from party, data js.Value) (r reply, answer bool) {
	defer func() {
		if recover() != nil {
			r, answer = reply{protocol.Stringify(protocol.Internal()), true}, true
		}
	}()
	switch t, _ := typeOf(data); t {
	case js.TypeString:
		text, answer := b.handler(from).HandleText(data.String())
		return reply{text, false}, answer
	case js.TypeObject:
		// The page's encode marks NaN, Infinity and BigInts so they are
		// refused by name.
		text := b.encode(data)
		if text.Type() != js.TypeString {
			break
		}
		out, answer := b.handler(from).HandleObjectText(text.String())
		return reply{out, true}, answer
	}
	return reply{protocol.Stringify(protocol.BadRequest()), true}, true
}

// typeOf is v's type; known is false for a kind syscall/js cannot name (a
// BigInt), which it would otherwise panic on.
func typeOf(v js.Value) (t js.Type, known bool) {
	defer func() {
		if recover() != nil {
			t, known = js.TypeUndefined, false
		}
	}()
	return v.Type(), true
}

// encodeHere stands in for the page's cldsignPage.encode where there is
// no page glue (a test, a host that loads the wasm alone): the JSON text of
// a plain object, or undefined.
func (b *Bridge) encodeHere(v js.Value) js.Value {
	object := b.global.Get("Object")
	if proto := object.Call("getPrototypeOf", v); !proto.IsNull() && !proto.Equal(object.Get("prototype")) {
		return js.Undefined()
	}
	return b.json.Call("stringify", v)
}

// send posts a reply on the transport the message came by, as the protocol
// orders them: React Native first (always text), then the sender's window,
// then the parent frame.
func (b *Bridge) send(r reply, source js.Value, origin string) {
	defer func() { _ = recover() }() // a closed or cross-origin-blocked window must not stop the bridge
	if native := b.global.Get("ReactNativeWebView"); native.Type() == js.TypeObject {
		native.Call("postMessage", r.text)
		return
	}
	if source.Type() == js.TypeObject {
		if origin == "" || origin == "null" {
			origin = "*"
		}
		source.Call("postMessage", b.value(r), origin)
		return
	}
	if parent := b.global.Get("parent"); parent.Type() == js.TypeObject && !parent.Equal(b.global) {
		parent.Call("postMessage", b.value(r), "*")
	}
}

// promise answers a same-page cldsign.request() call.
func (b *Bridge) promise(message js.Value) js.Value {
	r, answer := b.answer(partyPage, message)
	result := js.Null()
	if answer {
		result = b.value(r)
	}
	return b.global.Get("Promise").Call("resolve", result)
}

// A party is a sender of messages, as far as the page can tell them apart:
// a framed sender's origin, the native app around a WebView, or the page
// itself. Credentials belong to the party that configured them: no other
// party can sign with them, replace them, or tell that they exist.
//
// An origin, not a window, is the line: two frames of one origin can script
// each other, so the web already makes them one principal. Opaque origins
// ("null": sandboxed frames, file: pages) are not one principal, however, so
// each of their messages gets a handler of its own that refuses configure.
type party string

const (
	partyNative party = "native" // a message with no source window: a WebView's app
	partyPage   party = "page"   // cldsign.request() from the page's own scripts
	partyOpaque party = ""       // an opaque origin: never the same party twice
)

func originParty(origin string) party {
	if origin == "" || origin == "null" {
		return partyOpaque
	}
	return party("origin " + origin)
}

// handler is the party's own protocol handler, made on its first message.
func (b *Bridge) handler(from party) *protocol.Handler {
	if from == partyOpaque {
		return &protocol.Handler{Now: time.Now, Anonymous: true}
	}
	h, known := b.parties[from]
	if !known {
		h = protocol.NewHandler()
		b.parties[from] = h
	}
	return h
}
