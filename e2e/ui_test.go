package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

var updateScreenshots = flag.Bool("update-screenshots", false, "write the UI screenshots into docs/")

// openUI loads the signing page at a viewport size and waits for the wasm.
func openUI(t *testing.T, width, height int64) context.Context {
	t.Helper()
	ctx := newBrowser(t)
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(width, height, 1, width < 600),
		chromedp.Navigate(signerURL),
	); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx)
	if err := chromedp.Run(ctx, chromedp.WaitNotPresent("#app-wasm-loader", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// typeInto replaces a field's text by typing, as a person does.
func typeInto(id, text string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		return chromedp.Run(ctx,
			chromedp.Focus("#"+id, chromedp.ByQuery),
			chromedp.Evaluate(`document.getElementById(`+jsString(id)+`).select && document.getElementById(`+jsString(id)+`).select()`, nil),
			chromedp.KeyEvent("\b"),
			chromedp.SendKeys("#"+id, text, chromedp.ByQuery),
		)
	})
}

// expectText waits for an element's text to become want.
func expectText(t *testing.T, ctx context.Context, id, want string) {
	t.Helper()
	condition := `(document.getElementById(` + jsString(id) + `) || {}).textContent === ` + jsString(want)
	if err := chromedp.Run(ctx, chromedp.Poll(condition, nil, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("#%s is %q, want %q", id, textOf(t, ctx, id), want)
	}
}

// expectContains waits for an element's text to hold every part.
func expectContains(t *testing.T, ctx context.Context, id string, parts ...string) {
	t.Helper()
	list, _ := json.Marshal(parts)
	condition := `((document.getElementById(` + jsString(id) + `) || {}).textContent || "").length > 0 && ` + string(list) +
		`.every((p) => document.getElementById(` + jsString(id) + `).textContent.includes(p))`
	if err := chromedp.Run(ctx, chromedp.Poll(condition, nil, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("#%s is %q, want it to hold %q", id, textOf(t, ctx, id), parts)
	}
}

func textOf(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	var s string
	if err := chromedp.Run(ctx, chromedp.Text("#"+id, &s, chromedp.ByQuery)); err != nil {
		t.Fatalf("reading #%s: %v", id, err)
	}
	return strings.TrimSpace(s)
}

func TestUIScreenshots(t *testing.T) {
	t.Parallel()
	for _, size := range []struct {
		w, h   int64
		scheme string
	}{{360, 740, "light"}, {390, 844, "light"}, {1280, 800, "light"}, {1280, 800, "dark"}} {
		t.Run(itoa(int(size.w))+"-"+size.scheme, func(t *testing.T) {
			t.Parallel()
			ctx := openUI(t, size.w, size.h)
			if err := chromedp.Run(ctx,
				emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: size.scheme}}),
				typeInto("cloud-name", "demo"), typeInto("api-key", "1234"), typeInto("api-secret", "abcd"),
				typeInto("public-id", "https://res.cloudinary.com/demo/image/upload/v1315060510/pets/cat.jpg"),
				typeInto("timestamp", "1315060510"),
			); err != nil {
				t.Fatal(err)
			}
			var overflow bool
			eval(t, ctx, `document.documentElement.scrollWidth > innerWidth`, &overflow)
			if overflow {
				t.Errorf("%dpx: the page scrolls sideways", size.w)
			}
			var png []byte
			if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
				t.Fatal(err)
			}
			if len(png) < 10000 {
				t.Errorf("%dpx: screenshot of %d bytes", size.w, len(png))
			}
			if *updateScreenshots && size.w != 360 {
				name := filepath.Join(repoRoot, "docs", "signer-"+itoa(int(size.w))+".png")
				if size.scheme == "dark" {
					name = filepath.Join(repoRoot, "docs", "signer-"+itoa(int(size.w))+"-dark.png")
				}
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// settle waits until a condition holds: go-app renders, and service
// workers install, on their own schedule.
func settle(t *testing.T, ctx context.Context, condition string) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Poll(condition, nil, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Errorf("waiting for %s: %v", condition, err)
	}
}

func fillCredentials(secret string) chromedp.Action {
	return chromedp.Tasks{typeInto("cloud-name", "demo"), typeInto("api-key", "1234"), typeInto("api-secret", secret)}
}

func click(id string) chromedp.Action { return chromedp.Click("#"+id, chromedp.ByQuery) }

func TestUIDestroy(t *testing.T) {
	t.Parallel()
	ctx := openUI(t, 1280, 800)
	if err := chromedp.Run(ctx, fillCredentials("abcd"), typeInto("public-id", "cat"), typeInto("timestamp", "1315060510")); err != nil {
		t.Fatal(err)
	}
	expectText(t, ctx, "signature", legacyDigest)
	expectText(t, ctx, "string-to-sign", "public_id=cat&timestamp=1315060510")
	expectContains(t, ctx, "curl", "https://api.cloudinary.com/v1_1/demo/image/destroy", "signature="+legacyDigest, "api_key=1234")
	// A pasted delivery URL: its parts are shown and its public id signed.
	if err := chromedp.Run(ctx, typeInto("public-id", "https://res.cloudinary.com/demo/video/private/v3/clips/dog.mp4")); err != nil {
		t.Fatal(err)
	}
	expectContains(t, ctx, "parsed-parts", "clips/dog", "video")
	const wantString = "public_id=clips/dog&timestamp=1315060510&type=private"
	expectText(t, ctx, "string-to-sign", wantString)
	expectText(t, ctx, "signature", sdkHex(wantString+"abcd"))
	expectContains(t, ctx, "curl", "/v1_1/demo/video/destroy")
	// SHA-256 and signature version from their selectors.
	if err := chromedp.Run(ctx, chromedp.SetValue("#algorithm", "sha256", chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById("algorithm").dispatchEvent(new Event("change"))`, nil)); err != nil {
		t.Fatal(err)
	}
	expectText(t, ctx, "signature", sha256Hex(wantString+"abcd"))
	// "Now" puts the device clock in the timestamp.
	before := time.Now().Unix()
	if err := chromedp.Run(ctx, click("timestamp-now")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx, `document.getElementById("timestamp").value !== "1315060510"`)
	var stamp string
	eval(t, ctx, `document.getElementById("timestamp").value`, &stamp)
	if n := atoi(stamp); n < before-5 || n > time.Now().Unix()+5 {
		t.Errorf("timestamp after Now: %q", stamp)
	}
}

func TestUICredentials(t *testing.T) {
	t.Parallel()
	ctx := openUI(t, 1280, 800)
	if err := chromedp.Run(ctx, typeInto("cloudinary-url", "cloudinary://1234:"+testSecret+"@demo")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx, `document.getElementById("cloud-name").value === "demo"`)
	var fields []string
	eval(t, ctx, `["cloud-name", "api-key", "api-secret", "cloudinary-url"].map((id) => document.getElementById(id).value)`, &fields)
	if fields[0] != "demo" || fields[1] != "1234" || fields[2] != testSecret {
		t.Errorf("after pasting a CLOUDINARY_URL: %q", fields)
	}
	var secretType string
	eval(t, ctx, `document.getElementById("api-secret").type`, &secretType)
	if err := chromedp.Run(ctx, click("toggle-secret")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx, `document.getElementById("api-secret").type === "text"`)
	var shown string
	eval(t, ctx, `document.getElementById("api-secret").type`, &shown)
	if secretType != "password" || shown != "text" {
		t.Errorf("show/hide: %q then %q", secretType, shown)
	}
	if err := chromedp.Run(ctx, click("remember"), typeInto("public-id", "cat")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx, `localStorage.getItem("cldsign.cloud_name") === "demo"`)
	var storage string
	eval(t, ctx, `JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie + location.href + document.documentElement.outerHTML`, &storage)
	if !strings.Contains(storage, "demo") || !strings.Contains(storage, "1234") {
		t.Errorf("remembered nothing: %s", storage[:200])
	}
	if strings.Contains(storage, testSecret) {
		t.Error("the secret is in storage, a cookie, the URL or the page's markup")
	}
	// A new visit finds the remembered cloud name and key, not the secret.
	if err := chromedp.Run(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx)
	settle(t, ctx, `document.getElementById("cloud-name").value === "demo"`)
	eval(t, ctx, `["cloud-name", "api-key", "api-secret", "cloudinary-url"].map((id) => document.getElementById(id).value)`, &fields)
	if fields[0] != "demo" || fields[1] != "1234" || fields[2] != "" {
		t.Errorf("after reload: %q", fields)
	}
}

func TestUISignParameters(t *testing.T) {
	t.Parallel()
	ctx := openUI(t, 1280, 800)
	const pasted = `{"timestamp": 1568810420, "notification_url": "https://fake.com/callback?a=1&tags=hello,world", "tags": ["a", "b"], "file": "x.jpg"}`
	if err := chromedp.Run(ctx, fillCredentials("hdcixPpR2iKERPwqvH6sHdK9cyac"), click("tab-sign"),
		chromedp.WaitVisible("#params-json", chromedp.ByQuery),
		chromedp.SetValue("#params-json", pasted, chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById("params-json").dispatchEvent(new Event("input"))`, nil)); err != nil {
		t.Fatal(err)
	}
	const want = "notification_url=https://fake.com/callback?a=1%26tags=hello,world&tags=a,b&timestamp=1568810420"
	expectText(t, ctx, "string-to-sign", want)
	expectText(t, ctx, "signature", sdkHex(want+"hdcixPpR2iKERPwqvH6sHdK9cyac"))
	// Version 1 leaves the & alone.
	if err := chromedp.Run(ctx, chromedp.SetValue("#signature-version", "1", chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById("signature-version").dispatchEvent(new Event("change"))`, nil)); err != nil {
		t.Fatal(err)
	}
	expectText(t, ctx, "string-to-sign", strings.Replace(want, "%26", "&", 1))
	// A row typed by hand joins the signature.
	if err := chromedp.Run(ctx, click("add-row")); err != nil {
		t.Fatal(err)
	}
	settle(t, ctx, `document.querySelectorAll("#param-rows tbody tr").length === 5`)
	var rows int
	eval(t, ctx, `document.querySelectorAll("#param-rows tbody tr").length`, &rows)
	last := itoa(rows - 1)
	if err := chromedp.Run(ctx, typeInto("param-key-"+last, "folder"), typeInto("param-value-"+last, "pets")); err != nil {
		t.Fatal(err)
	}
	expectContains(t, ctx, "string-to-sign", "folder=pets&")
}

func TestUIOtherTools(t *testing.T) {
	t.Parallel()
	ctx := openUI(t, 1280, 800)
	if err := chromedp.Run(ctx, typeInto("cloud-name", "test123"), typeInto("api-secret", "b"), click("tab-url"),
		chromedp.WaitVisible("#url-source", chromedp.ByQuery),
		typeInto("url-source", "https://res.cloudinary.com/test123/image/upload/c_crop,h_20,w_10/v1234/image.jpg")); err != nil {
		t.Fatal(err)
	}
	expectText(t, ctx, "signed-url", "https://res.cloudinary.com/test123/image/upload/s--Ai4Znfl3--/c_crop,h_20,w_10/v1234/image.jpg")

	if err := chromedp.Run(ctx, click("tab-parse"), chromedp.WaitVisible("#parse-url", chromedp.ByQuery),
		typeInto("parse-url", "https://res.cloudinary.com/demo/image/upload/w_100/v12/a/cat.png")); err != nil {
		t.Fatal(err)
	}
	expectContains(t, ctx, "parse-result", "a/cat", "w_100", "png")

	if err := chromedp.Run(ctx, typeInto("api-secret", "X7qLTrsES31MzxxkxPPA-pAGGfU"), click("tab-webhook"),
		chromedp.WaitVisible("#webhook-body", chromedp.ByQuery),
		chromedp.SetValue("#webhook-body", `{"a":1}`, chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById("webhook-body").dispatchEvent(new Event("input"))`, nil),
		typeInto("webhook-timestamp", itoa(int(time.Now().Unix()))),
	); err != nil {
		t.Fatal(err)
	}
	var stamp string
	eval(t, ctx, `document.getElementById("webhook-timestamp").value`, &stamp)
	if err := chromedp.Run(ctx, typeInto("webhook-signature", sdkHex(`{"a":1}`+stamp+"X7qLTrsES31MzxxkxPPA-pAGGfU"))); err != nil {
		t.Fatal(err)
	}
	expectContains(t, ctx, "webhook-verdict", "Valid: ")
	if err := chromedp.Run(ctx, typeInto("webhook-signature", strings.Repeat("0", 40))); err != nil {
		t.Fatal(err)
	}
	expectContains(t, ctx, "webhook-verdict", "Not valid")
}

func TestUIDebugger(t *testing.T) {
	t.Parallel()
	ctx := openUI(t, 1280, 800)
	const errorText = `{"error":{"message":"Invalid Signature 3f2a. String to sign - 'public_id=cat&timestamp=1315060510&type=private'."}}`
	if err := chromedp.Run(ctx, fillCredentials("abcd"), typeInto("public-id", "cat"), typeInto("timestamp", "1315060510"),
		click("tab-debug"), chromedp.WaitVisible("#error-text", chromedp.ByQuery),
		chromedp.SetValue("#error-text", errorText, chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById("error-text").dispatchEvent(new Event("input"))`, nil)); err != nil {
		t.Fatal(err)
	}
	expectContains(t, ctx, "causes", "Missing parameter: Cloudinary signed type")
	expectText(t, ctx, "cloudinary-string", "public_id=cat&timestamp=1315060510&type=private")
	settle(t, ctx, `document.querySelectorAll("#pairs tr.changed").length === 1`)
	// The same string, signed with SHA-1, while the account wants SHA-256.
	stale := `Invalid Signature ` + legacyDigest + `. String to sign - 'public_id=cat&timestamp=1315060510'.`
	if err := chromedp.Run(ctx, chromedp.SetValue("#error-text", stale, chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById("error-text").dispatchEvent(new Event("input"))`, nil)); err != nil {
		t.Fatal(err)
	}
	expectContains(t, ctx, "causes", "expects SHA-256")
}

// TestUIKeyboard drives the tabs with the keyboard alone.
func TestUIKeyboard(t *testing.T) {
	t.Parallel()
	ctx := openUI(t, 1280, 800)
	if err := chromedp.Run(ctx, chromedp.Focus("#tab-parse", chromedp.ByQuery), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible("#parse-url", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	var unlabelled []string
	eval(t, ctx, `[...document.querySelectorAll("input, select, textarea")]
		.filter((e) => !document.querySelector('label[for="' + e.id + '"]')).map((e) => e.outerHTML)`, &unlabelled)
	if len(unlabelled) > 0 {
		t.Errorf("controls without a <label for>: %v", unlabelled)
	}
}
