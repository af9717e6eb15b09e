package ui

import (
	"github.com/cldsign/cldsign/wasm/cloudinary"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Only the cloud name and API key may be remembered, and only when the
// person asks; the secret lives in this page's memory alone.
const (
	rememberCloudKey = "cldsign.cloud_name"
	rememberAPIKey   = "cldsign.api_key"
)

// remembered is what the page keeps in localStorage, read as the Storage
// object's properties, which are its items: the js tags are the keys above.
type remembered struct {
	CloudName string `js:"cldsign.cloud_name"`
	APIKey    string `js:"cldsign.api_key"`
}

func (s *Signer) renderCredentials() app.UI {
	secretType, toggle := "password", "Show"
	if s.showSecret {
		secretType, toggle = "text", "Hide"
	}
	return app.Section().Class("panel").Aria("labelledby", "credentials-title").Body(
		app.H2().ID("credentials-title").Text("Credentials"),
		textField("cloud-name", "Cloud name", s.cloudName, "demo", func(v string) { s.cloudName = v; s.saveRemembered() }),
		textField("api-key", "API key", s.apiKey, "123456789012345", func(v string) { s.apiKey = v; s.saveRemembered() }),
		app.Div().Class("field").Body(
			app.Label().For("api-secret").Text("API secret"),
			app.Div().Class("with-button").Body(
				// Not bound to a value: the secret is read from the field,
				// never written into the page's markup.
				app.Input().Type(secretType).ID("api-secret").AutoComplete(false).Spellcheck(false).
					Attr("autocapitalize", "off").
					OnInput(func(ctx app.Context, e app.Event) { s.apiSecret = value(ctx) }, "api-secret"),
				app.Button().Type("button").ID("toggle-secret").Aria("pressed", s.showSecret).
					Aria("controls", "api-secret").Text(toggle).
					OnClick(func(ctx app.Context, e app.Event) { s.showSecret = !s.showSecret }, "toggle-secret"),
			),
		),
		app.Div().Class("field").Body(
			app.Label().For("cloudinary-url").Text("Or paste a CLOUDINARY_URL"),
			app.Input().Type("password").ID("cloudinary-url").Placeholder("cloudinary://KEY:SECRET@CLOUD").
				AutoComplete(false).OnInput(s.pasteCloudinaryURL, "cloudinary-url"),
		),
		checkbox("remember", "Remember the cloud name and API key on this device (never the secret)", s.remember, s.setRemember),
		app.If(s.credentialsNote != "", app.P().Class("note").Aria("live", "polite").Text(s.credentialsNote)),
		s.renderSettings(),
	)
}

// pasteCloudinaryURL fills all three fields from cloudinary://KEY:SECRET@CLOUD.
// The paste field is a password field, so the secret is not left on show.
func (s *Signer) pasteCloudinaryURL(ctx app.Context, e app.Event) {
	c, err := cloudinary.ParseCloudinaryURL(value(ctx))
	if err != nil {
		s.credentialsNote = "That is not a CLOUDINARY_URL yet: cloudinary://API_KEY:API_SECRET@CLOUD_NAME"
		return
	}
	s.cloudName, s.apiKey, s.apiSecret = c.CloudName, c.APIKey, c.APISecret
	app.Window().GetElementByID("api-secret").Set("value", c.APISecret)
	s.credentialsNote = "Filled the cloud name, API key and API secret."
	s.saveRemembered()
}

func (s *Signer) setRemember(on bool) {
	s.remember = on
	s.saveRemembered()
}

func (s *Signer) saveRemembered() {
	storage := app.Window().Get("localStorage")
	if !storage.Truthy() {
		return
	}
	if !s.remember {
		storage.Call("removeItem", rememberCloudKey)
		storage.Call("removeItem", rememberAPIKey)
		return
	}
	storage.Call("setItem", rememberCloudKey, s.cloudName)
	storage.Call("setItem", rememberAPIKey, s.apiKey)
}

func (s *Signer) loadRemembered() {
	storage := app.Window().Get("localStorage")
	var r remembered
	if !storage.Truthy() || readObject(storage, &r) != nil {
		return
	}
	if r.CloudName != "" || r.APIKey != "" {
		s.remember = true
		if r.CloudName != "" {
			s.cloudName = r.CloudName
		}
		if r.APIKey != "" {
			s.apiKey = r.APIKey
		}
	}
}
