//go:build js && wasm

package bridge

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"strings"
	"syscall/js"
	"testing"
	"time"
	"unsafe"

	"github.com/cldsign/cldsign/wasm/protocol"
)

// deliver hands one message to Go as the page glue does: written into the
// buffer cldsign_buffer names, answered by cldsign_answer, the reply read
// back from the buffer. code is the reply's length or noAnswer or busy.
func deliver(t *testing.T, from Sender, origin string, kind Kind, data string) (reply string, code int32) {
	t.Helper()
	at := exportedBuffer(uint32(len(origin) + len(data)))
	if at != uint32(uintptr(unsafe.Pointer(&buffer[0]))) {
		t.Fatalf("cldsign_buffer returned %d, not the buffer's address", at)
	}
	copy(buffer, origin)
	copy(buffer[len(origin):], data)
	code = exportedAnswer(uint32(from), uint32(kind), uint32(len(origin)), uint32(len(data)))
	if code < 0 {
		return "", code
	}
	if at := exportedBuffer(0); at != uint32(uintptr(unsafe.Pointer(&buffer[0]))) {
		t.Fatalf("after the answer, cldsign_buffer returned %d, not the buffer's address", at)
	}
	return string(buffer[:code]), code
}

func sha1Hex(text string) string {
	sum := sha1.Sum([]byte(text))
	return hex.EncodeToString(sum[:])
}

// ask is deliver for a message that must be answered.
func ask(t *testing.T, from Sender, origin string, kind Kind, data string) string {
	t.Helper()
	reply, code := deliver(t, from, origin, kind, data)
	if code < 0 {
		t.Fatalf("%q from %d %q: no reply (%d)", data, from, origin, code)
	}
	if strings.Contains(reply, "abcd-secret") {
		t.Fatalf("a reply holds the secret: %s", reply)
	}
	return reply
}

// fresh starts the bridge of a page with nothing configured, as a page
// load does, with the given ?origins= allowlist (empty: none).
func fresh(t *testing.T, origins string) {
	t.Helper()
	location := js.Global().Get("Object").New()
	location.Set("search", "?origins="+origins)
	if origins == "" {
		location.Set("search", "")
	}
	js.Global().Set("location", location)
	t.Cleanup(func() { js.Global().Delete("location") })
	Start()
}

// The signature of public_id=cat&timestamp=1315060510 with the secret
// "abcd", from Cloudinary's documentation.
const catSignedWithABCD = "fad1cc9acde35612302e6c1a58e426fdec8688ee"

const (
	destroyCat   = `{"action":"destroy","public_id":"cat","timestamp":1315060510}`
	configureHer = `{"action":"configure","api_key":"1234","api_secret":"abcd","cloud_name":"demo"}`
	hostOrigin   = "https://host.example"
	adsOrigin    = "https://ads.example"
)

func TestEachFormOfMessage(t *testing.T) {
	fresh(t, "")
	if got := ask(t, FromFrame, "null", Text, "public_id=cat&timestamp=1315060510abcd"); got != catSignedWithABCD {
		t.Errorf("legacy: %q", got)
	}
	if got := ask(t, FromNative, "", Object, `{"action":"hash","text":"a","id":"x"}`); !strings.Contains(got, `"hex":"86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"`) || !strings.Contains(got, `"id":"x"`) {
		t.Errorf("object: %s", got)
	}
	if got := ask(t, FromPage, "", Other, ""); !strings.Contains(got, `"code":"bad_request"`) {
		t.Errorf("neither string nor object: %s", got)
	}
	envelope := `{"type":"ThunkablePostMessage","uuid":"u","message":"public_id=cat&timestamp=1315060510abcd"}`
	if got := ask(t, FromNative, "", Text, envelope); !strings.Contains(got, `"returnValue":"`+catSignedWithABCD+`"`) {
		t.Errorf("envelope: %s", got)
	}
	// Replies are never answered: two signers cannot loop.
	for _, m := range []struct {
		kind Kind
		data string
	}{{Text, catSignedWithABCD}, {Object, `{"ok":true,"action":"ping"}`}, {Text, `{"type":"ThunkablePostMessageReturnValue","uuid":"u"}`}} {
		if _, code := deliver(t, FromFrame, hostOrigin, m.kind, m.data); code != noAnswer {
			t.Errorf("a reply %s was answered (%d)", m.data, code)
		}
	}
}

func TestUnicodeAndLongMessagesCrossWhole(t *testing.T) {
	fresh(t, "")
	text := strings.Repeat("☕ 日本 😀 ", 2000) // about 26 KB: the buffer grows
	reply := ask(t, FromNative, "", Object, `{"action":"hash","text":"`+text+`","id":"`+text+`"}`)
	if !strings.Contains(reply, `"id":"`+text+`"`) {
		t.Errorf("the echoed id came back changed (%d bytes)", len(reply))
	}
	if !strings.Contains(reply, `"hex":"`+ask(t, FromNative, "", Text, text)+`"`) {
		t.Errorf("the text was hashed differently as an object and as a string")
	}
}

