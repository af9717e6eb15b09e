package e2e

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// webkit is WebKitGTK's MiniBrowser, driven by WebKitWebDriver over the
// W3C WebDriver protocol, on one Xvfb display. A driver holds one session
// at a time, so the engine keeps a small pool of them, one per test
// running at once; a test that needs a clean slate (an empty cache, no
// service worker) uses an origin of its own.
type webkit struct {
	xvfb                 *process
	display, driver, bin string

	mu      sync.Mutex
	idle    chan *webkitSession
	all     []*webkitSession
	holders map[testing.TB]*webkitSession
}

// webkitSessions is how many sessions may run at once: as many as tests do.
const webkitSessions = 4

// webkitSession is one WebKitWebDriver and its MiniBrowser session.
type webkitSession struct {
	driver  *process
	base    string // the driver's URL
	session string // the session's path
}

const webkitInstall = "apt-get install -y webkit2gtk-driver xvfb"

// miniBrowserPath finds the MiniBrowser that libwebkit2gtk ships.
func miniBrowserPath() string {
	if p := os.Getenv("CLDSIGN_MINIBROWSER"); p != "" {
		return p
	}
	for _, p := range []string{
		"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
		"/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
		"/usr/libexec/webkit2gtk-4.1/MiniBrowser",
	} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	out, _ := exec.Command("dpkg", "-L", "libwebkit2gtk-4.1-0").Output()
	for _, line := range strings.Split(string(out), "\n") {
		if filepath.Base(line) == "MiniBrowser" {
			return line
		}
	}
	return ""
}

func startWebKit() (engine, error) {
	w := &webkit{
		driver:  lookPath("CLDSIGN_WEBKITWEBDRIVER", "WebKitWebDriver"),
		bin:     miniBrowserPath(),
		idle:    make(chan *webkitSession, webkitSessions),
		holders: map[testing.TB]*webkitSession{},
	}
	xvfb := lookPath("CLDSIGN_XVFB", "Xvfb")
	if w.driver == "" || xvfb == "" || w.bin == "" {
		return nil, fmt.Errorf("no WebKitWebDriver, Xvfb or MiniBrowser: install them with %s", webkitInstall)
	}
	if err := w.startXvfb(xvfb); err != nil {
		return nil, err
	}
	// The first session now, so that a missing piece fails at once.
	first, err := w.newSession()
	if err != nil {
		w.stop()
		return nil, err
	}
	w.all = append(w.all, first)
	w.idle <- first
	return w, nil
}

// newSession starts a driver and a MiniBrowser session on it.
func (w *webkit) newSession() (*webkitSession, error) {
	port := freePortNumber()
	cmd := exec.Command(w.driver, fmt.Sprintf("--port=%d", port))
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	driver, err := startProcess(cmd)
	if err != nil {
		return nil, err
	}
	s := &webkitSession{driver: driver, base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var status struct{ Ready bool }
		if s.call(http.MethodGet, "/status", nil, &status) == nil && status.Ready {
			break
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("WebKitWebDriver did not start")
		}
		time.Sleep(20 * time.Millisecond) // the driver has no readiness event to wait on
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":              "MiniBrowser",
		"webkitgtk:browserOptions": map[string]any{"binary": w.bin, "args": []string{"--automation"}},
	}}}
	var created struct{ SessionID string }
	if err := s.call(http.MethodPost, "/session", caps, &created); err != nil {
		s.stop()
		return nil, fmt.Errorf("a WebKit session: %w", err)
	}
	s.session = "/session/" + created.SessionID
	if err := s.call(http.MethodPost, s.session+"/timeouts", map[string]any{"script": 120000, "pageLoad": 60000}, nil); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// startXvfb starts a virtual display and keeps its name, which Xvfb
// reports once it is ready.
func (w *webkit) startXvfb(path string) error {
	r, wr, err := os.Pipe()
	if err != nil {
		return err
	}
	defer r.Close()
	cmd := exec.Command(path, "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{wr}
	w.xvfb, err = startProcess(cmd)
	wr.Close()
	if err != nil {
		return err
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		w.stop()
		return fmt.Errorf("Xvfb reported no display: %v", err)
	}
	w.display = ":" + strings.TrimSpace(line)
	return nil
}

func (w *webkit) name() string { return "webkit" }

func (w *webkit) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, s := range w.all {
		s.stop()
	}
	w.xvfb.stop()
}

