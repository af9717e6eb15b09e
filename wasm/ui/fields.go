package ui

import (
	"strconv"

	"github.com/cldsign/cldsign/wasm/protocol"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The helpers here build labelled controls; every control has a <label for>.
//
// Every handler is registered with a scope (the control's id): go-app tells
// handlers apart by their code and scope, so without it a control that takes
// another's place after a re-render would keep the other's handler.

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// value is the current value of the element an event came from.
func value(ctx app.Context) string { return ctx.JSSrc().Get("value").String() }

func textField(id, label, current, placeholder string, set func(string)) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		app.Input().Type("text").ID(id).Value(current).Placeholder(placeholder).
			AutoComplete(false).Spellcheck(false).
			OnInput(func(ctx app.Context, e app.Event) { set(value(ctx)) }, id),
	)
}

func textArea(id, label, current, placeholder string, rows int, set func(string)) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		app.Textarea().ID(id).Text(current).Placeholder(placeholder).Rows(rows).Spellcheck(false).
			OnInput(func(ctx app.Context, e app.Event) { set(value(ctx)) }, id),
	)
}

type option struct{ value, label string }

func selectField(id, label, current string, options []option, set func(string)) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		app.Select().ID(id).OnChange(func(ctx app.Context, e app.Event) { set(value(ctx)) }, id).Body(
			app.Range(options).Slice(func(i int) app.UI {
				return app.Option().Value(options[i].value).Text(options[i].label).Selected(options[i].value == current)
			}),
		),
	)
}

func checkbox(id, label string, checked bool, set func(bool)) app.UI {
	return app.Div().Class("check").Body(
		app.Input().Type("checkbox").ID(id).Checked(checked).
			OnChange(func(ctx app.Context, e app.Event) { set(ctx.JSSrc().Get("checked").Bool()) }, id),
		app.Label().For(id).Text(label),
	)
}

// output shows one result with a copy button. Empty results show a dash,
// so the layout does not jump while typing.
func (s *Signer) output(id, label, text string) app.UI {
	shown := text
	if shown == "" {
		shown = "—"
	}
	copyLabel := "Copy"
	if s.copied == id {
		copyLabel = "Copied"
	}
	return app.Div().Class("output").Body(
		app.Div().Class("output-head").Body(
			app.Span().ID(id+"-label").Class("output-label").Text(label),
			app.Button().Class("copy").Type("button").Aria("label", "Copy "+label).Disabled(text == "").Text(copyLabel).
				OnClick(func(ctx app.Context, e app.Event) { s.copy(id, text) }, id, text),
		),
		app.Pre().ID(id).Class("output-text").Aria("labelledby", id+"-label").Text(shown),
	)
}

func (s *Signer) copy(id, text string) {
	clipboard := app.Window().Get("navigator").Get("clipboard")
	if clipboard.Truthy() {
		clipboard.Call("writeText", text)
		s.copied = id
	}
}

// problem shows an error reply in words.
func problem(reply protocol.Reply) app.UI {
	message := "Something is missing."
	if e, ok := reply.Get("error").(map[string]any); ok {
		message, _ = e["message"].(string)
	}
	return app.P().Class("problem").Aria("live", "polite").Text(message)
}

// text is a reply's string field, or "".
func text(reply protocol.Reply, key string) string {
	s, _ := reply.Get(key).(string)
	return s
}
