package protocol

import (
	"strings"
	"time"

	"github.com/cldsign/cldsign/wasm/cloudinary"
	"github.com/cldsign/cldsign/wasm/msgjson"
)

// Version is the protocol version that ping reports.
const Version = 1

// staleAfter is how far a timestamp may be from the device clock before
// Cloudinary refuses the request as stale.
const staleAfter = time.Hour

const staleWarning = "timestamp is more than an hour away from this device's clock; Cloudinary will reject it as stale"

// Handler answers messages. Credentials given with configure live in it,
// in memory only, for the life of the page.
type Handler struct {
	// Now is the device clock; it fills default timestamps and ages
	// webhook notifications.
	Now func() time.Time
	// Anonymous handlers serve senders that cannot be told apart from
	// others (an opaque origin), so they refuse to keep credentials.
	Anonymous bool
	creds     cloudinary.Credentials
}

// NewHandler returns a Handler on the real clock.
func NewHandler() *Handler { return &Handler{Now: time.Now} }

// HandleText answers a message whose data is a string. The reply is text
// too, appended to dst, so that a caller that keeps one buffer from
// message to message allocates none for replies; answer is false when the
// message must go unanswered.
func (h *Handler) HandleText(dst []byte, text string) (reply []byte, answer bool) {
	if !startsLikeJSON(text) {
		if isDigest(text) {
			return dst, false
		}
		return append(dst, cloudinary.Hash(cloudinary.SHA1, text)...), true
	}
	return h.handleJSON(dst, text, badJSON)
}

func badJSON() Reply {
	return failure(nil, nil, &Error{Code: CodeBadJSON, Message: "the message starts like JSON but is not a JSON object"})
}

// HandleObjectText answers a message whose data is an object, given as
// its JSON text: the bridge hands objects over so, in one call. The reply,
// appended to dst, is the JSON text of an object.
func (h *Handler) HandleObjectText(dst []byte, text string) (reply []byte, answer bool) {
	return h.handleJSON(dst, text, BadRequest)
}

// handleJSON answers the JSON text of an object, with notObject's reply
// when the text is not one. That reply is made only then: building it for
// every message would cost each one a few allocations for nothing.
func (h *Handler) handleJSON(dst []byte, text string, notObject func() Reply) ([]byte, bool) {
	msg, isObject := parseObject(text)
	if !isObject {
		return AppendReply(dst, notObject()), true
	}
	out, answer := h.HandleObject(msg)
	if !answer {
		return dst, false
	}
	return AppendReply(dst, out), true
}

func parseObject(text string) (map[string]any, bool) {
	value, err := msgjson.Parse(text)
	object, isObject := value.(map[string]any)
	return object, err == nil && isObject
}

// HandleObject answers a message whose data is an object. The reply is an
// object; answer is false when the message must go unanswered.
func (h *Handler) HandleObject(msg map[string]any) (reply Reply, answer bool) {
	if isReplyShaped(msg) {
		return Reply{}, false
	}
	if msg["type"] == "ThunkablePostMessage" {
		if _, has := msg["uuid"]; has {
			return h.handleEnvelope(msg), true
		}
	}
	return h.handleRequest(msg), true
}

// isReplyShaped matches what a signer sends back: a reply object or a
// Thunkable return envelope. Answering one could loop two signers.
func isReplyShaped(msg map[string]any) bool {
	_, hasOK := msg["ok"]
	return hasOK || msg["type"] == "ThunkablePostMessageReturnValue"
}

// Request answers one request built in Go, as the signing page does: the
// same path as a message, without the text around it.
func (h *Handler) Request(request map[string]any) Reply {
	return h.handleRequest(request)
}

// BadRequest is the reply to data that is neither a string nor an object.
func BadRequest() Reply {
	return failure(nil, nil, &Error{Code: CodeBadRequest, Message: "a message must be a string or an object"})
}

// Internal is the reply to a message whose handling failed unexpectedly.
func Internal() Reply {
	return failure(nil, nil, &Error{Code: CodeInternal, Message: "the signer failed on this message and is still running"})
}

func startsLikeJSON(text string) bool {
	return strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), "{")
}

// isDigest matches the bare hex digests a signer sends for legacy strings;
// such text is a reply, and answering it could loop two signers.
func isDigest(text string) bool {
	if len(text) != 40 && len(text) != 64 {
		return false
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// handleEnvelope answers Thunkable's "Value From Post Message": the return
// value has the form of the message, text for text. The app waits for it,
// so there is always one: the loop guards for bare messages do not apply,
// a hex string is hashed like any legacy text, and a reply-shaped message
// gets an error.
func (h *Handler) handleEnvelope(envelope map[string]any) Reply {
	var value any
	switch message := envelope["message"].(type) {
	case string:
		value = h.envelopeText(message)
	case map[string]any:
		value = h.envelopeObject(message)
	default:
		value = failure(nil, nil, &Error{Code: CodeBadRequest, Message: "message must be a string or an object"})
	}
	var out Reply
	out.addText("type", "ThunkablePostMessageReturnValue")
	out.add("uuid", envelope["uuid"])
	out.add("returnValue", value)
	return out
}

func (h *Handler) envelopeText(text string) string {
	if !startsLikeJSON(text) {
		return cloudinary.Hash(cloudinary.SHA1, text)
	}
	msg, isObject := parseObject(text)
	if !isObject {
		return Stringify(badJSON())
	}
	return Stringify(h.envelopeObject(msg))
}

func (h *Handler) envelopeObject(msg map[string]any) Reply {
	if isReplyShaped(msg) {
		return failure(nil, nil, &Error{Code: CodeBadRequest, Message: "the message is a reply, not a request"})
	}
	return h.handleRequest(msg)
}

// handleRequest answers one request object, turning any error into an
// error reply.
func (h *Handler) handleRequest(req fields) Reply {
	r := &reader{fields: req}
	action := r.text("action")
	id := echoedID(r)
	if action == "" {
		r.fail(missing("action"))
	}
	handle, known := findAction(action)
	if r.err == nil && !known {
		r.fail(&Error{Code: CodeUnknownAction, Field: "action",
			Message: "unknown action; use one of " + strings.Join(actionNames(), ", ")})
	}
	var own Reply
	if r.err == nil {
		own = handle(h, r)
	}
	// An action that failed leaves its error in r.err, which is then the
	// reply, whatever it returned (see action).
	if r.err != nil {
		return failure(req["action"], id, r.err)
	}
	out := head(true, req["action"], id, len(own.members))
	out.members = append(out.members, own.members...)
	return out
}

// echoedID is the request's id, a JSON scalar echoed as it came.
func echoedID(r *reader) any {
	switch id := r.fields["id"].(type) {
	case nil, string, bool, float64:
		return id
	}
	r.fail(invalid("id", "must be a string, number, boolean or null"))
	return nil
}
