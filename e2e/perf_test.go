package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
// 10,000, for bridge.html and index.html beside a plain JavaScript page and
// three floors, all in one run. ./build.sh bench runs it. With
// CLDSIGN_BENCH_BEFORE naming another bundle's folder (an older build),
// that bundle's pages join the table, served by the same server.
func BenchmarkPages(b *testing.B) {
	baselineDir := filepath.Join("testdata", "baseline")
	bareDir, exportDir, goAppDir := buildBare(b), buildExportFloor(b), buildGoAppFloor(b)
	exportFloor := serveFloor(b, exportDir) + "exportfloor.html"
	exportFiles := []string{"exportfloor.html", "floor.js", "wasm_exec.js", "exportfloor.wasm"}
	pages := []pageUnderTest{
		{"baseline (JS + Web Crypto)", serveDir(b, baselineDir) + "baseline.html", baselineDir,
			[]string{"baseline.html", "baseline.js"}},
		{"Go export floor", exportFloor, exportDir, exportFiles},
		{"export floor, whole reply", exportFloor + "?whole", exportDir, exportFiles},
		{"go-app floor", serveFloor(b, goAppDir), goAppDir,
			[]string{"index.html", "app.css", "wasm_exec.js", "app.js", "web/floor.js", "manifest.webmanifest", "web/app.wasm", "app-worker.js"}},
		{"bare Go wasm (js.FuncOf)", serveFloor(b, bareDir) + "bare.html", bareDir,
			[]string{"bare.html", "bare.js", "wasm_exec.js", "bare.wasm"}},
	}
	signers := func(label, base, dir string) []pageUnderTest {
		return []pageUnderTest{
			{"bridge.html" + label, base + "bridge.html", dir, workerFiles(b, dir, "bridge-worker.js")},
			{"index.html" + label, base, dir, append(workerFiles(b, dir, "app-worker.js"), "web/icon.svg")},
		}
	}
	first := len(pages)
	pages = append(pages, signers("", signerURL, repoRoot)...)
	if base, dir := serveBefore(b); base != "" {
		pages = append(pages, signers(" (before)", base, dir)...)
	}
	const rounds, burstRounds = 8, 3
	cold := make([][]float64, len(pages))
	warm := make([][]float64, len(pages))
	for b.Loop() {
		for round := 0; round < rounds; round++ {
			for k := range pages {
				i := (k + round) % len(pages) // interleaved, a different page first each round
				c, w := coldAndWarm(b, chromiumEngine(b), pages[i].url)
				cold[i], warm[i] = append(cold[i], c), append(warm[i], w)
			}
		}
	}
	fmt.Printf("\ncldsign performance, %d rounds, pages interleaved, headless Chromium, one run\n\n", rounds)
	fmt.Printf("%-28s %10s %8s %6s %6s %6s %8s %8s %6s %6s %6s %8s\n", "page", "gzip B", "cold ms", "×JS", "×exp", "×goapp", "warm ms",
		"burst µs", "×JS", "×exp", "×whole", "msgs/s")
	bursts := make([][]float64, len(pages))
	for round := 0; round < burstRounds; round++ {
		for k := range pages {
			i := (k + round) % len(pages)
			bursts[i] = append(bursts[i], burstPerMessage(b, chromiumEngine(b), pages[i].url))
		}
	}
	burst := make([]float64, len(pages))
	for i := range pages {
		burst[i] = median(bursts[i])
	}
	floor := func(values [][]float64, i int) float64 { return median(values[i]) }
	for i, p := range pages {
		gz, _ := loadBytes(b, p)
		c, w := median(cold[i]), median(warm[i])
		fmt.Printf("%-28s %10d %8.0f %6.2f %6.2f %6.2f %8.0f %8.1f %6.2f %6.2f %6.2f %8.0f\n", p.name, gz,
			c, c/floor(cold, 0), c/floor(cold, 1), c/floor(cold, 3), w, burst[i], burst[i]/burst[0], burst[i]/burst[1], burst[i]/burst[2], 1e6/burst[i])
	}
	fmt.Println("\n×JS, ×exp, ×goapp: the ratio to the JavaScript baseline, the Go export floor and the go-app floor, same run;")
	fmt.Println("×whole: to the export floor answering with cldsign's whole reply through JSON text (testdata/floor.js).")
	fmt.Println("cold and warm: median time from iframe creation to the replies to a legacy string and a destroy request;")
	fmt.Println("cold in a fresh browser, warm on a second load with the service worker and the wasm code cache.")
	fmt.Printf("burst: 2,000 destroy requests posted at once to a running page; in each of %d interleaved rounds,\n", burstRounds)
	fmt.Println("the median of 5 after a warm-up burst, and the median of those.")
	for _, p := range pages[first : first+2] {
		memory := memoryAfterMessages(b, p.url)
		fmt.Printf("%s: wasm memory, KB, after 0 / 5,000 / 10,000 messages: %.0f / %.0f / %.0f\n", p.name, memory[0]/1024, memory[1]/1024, memory[2]/1024)
	}
}

