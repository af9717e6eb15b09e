package ui

import (
	"syscall/js"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// evalJS builds a JavaScript value the way a browser hands objects over:
// PerformanceResourceTiming keeps name in a getter on its prototype, and
// Storage answers its keys as properties.
func evalJS(t *testing.T, source string) app.Value {
	t.Helper()
	return app.ValueOf(js.Global().Call("eval", source))
}

func TestReadResourceTimings(t *testing.T) {
	entries := evalJS(t, `(() => {
		class Entry { constructor(name) { this._name = name; } get name() { return this._name; } get duration() { return 1; } }
		return [new Entry("https://signer.test/web/app.wasm"), new Entry("data:image/png;base64,AA")];
	})()`)
	var got []resourceTiming
	if err := readObject(entries, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "https://signer.test/web/app.wasm" || got[1].Name != "data:image/png;base64,AA" {
		t.Errorf("read %+v", got)
	}
}

func TestReadRemembered(t *testing.T) {
	storage := evalJS(t, `({"cldsign.cloud_name": "demo", "cldsign.api_key": "1234", "cldsign.api_secret": "never read"})`)
	var got remembered
	if err := readObject(storage, &got); err != nil {
		t.Fatal(err)
	}
	if got != (remembered{CloudName: "demo", APIKey: "1234"}) {
		t.Errorf("read %+v", got)
	}
	var nothing remembered
	if err := readObject(evalJS(t, `({})`), &nothing); err != nil || nothing != (remembered{}) {
		t.Errorf("an empty storage: %+v, %v", nothing, err)
	}
}

// TestReadObjectOfAnotherShape: a value of the wrong type is an error, not
// a panic that would end the page.
func TestReadObjectOfAnotherShape(t *testing.T) {
	var entries []resourceTiming
	if err := readObject(evalJS(t, `[{name: 42}]`), &entries); err == nil {
		t.Errorf("a number read as a name without complaint: %+v", entries)
	}
	var r remembered
	if err := readObject(evalJS(t, `({"cldsign.cloud_name": {nested: true}})`), &r); err == nil {
		t.Errorf("an object read as a cloud name without complaint: %+v", r)
	}
}
