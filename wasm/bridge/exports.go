//go:build js && wasm

package bridge

import (
	"syscall/js"
	"unsafe"

	"github.com/cldsign/cldsign/wasm/protocol"
)

// The page's one bridge, made by Start, and the buffer that messages and
// replies cross in. The buffer is reused from message to message; Go's
// collector does not move it, and the variable keeps it alive.
var (
	signer     *Bridge
	buffer     []byte
	answering  bool   // an answer is under way: see exportedAnswer
	lastOrigin string // the origin of the last message, kept so that a burst from one host makes it once
)

// What cldsign_answer returns when there is no reply to read.
const (
	noAnswer int32 = -1 // the message goes unanswered
	busy     int32 = -2 // called while an answer was under way: call again after it
)

// Start makes the page's bridge and tells the page glue that messages may
// now go to Go (cldsignPage.started); the glue answers those that came
// while the wasm loaded as soon as Go yields. It returns at once; main must
// then stay blocked, since an exported call after main returns aborts the
// runtime.
func Start() { start(js.Undefined()) }

// StartBeforeRendering is Start for a page that renders after it
// (index.html): it returns once the glue has answered the messages that
// came while the wasm loaded, so that they are answered first, not after
// the render. It is apart from Start because its callback brings
// syscall/js's callback machinery into the wasm, which the headless page
// does without.
//
// It must not run inside a js.FuncOf callback: it waits for the glue,
// which cannot run until such a callback has returned.
func StartBeforeRendering() {
	answered := make(chan struct{})
	tell := js.FuncOf(func(js.Value, []js.Value) any {
		close(answered)
		return nil
	})
	defer tell.Release()
	if start(tell.Value) {
		<-answered
	}
}

// start makes the bridge and tells the glue, with answered for it to call
// once it has answered the early messages; told is false without a glue
// (a test driving the bridge itself).
func start(answered js.Value) (told bool) {
	global := js.Global()
	origins := map[string]bool{}
	if location := global.Get("location"); location.Type() == js.TypeObject {
		list := global.Get("URLSearchParams").New(location.Get("search")).Call("get", "origins")
		if list.Type() == js.TypeString {
			origins = ParseOrigins(list.String())
		}
	}
	signer = New(origins)
	page := global.Get("cldsignPage")
	if page.Type() != js.TypeObject || page.Get("started").Type() != js.TypeFunction {
		return false
	}
	// The glue hands a copy of this to a host when it cannot turn a reply
	// back into an object (a page whose JSON.parse was replaced).
	page.Call("started", js.ValueOf(protocol.Internal().Map()), answered)
	return true
}

// exportedBuffer makes the crossing buffer hold at least size bytes and
// returns its address in linear memory. The glue writes a message there
// before calling cldsign_answer, and reads the reply from there after.
//
//go:wasmexport cldsign_buffer
func exportedBuffer(size uint32) uint32 {
	if uint64(size) > uint64(cap(buffer)) || buffer == nil {
		buffer = make([]byte, max(int(size), 1024))
	}
	buffer = buffer[:cap(buffer)]
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(buffer))))
}

// exportedAnswer answers the message in the buffer: originLength bytes of
// the sender's origin (UTF-8), then dataLength bytes of its data (UTF-8
// text, or JSON text when kind is Object). The reply replaces them in the
// buffer, which may have moved (ask cldsign_buffer(0) for its address); the
// result is the reply's length in bytes, or noAnswer, or busy.
//
// An exported call can be re-entered: while Go runs it, Go calls into
// JavaScript (msgjson reads numbers with the page's Number), and a script
// that answers that call by messaging the signer again reaches this
// function before the first call returns. The bridge's handlers are not
// built for that, so the inner call gets busy, and the glue queues it.
//
//go:wasmexport cldsign_answer
func exportedAnswer(from, kind, originLength, dataLength uint32) (length int32) {
	if answering {
		return busy
	}
	answering = true
	defer func() { answering = false }()
	if signer == nil || uint64(originLength)+uint64(dataLength) > uint64(len(buffer)) {
		return noAnswer
	}
	if string(buffer[:originLength]) != lastOrigin {
		lastOrigin = string(buffer[:originLength])
	}
	// The data is copied out, since the reply is written over it.
	data := string(buffer[originLength : originLength+dataLength])
	reply, answer := signer.Answer(buffer[:0], Sender(from), lastOrigin, Kind(kind), data)
	if !answer {
		return noAnswer
	}
	buffer = reply[:cap(reply)] // a reply longer than the buffer grew it
	return int32(len(reply))
}
