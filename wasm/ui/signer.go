package ui

import (
	"strings"
	"time"

	"github.com/cldsign/cldsign/wasm/protocol"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Signer is the whole signing page. Its state is kept here, one part per
// tool, and every output is computed afresh from it on each render, through
// the same protocol handler the message bridge uses.
type Signer struct {
	app.Compo

	handler *protocol.Handler

	cloudName, apiKey, apiSecret string
	showSecret, remember         bool
	credentialsNote              string

	algorithm, version string // "sha1"/"sha256", "2"/"1"
	tab                string

	destroy destroyForm
	params  paramsForm
	urlSign urlForm
	webhook webhookForm
	parse   string
	debug   debugForm

	requests, foreignRequests int
	copied                    string // the output last copied, for feedback
}

func (s *Signer) OnInit() {
	s.handler = protocol.NewHandler()
	s.algorithm, s.version, s.tab = "sha1", "2", "destroy"
	s.destroy.resourceType, s.destroy.deliveryType = "image", "upload"
	s.params.rows = presetRows("upload")
}

func (s *Signer) OnMount(ctx app.Context) {
	// Only in the browser: a prerendered page must not depend on when it
	// was built.
	s.destroy.timestamp = now()
	s.loadRemembered()
	s.countRequests()
	ctx.Async(func() {
		// Resources keep loading after mount (the wasm itself, icons).
		time.Sleep(2 * time.Second)
		ctx.Dispatch(func(app.Context) { s.countRequests() })
	})
}

func now() string { return itoa(time.Now().Unix()) }

// ask sends one request through the protocol handler. A panic is turned
// into an error reply: in go-app's event handlers it would end the page.
func (s *Signer) ask(request map[string]any) (reply protocol.Reply) {
	defer func() {
		if recover() != nil {
			reply = protocol.Internal()
		}
	}()
	return s.handler.Request(request)
}

// credentials adds the entered credentials and settings to a request.
func (s *Signer) credentials(request map[string]any) map[string]any {
	for k, v := range map[string]string{"api_key": s.apiKey, "api_secret": s.apiSecret, "cloud_name": s.cloudName} {
		if v != "" {
			request[k] = v
		}
	}
	request["signature_algorithm"] = s.algorithm
	request["signature_version"] = s.version
	return request
}

func (s *Signer) Render() app.UI {
	return app.Div().Class("page").Body(
		s.renderHeader(),
		app.Main().ID("signer").Class("layout").Body(
			app.Div().Class("column side").Body(
				s.renderCredentials(),
			),
			app.Div().Class("column work").Body(
				s.renderTabs(),
			),
		),
		app.Footer().Class("footer").Body(
			app.P().Text("cldsign computes signatures exactly as Cloudinary's official SDKs do. "+
				"It keeps the secret off the network; it cannot hide a secret shipped inside an app — sign on your own server for production."),
		),
	)
}

func (s *Signer) renderHeader() app.UI {
	evidence := "Counting this page's network requests…"
	if s.requests > 0 {
		evidence = itoa(int64(s.requests)) + " network requests since this page loaded, "
		if s.foreignRequests == 0 {
			evidence += "every one to this site."
		} else {
			evidence += itoa(int64(s.foreignRequests)) + " of them elsewhere."
		}
	}
	return app.Header().Class("header").Body(
		app.Img().Src("/web/icon.svg").Alt("").Class("logo").Width(40).Height(40),
		app.Div().Body(
			app.H1().Text("cldsign"),
			app.P().Class("tagline").Text("Sign Cloudinary API requests on this device."),
		),
		app.P().ID("privacy").Class("privacy").Aria("live", "polite").Body(
			app.Strong().Text("Everything happens on this device. "),
			app.Span().ID("request-count").Text(evidence),
		),
	)
}

// resourceTiming is what the privacy banner reads of a
// PerformanceResourceTiming entry: the URL fetched.
type resourceTiming struct {
	Name string `js:"name"`
}

// countRequests reads the page's own record of what it fetched.
func (s *Signer) countRequests() {
	var entries []resourceTiming
	if readObject(app.Window().Get("performance").Call("getEntriesByType", "resource"), &entries) != nil {
		return
	}
	origin := app.Window().Get("location").Get("origin").String()
	s.requests, s.foreignRequests = len(entries)+1, 0 // +1: the page itself
	for _, entry := range entries {
		if !strings.HasPrefix(entry.Name, origin+"/") && !strings.HasPrefix(entry.Name, "data:") && !strings.HasPrefix(entry.Name, "blob:") {
			s.foreignRequests++
		}
	}
}

func (s *Signer) renderSettings() app.UI {
	return app.Div().Class("settings").Body(
		app.H3().ID("settings-title").Text("Signature"),
		app.Div().Class("row").Body(
			selectField("algorithm", "Algorithm", s.algorithm, []option{{"sha1", "SHA-1"}, {"sha256", "SHA-256"}},
				func(v string) { s.algorithm = v }),
			selectField("signature-version", "Signature version", s.version, []option{{"2", "2 (default)"}, {"1", "1 (legacy)"}},
				func(v string) { s.version = v }),
		),
	)
}
