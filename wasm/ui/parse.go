package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

func (s *Signer) renderParse() app.UI {
	reply := s.ask(map[string]any{"action": "parse_url", "url": s.parse})
	return app.Div().Body(
		app.P().Class("hint").Text("Reads a delivery URL into its parts: the public id is what destroy and the Admin API need."),
		textField("parse-url", "Delivery URL", s.parse, "https://res.cloudinary.com/demo/image/upload/v1315060510/folder/cat.jpg", func(v string) { s.parse = v }),
		app.If(s.parse != "" && reply.Get("ok") != true, problem(reply)),
		app.Dl().ID("parse-result").Class("parts").Body(
			part("Cloud", text(reply, "cloud_name")), part("Resource type", text(reply, "resource_type")),
			part("Type", text(reply, "type")), part("Transformation", text(reply, "transformation")),
			part("Version", text(reply, "version")), part("Public ID", text(reply, "public_id")),
			part("Format", text(reply, "format")),
		),
	)
}
