// Package e2e tests cldsign in a real Chromium against the real server
// binary and the committed bundle: pages, hosts, the protocol end to end.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var (
	repoRoot  string // the repository, whose root is the bundle
	signerURL string // the real server, serving its embedded bundle, ending in /
	hostURL   string // a test host page on another origin
	serverBin string
)

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	_, here, _, _ := runtime.Caller(0)
	repoRoot = filepath.Dir(filepath.Dir(here))
	tmp, err := os.MkdirTemp("", "cldsign-e2e-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	serverBin = filepath.Join(tmp, "server")
	build := exec.Command("go", "build", "-o", serverBin, "./server")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("building the server: %v\n%s", err, out)
	}
	srv, base, err := startServer("-addr", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer stopServer(srv)
	signerURL = base

	// The host is served as "localhost", the signer as "127.0.0.1": two
	// sites, as with a real host page and a signer on GitHub Pages.
	host := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(repoRoot, "e2e", "testdata"))))
	defer host.Close()
	hostURL = strings.Replace(host.URL, "127.0.0.1", "localhost", 1) + "/host.html"
	return m.Run(), nil
}

// startServer runs the server binary and returns the URL it prints.
func startServer(args ...string) (*exec.Cmd, string, error) {
	cmd := exec.Command(serverBin, args...)
	cmd.Stderr = nil
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, "", fmt.Errorf("the server printed no URL: %v", err)
	}
	fields := strings.Fields(line)
	for _, f := range fields {
		if strings.HasPrefix(f, "http://") {
			return cmd, f, nil
		}
	}
	_ = cmd.Process.Kill()
	return nil, "", fmt.Errorf("no URL in %q", line)
}

func stopServer(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
	}
}

// chromiumPath finds the browser ./build.sh test installs.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a fresh headless Chromium with an empty profile; it
// fails the test, never skips it, when there is no browser.
func newBrowser(t testing.TB) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Fatal("no Chromium: ./build.sh test installs it (apt-get install -y chromium)")
	}
	// Not t.TempDir: Chromium's helpers may still be writing to the profile
	// for a moment after the browser is told to stop.
	profile, err := os.MkdirTemp("", "cldsign-chromium-")
	if err != nil {
		t.Fatal(err)
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
		chromedp.WindowSize(1280, 800),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc(); _ = os.RemoveAll(profile) })
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// eval runs a JavaScript expression, awaiting it when it is a promise.
func eval(t testing.TB, ctx context.Context, expression string, result any) {
	t.Helper()
	err := chromedp.Run(ctx, chromedp.Evaluate(expression, result, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if err != nil {
		t.Fatalf("evaluating %.200s: %v", expression, err)
	}
}

// textLog collects lines a browser reports while a test runs.
type textLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *textLog) add(line string) {
	l.mu.Lock()
	l.lines = append(l.lines, line)
	l.mu.Unlock()
}

func (l *textLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// recordRequests records the URL, and any body, of every request a
// browser makes.
func recordRequests(ctx context.Context) *textLog {
	log := &textLog{}
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			log.add(e.Request.URL)
			for _, entry := range e.Request.PostDataEntries {
				log.add(e.Request.URL + " " + entry.Bytes)
			}
		}
	})
	return log
}

// recordConsole records what a page writes to its console, and its errors.
func recordConsole(ctx context.Context) *textLog {
	log := &textLog{}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *cdpruntime.EventConsoleAPICalled:
			var text string
			for _, a := range e.Args {
				text += string(a.Value) + a.Description + " "
			}
			log.add(text)
		case *cdpruntime.EventExceptionThrown:
			log.add(e.ExceptionDetails.Error())
		}
	})
	return log
}

// foreign lists the recorded URLs that left the given origins.
func foreign(requests *textLog, origins ...string) []string {
	var out []string
	for _, raw := range requests.all() {
		u, err := url.Parse(strings.Fields(raw)[0])
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && !slices.Contains(origins, u.Scheme+"://"+u.Host)) {
			out = append(out, raw)
		}
	}
	return out
}

func origin(raw string) string {
	u, _ := url.Parse(raw)
	return u.Scheme + "://" + u.Host
}

// waitReady waits until the page's signer has started.
func waitReady(t testing.TB, ctx context.Context) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Poll(`globalThis.cldsign && globalThis.cldsign.ready === true`, nil, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("the signer did not start: %v", err)
	}
}
