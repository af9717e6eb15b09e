package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

type tool struct {
	id, label string
	render    func(*Signer) app.UI
}

// tools are the page's tabs, in order.
var tools = []tool{
	{"destroy", "Destroy", (*Signer).renderDestroy},
	{"sign", "Sign parameters", (*Signer).renderParams},
	{"url", "Signed URL", (*Signer).renderURLSign},
	{"webhook", "Verify webhook", (*Signer).renderWebhook},
	{"parse", "Parse URL", (*Signer).renderParse},
	{"debug", "Debug an error", (*Signer).renderDebug},
}

func (s *Signer) renderTabs() app.UI {
	active := tools[0]
	for _, t := range tools {
		if t.id == s.tab {
			active = t
		}
	}
	return app.Section().Class("panel tools").Body(
		app.Div().Class("tabs").Attr("role", "tablist").Aria("label", "Tools").Body(
			app.Range(tools).Slice(func(i int) app.UI {
				t := tools[i]
				return app.Button().Type("button").ID("tab-"+t.id).Class("tab").Attr("role", "tab").
					Aria("selected", t.id == active.id).Aria("controls", "panel-"+t.id).Text(t.label).
					OnClick(func(ctx app.Context, e app.Event) { s.tab = t.id; s.copied = "" }, t.id)
			}),
		),
		app.Div().ID("panel-"+active.id).Class("tab-panel").Attr("role", "tabpanel").Aria("labelledby", "tab-"+active.id).Body(
			active.render(s),
		),
	)
}
