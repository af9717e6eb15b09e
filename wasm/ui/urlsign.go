package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// urlForm is the state of the Signed URL tool.
type urlForm struct {
	source         string // a delivery URL or a public id
	transformation string
	long           bool
}

func (f urlForm) request() map[string]any {
	req := map[string]any{"action": "sign_url", "long": f.long}
	if looksLikeURL(f.source) {
		req["url"] = f.source
	} else {
		req["public_id"] = f.source
		req["transformation"] = f.transformation
	}
	return req
}

func (s *Signer) renderURLSign() app.UI {
	f := &s.urlSign
	reply := s.ask(s.credentials(f.request()))
	return app.Div().Body(
		app.P().Class("hint").Text("Adds the s--…-- signature to a delivery URL, for assets delivered as authenticated or with strict transformations."),
		textField("url-source", "Delivery URL or public ID", f.source, "https://res.cloudinary.com/demo/image/upload/w_200/cat.jpg", func(v string) { f.source = v }),
		app.If(!looksLikeURL(f.source),
			textField("url-transformation", "Transformation", f.transformation, "c_fill,w_200", func(v string) { f.transformation = v }),
		),
		checkbox("url-long", "Long signature (32 characters of SHA-256)", f.long, func(v bool) { f.long = v }),
		app.If(reply.Get("ok") != true, problem(reply)),
		app.Div().Class("outputs").Body(
			s.output("signed-url", "Signed URL", text(reply, "url")),
			s.output("url-signature", "Signature component", text(reply, "signature")),
		),
	)
}
