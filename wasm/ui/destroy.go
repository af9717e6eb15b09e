package ui

import (
	"strings"

	"github.com/cldsign/cldsign/wasm/cloudinary"
	"github.com/cldsign/cldsign/wasm/msgjson"
	"github.com/cldsign/cldsign/wasm/protocol"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// destroyForm is the state of the Destroy tool.
type destroyForm struct {
	publicID     string // a public id or a delivery URL
	resourceType string
	deliveryType string
	invalidate   bool
	timestamp    string
}

// request is the destroy request the form describes, without credentials.
func (f destroyForm) request() map[string]any {
	req := map[string]any{"action": "destroy", "resource_type": f.resourceType, "type": f.deliveryType, "invalidate": f.invalidate}
	if looksLikeURL(f.publicID) {
		req["url"] = strings.TrimSpace(f.publicID)
		delete(req, "resource_type")
		delete(req, "type")
	} else {
		req["public_id"] = f.publicID
	}
	if f.timestamp != "" {
		req["timestamp"] = f.timestamp
	}
	return req
}

// looksLikeURL tells a delivery URL from a public id the way the URL
// parser does: the scheme in any case, or protocol-relative.
func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}

func (s *Signer) renderDestroy() app.UI {
	f := &s.destroy
	reply := s.ask(s.credentials(f.request()))
	return app.Div().Body(
		app.P().Class("hint").Text("Signs POST /v1_1/<cloud>/<resource type>/destroy, the call that deletes an asset."),
		textField("public-id", "Public ID or delivery URL", f.publicID, "folder/cat or https://res.cloudinary.com/…", func(v string) { f.publicID = v }),
		s.renderParsedParts(f.publicID),
		// A URL names its resource type and type; the parts above show them.
		app.If(!looksLikeURL(f.publicID),
			app.Div().Class("row").Body(
				selectField("resource-type", "Resource type", f.resourceType,
					[]option{{"image", "image"}, {"video", "video"}, {"raw", "raw"}}, func(v string) { f.resourceType = v }),
				selectField("type", "Type", f.deliveryType,
					[]option{{"upload", "upload"}, {"private", "private"}, {"authenticated", "authenticated"}, {"fetch", "fetch"}},
					func(v string) { f.deliveryType = v }),
			),
		),
		app.Div().Class("field").Body(
			app.Label().For("timestamp").Text("Timestamp (Unix seconds)"),
			app.Div().Class("with-button").Body(
				app.Input().Type("text").ID("timestamp").Attr("inputmode", "numeric").Value(f.timestamp).
					OnInput(func(ctx app.Context, e app.Event) { f.timestamp = value(ctx) }, "timestamp"),
				app.Button().Type("button").ID("timestamp-now").Text("Now").
					OnClick(func(ctx app.Context, e app.Event) { f.timestamp = now() }, "timestamp-now"),
			),
		),
		checkbox("invalidate", "Invalidate CDN caches", f.invalidate, func(v bool) { f.invalidate = v }),
		s.renderCall(reply, f.request()),
	)
}

// renderParsedParts shows what a pasted delivery URL names.
func (s *Signer) renderParsedParts(text string) app.UI {
	if !looksLikeURL(text) {
		return app.Text("")
	}
	a, err := cloudinary.ParseURL(text)
	if err != nil {
		return app.P().Class("problem").Text(err.Error())
	}
	return app.Dl().ID("parsed-parts").Class("parts").Body(
		part("Cloud", a.CloudName), part("Resource type", a.ResourceType), part("Type", a.Type),
		part("Public ID", a.PublicID), part("Version", a.Version), part("Format", a.Format),
	)
}

func part(name, value string) app.UI {
	if value == "" {
		value = "—"
	}
	return app.Div().Body(app.Dt().Text(name), app.Dd().Text(value))
}

// renderCall shows a signed call: signature, string to sign, the fields to
// POST, a curl command and the Thunkable message that asks for the same.
func (s *Signer) renderCall(reply protocol.Reply, request map[string]any) app.UI {
	if reply.Get("ok") != true {
		return app.Div().Class("outputs").Body(
			problem(reply),
			s.output("signature", "Signature", ""),
			s.output("string-to-sign", "String to sign", ""),
		)
	}
	fields, _ := reply.Get("params").(cloudinary.Fields)
	endpoint, _ := reply.Get("url").(string)
	warnings, _ := reply.Get("warnings").([]string)
	return app.Div().Class("outputs").Body(
		app.Range(warnings).Slice(func(i int) app.UI { return app.P().Class("warning").Text(warnings[i]) }),
		s.output("signature", "Signature", text(reply, "signature")),
		s.output("string-to-sign", "String to sign (the secret is appended before hashing)", text(reply, "string_to_sign")),
		s.output("post-fields", "Fields to POST", fieldsText(fields)),
		s.output("post-body", "The same fields as a form body (Content-Type: application/x-www-form-urlencoded)", text(reply, "body")),
		s.output("curl", "curl", cloudinary.Curl(cloudinary.APICall{Fields: fields, Endpoint: endpoint, Method: "POST"})),
		s.output("thunkable-message", "Thunkable message (post it to a WebViewer showing bridge.html)", s.thunkableMessage(request)),
	)
}

// fieldsText writes a call's fields as JSON, one field a line, with the
// same writer as the protocol's replies, so a value reads here as a host
// receives it.
func fieldsText(fields cloudinary.Fields) string {
	var b strings.Builder
	b.WriteString("{")
	for i, f := range fields {
		key, _ := msgjson.Marshal(f.Name)
		value, _ := msgjson.Marshal(f.Value)
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  " + key + ": " + value)
	}
	b.WriteString("\n}")
	return b.String()
}

// defaults are the fields a message may leave out because the signer
// assumes them; the timestamp is left out too (nil), so the signer uses
// "now".
var defaults = []struct {
	name  string
	value any
}{
	{"resource_type", "image"}, {"type", "upload"}, {"invalidate", false},
	{"signature_algorithm", "sha1"}, {"signature_version", "2"}, {"timestamp", nil},
}

// thunkableMessage is the request as an app would post it. The secret is a
// placeholder: this page never writes it out.
func (s *Signer) thunkableMessage(request map[string]any) string {
	message := s.credentials(map[string]any{"id": 1})
	for k, v := range request {
		if v != "" {
			message[k] = v
		}
	}
	for _, d := range defaults {
		if d.value == nil || message[d.name] == d.value {
			delete(message, d.name)
		}
	}
	if message["signature_version"] == "1" {
		message["signature_version"] = 1 // as a number, the way apps write it
	}
	message["api_secret"] = "YOUR_API_SECRET"
	text, _ := msgjson.Marshal(message)
	return text
}
