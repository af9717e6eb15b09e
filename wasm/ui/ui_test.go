package ui

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/cldsign/cldsign/wasm/cloudinary"
	"github.com/cldsign/cldsign/wasm/protocol"
)

// newSigner is the signing page's state as it starts, without a browser.
func newSigner() *Signer {
	s := &Signer{}
	s.OnInit()
	return s
}

// TestPresetsStayAsTheyAre: the form took presets["upload"] without
// copying it, so editing a row rewrote the preset for the session.
func TestPresetsStayAsTheyAre(t *testing.T) {
	s := newSigner()
	s.params.rows[0].value = "edited"
	s.params.rows = append(s.params.rows[:1], paramRow{"x", "y"})
	if got := presets["upload"]; got[0].value != "folder/cat" || got[1].key != "folder" {
		t.Errorf("editing the rows changed the preset: %v", got)
	}
	for name := range presets {
		rows := presetRows(name)
		rows[0].key = "edited"
		if presets[name][0].key == "edited" {
			t.Errorf("preset %s shares its rows", name)
		}
	}
}

// TestURLsInAnyCaseAreURLs: the URL parser reads HTTPS:// too, while the
// form sent such a URL as a public id and signed it.
func TestURLsInAnyCaseAreURLs(t *testing.T) {
	for text, want := range map[string]bool{
		"https://res.cloudinary.com/demo/image/upload/cat.jpg": true,
		"HTTPS://RES.CLOUDINARY.COM/demo/image/upload/cat.jpg": true,
		"  Http://res.cloudinary.com/demo/image/upload/cat":    true,
		"//res.cloudinary.com/demo/image/upload/cat":           true,
		"folder/cat":     false,
		"https_folder/x": false,
		"":               false,
	} {
		if got := looksLikeURL(text); got != want {
			t.Errorf("looksLikeURL(%q) = %v", text, got)
		}
	}
	s := newSigner()
	s.apiSecret, s.destroy.publicID, s.destroy.timestamp = "abcd", "HTTPS://RES.CLOUDINARY.COM/demo/image/upload/cat.jpg", "1315060510"
	reply := s.ask(s.credentials(s.destroy.request()))
	if reply.Get("signature") != "fad1cc9acde35612302e6c1a58e426fdec8688ee" || reply.Get("url") != "https://api.cloudinary.com/v1_1/demo/image/destroy" {
		t.Errorf("the uppercase URL signed as %v", reply)
	}
	s.urlSign.source = "HTTPS://RES.CLOUDINARY.COM/test123/image/upload/c_crop,h_20,w_10/v1234/image.jpg"
	s.apiSecret = "b"
	if reply := s.ask(s.credentials(s.urlSign.request())); reply.Get("signature") != "s--Ai4Znfl3--" {
		t.Errorf("sign_url of the uppercase URL: %v", reply)
	}
}

// TestPastedValuesSignAsThePastedJSON: the form wrote pasted values with
// its own rule, which turned an object into JSON text and signed it where
// the signer refuses an object. Rows made from pasted JSON must sign as
// the JSON itself does, or name the value that cannot be signed.
func TestPastedValuesSignAsThePastedJSON(t *testing.T) {
	const pasted = `{"a": 1e-7, "b": [1, "x", true], "c": null, "d": 1e21, "e": 0.1, "public_id": "cat", "timestamp": 1315060510}`
	s := newSigner()
	s.apiSecret = "abcd"
	s.params.paste(pasted)
	want := map[string]string{"a": "1e-7", "b": "1,x,true", "c": "", "d": "1e+21", "e": "0.1", "public_id": "cat", "timestamp": "1315060510"}
	got := map[string]string{}
	for _, r := range s.params.rows {
		got[r.key] = r.value
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	fromRows := s.ask(s.credentials(s.params.request()))
	var object map[string]any
	if err := json.Unmarshal([]byte(pasted), &object); err != nil {
		t.Fatal(err)
	}
	fromJSON := s.ask(s.credentials(map[string]any{"action": "sign", "params": object}))
	if fromRows.Get("ok") != true || fromRows.Get("signature") != fromJSON.Get("signature") {
		t.Errorf("rows sign to %s, the JSON to %s", protocol.Stringify(fromRows), protocol.Stringify(fromJSON))
	}
	rows := s.params.rows
	s.params.paste(`{"a": "x", "context": {"k": 1}}`)
	if !strings.HasPrefix(s.params.pasteNote, "context: ") || len(s.params.rows) != len(rows) {
		t.Errorf("an object value: note %q, rows %v", s.params.pasteNote, s.params.rows)
	}
}

// TestFieldsToPostReadAsTheReplyWritesThem: the page showed the fields
// through encoding/json, which writes & < > as \u0026 \u003c \u003e, where
// the reply a host receives writes them as they are.
func TestFieldsToPostReadAsTheReplyWritesThem(t *testing.T) {
	got := fieldsText(cloudinary.Fields{{Name: "a", Value: "x\"y&<>"}, {Name: "b", Value: 1e-7}, {Name: "c", Value: []any{1.0, true}}})
	want := "{\n  \"a\": \"x\\\"y&<>\",\n  \"b\": 1e-7,\n  \"c\": [1,true]\n}"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(got), &back); err != nil {
		t.Errorf("%s is not JSON: %v", got, err)
	}
}

// TestThunkableMessageIsARequestWithoutTheSecret: the message the page
// shows is one an app can post: defaults left out, signature_version as
// a number, the secret a placeholder.
func TestThunkableMessageIsARequestWithoutTheSecret(t *testing.T) {
	s := newSigner()
	s.cloudName, s.apiKey, s.apiSecret, s.version = "demo", "1234", "real-secret", "1"
	s.destroy.publicID, s.destroy.timestamp = "cat", "1315060510"
	text := s.thunkableMessage(s.destroy.request())
	if strings.Contains(text, "real-secret") {
		t.Fatalf("the message holds the secret: %s", text)
	}
	var message map[string]any
	if err := json.Unmarshal([]byte(text), &message); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	want := map[string]any{"action": "destroy", "id": 1.0, "public_id": "cat", "api_key": "1234", "cloud_name": "demo",
		"api_secret": "YOUR_API_SECRET", "signature_version": 1.0}
	if !reflect.DeepEqual(message, want) {
		t.Errorf("message %s, want %v", text, want)
	}
	if again := s.thunkableMessage(s.destroy.request()); again != text {
		t.Errorf("the message changed between two renders: %s, %s", text, again)
	}
}

// TestDebuggerPairsWithTheDestroyTool: with nothing typed as what the app
// signed, the pasted error is set beside what the Destroy tool signs now.
func TestDebuggerPairsWithTheDestroyTool(t *testing.T) {
	s := newSigner()
	s.apiSecret, s.destroy.publicID, s.destroy.timestamp = "abcd", "cat", "1315060510"
	s.debug.errorText = "Invalid Signature 0123abcd. String to sign - 'public_id=cat&timestamp=1315060510&type=private'."
	appString, report := s.diagnosis()
	if appString != "public_id=cat&timestamp=1315060510" {
		t.Errorf("paired with %q", appString)
	}
	if len(report.Causes) == 0 || !strings.Contains(report.Causes[0], "Missing parameter: Cloudinary signed type") {
		t.Errorf("causes %q", report.Causes)
	}
	s.debug.appString = "public_id=cat&timestamp=1315060510&type=private"
	if appString, _ := s.diagnosis(); appString != s.debug.appString {
		t.Errorf("typed string replaced by %q", appString)
	}
}