// serveBefore serves the bundle CLDSIGN_BENCH_BEFORE names, if any, with
// that tree's own server, and returns its URL and folder. The server under
// test would not do: the policy it sends allows its own boot script only.
func serveBefore(b *testing.B) (base, dir string) {
	dir = os.Getenv("CLDSIGN_BENCH_BEFORE")
	if dir == "" {
		return "", ""
	}
	bin := filepath.Join(b.TempDir(), "server")
	build := exec.Command("go", "build", "-o", bin, "./server")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building the server of %s: %v\n%s", dir, err, out)
	}
	p, base, err := startServerFrom(bin, "-addr", "127.0.0.1:0", "-dir", dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(p.stop)
	return base, dir
}

// workerFiles is what a cold load of a page of dir's bundle fetches: the
// files its worker caches, and the worker.
func workerFiles(b *testing.B, dir, workerName string) []string {
	worker, err := os.ReadFile(filepath.Join(dir, workerName))
	if err != nil {
		b.Fatal(err)
	}
	list := regexp.MustCompile(`resourcesToCache = (\[[^\]]*\])`).FindSubmatch(worker)
	var files []string
	if list == nil || json.Unmarshal(list[1], &files) != nil {
		b.Fatalf("no resource list in %s/%s", dir, workerName)
	}
	for i, f := range files {
		if files[i] = strings.TrimPrefix(f, "./"); files[i] == "" {
			files[i] = "index.html"
		}
	}
	return append(files, workerName)
}

func median(values []float64) float64 {
	s := slices.Clone(values)
	slices.Sort(s)
	return s[len(s)/2]
}

// buildBare builds the js.FuncOf floor: testdata/bare, the smallest Go
// wasm that answers a message through a js.FuncOf callback.
func buildBare(b *testing.B) string {
	dir := b.TempDir()
	buildWasm(b, "./testdata/bare", filepath.Join(dir, "bare.wasm"))
	copyFiles(b, dir, filepath.Join("testdata", "bare"), "bare.html", "bare.js")
	copyFiles(b, dir, repoRoot, "wasm_exec.js")
	return dir
}

// buildExportFloor builds the Go export floor: testdata/exportfloor, a
// bare Go wasm that answers through one exported call.
func buildExportFloor(b *testing.B) string {
	dir := b.TempDir()
	buildWasm(b, "./testdata/exportfloor", filepath.Join(dir, "exportfloor.wasm"))
	copyFiles(b, dir, filepath.Join("testdata", "exportfloor"), "exportfloor.html")
	copyFiles(b, dir, "testdata", "floor.js")
	copyFiles(b, dir, repoRoot, "wasm_exec.js")
	return dir
}

// buildGoAppFloor generates go-app's own site for testdata/goappfloor, a
// one-line component answering through one exported call, with the
// toolchain's wasm_exec.js, as cldsign's bundle has.
func buildGoAppFloor(b *testing.B) string {
	dir := b.TempDir()
	generate := exec.Command("go", "run", "./testdata/goappfloor", dir)
	if out, err := generate.CombinedOutput(); err != nil {
		b.Fatalf("generating the go-app floor: %v\n%s", err, out)
	}
	buildWasm(b, "./testdata/goappfloor", filepath.Join(dir, "web", "app.wasm"))
	copyFiles(b, filepath.Join(dir, "web"), "testdata", "floor.js")
	copyFiles(b, dir, repoRoot, "wasm_exec.js")
	return dir
}

// buildWasm builds pkg's wasm into out, with the twins ./build.sh makes of
// the bundle's: out.gz and out.br, which serveFloor sends.
func buildWasm(b *testing.B, pkg, out string) {
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s", "-o", out, pkg)
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if output, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building %s: %v\n%s", pkg, err, output)
	}
	for _, compress := range [][]string{{"gzip", "-9", "-n", "-k", out}, {"brotli", "-q", "11", "-k", "-f", out}} {
		if output, err := exec.Command(compress[0], compress[1:]...).CombinedOutput(); err != nil {
			b.Fatalf("compressing %s: %v\n%s", out, err, output)
		}
	}
}

