package e2e

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pageUnderTest is one page the performance table measures.
type pageUnderTest struct {
	name  string
	url   string
	dir   string   // where its files are
	files []string // what a cold load fetches, for the byte counts
}

// BenchmarkPages prints the performance table: bytes, cold and warm time
// to the first signed reply, a burst of 2,000 messages and memory after
// 10,000, for bridge.html, index.html and a plain JavaScript baseline, all
// in one run. ./build.sh bench runs it.
func BenchmarkPages(b *testing.B) {
	baseline := httptest.NewServer(http.FileServer(http.Dir(filepath.Join("testdata", "baseline"))))
	defer baseline.Close()
	bareDir := buildBare(b)
	bare := httptest.NewServer(http.FileServer(http.Dir(bareDir)))
	defer bare.Close()
	pages := []pageUnderTest{
		{"baseline (JS + Web Crypto)", baseline.URL + "/baseline.html", filepath.Join("testdata", "baseline"),
			[]string{"baseline.html", "baseline.js"}},
		{"bare Go wasm (SHA-1 only)", bare.URL + "/bare.html", bareDir,
			[]string{"bare.html", "bare.js", "wasm_exec.js", "bare.wasm"}},
		{"bridge.html", signerURL + "bridge.html", repoRoot,
			[]string{"bridge.html", "wasm_exec.js", "web/queue.js", "web/lean.js", "web/bridge.wasm", "bridge-worker.js"}},
		{"index.html", signerURL, repoRoot,
			[]string{"index.html", "app.css", "web/cldsign.css", "wasm_exec.js", "app.js", "web/queue.js", "manifest.webmanifest",
				"web/icon.svg", "web/icon-192.png", "web/app.wasm", "app-worker.js"}},
	}
	const rounds = 10
	cold := make([][]float64, len(pages))
	warm := make([][]float64, len(pages))
	for b.Loop() {
		for round := 0; round < rounds; round++ {
			for k := range pages {
				i := (k + round) % len(pages) // interleaved, a different page first each round
				c, w := coldAndWarm(b, pages[i].url)
				cold[i], warm[i] = append(cold[i], c), append(warm[i], w)
			}
		}
	}
	fmt.Printf("\ncldsign performance, %d rounds, pages interleaved, headless Chromium, one run\n\n", rounds)
	fmt.Printf("%-28s %11s %11s %10s %8s %10s %8s %12s %10s %14s\n", "page", "gzip bytes", "brotli", "cold ms", "×base", "warm ms", "×base", "burst µs/msg", "×base", "msgs/s")
	var base struct{ cold, warm, burst float64 }
	for i, p := range pages {
		gz, br := loadBytes(b, p)
		burst := burstPerMessage(b, p.url)
		c, w := median(cold[i]), median(warm[i])
		if i == 0 {
			base.cold, base.warm, base.burst = c, w, burst
		}
		fmt.Printf("%-28s %11d %11d %10.0f %8.2f %10.0f %8.2f %12.1f %10.2f %14.0f\n", p.name, gz, br,
			c, c/base.cold, w, w/base.warm, burst, burst/base.burst, 1e6/burst)
	}
	fmt.Println("\ncold and warm: median time from iframe creation to the replies to a legacy string and a destroy request;")
	fmt.Println("cold in a fresh browser, warm on a second load with the service worker and the wasm code cache.")
	fmt.Println("burst: 2,000 destroy requests posted at once to a running page, median of 5 after a warm-up burst.")
	for _, p := range pages[2:] {
		memory := memoryAfterMessages(b, p.url)
		fmt.Printf("%s: wasm memory, KB, after 0 / 5,000 / 10,000 messages: %.0f / %.0f / %.0f\n", p.name, memory[0]/1024, memory[1]/1024, memory[2]/1024)
	}
}

func median(values []float64) float64 {
	s := slices.Clone(values)
	slices.Sort(s)
	return s[len(s)/2]
}

// buildBare builds the floor: testdata/bare, the smallest Go wasm that
// answers a message, served beside its own copy of wasm_exec.js.
func buildBare(b *testing.B) string {
	dir := b.TempDir()
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s", "-o", filepath.Join(dir, "bare.wasm"), "./testdata/bare")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building the bare wasm: %v\n%s", err, out)
	}
	for _, name := range []string{"bare.html", "bare.js"} {
		data, _ := os.ReadFile(filepath.Join("testdata", "bare", name))
		_ = os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	data, _ := os.ReadFile(filepath.Join(repoRoot, "wasm_exec.js"))
	_ = os.WriteFile(filepath.Join(dir, "wasm_exec.js"), data, 0o644)
	return dir
}

