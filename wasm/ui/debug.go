package ui

import (
	"github.com/cldsign/cldsign/wasm/diagnose"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// debugForm is the state of the Debug tool.
type debugForm struct {
	errorText, appString string
}

func (s *Signer) renderDebug() app.UI {
	f := &s.debug
	appString, report := s.diagnosis()
	return app.Div().Body(
		app.P().Class("hint").Text("Paste the error Cloudinary answered. The page reads the string Cloudinary signed, sets it beside the one your app signed, and names the likely cause."),
		textArea("error-text", "Cloudinary's error", f.errorText, `{"error":{"message":"Invalid Signature 3f2a…. String to sign - 'public_id=cat&timestamp=1315060510'."}}`, 4, func(v string) { f.errorText = v }),
		textArea("app-string", "What your app signed (empty: the Destroy tool's string to sign)", f.appString, appString, 2, func(v string) { f.appString = v }),
		app.If(f.errorText != "",
			app.Div().ID("diagnosis").Class("diagnosis").Body(
				app.H3().Text("Likely cause"),
				app.Ul().ID("causes").Body(
					app.Range(report.Causes).Slice(func(i int) app.UI { return app.Li().Text(report.Causes[i]) }),
				),
				app.If(report.CloudinaryString != "",
					app.Div().Class("outputs").Body(
						s.output("cloudinary-string", "Cloudinary signed", report.CloudinaryString),
						s.output("app-string-compared", "Your app signed", appString),
					),
					renderPairs(report.Pairs),
				),
			),
		),
	)
}

// diagnosis pairs the pasted error with what the app signed: the string
// typed in, or else what the Destroy tool signs now.
func (s *Signer) diagnosis() (appString string, report diagnose.Report) {
	appString = s.debug.appString
	if appString == "" {
		appString = text(s.ask(s.credentials(s.destroy.request())), "string_to_sign")
	}
	if s.debug.errorText != "" {
		report = diagnose.Explain(s.debug.errorText, appString, s.apiSecret)
	}
	return appString, report
}

var changeNames = map[diagnose.Change]string{
	diagnose.Same:           "same",
	diagnose.OnlyCloudinary: "only Cloudinary signed it",
	diagnose.OnlyApp:        "only your app signed it",
	diagnose.Different:      "values differ",
}

func renderPairs(pairs []diagnose.Pair) app.UI {
	if len(pairs) == 0 {
		return app.Text("")
	}
	return app.Table().ID("pairs").Class("pairs").Body(
		app.THead().Body(app.Tr().Body(
			app.Th().Text("Parameter"), app.Th().Text("Cloudinary"), app.Th().Text("Your app"), app.Th().Text("Difference"),
		)),
		app.TBody().Body(
			app.Range(pairs).Slice(func(i int) app.UI {
				p := pairs[i]
				class := "pair"
				if p.Change != diagnose.Same {
					class += " changed"
				}
				return app.Tr().Class(class).Body(
					app.Td().Text(p.Key), app.Td().Text(p.Cloudinary), app.Td().Text(p.App), app.Td().Text(changeNames[p.Change]),
				)
			}),
		),
	)
}
