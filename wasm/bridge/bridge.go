// Package bridge answers the page's messages: the page glue hands each one
// over as bytes in the wasm's linear memory through an exported function
// (exports.go), with the party that sent it, and takes the reply back the
// same way. The glue listens and posts; this package decides who may use
// which credentials and keeps a failing message from stopping the signer.
//
// Messages cross as bytes, not as syscall/js values, because every
// js.FuncOf call and every js.Value read costs microseconds, and a message
// would need dozens of them.
package bridge

import (
	"strings"
	"time"

	"github.com/cldsign/cldsign/wasm/protocol"
)

// Sender is who sent a message, as the page glue tells it apart.
type Sender uint32

const (
	FromPage        Sender = iota // cldsign.request() from the page's own scripts
	FromNative                    // a message with no source window: a WebView's app
	FromAppInventor               // the WebViewString of an App Inventor-family app
	FromFrame                     // a window (a frame, an opener), named by its origin
)

// Kind is the form a message's data came in.
type Kind uint32

const (
	Text   Kind = iota // a string, as it came
	Object             // a plain object, as its JSON text
	Other              // anything else: a number, an array, a Blob…
)

// Bridge holds one protocol handler for each party that sends messages,
// so that credentials one party configures serve that party alone.
type Bridge struct {
	parties map[party]*protocol.Handler
	origins map[string]bool // empty: every origin may ask
}

// New returns a bridge that answers framed senders of the given origins
// only, or of every origin when there are none.
func New(origins map[string]bool) *Bridge {
	return &Bridge{parties: map[party]*protocol.Handler{}, origins: origins}
}

// ParseOrigins reads a ?origins= allowlist: comma-separated origins.
func ParseOrigins(list string) map[string]bool {
	origins := map[string]bool{}
	for _, o := range strings.Split(list, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins[o] = true
		}
	}
	return origins
}

// Answer appends the reply to one message to dst. The reply is text: for
// an Object or Other message it is the JSON text of the reply object.
// answer is false when the message must go unanswered: a framed sender
// outside the allowlist, or a message shaped like a reply. A panic inside
// becomes an internal error reply.
func (b *Bridge) Answer(dst []byte, from Sender, origin string, kind Kind, data string) (reply []byte, answer bool) {
	if from == FromFrame && len(b.origins) > 0 && !b.origins[origin] {
		return dst, false
	}
	defer func() {
		if recover() != nil {
			reply, answer = protocol.AppendReply(dst, protocol.Internal()), true
		}
	}()
	h := b.handler(senderParty(from, origin))
	switch kind {
	case Text:
		return h.HandleText(dst, data)
	case Object:
		return h.HandleObjectText(dst, data)
	}
	return protocol.AppendReply(dst, protocol.BadRequest()), true
}

// A party is a sender of messages, as far as the page can tell them apart:
// a framed sender's origin, the native app around a WebView, an App
// Inventor app, or the page itself. Credentials belong to the party that
// configured them: no other party can sign with them, replace them, or tell
// that they exist.
//
// An origin, not a window, is the line: two frames of one origin can script
// each other, so the web already makes them one principal. Opaque origins
// ("null": sandboxed frames, file: pages) are not one principal, however, so
// each of their messages gets a handler of its own that refuses configure.
type party struct {
	from   Sender
	origin string // a framed sender's; "" for the others
}

// partyOpaque stands for every sender of an opaque origin, each of which
// is a party never seen before.
var partyOpaque = party{from: FromFrame}

func senderParty(from Sender, origin string) party {
	if from != FromFrame {
		return party{from: from}
	}
	if origin == "" || origin == "null" {
		return partyOpaque
	}
	return party{FromFrame, origin}
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
