//go:build !js

// The tests here check what the wasm builds depend on, with the go
// command; they run natively, where it is.
package wasm_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// wasmDeps lists the packages ./pkg depends on in the js/wasm build: the
// import path of each, and of each package it imports directly.
func wasmDeps(t *testing.T, pkg string) map[string][]string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("these checks need the go command on PATH: %v", err)
	}
	cmd := exec.Command(goCmd, "list", "-deps",
		"-f", "{{.ImportPath}}{{if not .Standard}} project{{end}}:{{join .Imports \" \"}}", pkg)
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v", pkg, err)
	}
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, imports, _ := strings.Cut(line, ":")
		deps[name] = strings.Fields(imports)
	}
	return deps
}

// TestCoreTouchesNoBrowser: the signing core is pure Go. In a js/wasm
// build the standard library itself reaches syscall/js (time does, to read
// the time zone), so what must hold is that no package of this project on
// the core's path imports it: msgjson, whose number reader asks the
// browser's Number(), once came in through the shared key order.
func TestCoreTouchesNoBrowser(t *testing.T) {
	for _, pkg := range []string{"./cloudinary", "./canon", "./diagnose"} {
		for name, imports := range wasmDeps(t, pkg) {
			if strings.HasSuffix(name, " project") && slices.Contains(imports, "syscall/js") {
				t.Errorf("%s depends on %s, which imports syscall/js", pkg, strings.TrimSuffix(name, " project"))
			}
		}
	}
}

// TestHeadlessWasmStaysLean: these packages made the headless page's wasm
// half again as large, and the standard library's digests bring its FIPS
// 140 module, a tenth of the page (README, Architecture).
func TestHeadlessWasmStaysLean(t *testing.T) {
	deps := wasmDeps(t, "./lean")
	if _, ok := deps["github.com/cldsign/cldsign/wasm/bridge project"]; !ok {
		t.Fatalf("the dependency list does not look like lean's: %d packages", len(deps))
	}
	for _, heavy := range []string{"encoding/json", "regexp", "fmt", "net/url", "reflect", "crypto/sha1", "crypto/sha256", "github.com/norunners/vert project"} {
		if _, ok := deps[heavy]; ok {
			t.Errorf("web/bridge.wasm depends on %s", strings.TrimSuffix(heavy, " project"))
		}
	}
}
