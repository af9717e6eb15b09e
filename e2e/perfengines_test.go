package e2e

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/cldsign/cldsign/server/bundle"
)

// BenchmarkEngines prints the cold first reply and the burst per message
// of bridge.html and index.html beside the JavaScript baseline and the Go
// export floor, answering as it stands and with cldsign's whole reply, in
// Chromium, Firefox and WebKit, all interleaved in one run. Each cold load is in a fresh tab and from an origin of its own,
// since WebKit's tabs share one cache. ./build.sh bench runs it.
func BenchmarkEngines(b *testing.B) {
	baselineDir, exportDir := filepath.Join("testdata", "baseline"), buildExportFloor(b)
	// Each page starts a server on a new origin and gives its URL and the
	// server's stop.
	static := func(dir, file string) func() (string, func()) {
		return func() (string, func()) {
			s := httptest.NewServer(floorHandler(dir))
			return s.URL + "/" + file, s.Close
		}
	}
	signer := func(page string) func() (string, func()) {
		return func() (string, func()) {
			p, base := serve(b, "-addr", "127.0.0.1:0")
			return base + page, p.stop
		}
	}
	pages := []struct {
		name  string
		serve func() (string, func())
	}{
		{"baseline (JS + Web Crypto)", static(baselineDir, "baseline.html")},
		{"Go export floor", static(exportDir, "exportfloor.html")},
		{"export floor, whole reply", static(exportDir, "exportfloor.html?whole")},
		{"bridge.html", signer("bridge.html")},
		{"index.html", signer("")},
	}
	engines := make([]engine, len(allEngines))
	for i, slot := range allEngines {
		engines[i] = slot.get(b)
	}
	const rounds, burstRounds = 9, 3
	n := len(engines) * len(pages)
	cold, bursts := make([][]float64, n), make([][]float64, n)
	// measure runs one measurement of each engine and page, a different
	// one first each round (while rounds ≤ n).
	measure := func(rounds int, results [][]float64, in func(e engine, url string) float64) {
		for round := 0; round < rounds; round++ {
			for k := 0; k < n; k++ {
				i := (k + round) % n
				url, stop := pages[i%len(pages)].serve()
				results[i] = append(results[i], in(engines[i/len(pages)], url))
				stop()
			}
		}
	}
	for b.Loop() {
		measure(rounds, cold, func(e engine, url string) float64 { return coldReply(b, e, url) })
		measure(burstRounds, bursts, func(e engine, url string) float64 { return burstPerMessage(b, e, url) })
	}
	fmt.Printf("\ncldsign in three engines, %d cold loads and %d bursts a page, engines and pages interleaved, one run\n\n", rounds, burstRounds)
	fmt.Printf("%-9s %-28s %8s %6s %6s %9s %6s %6s %6s\n", "engine", "page", "cold ms", "×JS", "×exp", "burst µs", "×JS", "×exp", "×whole")
	for e, engine := range engines {
		first := e * len(pages)
		jsCold, expCold := median(cold[first]), median(cold[first+1])
		jsBurst, expBurst, wholeBurst := median(bursts[first]), median(bursts[first+1]), median(bursts[first+2])
		for p, page := range pages {
			c, u := median(cold[first+p]), median(bursts[first+p])
			fmt.Printf("%-9s %-28s %8.0f %6.2f %6.2f %9.1f %6.2f %6.2f %6.2f\n", engine.name(), page.name, c, c/jsCold, c/expCold,
				u, u/jsBurst, u/expBurst, u/wholeBurst)
		}
	}
	fmt.Println("\n×JS, ×exp, ×whole: the ratio to the JavaScript baseline, to the Go export floor, and to that floor")
	fmt.Println("answering with cldsign's whole reply through JSON text (testdata/floor.js), in the same engine, same run.")
	fmt.Printf("cold: median of %d, from creating the iframe to the replies to a legacy string and a destroy request,\n", rounds)
	fmt.Println("in a fresh tab, from an origin no load used before.")
	fmt.Printf("burst: 2,000 destroy requests posted at once to a running page, per message; the median of 5 after\n")
	fmt.Printf("a warm-up burst, in each of %d interleaved rounds, and the median of those.\n", burstRounds)
}

