package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGenerate builds the pages around stand-in wasm files and checks what
// GitHub Pages and the server rely on: relative URLs only, the policy
// first, no build-time address, the same bytes twice.
func TestGenerate(t *testing.T) {
	root := t.TempDir()
	web := filepath.Join(root, "web")
	if err := os.MkdirAll(web, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"app.wasm", "bridge.wasm", "cldsign.css", "queue.js", "lean.js", "icon.svg"} {
		if err := os.WriteFile(filepath.Join(web, name), []byte("stand-in "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Generate(root); err != nil {
		t.Fatal(err)
	}
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
	if !strings.Contains(first["app.js"], startLater) {
		t.Error("app.js does not start the service worker after the wasm")
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
