package site

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cldsign/cldsign/server/bundle"
)

// generateAroundStandIns generates the pages in a fresh folder whose web/
// holds stand-ins for the wasm files and the static resources.
func generateAroundStandIns(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	web := filepath.Join(root, "web")
	if err := os.MkdirAll(web, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"app.wasm", "bridge.wasm", "cldsign.css", "cldsign.js", "icon.svg"} {
		if err := os.WriteFile(filepath.Join(web, name), []byte("stand-in "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Generate(root); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestGenerate builds the pages around stand-in wasm files and checks what
// GitHub Pages and the server rely on: relative URLs only, the policy
// first, no build-time address, the same bytes twice.
func TestGenerate(t *testing.T) {
	root := generateAroundStandIns(t)
	first := map[string]string{}
	absolute := regexp.MustCompile(`(href|src)="/|"/(web|app|wasm_exec|manifest)`)
	for _, name := range pages() {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		first[name] = text
		if m := absolute.FindString(text); m != "" {
			t.Errorf("%s has an absolute URL: %s", name, m)
		}
		if strings.Contains(text, placeholderPrefix) || strings.Contains(text, "127.0.0.1") {
			t.Errorf("%s names the build: placeholder or the address of the rendering server", name)
		}
	}
	for _, page := range []string{"index.html", "bridge.html"} {
		head := strings.SplitN(first[page], "\n", 6)
		if !strings.Contains(head[3], "charset") || !strings.Contains(head[4], "Content-Security-Policy") {
			t.Errorf("%s: the policy is not the first thing in the head:\n%s", page, strings.Join(head, "\n"))
		}
	}
	for _, fix := range appJSFixes {
		if !strings.Contains(first["app.js"], fix.cldsign) {
			t.Errorf("app.js lacks %q", fix.cldsign)
		}
	}
	if err := Generate(root); err != nil {
		t.Fatal(err)
	}
	for _, name := range pages() {
		data, _ := os.ReadFile(filepath.Join(root, name))
		if string(data) != first[name] {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestRelocateRefusesAnUnknownAppJS(t *testing.T) {
	if _, err := relocate("app.js", []byte("goappInitWebAssembly();\n")); err == nil {
		t.Error("an app.js of another shape was rewritten without complaint")
	}
}

// TestInlineScriptsAreAllowedByHash checks each page's inline scripts
// against its policy: every one is allowed by its hash, the policy keeps
// 'unsafe-inline' out, and the boot script comes before anything that
// could hold it back (a stylesheet) or that it must precede (a script).
func TestInlineScriptsAreAllowedByHash(t *testing.T) {
	root := generateAroundStandIns(t)
	inline := regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)
	policy := regexp.MustCompile(`<meta content="([^"]*)" http-equiv="Content-Security-Policy">`)
	for _, page := range []string{"index.html", "bridge.html"} {
		data, err := os.ReadFile(filepath.Join(root, page))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		csp := policy.FindStringSubmatch(text)
		if csp == nil || csp[1] != bundle.CSP {
			t.Fatalf("%s: policy %v, want %s", page, csp, bundle.CSP)
		}
		if scriptSources := regexp.MustCompile(`script-src[^;]*`).FindString(bundle.CSP); strings.Contains(scriptSources, "unsafe-inline") {
			t.Fatalf("the policy allows any inline script: %s", scriptSources)
		}
		scripts := inline.FindAllStringSubmatch(text, -1)
		var inlineCount int
		for _, s := range scripts {
			if s[2] == "" {
				continue
			}
			inlineCount++
			sum := sha256.Sum256([]byte(s[2]))
			if hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp[1], hash) {
				t.Errorf("%s: an inline script whose hash %s the policy does not allow", page, hash)
			}
		}
		if inlineCount != 1 {
			t.Errorf("%s has %d inline scripts, want the boot script alone", page, inlineCount)
		}
		boot := strings.Index(text, "<script data-wasm=")
		for _, later := range []string{`rel="stylesheet"`, `<script defer`, `<script async`, `<link`} {
			if i := strings.Index(text, later); i >= 0 && i < boot {
				t.Errorf("%s: %s comes before the boot script", page, later)
			}
		}
	}
}
