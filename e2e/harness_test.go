// Package e2e tests cldsign in real browsers (Chromium, Firefox and
// WebKit) against the real server binary and the committed bundle: pages,
// hosts, the protocol end to end.
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
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var (
	repoRoot  string // the repository, whose root is the bundle
	signerURL string // the real server, serving its embedded bundle, ending in /
	hostURL   string // a test host page on another origin
	// hostOrigins serve testdata on three more origins, none the signer's
	// or hostURL's: other parties in the same page or browser.
	hostOrigins []string
	serverBin   string
)

func TestMain(m *testing.M) {
	code, err := runSuite(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func runSuite(m *testing.M) (int, error) {
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
	defer srv.stop()
	signerURL = base

	// The host is served as "localhost", the signer as "127.0.0.1": two
	// sites, as with a real host page and a signer on GitHub Pages.
	host := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(repoRoot, "e2e", "testdata"))))
	defer host.Close()
	hostURL = strings.Replace(host.URL, "127.0.0.1", "localhost", 1) + "/host.html"
	for range 3 {
		other := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(repoRoot, "e2e", "testdata"))))
		defer other.Close()
		hostOrigins = append(hostOrigins, strings.Replace(other.URL, "127.0.0.1", "localhost", 1))
	}
	defer stopEngines()
	return m.Run(), nil
}

// serveDir serves a folder as plain files, on a new origin, for as long as
// the test or benchmark runs, and returns its base URL (ending in /).
func serveDir(tb testing.TB, dir string) string {
	return serveFor(tb, http.FileServer(http.Dir(dir)))
}

// serveFor serves h on a new origin for as long as the test or benchmark
// runs, and returns its base URL (ending in /).
func serveFor(tb testing.TB, h http.Handler) string {
	s := httptest.NewServer(h)
	tb.Cleanup(s.Close)
	return s.URL + "/"
}

// serveFloor serves a benchmark page's folder as serveDir does, except
// that a wasm with precompressed twins (buildWasm writes them) goes out as
// brotli or gzip, as the browser accepts, the way cldsign's server sends
// the signer's: a floor's start then pays for the same decoding as the
// pages measured against it.
func serveFloor(tb testing.TB, dir string) string { return serveFor(tb, floorHandler(dir)) }

func floorHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			name := filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path)))
			accept := r.Header.Get("Accept-Encoding")
			for _, coding := range []struct{ name, suffix string }{{"br", ".br"}, {"gzip", ".gz"}} {
				if _, err := os.Stat(name + coding.suffix); err == nil && strings.Contains(accept, coding.name) {
					w.Header().Set("Content-Type", "application/wasm")
					w.Header().Set("Content-Encoding", coding.name)
					http.ServeFile(w, r, name+coding.suffix)
					return
				}
			}
		}
		files.ServeHTTP(w, r)
	})
}

// startServer runs the server binary and returns the URL it prints.
func startServer(args ...string) (*process, string, error) {
	return startServerFrom(serverBin, args...)
}

// startServerFrom runs the server binary bin, as startServer does.
func startServerFrom(bin string, args ...string) (*process, string, error) {
	cmd := exec.Command(bin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	p, err := startProcess(cmd)
	if err != nil {
		return nil, "", err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		p.stop()
		return nil, "", fmt.Errorf("the server printed no URL: %v", err)
	}
	for _, f := range strings.Fields(line) {
		if strings.HasPrefix(f, "http://") {
			return p, f, nil
		}
	}
	p.stop()
	return nil, "", fmt.Errorf("no URL in %q", line)
}

// serve runs a server for one test, stopped when the test ends however
// it ends; stopping it sooner is fine.
func serve(t testing.TB, args ...string) (*process, string) {
	t.Helper()
	p, base, err := startServer(args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.stop)
	return p, base
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
