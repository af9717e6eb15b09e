package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

// TestHostileCorpus posts every message of testdata/hostile.json: each
// gets exactly one structured error or a correct result, and the signer
// keeps answering.
func TestHostileCorpus(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/hostile.json")
	if err != nil {
		t.Fatal(err)
	}
	var corpus struct {
		Messages []struct{ Name, JS, Expect string }
	}
	if err := json.Unmarshal(raw, &corpus); err != nil {
		t.Fatal(err)
	}
	if len(corpus.Messages) < 100 {
		t.Fatalf("the corpus has %d messages, want at least 100", len(corpus.Messages))
	}
	tb := openHost(t, chromiumEngine(t), "bridge.html")
	run(t, tb, hostileJS, nil)
	errors, correct := 0, 0
	for _, m := range corpus.Messages {
		var result struct {
			Replies  []hostReply
			Expected string // the Web Crypto digest, for texts the signer hashes
		}
		var out string
		run(t, tb, `hostile(`+m.JS+`)`, &out)
		if err := json.Unmarshal([]byte(out), &result); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		if len(result.Replies) != 2 {
			t.Errorf("%s: %d replies, want exactly one and the next message's", m.Name, len(result.Replies))
			continue
		}
		if alive := result.Replies[1].object(t); alive["hex"] != sdkHex("still alive") {
			t.Errorf("%s: the next message got %s", m.Name, result.Replies[1].Data)
		}
		checkHostileReply(t, m.Name, m.Expect, result.Replies[0], result.Expected)
		if m.Expect == "ok" {
			correct++
		} else {
			errors++
		}
	}
	t.Logf("corpus: %d messages, %d structured errors, %d correct results, lost: 0", len(corpus.Messages), errors, correct)
}

func checkHostileReply(t *testing.T, name, expect string, r hostReply, webCryptoDigest string) {
	t.Helper()
	if r.Type == "string" && !strings.HasPrefix(strings.TrimSpace(string(r.Data)), `"{`) {
		// A legacy reply: the digest of the text itself.
		var hex string
		_ = json.Unmarshal(r.Data, &hex)
		if expect != "ok" || hex != webCryptoDigest {
			t.Errorf("%s: legacy reply %q, want %s (Web Crypto says %s)", name, hex, expect, webCryptoDigest)
		}
		return
	}
	reply := r.object(t)
	if rv, envelope := reply["returnValue"]; envelope {
		switch v := rv.(type) {
		case string:
			if strings.HasPrefix(v, "{") {
				_ = json.Unmarshal([]byte(v), &reply)
			} else {
				reply = map[string]any{"ok": true, "hex": v}
			}
		case map[string]any:
			reply = v
		}
	}
	if expect != "ok" {
		e, _ := reply["error"].(map[string]any)
		if reply["ok"] != false || e == nil || e["code"] != expect || e["message"] == "" {
			t.Errorf("%s: got %.300s, want error %s", name, r.Data, expect)
		}
		return
	}
	if reply["ok"] != true {
		t.Errorf("%s: got %.300s, want a result", name, r.Data)
		return
	}
	if hex, has := reply["hex"].(string); has && hex != webCryptoDigest {
		t.Errorf("%s: hex %s, Web Crypto says %s", name, hex, webCryptoDigest)
	}
	if s, has := reply["string_to_sign"].(string); has && reply["signature"] != sdkHex(s+"s") {
		t.Errorf("%s: signature %v is not the SHA-1 of its string to sign", name, reply["signature"])
	}
}

// burstReport is what each burst host tells the signer page.
type burstReport struct {
	Tag                               string
	Sent, Answered, Duplicates, Wrong int
	Ms                                float64
}

// TestBurstFromThreeOrigins: 10,000 messages at once from three
// cross-origin frames beside the signer, each answered exactly once, to its
// own sender.
func TestBurstFromThreeOrigins(t *testing.T) {
	t.Parallel()
	// Two origins no other page of the test uses, and the signer's host
	// name on another port: a third site-alike origin.
	hosts := []string{hostOrigins[1], hostOrigins[2], strings.Replace(hostOrigins[0], "localhost", "127.0.0.1", 1)}
	for _, signerPage := range signerPages {
		t.Run("page="+signerPage, func(t *testing.T) {
			t.Parallel()
			tb := openHost(t, chromiumEngine(t), signerPage)
			counts := []int{3334, 3333, 3333}
			var out string
			run(t, tb, `(async () => {
				const reports = [];
				addEventListener("message", (e) => { if (e.data && e.data.burstReport) reports.push(e.data.burstReport); });
				const hosts = `+mustJSON(hosts)+`, counts = `+mustJSON(counts)+`;
				hosts.forEach((h, i) => frame(h + "/burst.html?n=" + counts[i] + "&tag=" + "abc"[i]));
				await until(() => reports.length === 3);
				return JSON.stringify(reports);
			})()`, &out)
			var reports []burstReport
			if err := json.Unmarshal([]byte(out), &reports); err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, r := range reports {
				total += r.Answered
				if r.Answered != r.Sent || r.Duplicates != 0 || r.Wrong != 0 {
					t.Errorf("host %s: sent %d, answered %d, duplicates %d, misrouted or failed %d", r.Tag, r.Sent, r.Answered, r.Duplicates, r.Wrong)
				}
			}
			if total != 10000 {
				t.Errorf("%d of 10000 messages answered", total)
			}
			t.Logf("%s: 10000 messages from 3 origins answered in %v", signerPage, reportTimes(reports))
		})
	}
}

func reportTimes(reports []burstReport) string {
	var parts []string
	for _, r := range reports {
		parts = append(parts, fmt.Sprintf("%s %.0f ms", r.Tag, r.Ms))
	}
	return strings.Join(parts, ", ")
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestFiftyReloads reloads the framed signer 50 times with messages in
// flight; after every reload it answers, and no message is answered twice.
func TestFiftyReloads(t *testing.T) {
	t.Parallel()
	tb := openHost(t, chromiumEngine(t), "bridge.html")
	var out string
	run(t, tb, reloadsJS, &out)
	var result struct{ AnsweredAfterReload, InFlightAnswered, Duplicates int }
	if err := json.Unmarshal([]byte(out), &result); err != nil {
		t.Fatal(err)
	}
	if result.AnsweredAfterReload != 50 || result.Duplicates != 0 {
		t.Errorf("50 reloads: %+v", result)
	}
	t.Logf("50 reloads: %d answered after reload, %d of 1000 in-flight messages answered before their page went, 0 duplicates", result.AnsweredAfterReload, result.InFlightAnswered)
}

// TestCSPBlocksExfiltration tries every way a page script could send data
// to another origin; the Content-Security-Policy stops them all, with the
// header (the server) and with the <meta> alone (a plain folder).
func TestCSPBlocksExfiltration(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	listener := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer listener.Close()
	target := strings.Replace(listener.URL, "127.0.0.1", "localhost", 1) + "/leak?secret=" + testSecret
	for _, base := range []string{signerURL, serveDir(t, repoRoot)} {
		for _, page := range signerPages {
			tb := chromiumEngine(t).open(t)
			visit(t, tb, base+page)
			waitSignerReady(t, tb)
			var violations []string
			run(t, tb, `(`+exfiltrateJS+`)(`+jsString(target)+`)`, &violations)
			if len(violations) < 4 {
				t.Errorf("%s%s: %d violations reported (%v), want 4", base, page, len(violations), violations)
			}
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests reached the listening port", n)
	}
}
