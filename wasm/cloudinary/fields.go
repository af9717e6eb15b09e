package cloudinary

import "github.com/cldsign/cldsign/wasm/canon"

// A Field is one parameter of a call.
type Field struct {
	Name  string
	Value any
}

// Fields are a call's parameters in bytewise name order: the order they
// are signed in, sent in and shown in. A call's parameters are sorted
// once, into Fields, and everything after reads them in order: in a
// browser's wasm, sorting and hashing a small map again for the string to
// sign, the form body and the reply cost more than the signing itself.
type Fields []Field

// Fields returns the parameters in bytewise name order.
func (p Params) Fields() Fields {
	var small [8]string // the keys of a call, sorted off the heap
	keys := canon.AppendSortedKeys(small[:0], p)
	fields := make(Fields, len(keys))
	for i, k := range keys {
		fields[i] = Field{k, p[k]}
	}
	return fields
}

// With sets the field name to value, in its place in the order. Like
// append, it may reuse f's array, so the result replaces f. It is never
// inlined: copied into each of its callers, it would add about 2 KB of
// gzip to the headless page's wasm.
//
//go:noinline
func (f Fields) With(name string, value any) Fields {
	i := 0
	for i < len(f) && f[i].Name < name {
		i++
	}
	if i < len(f) && f[i].Name == name {
		f[i].Value = value
		return f
	}
	f = append(f, Field{})
	copy(f[i+1:], f[i:])
	f[i] = Field{name, value}
	return f
}
