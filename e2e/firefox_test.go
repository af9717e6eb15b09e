package e2e

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

// firefox is one headless Firefox for the whole run, driven over its
// built-in WebDriver BiDi; each tab lives in a user context of its own,
// with its own cookies, storage, caches and service workers.
type firefox struct {
	proc    *process
	profile string
	conn    net.Conn
	in      io.Reader
	writing sync.Mutex

	mu       sync.Mutex
	nextID   int
	pending  map[int]chan bidiReply
	owner    map[string]string   // browsing context → user context
	logs     map[string][]string // user context → console entries and errors
	closed   chan struct{}
	readFail error
}

type bidiReply struct {
	Type    string          `json:"type"`
	ID      int             `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

var bidiListening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

func startFirefox() (engine, error) {
	path := lookPath("CLDSIGN_FIREFOX", "firefox-esr", "firefox")
	if path == "" {
		return nil, errors.New("no Firefox: install it with apt-get install -y firefox-esr")
	}
	profile, err := os.MkdirTemp("", "cldsign-firefox-")
	if err != nil {
		return nil, err
	}
	f := &firefox{profile: profile, pending: map[int]chan bidiReply{}, owner: map[string]string{}, logs: map[string][]string{}, closed: make(chan struct{})}
	cmd := exec.Command(path, "--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if f.proc, err = startProcess(cmd); err != nil {
		return nil, err
	}
	address := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			if m := bidiListening.FindStringSubmatch(lines.Text()); m != nil {
				address <- m[1]
			}
		}
		close(address)
	}()
	var url string
	select {
	case url = <-address:
	case <-time.After(60 * time.Second):
	}
	if url == "" {
		f.stop()
		return nil, errors.New("Firefox did not start its WebDriver BiDi")
	}
	if err := f.connect(url + "/session"); err != nil {
		f.stop()
		return nil, err
	}
	return f, nil
}

func (f *firefox) connect(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	conn, buffered, _, err := ws.Dial(ctx, url)
	if err != nil {
		return fmt.Errorf("connecting to Firefox: %w", err)
	}
	f.conn, f.in = conn, conn
	if buffered != nil {
		f.in = io.MultiReader(buffered, conn)
	}
	go f.read()
	if _, err := f.send("session.new", map[string]any{"capabilities": map[string]any{}}); err != nil {
		return err
	}
	_, err = f.send("session.subscribe", map[string]any{"events": []string{"log.entryAdded", "browsingContext.contextCreated"}})
	return err
}

// readWriter lets wsutil answer control frames on the shared connection.
type readWriter struct{ f *firefox }

func (rw readWriter) Read(p []byte) (int, error) { return rw.f.in.Read(p) }
func (rw readWriter) Write(p []byte) (int, error) {
	rw.f.writing.Lock()
	defer rw.f.writing.Unlock()
	return rw.f.conn.Write(p)
}

// read routes command results to their callers and records events.
func (f *firefox) read() {
	defer close(f.closed)
	for {
		data, err := wsutil.ReadServerText(readWriter{f})
		if err != nil {
			f.mu.Lock()
			f.readFail = err
			f.mu.Unlock()
			return
		}
		var msg bidiReply
		if json.Unmarshal(data, &msg) != nil {
			continue
		}
		if msg.Type == "event" {
			f.record(msg)
			continue
		}
		f.mu.Lock()
		ch := f.pending[msg.ID]
		delete(f.pending, msg.ID)
		f.mu.Unlock()
		if ch != nil {
			ch <- msg
		}
	}
}

// record keeps which user context each browsing context belongs to, and
// every console entry and error by user context.
func (f *firefox) record(msg bidiReply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch msg.Method {
	case "browsingContext.contextCreated":
		var info struct{ Context, UserContext string }
		if json.Unmarshal(msg.Params, &info) == nil {
			f.owner[info.Context] = info.UserContext
		}
	case "log.entryAdded":
		var entry struct {
			Level, Text, Type string
			Source            struct{ Context string }
		}
		if json.Unmarshal(msg.Params, &entry) == nil {
			user := f.owner[entry.Source.Context]
			f.logs[user] = append(f.logs[user], entry.Level+" "+entry.Type+": "+entry.Text)
		}
	}
}

// send runs one BiDi command and returns its result.
func (f *firefox) send(method string, params any) (json.RawMessage, error) {
	f.mu.Lock()
	f.nextID++
	id := f.nextID
	ch := make(chan bidiReply, 1)
	f.pending[id] = ch
	f.mu.Unlock()
	data, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return nil, err
	}
	if err := wsutil.WriteClientText(readWriter{f}, data); err != nil {
		return nil, err
	}
	select {
	case reply := <-ch:
		if reply.Type == "error" {
			return nil, fmt.Errorf("%s: %s: %s", method, reply.Error, reply.Message)
		}
		return reply.Result, nil
	case <-f.closed:
		return nil, fmt.Errorf("%s: the connection to Firefox closed: %v", method, f.readFail)
	case <-time.After(3 * time.Minute):
		return nil, fmt.Errorf("%s: no reply", method)
	}
}

func (f *firefox) name() string { return "firefox" }

func (f *firefox) stop() {
	if f.conn != nil {
		_, _ = f.send("browser.close", map[string]any{})
		f.conn.Close()
	}
	f.proc.stop()
	_ = os.RemoveAll(f.profile)
}

// open makes a user context and a tab in it; both go when the test ends.
func (f *firefox) open(t testing.TB) tab {
	t.Helper()
	result, err := f.send("browser.createUserContext", map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	var user struct{ UserContext string }
	_ = json.Unmarshal(result, &user)
	t.Cleanup(func() { _, _ = f.send("browser.removeUserContext", map[string]any{"userContext": user.UserContext}) })
	result, err = f.send("browsingContext.create", map[string]any{"type": "tab", "userContext": user.UserContext})
	if err != nil {
		t.Fatal(err)
	}
	var created struct{ Context string }
	_ = json.Unmarshal(result, &created)
	f.mu.Lock()
	f.owner[created.Context] = user.UserContext
	f.mu.Unlock()
	return &firefoxTab{f: f, context: created.Context, user: user.UserContext}
}

type firefoxTab struct {
	f             *firefox
	context, user string
}

func (tb *firefoxTab) preload(script string) error {
	_, err := tb.f.send("script.addPreloadScript", map[string]any{
		"functionDeclaration": "() => {" + script + "\n}", "userContexts": []string{tb.user},
	})
	return err
}

func (tb *firefoxTab) navigate(url string) error {
	_, err := tb.f.send("browsingContext.navigate", map[string]any{"context": tb.context, "url": url, "wait": "complete"})
	return err
}

func (tb *firefoxTab) evaluate(expression string, result any) error {
	return tb.evaluateIn(tb.context, expression, result)
}

// evaluateInFrame evaluates in the tab's first frame, whatever its origin.
func (tb *firefoxTab) evaluateInFrame(expression string, result any) error {
	raw, err := tb.f.send("browsingContext.getTree", map[string]any{"root": tb.context})
	if err != nil {
		return err
	}
	var tree struct {
		Contexts []struct{ Children []struct{ Context string } }
	}
	if err := json.Unmarshal(raw, &tree); err != nil || len(tree.Contexts) == 0 || len(tree.Contexts[0].Children) == 0 {
		return fmt.Errorf("no frame in the tab: %s", raw)
	}
	return tb.evaluateIn(tree.Contexts[0].Children[0].Context, expression, result)
}

func (tb *firefoxTab) evaluateIn(context, expression string, result any) error {
	raw, err := tb.f.send("script.evaluate", map[string]any{
		"expression": asJSON(expression), "target": map[string]string{"context": context},
		"awaitPromise": true, "userActivation": true,
	})
	if err != nil {
		return err
	}
	var out struct {
		Type             string
		Result           struct{ Type, Value string }
		ExceptionDetails struct{ Text string }
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return err
	}
	if out.Type == "exception" {
		return errors.New(out.ExceptionDetails.Text)
	}
	return decodeJSON(out.Result.Value, result)
}

// click clicks in a script run with a user activation, which is what a
// click gives the page.
func (tb *firefoxTab) click(selector string) error {
	return tb.evaluate(`(document.querySelector(`+jsString(selector)+`).click(), true)`, nil)
}

func (tb *firefoxTab) screenshot() ([]byte, error) {
	raw, err := tb.f.send("browsingContext.captureScreenshot", map[string]any{"context": tb.context})
	if err != nil {
		return nil, err
	}
	var out struct{ Data string }
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(out.Data)
}

// logs are the console entries and errors of every page and frame the
// tab has shown, service workers aside, as "level type: text".
func (tb *firefoxTab) logs() []string {
	tb.f.mu.Lock()
	defer tb.f.mu.Unlock()
	return append([]string(nil), tb.f.logs[tb.user]...)
}

// problems are the logged errors and Content-Security-Policy reports.
func (tb *firefoxTab) problems() []string {
	var out []string
	for _, line := range tb.logs() {
		if strings.HasPrefix(line, "error ") || strings.Contains(line, "Content-Security-Policy") || strings.Contains(line, "Content Security Policy") {
			out = append(out, line)
		}
	}
	return out
}
