package e2e

import (
	"context"
	"errors"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// chromium is one headless Chromium for the whole run, driven over the
// DevTools protocol; each tab lives in a browser context of its own, with
// its own cache, storage and service workers.
type chromium struct {
	browser context.Context
	cancel  func()
	profile string
	// wedged is set once a browser context's disposal has timed out:
	// chromedp's connection no longer takes commands then, so the rest
	// are skipped rather than each waiting its time out. The browser is
	// stopped at the end of the run all the same.
	wedged atomic.Bool
}

func startChromium() (engine, error) {
	path := lookPath("CLDSIGN_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
	if path == "" {
		return nil, errors.New("no Chromium: install it with apt-get install -y chromium")
	}
	// Not a test's TempDir: Chromium's helpers may still write to the
	// profile for a moment after the browser is told to stop.
	profile, err := os.MkdirTemp("", "cldsign-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-popup-blocking", true),
		chromedp.WindowSize(1280, 800),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	c := &chromium{browser: browser, profile: profile, cancel: func() { cancelBrowser(); cancelAlloc() }}
	if err := chromedp.Run(browser); err != nil {
		c.stop()
		return nil, err
	}
	return c, nil
}

func (c *chromium) name() string { return "chromium" }

func (c *chromium) stop() {
	c.cancel()
	_ = os.RemoveAll(c.profile)
}

// context opens a tab in a fresh browser context and returns its
// chromedp context, for the tests that use the DevTools protocol directly.
func (c *chromium) context(t testing.TB) context.Context {
	t.Helper()
	// Chromium's new headless mode opens a tab in a new browser context
	// only in a window of its own, which chromedp's WithNewBrowserContext
	// does not ask for.
	browser := cdp.WithExecutor(c.browser, chromedp.FromContext(c.browser).Browser)
	// Bounded, like every call to the browser here: should chromedp's
	// connection stop taking commands, the test fails with a message
	// instead of waiting out the run.
	bounded := func(f func(ctx context.Context) error) error {
		ctx, cancel := context.WithTimeout(browser, 30*time.Second)
		defer cancel()
		return f(ctx)
	}
	var id cdp.BrowserContextID
	err := bounded(func(ctx context.Context) (err error) {
		id, err = target.CreateBrowserContext().WithDisposeOnDetach(true).Do(ctx)
		return err
	})
	if err != nil {
		t.Fatalf("a Chromium browser context: %v", err)
	}
	dispose := func() {
		if c.wedged.Load() {
			return
		}
		if errors.Is(bounded(target.DisposeBrowserContext(id).Do), context.DeadlineExceeded) {
			c.wedged.Store(true)
		}
	}
	var tabID target.ID
	err = bounded(func(ctx context.Context) (err error) {
		tabID, err = target.CreateTarget("about:blank").WithBrowserContextID(id).WithNewWindow(true).Do(ctx)
		return err
	})
	if err != nil {
		dispose()
		t.Fatalf("opening a Chromium tab: %v", err)
	}
	ctx, cancelCtx := chromedp.NewContext(c.browser, chromedp.WithTargetID(tabID))
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	// The browser context is disposed first, while the tab's chromedp
	// context still reads the tab's events: cancelled first, it would
	// leave the tab's last events without a reader, and chromedp's
	// connection blocks delivering one and takes no more commands (see
	// scoped, in perf_test.go).
	t.Cleanup(func() {
		dispose()
		cancelTimeout()
		cancelCtx()
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("attaching to a Chromium tab: %v", err)
	}
	return ctx
}

func (c *chromium) open(t testing.TB) tab { return chromiumTab{c.context(t)} }

// chromiumTab is a tab driven through chromedp.
type chromiumTab struct{ ctx context.Context }

func (c chromiumTab) preload(script string) error {
	return chromedp.Run(c.ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(script).Do(ctx)
		return err
	}))
}

func (c chromiumTab) navigate(url string) error { return chromedp.Run(c.ctx, chromedp.Navigate(url)) }

func (c chromiumTab) evaluate(expression string, result any) error {
	var text string
	err := chromedp.Run(c.ctx, chromedp.Evaluate(asJSON(expression), &text, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
		return p.WithAwaitPromise(true).WithUserGesture(true)
	}))
	if err != nil {
		return err
	}
	return decodeJSON(text, result)
}

func (c chromiumTab) click(selector string) error {
	return chromedp.Run(c.ctx, chromedp.Click(selector, chromedp.ByQuery))
}

func (c chromiumTab) screenshot() ([]byte, error) {
	var png []byte
	err := chromedp.Run(c.ctx, chromedp.FullScreenshot(&png, 100))
	return png, err
}

// chromiumEngine is the run's Chromium.
func chromiumEngine(t testing.TB) *chromium {
	t.Helper()
	return allEngines[0].get(t).(*chromium)
}

// newBrowser gives the test a Chromium tab in a fresh browser context
// (empty cache, storage and service workers) of the run's one Chromium,
// as a chromedp context. It fails the test, never skips it, when there is
// no Chromium.
func newBrowser(t testing.TB) context.Context {
	t.Helper()
	return chromiumEngine(t).context(t)
}

// eval runs a JavaScript expression in a chromedp tab, awaiting it when
// it is a promise.
func eval(t testing.TB, ctx context.Context, expression string, result any) {
	t.Helper()
	if err := (chromiumTab{ctx}).evaluate(expression, result); err != nil {
		t.Fatalf("evaluating %.200s: %v", expression, err)
	}
}

// waitReady waits until the page's signer has started.
func waitReady(t testing.TB, ctx context.Context) {
	t.Helper()
	waitSignerReady(t, chromiumTab{ctx})
}

// injectNative makes the page a React Native WebView: a
// ReactNativeWebView.postMessage that records replies in
// window.nativeReplies exists before load, followed by extra.
func injectNative(t testing.TB, ctx context.Context, extra string) {
	t.Helper()
	if err := (chromiumTab{ctx}).preload(nativeScript + extra); err != nil {
		t.Fatal(err)
	}
}

// nativeScript stands in for a React Native WebView's bridge.
const nativeScript = `window.nativeReplies = [];
	window.ReactNativeWebView = { postMessage: (m) => window.nativeReplies.push(m) };`
