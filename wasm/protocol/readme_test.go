package protocol

import (
	"github.com/cldsign/cldsign/wasm/msgjson"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// sampleValues are valid values for every field the README's table names.
var sampleValues = map[string]any{
	"public_id": "folder/cat", "url": "https://res.cloudinary.com/demo/image/upload/v1/folder/cat.jpg",
	"api_secret": "abcd", "api_key": "1234", "cloud_name": "demo", "resource_type": "image", "type": "upload",
	"invalidate": true, "timestamp": 1315060510, "signature_algorithm": "sha256", "signature_version": 1,
	"params": map[string]any{"public_id": "cat"}, "text": "hello", "algorithm": "sha256",
	"transformation": "w_100", "version": "1234", "format": "jpg", "long": true,
	"body": "{}", "signature": "00", "valid_for": 60, "cloudinary_url": "cloudinary://1234:abcd@demo",
}

type documentedAction struct {
	name                       string
	required                   [][]string // each entry: alternatives
	optional, reply, sometimes []string
	order                      []string // every reply field, in the column's order
}

var backticked = regexp.MustCompile("`([^`]+)`")

func readmeTable(t *testing.T) []documentedAction {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var actions []documentedAction
	for _, line := range strings.Split(string(readme), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 6 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		a := documentedAction{name: strings.Trim(strings.TrimSpace(cells[1]), "`")}
		for _, group := range strings.Split(cells[2], ",") {
			if names := backticked.FindAllStringSubmatch(group, -1); len(names) > 0 {
				var alternatives []string
				for _, n := range names {
					alternatives = append(alternatives, n[1])
				}
				a.required = append(a.required, alternatives)
			}
		}
		for _, n := range backticked.FindAllStringSubmatch(cells[3], -1) {
			a.optional = append(a.optional, n[1])
		}
		for _, n := range backticked.FindAllStringSubmatch(cells[4], -1) {
			field, conditional := strings.CutSuffix(n[1], "?")
			a.order = append(a.order, field)
			if conditional {
				a.sometimes = append(a.sometimes, field)
			} else {
				a.reply = append(a.reply, field)
			}
		}
		actions = append(actions, a)
	}
	return actions
}

// request builds a valid request: the first of each required group's
// alternatives and, when withOptional, every optional field.
func (a documentedAction) request(withOptional bool) fields {
	req := fields{"action": a.name}
	for _, group := range a.required {
		req[group[0]] = sampleValues[group[0]]
	}
	if withOptional {
		for _, name := range a.optional {
			req[name] = sampleValues[name]
		}
	}
	return req
}

// TestReadmeProtocolTable checks the README's action table against the
// implementation: the same actions, every required field required, every
// optional field read, and the reply fields it lists.
func TestReadmeProtocolTable(t *testing.T) {
	documented := readmeTable(t)
	var names []string
	for _, a := range documented {
		names = append(names, a.name)
	}
	sort.Strings(names)
	if got, want := strings.Join(names, " "), strings.Join(actionNames(), " "); got != want {
		t.Fatalf("README documents %q, the code implements %q", got, want)
	}
	for _, a := range documented {
		t.Run(a.name, func(t *testing.T) {
			for _, withOptional := range []bool{false, true} {
				reply := clock().handleRequest(normalize(a.request(withOptional))).Map()
				if reply["ok"] != true {
					t.Fatalf("documented request (optional fields: %v) failed: %v", withOptional, reply["error"])
				}
				for _, field := range a.reply {
					if _, has := reply[field]; !has {
						t.Errorf("reply lacks %s", field)
					}
				}
				for field := range reply {
					if field != "ok" && field != "action" && !slices.Contains(a.reply, field) && !slices.Contains(a.sometimes, field) {
						t.Errorf("reply has %s, which the README does not list", field)
					}
				}
				// The reply writes ok and action first, then its fields
				// in the order the column lists them.
				var written, want []string
				for _, m := range clock().handleRequest(normalize(a.request(withOptional))).members {
					written = append(written, m.key)
				}
				want = append(want, "ok", "action")
				for _, field := range a.order {
					if _, has := reply[field]; has {
						want = append(want, field)
					}
				}
				if !slices.Equal(written, want) {
					t.Errorf("the reply writes %v, want %v", written, want)
				}
			}
			for i, group := range a.required {
				req := a.request(true)
				for _, alternative := range group {
					delete(req, alternative)
				}
				code, field := errorOf(clock().handleRequest(normalize(req)).Map())
				if code != CodeMissingField || !slices.Contains(group, field) {
					t.Errorf("without %v: error %s on %q, want missing_field", a.required[i], code, field)
				}
			}
			for _, name := range a.optional {
				req := a.request(true)
				req[name] = map[string]any{"not": "valid"}
				code, field := errorOf(clock().handleRequest(normalize(req)).Map())
				if code != CodeInvalidField || field != name {
					t.Errorf("an object as %s: error %s on %q, want invalid_field for it (is the field read?)", name, code, field)
				}
			}
		})
	}
}

// normalize turns Go sample values into what a JSON parser produces.
func normalize(req fields) fields {
	text, err := msgjson.Marshal(req)
	if err != nil {
		panic(err)
	}
	out, err := msgjson.Parse(text)
	if err != nil {
		panic(err)
	}
	return out.(fields)
}

// errorOf reads the error of a reply: its code and field.
func errorOf(reply map[string]any) (code, field string) {
	e, _ := reply["error"].(map[string]any)
	code, _ = e["code"].(string)
	field, _ = e["field"].(string)
	return code, field
}

// TestErrorsNameTheFirstBadFieldInTableOrder: with two bad fields, the
// error names the one the README's table lists first (required, then
// optional), every time. sign_url once read its optional fields by
// ranging over a map, so the field named changed from call to call.
func TestErrorsNameTheFirstBadFieldInTableOrder(t *testing.T) {
	bad := []any{map[string]any{"not": "valid"}}
	for _, a := range readmeTable(t) {
		var order []string
		for _, group := range a.required {
			order = append(order, group[0])
		}
		order = append(order, a.optional...)
		for i, first := range order {
			for _, second := range order[i+1:] {
				req := a.request(true)
				req[first], req[second] = bad, bad
				for range 5 {
					if code, field := errorOf(clock().handleRequest(normalize(req)).Map()); code != CodeInvalidField || field != first {
						t.Errorf("%s with %s and %s bad: %s on %q, want invalid_field on %s", a.name, first, second, code, field, first)
						break
					}
				}
			}
		}
	}
}
