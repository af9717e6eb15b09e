// Package msgjson reads and writes the JSON text of protocol messages as
// plain values: objects as map[string]any, arrays as []any, numbers as
// float64, and strings, bools and nil. It does what the signer needs and
// no more, so that the wasm of the headless page carries neither
// reflection-based encoding/json nor a call into JavaScript for every
// field of every message. (Its name keeps it apart from the standard
// library's encoding/json/jsontext.)
package msgjson

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cldsign/cldsign/wasm/canon"
)

// MaxDepth is how deeply arrays and objects may nest. The parser recurses,
// and in a browser Go's wasm recursion runs on the engine's own call stack,
// which a few thousand levels exhaust: past this depth a text is refused,
// where deeper would end the program.
const MaxDepth = 2000

var (
	errSyntax   = errors.New("not valid JSON")
	errDepth    = errors.New("JSON nested too deeply")
	errNotFinal = errors.New("a JSON number too large for a float64")
	errType     = errors.New("a value JSON cannot hold")
)

// Parse reads exactly one JSON value, with only whitespace around it.
func Parse(text string) (any, error) {
	p := parser{s: text}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, errSyntax
	}
	return v, nil
}

type parser struct {
	s string
	i int
}

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (any, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, errSyntax
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		return p.string()
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	}
	for _, literal := range literals {
		if strings.HasPrefix(p.s[p.i:], literal.text) {
			p.i += len(literal.text)
			return literal.value, nil
		}
	}
	return nil, errSyntax
}

var literals = []struct {
	text  string
	value any
}{{"true", true}, {"false", false}, {"null", nil}}

func (p *parser) object(depth int) (any, error) {
	if depth > MaxDepth {
		return nil, errDepth
	}
	p.i++ // {
	fields := map[string]any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return fields, nil
	}
	for {
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return nil, errSyntax
		}
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, errSyntax
		}
		p.i++
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		fields[key] = v
		if done, err := p.next('}'); done || err != nil {
			return fields, err
		}
	}
}

func (p *parser) array(depth int) (any, error) {
	if depth > MaxDepth {
		return nil, errDepth
	}
	p.i++ // [
	items := []any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return items, nil
	}
	for {
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		if done, err := p.next(']'); done || err != nil {
			return items, err
		}
	}
}

// next reads the comma between members, or the closing bracket.
func (p *parser) next(closing byte) (done bool, err error) {
	p.space()
	if p.i < len(p.s) {
		switch p.s[p.i] {
		case ',':
			p.i++
			return false, nil
		case closing:
			p.i++
			return true, nil
		}
	}
	return true, errSyntax
}

func (p *parser) number() (any, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '0':
		p.i++
	case p.digits() == 0:
		return nil, errSyntax
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return nil, errSyntax
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return nil, errSyntax
		}
	}
	literal := p.s[start:p.i]
	if f, ok := smallInteger(literal); ok {
		return f, nil
	}
	f, ok := parseNumber(literal)
	if !ok || math.IsInf(f, 0) {
		return nil, errNotFinal
	}
	return f, nil
}

// smallInteger converts the common case, an integer of at most 15 digits,
// exactly and without help.
func smallInteger(literal string) (float64, bool) {
	digits := strings.TrimPrefix(literal, "-")
	if len(digits) > 15 {
		return 0, false
	}
	n := 0.0
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
		n = n*10 + float64(digits[i]-'0')
	}
	if len(digits) < len(literal) {
		n = -n
	}
	return n, true
}

func (p *parser) digits() int {
	start := p.i
	for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

// string reads a quoted string. Invalid UTF-8 and lone surrogates become
// U+FFFD, as in encoding/json and as a browser encodes them.
func (p *parser) string() (string, error) {
	p.i++ // "
	start := p.i
	for p.i < len(p.s) && p.s[p.i] != '"' && p.s[p.i] != '\\' && p.s[p.i] >= 0x20 && p.s[p.i] < utf8.RuneSelf {
		p.i++ // the common case: plain ASCII, taken as it is
	}
	if p.i < len(p.s) && p.s[p.i] == '"' {
		p.i++
		return p.s[start : p.i-1], nil
	}
	b := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), nil
		case c < 0x20:
			return "", errSyntax
		case c == '\\':
			var err error
			if b, err = p.escape(b); err != nil {
				return "", err
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			p.i++
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.i:])
			b = utf8.AppendRune(b, r)
			p.i += size
		}
	}
	return "", errSyntax
}

