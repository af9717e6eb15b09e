package msgjson

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		text string
		want any
	}{
		{`{}`, map[string]any{}},
		{` {"a": [1, -2.5e3, true, false, null, "x"]} `, map[string]any{"a": []any{1.0, -2500.0, true, false, nil, "x"}}},
		{`"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`, "\"\\/\b\f\n\r\té😀"},
		{`"\ud800"`, "\uFFFD"},
		{`"\ud800\u0041"`, "\uFFFDA"},
		{`"\udc00x"`, "\uFFFDx"},
		{`{"a":1,"a":2}`, map[string]any{"a": 2.0}},
		{`12345678901234567890`, 12345678901234567890.0},
		{`[]`, []any{}},
		{`0`, 0.0},
	}
	for _, tt := range tests {
		got, err := Parse(tt.text)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%s) = %#v, %v; want %#v", tt.text, got, err, tt.want)
		}
	}
	for _, bad := range []string{``, `{`, `{"a"}`, `{"a":}`, `{a:1}`, `[1,]`, `[1 2]`, `01`, `1.`, `.5`, `-`, `1e`, `+1`, `NaN`, `Infinity`,
		`"a`, "\"a\x01\"", `"\x"`, `"\u12"`, `tru`, `{} {}`, `{}}`, `1e400`, strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)} {
		if v, err := Parse(bad); err == nil {
			t.Errorf("Parse(%.40q) = %#v, want an error", bad, v)
		}
	}
}

func TestMarshal(t *testing.T) {
	got, err := Marshal(map[string]any{"b": []any{1.5, int64(2), 3, nil, true}, "a": "q\"\\\n\x01<&>é", "c": map[string]any{}, "d": 1e21,
		"e": []string{"x", "\"y\""}})
	want := `{"a":"q\"\\\n\u0001<&>é","b":[1.5,2,3,null,true],"c":{},"d":1e+21,"e":["x","\"y\""]}`
	if err != nil || got != want {
		t.Errorf("got %s, %v\nwant %s", got, err, want)
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), []int{1}, struct{}{}, map[string]any{"x": make(chan int)}} {
		if _, err := Marshal(bad); err == nil {
			t.Errorf("Marshal(%#v): no error", bad)
		}
	}
}

// rawText is an Appender that writes itself as it is.
type rawText string

func (r rawText) AppendJSON(dst []byte) ([]byte, error) { return append(dst, r...), nil }

func TestMarshalLetsAppendersWriteThemselves(t *testing.T) {
	got, err := Marshal(map[string]any{"outer": []any{rawText(`{"z":1,"a":2}`)}})
	if want := `{"outer":[{"z":1,"a":2}]}`; err != nil || got != want {
		t.Errorf("got %s, %v; want %s", got, err, want)
	}
}

// TestMarshalNeverWritesInvalidUTF8 guards replies: a public id holding
// the byte 0xE9 was written through, and the browser read U+FFFD where
// the signature had covered 0xE9.
func TestMarshalNeverWritesInvalidUTF8(t *testing.T) {
	for in, want := range map[string]string{
		"caf\xe9":      `"caf\ufffd"`,
		"\xff\xfeok":   `"\ufffd\ufffdok"`,
		"\xed\xa0\x80": `"\ufffd\ufffd\ufffd"`, // an encoded surrogate, as encoding/json reads it
		"é日本😀":         `"é日本😀"`,
		"a\xc3":        `"a\ufffd"`,
	} {
		got, err := Marshal(in)
		if err != nil || got != want || !utf8.ValidString(got) {
			t.Errorf("Marshal(%q) = %s, %v; want %s", in, got, err, want)
		}
		// encoding/json replaces each bad byte the same way.
		std, _ := json.Marshal(in)
		var back, stdBack string
		if err := json.Unmarshal([]byte(got), &back); err != nil || json.Unmarshal(std, &stdBack) != nil || back != stdBack {
			t.Errorf("%s reads back as %q, %v; encoding/json's %s as %q", got, back, err, std, stdBack)
		}
	}
}

// FuzzParse checks Parse against encoding/json: they accept the same texts
// and read the same values, and what Marshal writes parses back the same.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{`{"action":"destroy","public_id":"cat","timestamp":1315060510}`, `[1,"\ud83d\ude00",null]`, `"\ud800"`, `-0.0e-0`, `{"a":{"b":[]}}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, err := Parse(text)
		var want any
		stdErr := json.Unmarshal([]byte(text), &want)
		if (err == nil) != (stdErr == nil) {
			if err != errDepth {
				t.Fatalf("Parse(%q): error %v, encoding/json: %v", text, err, stdErr)
			}
			return
		}
		if err != nil {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse(%q) = %#v, encoding/json reads %#v", text, got, want)
		}
		out, err := Marshal(got)
		if err != nil {
			t.Fatalf("Marshal(%#v): %v", got, err)
		}
		again, err := Parse(out)
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("%q → %q → %#v, %v", text, out, again, err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	const text = `{"action":"destroy","id":1,"public_id":"folder/cat","timestamp":1315060510,"api_key":"1234","api_secret":"abcd","tags":["a","b"]}`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	reply := map[string]any{"ok": true, "action": "destroy", "id": 1.0, "method": "POST", "timestamp": 1315060510.0,
		"signature": "3cfff7a24b70f778623cae3e59ccccecc4a1b092", "string_to_sign": "public_id=cat1&timestamp=1315060510",
		"body":   "api_key=1234&public_id=cat1&signature=3cfff7a24b70f778623cae3e59ccccecc4a1b092&timestamp=1315060510",
		"params": map[string]any{"api_key": "1234", "public_id": "cat1", "signature": "3cfff7a24b70f778623cae3e59ccccecc4a1b092", "timestamp": int64(1315060510)}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(reply); err != nil {
			b.Fatal(err)
		}
	}
}