// BenchmarkMessageKinds splits a message's cost in each engine: bridge.html
// loaded top-level answers 2,000 cldsign.request() calls of one kind at
// once, per kind. The legacy string costs a hash and the crossing; ping
// adds reading and writing JSON; destroy adds checking, signing and the
// reply's every field. Set beside BenchmarkEngines, it says where a burst
// message's time goes in each engine.
func BenchmarkMessageKinds(b *testing.B) {
	kinds := []struct{ name, message string }{
		{"legacy string", `"public_id=cat&timestamp=1315060510abcd"`},
		{"ping (text)", `'{"action":"ping"}'`},
		{"hash (object)", `{action: "hash", text: "abc"}`},
		{"destroy (text)", `'{"action":"destroy","id":1,"public_id":"cat1","timestamp":1315060510,"api_key":"1234","api_secret":"abcd"}'`},
		{"destroy (object)", `{action: "destroy", id: 1, public_id: "cat1", timestamp: 1315060510, api_key: "1234", api_secret: "abcd"}`},
	}
	engines := make([]engine, len(allEngines))
	for i, slot := range allEngines {
		engines[i] = slot.get(b)
	}
	perMessage := make([][]float64, len(engines))
	for b.Loop() {
		for e, en := range engines {
			tb := en.open(b)
			visit(b, tb, signerURL+"bridge.html")
			waitSignerReady(b, tb)
			for _, kind := range kinds {
				var µs []float64
				run(b, tb, `(async () => {
					const message = `+kind.message+`;
					const times = [];
					for (let round = 0; round < 6; round++) {
						const start = performance.now();
						await Promise.all(Array.from({length: 2000}, () => cldsign.request(message)));
						times.push((performance.now() - start) * 1000 / 2000);
					}
					return times.slice(1);
				})()`, &µs)
				perMessage[e] = append(perMessage[e], median(µs))
			}
		}
	}
	fmt.Printf("\nbridge.html, 2,000 cldsign.request() calls at once, µs a message (median of 5 after a warm-up round)\n\n")
	fmt.Printf("%-18s", "message")
	for _, en := range engines {
		fmt.Printf(" %9s", en.name())
	}
	fmt.Println()
	for k, kind := range kinds {
		fmt.Printf("%-18s", kind.name)
		for e := range engines {
			fmt.Printf(" %9.1f", perMessage[e][k])
		}
		fmt.Println()
	}
}

