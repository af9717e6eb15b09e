package ui

import (
	"strconv"

	"github.com/cldsign/cldsign/wasm/canon"
	"github.com/cldsign/cldsign/wasm/cloudinary"
	"github.com/cldsign/cldsign/wasm/msgjson"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// paramRow is one key/value pair of the Sign tool. Values are text: an
// array signs as its items joined by commas, a number as its digits.
type paramRow struct{ key, value string }

type paramsForm struct {
	rows      []paramRow
	pasted    string
	pasteNote string
}

// presets are typical parameter sets for the calls people sign by hand.
var presets = map[string][]paramRow{
	"upload":   {{"public_id", "folder/cat"}, {"folder", ""}, {"tags", "pets,cats"}, {"upload_preset", ""}},
	"rename":   {{"from_public_id", "folder/cat"}, {"to_public_id", "folder/kitten"}, {"overwrite", "true"}},
	"explicit": {{"public_id", "folder/cat"}, {"type", "upload"}, {"eager", "c_fill,w_200"}},
	"widget":   {{"source", "uw"}, {"upload_preset", "my_preset"}},
}

// presetRows is a copy of a preset's rows: the form edits its rows in
// place, and a preset must stay as it is for the rest of the session.
func presetRows(name string) []paramRow {
	return append([]paramRow(nil), presets[name]...)
}

var presetOrder = []option{{"upload", "Upload"}, {"rename", "Rename"}, {"explicit", "Explicit"}, {"widget", "Upload Widget (uploadSignature)"}}

func (f *paramsForm) request() map[string]any {
	params := map[string]any{}
	for _, r := range f.rows {
		if r.key != "" {
			params[r.key] = r.value
		}
	}
	return map[string]any{"action": "sign", "params": params}
}

// paste replaces the rows with a pasted JSON object's fields, each value
// written as the signer writes it, so that a row signs as the pasted
// value would.
func (f *paramsForm) paste(text string) {
	f.pasted = text
	value, err := msgjson.Parse(text)
	object, isObject := value.(map[string]any)
	if err != nil || !isObject {
		f.pasteNote = "Paste a JSON object, such as {\"public_id\": \"cat\", \"tags\": [\"a\", \"b\"]}."
		return
	}
	keys := canon.SortedKeys(object)
	rows := make([]paramRow, 0, len(keys))
	for _, k := range keys {
		v, _, err := cloudinary.FormatValue(object[k])
		if err != nil {
			f.pasteNote = k + ": " + err.Error() + "."
			return
		}
		rows = append(rows, paramRow{k, v})
	}
	f.rows, f.pasteNote = rows, "Read "+strconv.Itoa(len(rows))+" parameters."
}

func (s *Signer) renderParams() app.UI {
	f := &s.params
	request := f.request()
	reply := s.ask(s.credentials(request))
	return app.Div().Body(
		app.P().Class("hint").Text("Signs any Upload API call: upload, rename, explicit, or the Upload Widget's uploadSignature. file, cloud_name, resource_type and api_key are sent but never signed."),
		app.Div().Class("presets").Body(
			app.Span().Class("presets-label").Text("Start from:"),
			app.Range(presetOrder).Slice(func(i int) app.UI {
				p := presetOrder[i]
				return app.Button().Type("button").Class("preset").ID("preset-"+p.value).Text(p.label).
					OnClick(func(ctx app.Context, e app.Event) {
						f.rows = presetRows(p.value)
						f.pasteNote = ""
					}, p.value)
			}),
		),
		app.Table().ID("param-rows").Class("rows").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("Parameter"), app.Th().Text("Value"), app.Th().Body(app.Span().Class("visually-hidden").Text("Remove")))),
			app.TBody().Body(
				app.Range(f.rows).Slice(func(i int) app.UI { return s.renderParamRow(i) }),
			),
		),
		app.Button().Type("button").ID("add-row").Text("Add a parameter").
			OnClick(func(ctx app.Context, e app.Event) { f.rows = append(f.rows, paramRow{}) }, "add-row"),
		textArea("params-json", "Or paste the parameters as JSON", f.pasted, `{"public_id": "cat", "timestamp": 1315060510}`, 3, f.paste),
		app.If(f.pasteNote != "", app.P().Class("note").Aria("live", "polite").Text(f.pasteNote)),
		s.renderCall(reply, request),
	)
}

func (s *Signer) renderParamRow(i int) app.UI {
	f := &s.params
	keyID, valueID := "param-key-"+strconv.Itoa(i), "param-value-"+strconv.Itoa(i)
	return app.Tr().Body(
		app.Td().Body(
			app.Label().For(keyID).Class("visually-hidden").Text("Parameter "+strconv.Itoa(i+1)+" name"),
			app.Input().Type("text").ID(keyID).Value(f.rows[i].key).Spellcheck(false).
				OnInput(func(ctx app.Context, e app.Event) { f.rows[i].key = value(ctx) }, keyID),
		),
		app.Td().Body(
			app.Label().For(valueID).Class("visually-hidden").Text("Parameter "+strconv.Itoa(i+1)+" value"),
			app.Input().Type("text").ID(valueID).Value(f.rows[i].value).Spellcheck(false).
				OnInput(func(ctx app.Context, e app.Event) { f.rows[i].value = value(ctx) }, valueID),
		),
		app.Td().Body(
			app.Button().Type("button").Class("remove").Aria("label", "Remove parameter "+strconv.Itoa(i+1)).Text("×").
				OnClick(func(ctx app.Context, e app.Event) { f.rows = append(f.rows[:i:i], f.rows[i+1:]...) }, i),
		),
	)
}
