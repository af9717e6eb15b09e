package protocol

import (
	"bytes"
	"encoding/json"
)

// stdJSON is the standard library's JSON, standing in for the browser's in
// native tests.
type stdJSON struct{}

func (stdJSON) Parse(text string) (any, error) {
	var v any
	err := json.Unmarshal([]byte(text), &v)
	return v, err
}

func (stdJSON) Stringify(v any) (string, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	err := e.Encode(v)
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), err
}
