//go:build js && wasm

package bridge

import (
	"errors"
	"math"
	"syscall/js"
)

// maxDepth bounds how deep a message may nest; deeper (or cyclic) objects
// are refused rather than followed.
const maxDepth = 2000

var (
	errTooDeep = errors.New("the message nests too deeply, or refers to itself")
	object     = js.Global().Get("Object")
	array      = js.Global().Get("Array")
	reflectGet = js.Global().Get("Reflect").Get("get")
)

// get reads v[key] through Reflect.get. js.Value's Get, Index and Length
// let a throwing getter or Proxy trap unwind through the Go program and end
// it; a call turns the exception into a panic the bridge recovers from.
func get(v js.Value, key any) js.Value { return reflectGet.Invoke(v, key) }

// notJSON stands for a value JSON cannot hold (NaN, Infinity, a BigInt, a
// function, a Date or Blob inside an object). The protocol refuses it by
// the name of its field, where JSON.stringify would quietly turn it into
// null and so into "absent".
type notJSON struct{}

// toGo copies a JavaScript value into plain Go values: map[string]any,
// []any, string, float64, bool and nil.
func toGo(v js.Value, depth int) (any, error) {
	t, known := typeOf(v)
	if !known {
		return notJSON{}, nil
	}
	switch t {
	case js.TypeString:
		return v.String(), nil
	case js.TypeNumber:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return notJSON{}, nil
		}
		return f, nil
	case js.TypeBoolean:
		return v.Bool(), nil
	case js.TypeNull, js.TypeUndefined:
		return nil, nil
	case js.TypeObject:
		if depth >= maxDepth {
			return nil, errTooDeep
		}
		if array.Call("isArray", v).Bool() {
			items := make([]any, get(v, "length").Int())
			for i := range items {
				item, err := toGo(get(v, i), depth+1)
				if err != nil {
					return nil, err
				}
				items[i] = item
			}
			return items, nil
		}
		if !isPlainObject(v) {
			return notJSON{}, nil
		}
		keys := object.Call("keys", v)
		fields := make(map[string]any, keys.Length())
		for i := 0; i < keys.Length(); i++ {
			key := keys.Index(i).String()
			value, err := toGo(get(v, key), depth+1)
			if err != nil {
				return nil, err
			}
			fields[key] = value
		}
		return fields, nil
	}
	return notJSON{}, nil
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

// isPlainObject reports whether v is an object literal (or a structured
// clone of one), not an array, Date, Map, Blob or class instance.
func isPlainObject(v js.Value) bool {
	if t, _ := typeOf(v); t != js.TypeObject {
		return false
	}
	proto := object.Call("getPrototypeOf", v)
	return proto.IsNull() || proto.Equal(object.Get("prototype"))
}

// browserJSON is the browser's JSON object, as the protocol's codec.
type browserJSON struct{ json js.Value }

var errNotJSON = errors.New("not JSON")

func (j browserJSON) Parse(text string) (value any, err error) {
	defer func() {
		if recover() != nil { // JSON.parse threw
			value, err = nil, errNotJSON
		}
	}()
	return toGo(j.json.Call("parse", text), 0)
}

func (j browserJSON) Stringify(v any) (text string, err error) {
	defer func() {
		if recover() != nil {
			text, err = "", errNotJSON
		}
	}()
	return j.json.Call("stringify", js.ValueOf(v)).String(), nil
}
