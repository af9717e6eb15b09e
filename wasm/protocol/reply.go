package protocol

import (
	"github.com/cldsign/cldsign/wasm/cloudinary"
	"github.com/cldsign/cldsign/wasm/msgjson"
)

// Reply is a reply object: its members, in the order they are written.
//
// It is a short list rather than a map because a reply has a dozen
// members at most and goes out with every message: in a browser's wasm,
// filling a map of that size, then walking and sorting it to write it,
// cost a destroy more than checking and signing it did (a profile of
// BenchmarkAnswerDestroy in Node).
type Reply struct {
	members []member
}

// A member's value is text or any other value: a call's fields
// (cloudinary.Fields) write as an object in their order, and the rest as
// msgjson writes them. Text has a field of its own because a string put in
// an interface is copied to the heap first: an allocation for each of the
// reply's strings, every message.
type member struct {
	key    string
	text   string
	value  any
	isText bool
}

// Get is the value of the member key, or nil when the reply has none.
func (r Reply) Get(key string) any {
	for _, m := range r.members {
		if m.key == key {
			return m.get()
		}
	}
	return nil
}

func (m member) get() any {
	if m.isText {
		return m.text
	}
	return m.value
}

// add appends a member; a reply is built once, so no key comes twice.
func (r *Reply) add(key string, value any) {
	r.members = append(r.members, member{key: key, value: value})
}

// addText appends a member whose value is text.
func (r *Reply) addText(key, text string) {
	r.members = append(r.members, member{key: key, text: text, isText: true})
}

// AppendJSON appends the reply's JSON text to dst, its members in order.
func (r Reply) AppendJSON(dst []byte) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	for i, m := range r.members {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(msgjson.AppendString(dst, m.key), ':')
		if m.isText {
			dst = msgjson.AppendString(dst, m.text)
		} else if dst, err = appendValue(dst, m.value); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

func appendValue(dst []byte, v any) ([]byte, error) {
	fields, isFields := v.(cloudinary.Fields)
	if !isFields {
		return msgjson.Append(dst, v)
	}
	var err error
	dst = append(dst, '{')
	for i, f := range fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(msgjson.AppendString(dst, f.Name), ':')
		if dst, err = msgjson.Append(dst, f.Value); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

// Map is the reply as nested maps, the form js.ValueOf turns into a
// JavaScript object.
func (r Reply) Map() map[string]any {
	m := make(map[string]any, len(r.members))
	for _, member := range r.members {
		switch v := member.value.(type) {
		case Reply:
			m[member.key] = v.Map()
		case cloudinary.Fields:
			fields := make(map[string]any, len(v))
			for _, f := range v {
				fields[f.Name] = f.Value
			}
			m[member.key] = fields
		default:
			m[member.key] = member.get()
		}
	}
	return m
}

// Stringify writes a reply as JSON text.
func Stringify(r Reply) string {
	return string(AppendReply(nil, r))
}

// AppendReply appends a reply's JSON text to dst.
func AppendReply(dst []byte, r Reply) []byte {
	text, err := r.AppendJSON(dst)
	if err != nil {
		// Replies hold plain values only, so this is a bug; say so
		// without losing the page. Internal's own reply always writes.
		text, _ = Internal().AppendJSON(dst)
	}
	return text
}

// head starts a reply with ok, the action when the request named one, and
// the id when it gave one, with room for more members after them.
func head(ok bool, action, id any, more int) Reply {
	r := Reply{members: make([]member, 0, 3+more)}
	r.add("ok", ok)
	if name, isText := action.(string); isText && name != "" {
		r.add("action", action) // as the request holds it, not boxed again
	}
	if id != nil {
		r.add("id", id)
	}
	return r
}

// failure is the reply to a request that failed with err.
func failure(action, id any, err *Error) Reply {
	r := head(false, action, id, 1)
	r.add("error", err.value())
	return r
}
