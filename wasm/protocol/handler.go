package protocol

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/cldsign/cldsign/wasm/cloudinary"
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
	Now   func() time.Time
	creds cloudinary.Credentials
}

// NewHandler returns a Handler on the real clock.
func NewHandler() *Handler { return &Handler{Now: time.Now} }

// Reply is a reply object: ok, action, id and the action's own fields.
type Reply map[string]any

// digestPattern matches the bare hex digests a signer sends for legacy
// strings; such text is a reply, and answering it could loop two signers.
var digestPattern = regexp.MustCompile(`^([0-9a-f]{40}|[0-9a-f]{64})$`)

// HandleText answers a message whose data is a string. The reply is text
// too; answer is false when the message must go unanswered.
func (h *Handler) HandleText(text string) (reply string, answer bool) {
	if !startsLikeJSON(text) {
		if digestPattern.MatchString(text) {
			return "", false
		}
		return cloudinary.Hash(cloudinary.SHA1, text), true
	}
	out, answer := h.handleJSON([]byte(text))
	return string(out), answer
}

// HandleObject answers a message whose data is an object, given as its
// JSON text. The reply is the JSON text of an object.
func (h *Handler) HandleObject(objectJSON []byte) (reply []byte, answer bool) {
	return h.handleJSON(objectJSON)
}

// BadRequest is the reply to data that is neither a string nor an object.
func BadRequest() []byte {
	return encode(failure(nil, &Error{Code: CodeBadRequest, Message: "a message must be a string or an object"}))
}

// Internal is the reply to a message whose handling failed unexpectedly.
func Internal() []byte {
	return encode(failure(nil, &Error{Code: CodeInternal, Message: "the signer failed on this message and is still running"}))
}

func startsLikeJSON(text string) bool {
	return strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), "{")
}

func (h *Handler) handleJSON(data []byte) ([]byte, bool) {
	var msg fields
	if err := decode(data, &msg); err != nil || msg == nil {
		return encode(failure(nil, &Error{Code: CodeBadJSON, Message: "the message starts like JSON but is not a JSON object"})), true
	}
	if _, isReply := msg["ok"]; isReply {
		return nil, false
	}
	switch msg["type"] {
	case "ThunkablePostMessageReturnValue":
		return nil, false
	case "ThunkablePostMessage":
		if _, has := msg["uuid"]; has {
			return h.handleEnvelope(msg), true
		}
	}
	return encode(h.handleRequest(msg)), true
}

// handleEnvelope answers Thunkable's "post message with return value":
// the return value has the form of the message, text for text.
func (h *Handler) handleEnvelope(envelope fields) []byte {
	var value any
	switch message := envelope["message"].(type) {
	case string:
		value, _ = h.HandleText(message)
	case map[string]any:
		value = h.handleRequest(message)
	default:
		value = failure(nil, &Error{Code: CodeBadRequest, Message: "message must be a string or an object"})
	}
	return encode(map[string]any{
		"type":        "ThunkablePostMessageReturnValue",
		"uuid":        envelope["uuid"],
		"returnValue": value,
	})
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
	handle, known := actions[action]
	if r.err == nil && !known {
		r.fail(&Error{Code: CodeUnknownAction, Field: "action",
			Message: "unknown action; use one of " + strings.Join(actionNames(), ", ")})
	}
	var reply Reply
	if r.err == nil {
		reply = handle(h, r)
	}
	if r.err != nil {
		return failure(req["action"], r.err).withID(id)
	}
	reply["ok"] = true
	reply["action"] = action
	return reply.withID(id)
}

// echoedID is the request's id, a JSON scalar echoed as it came.
func echoedID(r *reader) any {
	switch id := r.fields["id"].(type) {
	case nil, string, bool, json.Number:
		return id
	}
	r.fail(invalid("id", "must be a string, number, boolean or null"))
	return nil
}

func (r Reply) withID(id any) Reply {
	if id != nil {
		r["id"] = id
	}
	return r
}

func failure(action any, err *Error) Reply {
	r := Reply{"ok": false, "error": err}
	if name, ok := action.(string); ok && name != "" {
		r["action"] = name
	}
	return r
}

// decode reads JSON keeping numbers exact, so ids echo as they came.
func decode(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return fmt.Errorf("trailing data after the JSON object")
	}
	return nil
}

func encode(v any) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		// Replies hold only JSON-safe values, so this is a bug; say so
		// without losing the page.
		return Internal()
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// Request answers one request given as Go values, as the signing page
// builds them: the same path as a message, without the text around it.
func (h *Handler) Request(request map[string]any) Reply {
	var req fields
	data, err := json.Marshal(request)
	if err == nil {
		err = decode(data, &req)
	}
	if err != nil {
		return failure(request["action"], &Error{Code: CodeBadRequest, Message: "the request has no JSON form"})
	}
	return h.handleRequest(req)
}