// BenchmarkBurstSplit splits a burst message's time in each engine into the
// part spent inside Go (cldsign_answer: reading the message, signing,
// writing the reply) and the rest (the engine's messaging, the glue, the
// host), beside the floors' bursts in the same run, and times Go's part of
// a burst of pings (a request read and a reply written, nothing checked or
// signed). testdata/measure.js, put in front of the glue in a copy of the
// bundle, times Go from inside bridge.html.
//
// It also times a burst with Go's answer taken out (bridge.html?fixed-reply,
// where measure.js hands the glue the first reply again instead of asking
// Go): what the glue and the engine's messaging cost on their own, which
// leaves what is left of the burst target (1.25× the export floor) for Go.
// And it times the whole-reply floor answering in batches as well as one by
// one, since batches change what messaging costs.
func BenchmarkBurstSplit(b *testing.B) {
	dir := measuredBundle(b)
	exportDir := buildExportFloor(b)
	engines := make([]engine, len(allEngines))
	for i, slot := range allEngines {
		engines[i] = slot.get(b)
	}
	const rounds = 3
	type split struct{ PerMessage, InGo float64 }
	type results struct{ perMessage, inGo, pingInGo, noGo, whole, batchedWhole, export []float64 }
	all := make([]results, len(engines))
	for b.Loop() {
		for round := 0; round < rounds; round++ {
			for e, en := range engines {
				scoped(b, func(t testing.TB) { // each round's servers stop with it
					r := &all[e]
					_, base := serve(t, "-addr", "127.0.0.1:0", "-dir", dir)
					for _, action := range []string{"destroy", "ping"} {
						var runs []split
						measureIn(t, en, `burst(`+jsString(base+"bridge.html")+`, true, `+jsString(action)+`)`, &runs)
						for _, run := range runs {
							if action == "ping" {
								r.pingInGo = append(r.pingInGo, run.InGo)
							} else {
								r.perMessage, r.inGo = append(r.perMessage, run.PerMessage), append(r.inGo, run.InGo)
							}
						}
					}
					floor := serveFloor(t, exportDir) + "exportfloor.html"
					// The plain bursts, a different one first each round.
					plain := []struct {
						url string
						to  *[]float64
					}{
						{base + "bridge.html?fixed-reply", &r.noGo},
						{floor + "?whole", &r.whole},
						{floor + "?whole&batched", &r.batchedWhole},
						{floor, &r.export},
					}
					for k := range plain {
						p := plain[(k+round)%len(plain)]
						*p.to = append(*p.to, burstPerMessage(t, en, p.url))
					}
				})
			}
		}
	}
	fmt.Printf("\nbridge.html, bursts of 2,000 destroy requests, µs a message: the median of %d bursts in %d rounds\n\n", 5*rounds, rounds)
	fmt.Printf("%-9s %8s %6s %7s %6s %9s %7s %6s %7s %8s %7s %8s\n", "engine", "burst", "×exp", "in Go", "share", "the rest",
		"no Go", "×exp", "whole", "batched", "export", "ping Go")
	for e, en := range engines {
		r := all[e]
		burst, goPart, export, ping := median(r.perMessage), median(r.inGo), median(r.export), median(r.pingInGo)
		noGo, whole, batched := median(r.noGo), median(r.whole), median(r.batchedWhole)
		fmt.Printf("%-9s %8.1f %6.2f %7.1f %5.0f%% %9.1f %7.1f %6.2f %7.1f %8.1f %7.1f %8.1f\n", en.name(), burst, burst/export, goPart,
			100*goPart/burst, burst-goPart, noGo, noGo/export, whole, batched, export, ping)
	}
	fmt.Println("\nin Go: inside cldsign_answer, timed in the page; the rest: the engine's messaging, the glue and the host.")
	fmt.Println("no Go: the same burst with Go's answer taken out (the glue gets the first reply again), ×exp its ratio")
	fmt.Println("to the export floor. whole, batched, export: the export floor answering with cldsign's whole reply")
	fmt.Println("(floor.js?whole) one by one and in batches, and as it stands (the burst's ×exp); ping Go: Go's part")
	fmt.Println("of a burst of pings to bridge.html.")
}

// measuredBundle is a copy of the bundle whose glue starts with
// testdata/measure.js.
func measuredBundle(b *testing.B) string {
	dir := b.TempDir()
	for _, f := range bundle.Files {
		names := []string{f.Path}
		if f.Twins && f.Path != "web/cldsign.js" { // the glue changes: it is served plain
			names = append(names, f.Path+".gz", f.Path+".br")
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(f.Path)), 0o755); err != nil {
			b.Fatal(err)
		}
		copyFiles(b, dir, "..", names...)
	}
	probe, err := os.ReadFile(filepath.Join("testdata", "measure.js"))
	if err == nil {
		var glue []byte
		if glue, err = os.ReadFile(filepath.Join("..", "web", "cldsign.js")); err == nil {
			err = os.WriteFile(filepath.Join(dir, "web", "cldsign.js"), append(append(probe, '\n'), glue...), 0o644)
		}
	}
	if err != nil {
		b.Fatal(err)
	}
	return dir
}