// stop ends the session (the driver allows one, so it must go) and the
// driver.
func (s *webkitSession) stop() {
	if s.session != "" {
		_ = s.call(http.MethodDelete, s.session, nil, nil)
	}
	s.driver.stop()
}

// open gives the test a session of its own, on a blank page: an idle one,
// a new one while there are fewer than webkitSessions, or the next to be
// freed. A test that opens a second tab gets its session back, blank again.
func (w *webkit) open(t testing.TB) tab {
	t.Helper()
	w.mu.Lock()
	s := w.holders[t]
	if s == nil {
		select {
		case s = <-w.idle:
		default:
			if len(w.all) < webkitSessions {
				var err error
				if s, err = w.newSession(); err != nil {
					w.mu.Unlock()
					t.Fatal(err)
				}
				w.all = append(w.all, s)
			}
		}
	}
	w.mu.Unlock()
	if s == nil {
		s = <-w.idle
	}
	w.mu.Lock()
	if w.holders[t] == nil {
		w.holders[t] = s
		t.Cleanup(func() {
			_ = s.navigate("about:blank")
			s.closeOtherWindows()
			w.mu.Lock()
			delete(w.holders, t)
			w.mu.Unlock()
			w.idle <- s
		})
	}
	w.mu.Unlock()
	if err := s.navigate("about:blank"); err != nil {
		t.Fatal(err)
	}
	return s
}

// closeOtherWindows closes the popups a test left open.
func (w *webkitSession) closeOtherWindows() {
	var main string
	var handles []string
	if w.call(http.MethodGet, w.session+"/window", nil, &main) != nil || w.call(http.MethodGet, w.session+"/window/handles", nil, &handles) != nil {
		return
	}
	for _, h := range handles {
		if h != main {
			_ = w.call(http.MethodPost, w.session+"/window", map[string]string{"handle": h}, nil)
			_ = w.call(http.MethodDelete, w.session+"/window", nil, nil)
		}
	}
	_ = w.call(http.MethodPost, w.session+"/window", map[string]string{"handle": main}, nil)
}

func (w *webkitSession) preload(string) error { return errNoPreload }

func (w *webkitSession) navigate(url string) error {
	return w.call(http.MethodPost, w.session+"/url", map[string]string{"url": url}, nil)
}

func (w *webkitSession) evaluate(expression string, result any) error {
	script := `const done = arguments[arguments.length - 1];
		(` + asJSON(expression) + `).then((text) => done({text}), (e) => done({error: String(e && e.stack || e)}));`
	var out struct{ Text, Error string }
	if err := w.call(http.MethodPost, w.session+"/execute/async", map[string]any{"script": script, "args": []any{}}, &out); err != nil {
		return err
	}
	if out.Error != "" {
		return errors.New(out.Error)
	}
	return decodeJSON(out.Text, result)
}

func (w *webkitSession) click(selector string) error {
	var element map[string]string
	if err := w.call(http.MethodPost, w.session+"/element", map[string]string{"using": "css selector", "value": selector}, &element); err != nil {
		return err
	}
	for _, id := range element { // the one key is the W3C element identifier
		return w.call(http.MethodPost, w.session+"/element/"+id+"/click", map[string]any{}, nil)
	}
	return fmt.Errorf("no element %s", selector)
}

func (w *webkitSession) screenshot() ([]byte, error) {
	var encoded string
	if err := w.call(http.MethodGet, w.session+"/screenshot", nil, &encoded); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(encoded)
}

// call sends one WebDriver command and decodes its "value".
func (w *webkitSession) call(method, path string, body, value any) error {
	var in io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		in = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, w.base+path, in)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var reply struct{ Value json.RawMessage }
	if err := json.NewDecoder(res.Body).Decode(&reply); err != nil {
		return fmt.Errorf("%s %s: %d, %v", method, path, res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		_ = json.Unmarshal(reply.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, path, e.Error, e.Message)
	}
	if value == nil {
		return nil
	}
	return json.Unmarshal(reply.Value, value)
}
