package e2e

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cldsign/cldsign/server/bundle"
)

// copyBundle copies the servable bundle (no precompressed twins) into a
// fresh folder, for a server whose files a test may change.
func copyBundle(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFile := func(rel string) {
		data, err := os.ReadFile(filepath.Join(repoRoot, rel))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range bundle.Files {
		copyFile(f.Path)
	}
	return dir
}

// freePort is a loopback address nothing listens on just now.
func freePort(t *testing.T) string {
	t.Helper()
	port := freePortNumber()
	if port == 0 {
		t.Fatal("no free TCP port on 127.0.0.1")
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
}

var cacheNamePattern = regexp.MustCompile(`const cacheName = "([^"]+)"`)

func cacheName(t *testing.T, dir, worker string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, worker))
	if err != nil {
		t.Fatal(err)
	}
	m := cacheNamePattern.FindSubmatch(data)
	if m == nil {
		t.Fatalf("no cache name in %s", worker)
	}
	return string(m[1])
}

// TestOfflineThenUpdate: after a first visit both pages load and sign with
// the server stopped; when the server comes back with a new bundle, each
// page moves to it on a later load, whole, never mixing two builds.
func TestOfflineThenUpdate(t *testing.T) {
	t.Parallel()
	dir := copyBundle(t)
	addr := freePort(t)
	base := "http://" + addr + "/"
	srv, _ := serve(t, "-addr", addr, "-dir", dir)
	ctx := newBrowser(t)
	// Each page, its worker and the scope it registers that worker at. The
	// index page comes first, so bridge.html first loads under the index
	// page's worker, as it would on a site visited through its front page.
	pages := map[string]string{"": "app-worker.js", "bridge.html": "bridge-worker.js"}
	scopes := map[string]string{"": base, "bridge.html": base + "bridge"}
	order := []string{"", "bridge.html"}
	for _, page := range order {
		if err := chromedp.Run(ctx, chromedp.Navigate(base+page)); err != nil {
			t.Fatal(err)
		}
		waitReady(t, ctx)
		settle(t, ctx, `navigator.serviceWorker.getRegistrations().then((rs) => rs.some((r) => r.scope === `+jsString(scopes[page])+
			` && r.active && r.active.state === "activated"))`)
		settle(t, ctx, `caches.open(`+jsString(cacheName(t, dir, pages[page]))+`).then((c) => c.match(`+jsString(base+page)+`)).then((hit) => !!hit)`)
	}
	srv.stop()

	signs := func(page, want string) {
		t.Helper()
		if err := chromedp.Run(ctx, chromedp.Navigate(base+page)); err != nil {
			t.Fatalf("loading %q: %v", page, err)
		}
		waitReady(t, ctx)
		var hex, build string
		eval(t, ctx, `cldsign.request({action: "hash", text: "offline"}).then((r) => r.hex)`, &hex)
		eval(t, ctx, `String(globalThis.cldsignTestBuild)`, &build)
		if hex != sdkHex("offline") || build != want {
			t.Errorf("page %q: hash %q, build %q (want %q)", page, hex, build, want)
		}
	}
	for _, page := range []string{"bridge.html", ""} {
		signs(page, "undefined")
	}

	// A new bundle: one file changes, and the pages are generated again.
	queue := filepath.Join(dir, "web", "cldsign.js") // the page glue, which both pages load
	data, _ := os.ReadFile(queue)
	if err := os.WriteFile(queue, append(data, []byte("\nglobalThis.cldsignTestBuild = \"B\";\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	generate := exec.Command("go", "run", "./server/generate", dir)
	generate.Dir = repoRoot
	if out, err := generate.CombinedOutput(); err != nil {
		t.Fatalf("generating the new bundle: %v\n%s", err, out)
	}
	serve(t, "-addr", addr, "-dir", dir)
	for _, page := range order {
		fresh := cacheName(t, dir, pages[page])
		prefix := strings.SplitN(fresh, "-", 2)[0] + "-"
		// This load still comes from the old cache, and fetches the new worker.
		if err := chromedp.Run(ctx, chromedp.Navigate(base+page)); err != nil {
			t.Fatal(err)
		}
		settle(t, ctx, `caches.keys().then((keys) => keys.filter((k) => k.startsWith(`+jsString(prefix)+`)).join() === `+jsString(fresh)+`)`)
		signs(page, "B")
		var version string
		eval(t, ctx, `typeof goappEnv === "object" ? goappEnv.GOAPP_VERSION : ""`, &version)
		if page == "" && "app-"+version != fresh {
			t.Errorf("index.html runs app.js of version %q with the cache %q: two builds mixed", version, fresh)
		}
	}
}

// TestSecretNeverLeaves configures a secret, signs 100 requests, and looks
// for the secret everywhere a page could put it.
func TestSecretNeverLeaves(t *testing.T) {
	t.Parallel()
	for _, signerPage := range signerPages {
		t.Run("page="+signerPage, func(t *testing.T) {
			t.Parallel()
			ctx := newBrowser(t)
			requests := recordRequests(ctx)
			console := recordConsole(ctx)
			injectNative(t, ctx, "")
			if err := chromedp.Run(ctx, chromedp.Navigate(signerURL+signerPage+"?origins=https://x.example")); err != nil {
				t.Fatal(err)
			}
			waitReady(t, ctx)
			var ignored any
			eval(t, ctx, `(() => {
				const send = (m) => document.dispatchEvent(new MessageEvent("message", {data: JSON.stringify(m)}));
				send({action: "configure", api_key: "1234", cloud_name: "demo", api_secret: `+jsString(testSecret)+`});
				for (let i = 0; i < 100; i++) send({action: i % 2 ? "destroy" : "sign", id: i, public_id: "p" + i, params: {public_id: "p" + i}});
				send({action: "configure", cloudinary_url: "cloudinary://1234:" + `+jsString(testSecret)+` + "@demo"});
				send({action: "configure"});
				send({action: "sign_url", public_id: "cat", api_secret: `+jsString(testSecret)+`});
				return true;
			})()`, &ignored)
			replies := nativeReplies(t, chromiumTab{ctx}, 104)
			for _, r := range replies {
				if strings.Contains(r, testSecret) {
					t.Fatalf("a reply holds the secret: %s", r)
				}
			}
			if !strings.Contains(replies[1], `"ok":true`) {
				t.Errorf("signing after configure failed: %s", replies[1])
			}
			var stored string
			eval(t, ctx, storedJS, &stored)
			if strings.Contains(stored, testSecret) {
				t.Error("the secret is in storage, a cookie, the URL, the page or a cache")
			}
			if strings.Contains(stored, "indexedDB ") {
				t.Errorf("the page opened IndexedDB databases; check what they hold")
			}
			for _, line := range console.all() {
				if strings.Contains(line, testSecret) {
					t.Errorf("a console message holds the secret: %s", line)
				}
			}
			for _, r := range requests.all() {
				if strings.Contains(r, testSecret) {
					t.Errorf("a request holds the secret: %s", r)
				}
			}
		})
	}
}

// TestServerUnderAbuse: oversized headers, a client too slow to finish its
// headers, query strings kept out of the log, and the loopback default.
func TestServerUnderAbuse(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(serverBin, "-addr", "127.0.0.1:0")
	var logs bytes.Buffer // read only after the server has exited
	cmd.Stderr = &logs
	out, _ := cmd.StdoutPipe()
	server, err := startProcess(cmd)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(server.stop)
	line := make([]byte, 256)
	n, _ := out.Read(line)
	base := regexp.MustCompile(`http://[0-9.:]+/`).FindString(string(line[:n]))
	if base == "" {
		t.Fatalf("no URL in %q", line[:n])
	}
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")

	big := "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 64<<10) + "\r\n\r\n"
	if status := rawRequest(t, host, big, 5*time.Second); !strings.Contains(status, " 431 ") {
		t.Errorf("oversized headers: %q, want 431", status)
	}
	start := time.Now()
	if reply := rawRequest(t, host, "GET / HTTP/1.1\r\nHost: x\r\n", 30*time.Second); strings.Contains(reply, " 200 ") {
		t.Errorf("an unfinished request was answered: %q", reply)
	}
	if waited := time.Since(start); waited > 15*time.Second {
		t.Errorf("a slow client held its connection for %v", waited)
	}
	if _, err := http.Get(base + "?api_secret=" + testSecret); err != nil {
		t.Fatal(err)
	}
	server.stop()
	if logged := logs.String(); strings.Contains(logged, testSecret) || !strings.Contains(logged, "GET / 200") {
		t.Errorf("access log:\n%s", logged)
	}

	exposed := exec.Command(serverBin, "-addr", "0.0.0.0:0")
	if msg, err := exposed.CombinedOutput(); err == nil || !strings.Contains(string(msg), "-lan") {
		t.Errorf("a non-loopback address without -lan: %v, %s", err, msg)
	}
	help, _ := exec.Command(serverBin, "-h").CombinedOutput()
	if !strings.Contains(string(help), `(default "127.0.0.1:8000")`) {
		t.Errorf("the default address is not loopback:\n%s", help)
	}
	if _, addr := serve(t, "-addr", "0.0.0.0:0", "-lan"); !strings.HasPrefix(addr, "http://") {
		t.Errorf("with -lan: %q", addr)
	}
}

// rawRequest writes text on a new connection and returns what comes back
// before the server closes it or the wait ends.
func rawRequest(t *testing.T, host, text string, wait time.Duration) string {
	t.Helper()
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = conn.Write([]byte(text))
	_ = conn.SetReadDeadline(time.Now().Add(wait))
	reply, _ := io.ReadAll(conn)
	return string(reply)
}
