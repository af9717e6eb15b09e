package e2e

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestServerHeaders(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		path, encoding      string
		wantType, wantCoded string
	}{
		{"", "", "text/html; charset=utf-8", ""},
		{"bridge.html", "br, gzip", "text/html; charset=utf-8", "br"},
		{"web/app.wasm", "br", "application/wasm", "br"},
		{"web/bridge.wasm", "gzip, deflate", "application/wasm", "gzip"},
		{"web/bridge.wasm", "br;q=0, gzip", "application/wasm", "gzip"},
		{"app-worker.js", "identity", "text/javascript; charset=utf-8", ""},
		{"manifest.webmanifest", "gzip", "application/manifest+json", "gzip"},
		{"web/icon-192.png", "br", "image/png", ""},
	} {
		req, _ := http.NewRequest(http.MethodGet, signerURL+tt.path, nil)
		req.Header.Set("Accept-Encoding", tt.encoding)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		if res.StatusCode != 200 || h.Get("Content-Type") != tt.wantType || h.Get("Content-Encoding") != tt.wantCoded {
			t.Errorf("/%s: %d %q %q, want 200 %q %q", tt.path, res.StatusCode, h.Get("Content-Type"), h.Get("Content-Encoding"), tt.wantType, tt.wantCoded)
		}
		for header, want := range map[string]string{
			"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache",
		} {
			if h.Get(header) != want {
				t.Errorf("/%s: %s = %q, want %q", tt.path, header, h.Get(header), want)
			}
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "connect-src 'self'") || h.Get("X-Frame-Options") != "" {
			t.Errorf("/%s: CSP %q, X-Frame-Options %q", tt.path, h.Get("Content-Security-Policy"), h.Get("X-Frame-Options"))
		}
		if h.Get("ETag") == "" {
			t.Errorf("/%s: no ETag", tt.path)
		}
		// Each encoding has its own ETag, so a revalidation asks for the
		// same encoding, as a cache keyed on Vary: Accept-Encoding does.
		revalidate, _ := http.NewRequest(http.MethodGet, signerURL+tt.path, nil)
		revalidate.Header.Set("Accept-Encoding", tt.encoding)
		revalidate.Header.Set("If-None-Match", h.Get("ETag"))
		if again, err := http.DefaultTransport.RoundTrip(revalidate); err != nil {
			t.Errorf("/%s: revalidation: %v", tt.path, err)
		} else if again.Body.Close(); again.StatusCode != http.StatusNotModified {
			t.Errorf("/%s: revalidation gave %d, want 304", tt.path, again.StatusCode)
		}
	}
}

func TestServerRefusals(t *testing.T) {
	t.Parallel()
	for _, path := range []string{
		"go.mod", "go.sum", ".git/config", ".git/HEAD", "server/main.go", "bundle.go", "build.sh", "README.md",
		"%2e%2e/go.mod", "web/%2e%2e/go.mod", "web/../go.mod", "..%2fgo.mod", "web//app.wasm", "./index.html",
		"index.html.br", "web/app.wasm.gz", ".ci/run", "e2e/testdata/host.html", "nonexistent",
	} {
		res, err := http.Get(signerURL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound || strings.Contains(string(body), "module ") {
			t.Errorf("/%s: %d, want 404", path, res.StatusCode)
		}
	}
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions, "PATCH"} {
		req, _ := http.NewRequest(method, signerURL, strings.NewReader("x"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: %d, Allow %q", method, res.StatusCode, res.Header.Get("Allow"))
		}
	}
	head, err := http.Head(signerURL + "web/bridge.wasm")
	if err != nil || head.StatusCode != 200 || head.ContentLength <= 0 {
		t.Errorf("HEAD: %v %v", head, err)
	}
}

// TestPagesRunTheirWasm loads both pages from the server at / and from a
// plain folder under a made-up base path, as a renamed fork on GitHub
// Pages would be, and asks each to sign. Not one request may leave.
func TestPagesRunTheirWasm(t *testing.T) {
	t.Parallel()
	prefixed := httptest.NewServer(http.StripPrefix("/fork-xyz", http.FileServer(http.Dir(repoRoot))))
	t.Cleanup(prefixed.Close)
	for _, base := range []string{signerURL, prefixed.URL + "/fork-xyz/"} {
		for _, page := range []string{"", "bridge.html"} {
			t.Run(base+page, func(t *testing.T) {
				t.Parallel()
				ctx := newBrowser(t)
				requests := recordRequests(ctx)
				if err := chromedp.Run(ctx, chromedp.Navigate(base+page)); err != nil {
					t.Fatal(err)
				}
				waitReady(t, ctx)
				var hex string
				eval(t, ctx, `cldsign.request({action: "hash", text: "public_id=cat&timestamp=1315060510abcd"}).then(r => r.hex)`, &hex)
				if hex != "fad1cc9acde35612302e6c1a58e426fdec8688ee" {
					t.Errorf("hash = %q", hex)
				}
				var scope string
				eval(t, ctx, `navigator.serviceWorker.ready.then(r => r.scope)`, &scope)
				if !strings.HasPrefix(scope, base) {
					t.Errorf("service worker scope %q is outside %q", scope, base)
				}
				if foreign := foreign(requests, origin(base)); len(foreign) > 0 {
					t.Errorf("requests to other origins: %v", foreign)
				}
			})
		}
	}
}
