package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEachWasmDownloadsOnce loads each page in a fresh browser and counts,
// with Resource Timing, the page's requests for a wasm: exactly one, the
// download the page's boot script starts (a <link rel="preload"> that the
// engine does not match to the later fetch would make two).
func TestEachWasmDownloadsOnce(t *testing.T) {
	for page, wasm := range map[string]string{"": "web/app.wasm", "bridge.html": "web/bridge.wasm"} {
		t.Run("page="+page, func(t *testing.T) {
			ctx := newBrowser(t)
			if err := chromedp.Run(ctx, chromedp.Navigate(signerURL+page)); err != nil {
				t.Fatal(err)
			}
			waitReady(t, ctx)
			var names []string
			eval(t, ctx, `performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.endsWith(".wasm"))`, &names)
			if len(names) != 1 || names[0] != signerURL+wasm {
				t.Errorf("wasm requests: %v, want one of %s", names, signerURL+wasm)
			}
		})
	}
}
