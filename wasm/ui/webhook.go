package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// webhookForm is the state of the Verify webhook tool.
type webhookForm struct {
	body, timestamp, signature, validFor string
}

func (f webhookForm) request() map[string]any {
	req := map[string]any{"action": "verify_notification", "body": f.body, "timestamp": f.timestamp, "signature": f.signature}
	if f.validFor != "" {
		if n, err := strconv.ParseFloat(f.validFor, 64); err == nil {
			req["valid_for"] = n
		} else {
			req["valid_for"] = f.validFor
		}
	}
	return req
}

func (s *Signer) renderWebhook() app.UI {
	f := &s.webhook
	verdict := "—"
	reply := s.ask(s.credentials(f.request()))
	if reply.Get("ok") == true {
		if reply.Get("valid") == true {
			verdict = "Valid: Cloudinary sent this notification, and it is fresh."
		} else {
			verdict = "Not valid: " + text(reply, "reason") + "."
		}
	}
	return app.Div().Body(
		app.P().Class("hint").Text("Checks a notification Cloudinary posted to your webhook: the raw body, and the X-Cld-Timestamp and X-Cld-Signature headers."),
		textArea("webhook-body", "Raw body, exactly as received", f.body, `{"notification_type":"upload",…}`, 5, func(v string) { f.body = v }),
		app.Div().Class("row").Body(
			textField("webhook-timestamp", "X-Cld-Timestamp", f.timestamp, "1549533514", func(v string) { f.timestamp = v }),
			textField("webhook-valid-for", "Valid for (seconds)", f.validFor, "7200", func(v string) { f.validFor = v }),
		),
		textField("webhook-signature", "X-Cld-Signature", f.signature, "dfe82de1d9083fe0b7ea68070649f9a15b8874da", func(v string) { f.signature = v }),
		app.If(reply.Get("ok") != true, problem(reply)),
		app.P().ID("webhook-verdict").Class("verdict").Aria("live", "polite").Text(verdict),
	)
}