func copyFiles(b *testing.B, to, from string, names ...string) {
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(from, name))
		if err == nil {
			err = os.WriteFile(filepath.Join(to, name), data, 0o644)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
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

// coldAndWarm frames the page in the host page of a fresh tab, twice:
// cold, then warm, with its service worker and the wasm code cache.
func coldAndWarm(b *testing.B, e engine, url string) (cold, warm float64) {
	var times []float64
	measureIn(b, e, `(async () => {
		const cold = await firstReply(`+jsString(url)+`);
		// A pause, not an event: the service worker installs, which only
		// Chromium's DevTools protocol reports and the framed page never
		// tells its host, and V8 may write the wasm's compiled code to its
		// cache, which nothing reports.
		await new Promise((r) => setTimeout(r, 2000));
		document.querySelector("iframe").remove();
		return [cold, await firstReply(`+jsString(url)+`)];
	})()`, &times)
	return times[0], times[1]
}

// coldReply frames the page in the host page of a fresh tab and returns
// the ms to its first replies.
func coldReply(b *testing.B, e engine, url string) float64 {
	var ms float64
	measureIn(b, e, `firstReply(`+jsString(url)+`)`, &ms)
	return ms
}

// burstPerMessage posts 2,000 requests at once to a running page and
// returns the median time per message of five bursts, in µs, after one
// burst that lets the engine optimise the code it runs hot.
func burstPerMessage(b testing.TB, e engine, url string) float64 {
	var times []float64
	measureIn(b, e, `burst(`+jsString(url)+`)`, &times)
	return median(times)
}

// measureIn evaluates expression in the host page, loaded in a tab of its
// own in e, which it closes after.
func measureIn(b testing.TB, e engine, expression string, result any) {
	scoped(b, func(t testing.TB) {
		tb := e.open(t)
		visit(t, tb, hostURL)
		run(t, tb, expression, result)
	})
}

// scoped runs f with a testing.TB whose cleanups run when f returns rather
// than when b ends, so that a tab f opens is closed when its measurement
// is done. A benchmark opens a hundred tabs or more, and a Chromium tab
// left open past its chromedp context's time limit stops chromedp's
// connection: events for it then have no reader, and chromedp's routing of
// them blocks every later command.
func scoped(b testing.TB, f func(t testing.TB)) {
	s := &scope{TB: b}
	defer s.close()
	f(s)
}

type scope struct {
	testing.TB
	cleanups []func()
}

func (s *scope) Cleanup(f func()) { s.cleanups = append(s.cleanups, f) }

func (s *scope) close() {
	for i := len(s.cleanups) - 1; i >= 0; i-- {
		s.cleanups[i]()
	}
}

// memoryAfterMessages answers 10,000 messages and reads the size of the
// wasm's linear memory at 0, 5,000 and 10,000: Go grows it as its heap
// needs and never shrinks it, so a size that settles is a heap that does.
func memoryAfterMessages(b *testing.B, url string) (heap []float64) {
	scoped(b, func(t testing.TB) { heap = memoryIn(t, newBrowser(t), url) })
	return heap
}

func memoryIn(b testing.TB, ctx context.Context, url string) []float64 {
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
			// The glue answers them a batch a task, in tasks of its own.
			const deadline = performance.now() + 20000;
			while (nativeReplies.length < 1000 * (batch + 1)) {
				if (performance.now() > deadline) throw new Error(nativeReplies.length + " replies to " + 1000 * (batch + 1) + " messages");
				await new Promise((r) => setTimeout(r, 0));
			}
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

// BenchmarkStart prints where a cold start of each Go page goes, medians
// of 5 interleaved loads: when the wasm's compile was asked for and done
// (instantiateStreaming called, resolved), when the page started Go, when
// Go's start (package initialisation, then main until it first yields)
// ended, and the first reply to a message sent as the page is parsed; and
// the slowest package inits of one more load, traced with
// GODEBUG=inittrace=1, whose moments are not counted: tracing writes a
// console line a package, which slows the start it traces.
// CLDSIGN_BENCH_BEFORE adds another bundle's pages, as for BenchmarkPages.
// Run it with
// go test -run '^$' -bench BenchmarkStart -benchtime 1x ./e2e/
func BenchmarkStart(b *testing.B) {
	exportDir, goAppDir := buildExportFloor(b), buildGoAppFloor(b)
	pages := []struct{ name, url string }{
		{"Go export floor", serveFloor(b, exportDir) + "exportfloor.html"},
		{"go-app floor", serveFloor(b, goAppDir)},
		{"bridge.html", signerURL + "bridge.html"},
		{"index.html", signerURL},
	}
	if base, _ := serveBefore(b); base != "" {
		pages = append(pages, struct{ name, url string }{"bridge.html before", base + "bridge.html"}, struct{ name, url string }{"index.html before", base})
	}
	const rounds = 5
	marks := make([]map[string][]float64, len(pages))
	inits := make([]string, len(pages))
	for b.Loop() {
		for round := 0; round < rounds; round++ {
			for k := range pages {
				i := (k + round) % len(pages)
				m, _ := startMarks(b, pages[i].url, false)
				if marks[i] == nil {
					marks[i] = map[string][]float64{}
				}
				for name, ms := range m {
					marks[i][name] = append(marks[i][name], ms)
				}
				if round == 0 {
					_, inits[i] = startMarks(b, pages[i].url, true)
				}
			}
		}
	}
	fmt.Printf("\n%-16s %12s %9s %7s %11s %12s %s\n", "page (ms)", "instantiate", "compiled", "Go run", "Go yielded", "first reply", "package init")
	for i, p := range pages {
		reply := "-"
		if replies := marks[i]["first reply"]; len(replies) > 0 {
			reply = strconv.FormatFloat(median(replies), 'f', 0, 64)
		}
		fmt.Printf("%-16s %12.0f %9.0f %7.0f %11.0f %12s %s\n", p.name, median(marks[i]["instantiate called"]), median(marks[i]["compiled"]),
			median(marks[i]["go run"]), median(marks[i]["go yielded"]), reply, inits[i])
	}
}

// startMarks loads url in a fresh browser and returns the moments of its
// start, in ms since navigation, and, when traceInits, a summary of its
// package inits. Tracing writes a console line a package, which slows the
// start it traces: the moments of such a load are not the page's.
func startMarks(b *testing.B, url string, traceInits bool) (marks map[string]float64, inits string) {
	scoped(b, func(t testing.TB) { marks, inits = startMarksIn(t, newBrowser(t), url, traceInits) })
	return marks, inits
}

func startMarksIn(b testing.TB, ctx context.Context, url string, traceInits bool) (map[string]float64, string) {
	// Recording the console slows the start of a page that logs (go-app
	// does), so only the traced load records it.
	env, console := "{}", (*textLog)(nil)
	if traceInits {
		env, console = `{GODEBUG: "inittrace=1"}`, recordConsole(ctx)
	}
	injectNative(b, ctx, `
		window.startMarks = {};
		const mark = (name) => (startMarks[name] ??= performance.now());
		const instantiateStreaming = WebAssembly.instantiateStreaming;
		WebAssembly.instantiateStreaming = async (...args) => {
			mark("instantiate called");
			const result = await instantiateStreaming.apply(WebAssembly, args);
			mark("compiled");
			return result;
		};
		let Go;
		Object.defineProperty(globalThis, "Go", { configurable: true, get: () => Go, set: (G) => {
			Go = class extends G {
				constructor() { super(); this.env = `+env+`; }
				run(instance) { mark("go run"); const done = super.run(instance); mark("go yielded"); return done; }
			};
		}});
		// The signer pages answer a native message sent as the page is parsed.
		const post = ReactNativeWebView.postMessage;
		ReactNativeWebView.postMessage = (reply) => (mark("first reply"), post(reply));
		addEventListener("DOMContentLoaded", () => document.dispatchEvent(new MessageEvent("message", {data: "ping"})));`)
	// Top-level, not framed: the injected script reaches the page's own
	// frame only.
	if err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		b.Fatal(err)
	}
	var marks map[string]float64
	eval(b, ctx, `(async () => {
		const signer = !!globalThis.cldsignPage;
		while (!startMarks["go yielded"] || (signer && !startMarks["first reply"])) await new Promise((r) => setTimeout(r, 1));
		return startMarks;
	})()`, &marks)
	if console == nil {
		return marks, ""
	}
	var total float64
	var slow []string
	for _, line := range console.all() {
		// A console entry is the JSON text of what Go wrote, lines and all:
		// init <package> @<start> ms, <clock> ms clock, <bytes> bytes, <allocs> allocs
		for _, l := range strings.Split(strings.ReplaceAll(line, `\n`, "\n"), "\n") {
			f := strings.Fields(strings.Trim(l, `" `))
			if len(f) > 4 && f[0] == "init" && strings.HasPrefix(f[2], "@") {
				ms, _ := strconv.ParseFloat(f[4], 64)
				total += ms
				if ms >= 2 {
					slow = append(slow, f[1]+" "+f[4])
				}
			}
		}
	}
	return marks, fmt.Sprintf("%.0f ms in all; 2 ms or more: %s", total, strings.Join(slow, ", "))
}