// TestRepliesLongerThanTheBufferGrowIt: the reply is written over the
// message in the crossing buffer, and a reply longer than the buffer holds
// moves it; the glue must then find the whole reply at the new address.
func TestRepliesLongerThanTheBufferGrowIt(t *testing.T) {
	fresh(t, "")
	buffer = nil // as at a page's first message
	tags := strings.Repeat("t", 600)
	message := `{"action":"sign","params":{"public_id":"cat","tags":"` + tags + `","timestamp":1315060510},"api_secret":"abcd-secret"}`
	exportedBuffer(uint32(len(message)))
	room := cap(buffer)
	reply := ask(t, FromNative, "", Object, message)
	if len(reply) <= room {
		t.Fatalf("the reply (%d bytes) fit the buffer (%d): the test shows nothing", len(reply), room)
	}
	var decoded struct{ Signature, Body string }
	if err := json.Unmarshal([]byte(reply), &decoded); err != nil {
		t.Fatalf("the reply is not whole JSON: %v", err)
	}
	if want := sha1Hex("public_id=cat&tags=" + tags + "&timestamp=1315060510abcd-secret"); decoded.Signature != want {
		t.Errorf("signature %s, want %s", decoded.Signature, want)
	}
	if !strings.HasSuffix(decoded.Body, "&tags="+tags+"&timestamp=1315060510") {
		t.Errorf("the body came back cut: %q", decoded.Body)
	}
}

func TestPanicBecomesInternalAndTheBridgeKeepsServing(t *testing.T) {
	fresh(t, "")
	signer.parties[party{from: FromNative}] = &protocol.Handler{Now: func() time.Time { panic("a broken clock") }}
	if got := ask(t, FromNative, "", Object, `{"action":"destroy","public_id":"cat","api_secret":"s"}`); !strings.Contains(got, `"code":"internal"`) {
		t.Errorf("a panic inside a handler: %s", got)
	}
	if got := ask(t, FromNative, "", Text, "after"); got != sha1Hex("after") {
		t.Errorf("after the panic: %q", got)
	}
}

func TestReenteredAnswerIsRefusedAsBusy(t *testing.T) {
	fresh(t, "")
	var inner int32 = 1
	signer.parties[party{from: FromNative}] = &protocol.Handler{Now: func() time.Time {
		// Go calling out while answering, and that call reaching the
		// signer again, as a script the page's Number was replaced by
		// could.
		inner = exportedAnswer(uint32(FromPage), uint32(Text), 0, 0)
		return time.Unix(1315060510, 0)
	}}
	outer := ask(t, FromNative, "", Object, `{"action":"destroy","public_id":"cat","api_secret":"abcd"}`)
	if inner != busy {
		t.Errorf("the re-entered call returned %d, want busy (%d)", inner, busy)
	}
	if !strings.Contains(outer, `"signature":"`+catSignedWithABCD+`"`) {
		t.Errorf("the outer call: %s", outer)
	}
	if got := ask(t, FromPage, "", Text, "next"); got != sha1Hex("next") {
		t.Errorf("after a refused re-entry: %q", got)
	}
}

func TestOriginAllowlist(t *testing.T) {
	fresh(t, "https://a.example,%20https://b.example")
	if _, code := deliver(t, FromFrame, "https://evil.example", Text, "x"); code != noAnswer {
		t.Errorf("an origin outside the allowlist was answered")
	}
	for _, from := range []struct {
		sender Sender
		origin string
	}{{FromFrame, "https://b.example"}, {FromFrame, "https://a.example"}, {FromNative, ""}, {FromAppInventor, ""}, {FromPage, ""}} {
		ask(t, from.sender, from.origin, Text, "x")
	}
}

func TestAnotherOriginCannotSignWithConfiguredSecret(t *testing.T) {
	fresh(t, "")
	unconfigured := ask(t, FromFrame, adsOrigin, Object, destroyCat)
	ask(t, FromFrame, hostOrigin, Object, configureHer)
	stolen := ask(t, FromFrame, adsOrigin, Object, destroyCat)
	// An intruder must not even learn that credentials exist: its reply is
	// the one a signer that was never configured gives.
	if stolen != unconfigured {
		t.Errorf("another origin got %s; a signer with nothing configured says %s", stolen, unconfigured)
	}
	if !strings.Contains(stolen, `"field":"api_secret"`) {
		t.Errorf("another origin got %s, want missing_field api_secret", stolen)
	}
}

