package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// An engine is one running browser, started once for the whole run; every
// test opens its own tab in it, in a fresh context where the engine has
// them (Chromium's browser contexts, Firefox's user contexts).
type engine interface {
	name() string
	// open gives the test a tab of its own, closed when the test ends.
	open(t testing.TB) tab
	stop()
}

// A tab is one top-level page a test drives.
type tab interface {
	// preload runs script before each page's own scripts, in every frame;
	// errNoPreload where the engine's driver cannot.
	preload(script string) error
	// navigate loads url and returns once its load event has fired.
	navigate(url string) error
	// evaluate runs a JavaScript expression in the top frame, awaits it
	// when it is a promise, and decodes its JSON form into result (which
	// may be nil).
	evaluate(expression string, result any) error
	screenshot() ([]byte, error)
	// click clicks the element selector finds in the top frame, as a
	// person would: the page gets a user activation (to open a popup).
	click(selector string) error
}

// errNoPreload: WebKit's WebDriver has no way to run a script before a
// page's own.
var errNoPreload = errors.New("this engine's driver cannot run a script before the page's own")

// asJSON wraps an expression so that every engine hands back the same
// thing: the JSON text of its awaited value.
func asJSON(expression string) string {
	return `(async () => { const v = await (` + expression + `); return v === undefined ? "null" : JSON.stringify(v); })()`
}

func decodeJSON(text string, result any) error {
	if result == nil {
		return nil
	}
	return json.Unmarshal([]byte(text), result)
}

// engineSlot starts its engine on first use and keeps it for the run.
type engineSlot struct {
	label string
	start func() (engine, error)
	once  sync.Once
	e     engine
	err   error
}

var allEngines = []*engineSlot{
	{label: "chromium", start: startChromium},
	{label: "firefox", start: startFirefox},
	{label: "webkit", start: startWebKit},
}

func (s *engineSlot) get(t testing.TB) engine {
	t.Helper()
	s.once.Do(func() { s.e, s.err = s.start() })
	if s.err != nil {
		t.Fatalf("%s: %v", s.label, s.err)
	}
	return s.e
}

// stopEngines stops every engine the run started.
func stopEngines() {
	for _, s := range allEngines {
		if s.e != nil {
			s.e.stop()
		}
	}
}

// inEachEngine runs test once per engine, as parallel subtests named for
// the engine.
func inEachEngine(t *testing.T, test func(t *testing.T, e engine)) {
	for _, s := range allEngines {
		t.Run(s.label, func(t *testing.T) {
			t.Parallel()
			test(t, s.get(t))
		})
	}
}

// run evaluates expression in tab and fails the test if it throws.
func run(t testing.TB, tb tab, expression string, result any) {
	t.Helper()
	if err := tb.evaluate(expression, result); err != nil {
		t.Fatalf("evaluating %.300s: %v", expression, err)
	}
}

// visit navigates tab to url and fails the test if it cannot.
func visit(t testing.TB, tb tab, url string) {
	t.Helper()
	if err := tb.navigate(url); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
}

// waitSignerReady waits until the signer of the tab's top page has started.
func waitSignerReady(t testing.TB, tb tab) {
	t.Helper()
	waitUntil(t, tb, `globalThis.cldsign && globalThis.cldsign.ready === true`)
}

// waitUntil waits until a JavaScript condition, which may be a promise,
// holds in the tab's top page, checking it on every timer turn for up to a
// minute.
func waitUntil(t testing.TB, tb tab, condition string) {
	t.Helper()
	if err := poll(tb, condition, time.Minute); err != nil {
		t.Fatalf("waiting for %.300s: %v", condition, err)
	}
}

// poll evaluates condition in the tab's top page on every timer turn until
// it holds, or fails once timeout has passed; a condition that throws
// counts as not holding yet.
func poll(tb tab, condition string, timeout time.Duration) error {
	return tb.evaluate(`new Promise((resolve, reject) => {
		const start = Date.now();
		const tick = async () => {
			let ok = false;
			try { ok = await (`+condition+`); } catch {}
			if (ok) return resolve(true);
			if (Date.now() - start > `+strconv.FormatInt(timeout.Milliseconds(), 10)+`) return reject(new Error("timed out"));
			setTimeout(tick, 5);
		};
		tick();
	})`, nil)
}

// process is a command the harness started: its whole process group is
// stopped with it, and it dies with the test binary.
type process struct {
	cmd  *exec.Cmd
	once sync.Once
}

func startProcess(cmd *exec.Cmd) (*process, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", cmd.Path, err)
	}
	return &process{cmd: cmd}, nil
}

// stop asks the process group to end, then kills it.
func (p *process) stop() {
	if p == nil {
		return
	}
	p.once.Do(p.end)
}

func (p *process) end() {
	pgid := -p.cmd.Process.Pid
	_ = syscall.Kill(pgid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(pgid, syscall.SIGKILL)
		<-done
	}
}

// freePortNumber is a TCP port nothing listens on just now.
func freePortNumber() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// lookPath finds the first of names on PATH, or the one an environment
// variable names.
func lookPath(env string, names ...string) string {
	if p := os.Getenv(env); p != "" {
		return p
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
