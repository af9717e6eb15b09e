package e2e

import (
	"strings"
	"testing"
	"time"
)

// The pages in every engine the users have: Chromium (Android's WebView,
// desktop Chrome), WebKit (iOS's WKWebView, Safari) and Firefox.

// TestTopLevelRequestAndOneDownloadPerWasm loads each page top-level from
// an origin no earlier test has used: cldsign.request() answers, the page
// fetched each of its wasm files exactly once, and in Firefox no page or
// frame logged an error or a Content-Security-Policy report.
func TestTopLevelRequestAndOneDownloadPerWasm(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		_, base := serve(t, "-addr", "127.0.0.1:0")
		tb := e.open(t)
		for _, page := range signerPages {
			visit(t, tb, base+page)
			waitSignerReady(t, tb)
			var hex string
			run(t, tb, `cldsign.request({action: "hash", text: `+jsString(legacyText)+`}).then((r) => r.hex)`, &hex)
			if hex != legacyDigest {
				t.Errorf("%q: cldsign.request hash = %q", page, hex)
			}
			// Preloads hold back the load event, so once it has fired every
			// download of the wasm the page will make has its entry.
			waitUntil(t, tb, `document.readyState === "complete"`)
			var downloads map[string]int
			run(t, tb, `performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname)
				.filter((p) => /\/web\/[^/]+\.wasm$/.test(p))
				.reduce((counts, p) => (counts[p] = (counts[p] || 0) + 1, counts), {})`, &downloads)
			if len(downloads) == 0 {
				t.Errorf("%q: no wasm download in the page's Resource Timing", page)
			}
			for file, n := range downloads {
				if n != 1 {
					t.Errorf("%q downloads %s %d times, want once", page, file, n)
				}
			}
		}
		expectNoProblems(t, tb)
	})
}

// expectNoProblems fails the test if Firefox logged an error or a
// Content-Security-Policy report in any page or frame of the tab. Only
// Firefox's driver reports them all, cross-origin frames included.
func expectNoProblems(t *testing.T, tb tab) {
	t.Helper()
	if ff, ok := tb.(*firefoxTab); ok {
		if problems := ff.problems(); len(problems) > 0 {
			t.Errorf("console errors or CSP reports:\n%s", strings.Join(problems, "\n"))
		}
	}
}

// TestFirefoxReportsFrameErrors shows the check above can fail: an error
// and a blocked request, made inside a signer framed from another origin,
// both reach it.
func TestFirefoxReportsFrameErrors(t *testing.T) {
	t.Parallel()
	tb := allEngines[1].get(t).open(t).(*firefoxTab)
	visit(t, tb, hostURL)
	run(t, tb, `frame(`+jsString(signerURL+"bridge.html")+`)`, nil)
	if err := tb.evaluateInFrame(`(console.error("provoked error"), fetch("http://localhost:9/blocked").catch(() => true))`, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		problems := strings.Join(tb.problems(), "\n")
		if strings.Contains(problems, "provoked error") && strings.Contains(problems, "localhost:9/blocked") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the frame's error and CSP report did not both arrive; got:\n%s", strings.Join(tb.logs(), "\n"))
		}
		time.Sleep(10 * time.Millisecond) // log entries arrive on their own; poll what has come
	}
}

// openForm loads the signing page and waits until its form is live.
func openForm(t *testing.T, tb tab) {
	t.Helper()
	visit(t, tb, signerURL)
	waitSignerReady(t, tb)
	waitUntil(t, tb, `!document.getElementById("app-wasm-loader") && document.getElementById("public-id")`)
}

// fillForm sets the form's fields as typing would, with an input event
// for each.
func fillForm(t *testing.T, tb tab, fields map[string]string) {
	t.Helper()
	run(t, tb, `(() => {
		for (const [id, value] of Object.entries(`+mustJSON(fields)+`)) {
			const field = document.getElementById(id);
			field.focus();
			field.value = value;
			field.dispatchEvent(new Event("input", {bubbles: true}));
			field.dispatchEvent(new Event("change", {bubbles: true}));
		}
		return true;
	})()`, nil)
}

// waitText waits until the element's text is want.
func waitText(t *testing.T, tb tab, id, want string) {
	t.Helper()
	element := `(document.getElementById(` + jsString(id) + `) || {}).textContent`
	if err := poll(tb, element+` === `+jsString(want), 10*time.Second); err != nil {
		var got string
		_ = tb.evaluate(element, &got)
		t.Errorf("#%s is %q, want %q", id, got, want)
	}
}

// TestSigningFormSigns fills the signing form in each engine: the
// signature is the SHA-1 of the SDKs' string, and the page renders.
func TestSigningFormSigns(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		tb := e.open(t)
		openForm(t, tb)
		fillForm(t, tb, map[string]string{"cloud-name": "demo", "api-key": "1234", "api-secret": "abcd", "public-id": "cat", "timestamp": "1315060510"})
		waitText(t, tb, "signature", legacyDigest)
		waitText(t, tb, "string-to-sign", "public_id=cat&timestamp=1315060510")
		png, err := tb.screenshot()
		if err != nil || len(png) < 10000 {
			t.Errorf("screenshot: %d bytes, %v", len(png), err)
		}
		expectNoProblems(t, tb)
	})
}

// TestOfflineAfterFirstVisit: once each page has run and its service
// worker has cached it, both pages load and sign with the server stopped.
// All three engines run service workers on http://127.0.0.1, a secure
// context, WebKit's MiniBrowser under automation included.
func TestOfflineAfterFirstVisit(t *testing.T) {
	t.Parallel()
	inEachEngine(t, func(t *testing.T, e engine) {
		addr := freePort(t)
		base := "http://" + addr + "/"
		srv, _ := serve(t, "-addr", addr)
		tb := e.open(t)
		scopes := map[string]string{"": base, "bridge.html": base + "bridge"}
		for _, page := range signerPages {
			visit(t, tb, base+page)
			waitSignerReady(t, tb)
			waitUntil(t, tb, `navigator.serviceWorker.getRegistrations().then((rs) => rs.some((r) => r.scope === `+jsString(scopes[page])+
				` && r.active && r.active.state === "activated"))`)
		}
		srv.stop()
		for _, page := range []string{"bridge.html", ""} {
			visit(t, tb, base+page)
			waitSignerReady(t, tb)
			var hex string
			run(t, tb, `cldsign.request({action: "hash", text: "offline"}).then((r) => r.hex)`, &hex)
			if hex != sdkHex("offline") {
				t.Errorf("offline %q: hash %q", page, hex)
			}
		}
	})
}
