package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Signer is the whole page.
type Signer struct {
	app.Compo
}

func (s *Signer) Render() app.UI {
	return app.Main().ID("signer").Body(
		app.H1().Text("cldsign"),
		app.P().Text("Signs Cloudinary API requests on this device."),
	)
}