// loadBytes sums what a cold load transfers, gzip (GitHub Pages) and
// brotli (the local server); files that do not compress count as they are.
func loadBytes(b *testing.B, p pageUnderTest) (gz, br int) {
	for _, f := range p.files {
		path := filepath.Join(p.dir, f)
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		g, errG := os.ReadFile(path + ".gz")
		r, errB := os.ReadFile(path + ".br")
		if errG != nil || errB != nil {
			if strings.HasSuffix(f, ".png") {
				g, r = raw, raw
			} else {
				g, r = gzipped(raw), brotli(b, path)
			}
		}
		gz, br = gz+len(g), br+len(r)
	}
	return gz, br
}

func gzipped(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes()
}

func brotli(b *testing.B, path string) []byte {
	out, err := exec.Command("brotli", "-q", "11", "-c", path).Output()
	if err != nil {
		b.Fatalf("brotli: %v", err)
	}
	return out
}

// coldAndWarm loads the page in a frame of a fresh browser, twice.
func coldAndWarm(b *testing.B, url string) (cold, warm float64) {
	ctx := newBrowser(b)
	if err := chromedp.Run(ctx, chromedp.Navigate(hostURL)); err != nil {
		b.Fatal(err)
	}
	var times []float64
	eval(b, ctx, `(async () => {
		const once = async () => {
			const start = performance.now();
			const i = await frame(`+jsString(url)+`);
			received.length = 0;
			post(i, "public_id=cat&timestamp=1315060510abcd");
			post(i, {action: "destroy", id: 1, public_id: "cat", timestamp: 1315060510, api_key: "1234", api_secret: "abcd"});
			await waitFor(2, 60000);
			return performance.now() - start;
		};
		const cold = await once();
		await new Promise((r) => setTimeout(r, 2000)); // the service worker installs
		document.querySelector("iframe").remove();
		return [cold, await once()];
	})()`, &times)
	return times[0], times[1]
}

// burstPerMessage posts 2,000 requests at once to a running page and
// returns the median time per message of five bursts, in µs, after one
// burst that lets the engine optimise the code it runs hot.
func burstPerMessage(b *testing.B, url string) float64 {
	ctx := newBrowser(b)
	if err := chromedp.Run(ctx, chromedp.Navigate(hostURL)); err != nil {
		b.Fatal(err)
	}
	var times []float64
	eval(b, ctx, `(async () => {
		const i = await frame(`+jsString(url)+`);
		received.length = 0;
		post(i, {action: "destroy", public_id: "warmup", api_secret: "abcd"});
		await waitFor(1, 60000);
		const times = [];
		for (let run = 0; run < 6; run++) {
			received.length = 0;
			const start = performance.now();
			for (let n = 0; n < 2000; n++) post(i, {action: "destroy", id: n, public_id: "cat" + n, timestamp: 1315060510, api_key: "1234", api_secret: "abcd"});
			await waitFor(2000, 60000);
			times.push((performance.now() - start) * 1000 / 2000);
		}
		return times.slice(1);
	})()`, &times)
	return median(times)
}

// memoryAfterMessages answers 10,000 messages and reads the size of the
// wasm's linear memory at 0, 5,000 and 10,000: Go grows it as its heap
// needs and never shrinks it, so a size that settles is a heap that does.
func memoryAfterMessages(b *testing.B, url string) []float64 {
	ctx := newBrowser(b)
	injectNative(b, ctx, `
		for (const name of ["instantiateStreaming", "instantiate"]) {
			const original = WebAssembly[name];
			WebAssembly[name] = async (...args) => {
				const result = await original.apply(WebAssembly, args);
				window.wasmMemory = (result.instance || result).exports.mem;
				return result;
			};
		}`)
	if err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		b.Fatal(err)
	}
	waitReady(b, ctx)
	var out string
	eval(b, ctx, `(async () => {
		const sizes = [wasmMemory.buffer.byteLength];
		for (let batch = 0; batch < 10; batch++) {
			for (let n = 0; n < 1000; n++) {
				document.dispatchEvent(new MessageEvent("message", {data: JSON.stringify({action: "destroy", id: n, public_id: "cat" + n, api_secret: "abcd"})}));
			}
			await new Promise((r) => setTimeout(r, 0));
			if (batch === 4 || batch === 9) sizes.push(wasmMemory.buffer.byteLength);
		}
		if (nativeReplies.length !== 10000) throw new Error(nativeReplies.length + " replies");
		return JSON.stringify(sizes);
	})()`, &out)
	var heap []float64
	if err := json.Unmarshal([]byte(out), &heap); err != nil {
		b.Fatal(err)
	}
	return heap
}
