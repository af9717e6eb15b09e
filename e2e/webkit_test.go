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
// W3C WebDriver protocol, on an Xvfb display. The driver holds one session
// at a time, so one session serves the whole run and tests take turns
// with it; a test that needs a clean slate uses an origin of its own.
type webkit struct {
	xvfb, driver *process
	base         string // the driver's URL
	session      string
	turn         sync.Mutex // held by the test whose tab it is
	holder       testing.TB // that test
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
	driverPath := lookPath("CLDSIGN_WEBKITWEBDRIVER", "WebKitWebDriver")
	xvfbPath := lookPath("CLDSIGN_XVFB", "Xvfb")
	mini := miniBrowserPath()
	if driverPath == "" || xvfbPath == "" || mini == "" {
		return nil, fmt.Errorf("no WebKitWebDriver, Xvfb or MiniBrowser: install them with %s", webkitInstall)
	}
	w := &webkit{}
	display, err := w.startXvfb(xvfbPath)
	if err != nil {
		return nil, err
	}
	port := freePortNumber()
	driver := exec.Command(driverPath, fmt.Sprintf("--port=%d", port))
	driver.Env = append(os.Environ(), "DISPLAY="+display)
	if w.driver, err = startProcess(driver); err != nil {
		w.stop()
		return nil, err
	}
	w.base = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		var status struct{ Ready bool }
		if w.call(http.MethodGet, "/status", nil, &status) == nil && status.Ready {
			break
		}
		if time.Now().After(deadline) {
			w.stop()
			return nil, errors.New("WebKitWebDriver did not start")
		}
		time.Sleep(20 * time.Millisecond) // the driver has no readiness event to wait on
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":              "MiniBrowser",
		"webkitgtk:browserOptions": map[string]any{"binary": mini, "args": []string{"--automation"}},
	}}}
	var created struct{ SessionID string }
	if err := w.call(http.MethodPost, "/session", caps, &created); err != nil {
		w.stop()
		return nil, fmt.Errorf("a WebKit session: %w", err)
	}
	w.session = "/session/" + created.SessionID
	if err := w.call(http.MethodPost, w.session+"/timeouts", map[string]any{"script": 120000, "pageLoad": 60000}, nil); err != nil {
		w.stop()
		return nil, err
	}
	return w, nil
}

// startXvfb starts a virtual display and returns its name, which Xvfb
// reports once it is ready.
func (w *webkit) startXvfb(path string) (string, error) {
	r, wr, err := os.Pipe()
	if err != nil {
		return "", err
	}
	defer r.Close()
	cmd := exec.Command(path, "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{wr}
	w.xvfb, err = startProcess(cmd)
	wr.Close()
	if err != nil {
		return "", err
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		w.stop()
		return "", fmt.Errorf("Xvfb reported no display: %v", err)
	}
	return ":" + strings.TrimSpace(line), nil
}

func (w *webkit) name() string { return "webkit" }

func (w *webkit) stop() {
	if w.session != "" {
		_ = w.call(http.MethodDelete, w.session, nil, nil)
	}
	w.driver.stop()
	w.xvfb.stop()
}

// open waits for the session's turn and starts the test on a blank page.
// A test that opens a second tab gets the same one back, blank again.
func (w *webkit) open(t testing.TB) tab {
	t.Helper()
	if w.holder != t {
		w.turn.Lock()
		w.holder = t
		t.Cleanup(func() {
			_ = w.call(http.MethodPost, w.session+"/url", map[string]string{"url": "about:blank"}, nil)
			w.closeOtherWindows()
			w.holder = nil
			w.turn.Unlock()
		})
	}
	if err := w.navigate("about:blank"); err != nil {
		t.Fatal(err)
	}
	return w
}

// closeOtherWindows closes the popups a test left open.
func (w *webkit) closeOtherWindows() {
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

func (w *webkit) preload(string) error { return errNoPreload }

func (w *webkit) navigate(url string) error {
	return w.call(http.MethodPost, w.session+"/url", map[string]string{"url": url}, nil)
}

func (w *webkit) evaluate(expression string, result any) error {
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

func (w *webkit) click(selector string) error {
	var element map[string]string
	if err := w.call(http.MethodPost, w.session+"/element", map[string]string{"using": "css selector", "value": selector}, &element); err != nil {
		return err
	}
	for _, id := range element { // the one key is the W3C element identifier
		return w.call(http.MethodPost, w.session+"/element/"+id+"/click", map[string]any{}, nil)
	}
	return fmt.Errorf("no element %s", selector)
}

func (w *webkit) screenshot() ([]byte, error) {
	var encoded string
	if err := w.call(http.MethodGet, w.session+"/screenshot", nil, &encoded); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(encoded)
}

// call sends one WebDriver command and decodes its "value".
func (w *webkit) call(method, path string, body, value any) error {
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