func (p *parser) escape(b []byte) ([]byte, error) {
	if p.i+1 >= len(p.s) {
		return nil, errSyntax
	}
	c := p.s[p.i+1]
	p.i += 2
	if c != 'u' {
		i := strings.IndexByte(`"\/bfnrt`, c)
		if i < 0 {
			return nil, errSyntax
		}
		return append(b, "\"\\/\b\f\n\r\t"[i]), nil
	}
	r, ok := p.hex4()
	if !ok {
		return nil, errSyntax
	}
	if utf16.IsSurrogate(r) {
		if strings.HasPrefix(p.s[p.i:], `\u`) {
			save := p.i
			p.i += 2
			if low, ok := p.hex4(); ok {
				if pair := utf16.DecodeRune(r, low); pair != utf8.RuneError {
					return utf8.AppendRune(b, pair), nil
				}
			}
			p.i = save
		}
		r = utf8.RuneError
	}
	return utf8.AppendRune(b, r), nil
}

func (p *parser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(p.s[p.i : p.i+4]) {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

// Appender is a value that writes its own JSON text.
type Appender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

// Marshal writes v as JSON text, object keys in sorted order. It accepts
// what Parse returns, and int, int64, []string and Appenders too. The text
// is always valid UTF-8: a byte of a string that is not writes U+FFFD, the
// character a browser would read in its place, so the writer never hands a
// host text that decodes to something else than it says.
func Marshal(v any) (string, error) {
	b, err := Append(nil, v)
	return string(b), err
}

// Append is Marshal appending to b, so that a caller that keeps a buffer
// from message to message writes a reply without allocating one.
func Append(b []byte, v any) ([]byte, error) {
	var err error
	switch v := v.(type) {
	case nil:
		b = append(b, "null"...)
	case bool:
		b = strconv.AppendBool(b, v)
	case string:
		b = AppendString(b, v)
	case float64:
		b, err = canon.AppendNumber(b, v)
	case int:
		b = strconv.AppendInt(b, int64(v), 10)
	case int64:
		b = strconv.AppendInt(b, v, 10)
	case []any:
		b = append(b, '[')
		for i, item := range v {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = Append(b, item); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	case []string:
		b = append(b, '[')
		for i, item := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendString(b, item)
		}
		b = append(b, ']')
	case map[string]any:
		var small [16]string // an object's keys, sorted off the heap
		b = append(b, '{')
		for i, k := range canon.AppendSortedKeys(small[:0], v) {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(AppendString(b, k), ':')
			if b, err = Append(b, v[k]); err != nil {
				return nil, err
			}
		}
		b = append(b, '}')
	case Appender:
		b, err = v.AppendJSON(b)
	default:
		err = errType
	}
	return b, err
}

// plainInString marks the bytes a JSON string holds as they are: ASCII
// but control characters, '"' and '\'. A table costs one load a byte,
// less than the four comparisons it stands for in wasm.
var plainInString = func() (plain [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		plain[c] = c != '"' && c != '\\'
	}
	return plain
}()

// AppendString appends s as a JSON string, escaping what JSON requires:
// what Append does for a string, without boxing it in an interface (an
// allocation) to get there. Runs of bytes that need no escape, nearly all
// of a reply, are copied whole rather than byte by byte.
func AppendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	plain := 0 // where the run of bytes not yet written starts
	for i := 0; i < len(s); {
		c := s[i]
		if plainInString[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || size != 1 {
				i += size // valid UTF-8, written as it is
				continue
			}
		}
		b = append(b, s[plain:i]...)
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default: // a byte that is not UTF-8
			b = append(b, `\ufffd`...)
		}
		i++
		plain = i
	}
	b = append(b, s[plain:]...)
	return append(b, '"')
}