func TestAnotherOriginCannotReplaceConfiguredSecret(t *testing.T) {
	fresh(t, "")
	ask(t, FromFrame, hostOrigin, Object, configureHer)
	ask(t, FromFrame, adsOrigin, Object, `{"action":"configure","api_secret":"intruder-secret","cloud_name":"evil"}`)
	reply := ask(t, FromFrame, hostOrigin, Object, destroyCat)
	if !strings.Contains(reply, `"signature":"`+catSignedWithABCD+`"`) || !strings.Contains(reply, `"url":"https://api.cloudinary.com/v1_1/demo/image/destroy"`) {
		t.Errorf("the host's destroy after another origin's configure: %s", reply)
	}
}

// Every pair of parties the glue names: what one configures, the other
// can neither use nor replace.
func TestEachPartysCredentialsServeItAlone(t *testing.T) {
	parties := []struct {
		name   string
		sender Sender
		origin string
	}{{"framed host", FromFrame, hostOrigin}, {"native app", FromNative, ""}, {"App Inventor app", FromAppInventor, ""}, {"page", FromPage, ""}}
	for _, owner := range parties {
		for _, other := range parties {
			if owner == other {
				continue
			}
			t.Run(owner.name+" configures, "+other.name+" asks", func(t *testing.T) {
				fresh(t, "")
				ask(t, owner.sender, owner.origin, Object, configureHer)
				if got := ask(t, other.sender, other.origin, Object, destroyCat); !strings.Contains(got, `"field":"api_secret"`) {
					t.Errorf("used another party's secret: %s", got)
				}
				ask(t, other.sender, other.origin, Object, `{"action":"configure","api_secret":"other-secret"}`)
				if got := ask(t, owner.sender, owner.origin, Object, destroyCat); !strings.Contains(got, `"signature":"`+catSignedWithABCD+`"`) {
					t.Errorf("the owner's credentials were replaced: %s", got)
				}
			})
		}
	}
}

func TestSameOriginFramesShareCredentials(t *testing.T) {
	fresh(t, "")
	ask(t, FromFrame, hostOrigin, Object, configureHer)
	// Another frame of the host's own origin is the same principal: the
	// glue names a sender by its origin alone.
	if got := ask(t, FromFrame, hostOrigin, Object, destroyCat); !strings.Contains(got, `"signature":"`+catSignedWithABCD+`"`) {
		t.Errorf("a frame of the configuring origin: %s", got)
	}
}

func TestOpaqueOriginsCannotKeepCredentials(t *testing.T) {
	fresh(t, "")
	if got := ask(t, FromFrame, "null", Object, `{"action":"configure","api_secret":"abcd"}`); !strings.Contains(got, `"code":"bad_request"`) {
		t.Errorf("configure from an opaque origin: %s", got)
	}
	if got := ask(t, FromFrame, "null", Object, destroyCat); !strings.Contains(got, `"field":"api_secret"`) {
		t.Errorf("a second opaque origin: %s", got)
	}
}

// TestStartTellsTheGlue: StartBeforeRendering hands the glue the
// internal-error reply, and returns only once the glue says it has
// answered the messages that came early; the stand-in glue says so a turn
// later, as the real one does.
func TestStartTellsTheGlue(t *testing.T) {
	fresh(t, "") // a location to read, before there is a glue to tell
	var internal, answered js.Value
	var steps []string
	answer := js.FuncOf(func(js.Value, []js.Value) any {
		steps = append(steps, "answered")
		answered.Invoke()
		return nil
	})
	defer answer.Release()
	page := js.Global().Get("Object").New()
	started := js.FuncOf(func(_ js.Value, args []js.Value) any {
		internal, answered = args[0], args[1]
		steps = append(steps, "started")
		js.Global().Call("queueMicrotask", answer)
		return nil
	})
	defer started.Release()
	page.Set("started", started)
	js.Global().Set("cldsignPage", page)
	defer js.Global().Delete("cldsignPage")
	StartBeforeRendering()
	if internal.Type() != js.TypeObject || internal.Get("error").Get("code").String() != "internal" || internal.Get("ok").Bool() {
		t.Errorf("started was not given the internal-error reply")
	}
	if strings.Join(steps, " ") != "started answered" {
		t.Errorf("StartBeforeRendering returned after %v, want after started and answered", steps)
	}
}

// BenchmarkAnswerDestroy is Go's part of a burst message: one destroy
// request from a framed page, written into the buffer and answered through
// the exported functions, as the glue sends it.
func BenchmarkAnswerDestroy(b *testing.B) {
	signer = New(nil)
	const origin = "https://host.example"
	const message = `{"action":"destroy","id":1,"public_id":"cat1","timestamp":1315060510,"api_key":"1234","api_secret":"abcd"}`
	for b.Loop() {
		exportedBuffer(uint32(len(origin) + len(message)))
		copy(buffer, origin)
		copy(buffer[len(origin):], message)
		if exportedAnswer(uint32(FromFrame), uint32(Object), uint32(len(origin)), uint32(len(message))) <= 0 {
			b.Fatal("no reply")
		}
	}
}
