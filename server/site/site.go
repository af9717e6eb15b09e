// Package site generates cldsign's bundle: the go-app page index.html with
// its companions, and the lean bridge.html, all at the repository root so
// that the repository itself is the website.
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/cldsign/cldsign/server/bundle"
	"github.com/cldsign/cldsign/wasm/ui"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// policyTag carries the policy in a page. A policy governs only what comes
// after it, so each page has it right after its charset.
var policyTag = `<meta content="` + bundle.CSP + `" http-equiv="Content-Security-Policy">` + "\n"

// bootTag is the boot script for a page whose wasm is at wasmURL; with
// instantiate, the page glue starts the wasm itself (bridge.html), without
// it go-app's app.js does (index.html). It comes right after the policy.
func bootTag(wasmURL string, instantiate bool) string {
	attributes := ` data-wasm="` + wasmURL + `"`
	if instantiate {
		attributes += " data-instantiate"
	}
	return "<script" + attributes + ">" + bundle.BootScript + "</script>\n"
}

// pages are the files Generate writes at the root: the bundle's built
// files outside web/.
func pages() []string {
	var names []string
	for _, f := range bundle.Files {
		if f.Built && !strings.Contains(f.Path, "/") {
			names = append(names, f.Path)
		}
	}
	return names
}

// Generate writes the pages into root, whose web/ folder must already hold
// app.wasm, bridge.wasm and the static resources.
func Generate(root string) error {
	if err := writeIcons(filepath.Join(root, "web")); err != nil {
		return err
	}
	version, err := contentVersion(root)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "cldsign-site-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	ui.Register()
	if err := app.GenerateStaticWebsite(tmp, handler(version)); err != nil {
		return fmt.Errorf("generating the go-app page: %w", err)
	}
	for _, name := range pages() {
		var content []byte
		switch name {
		case "bridge.html":
			content = []byte(bridgePage())
		case "bridge-worker.js":
			content, err = bridgeWorker(version)
		case "wasm_exec.js":
			// The runtime support must match the toolchain that built the
			// wasm, not the older copy go-app carries.
			content, err = toolchainWasmExec()
		default:
			content, err = os.ReadFile(filepath.Join(tmp, name))
		}
		if err != nil {
			return err
		}
		if content, err = relocate(name, content); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(root, name), content, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(root, ".nojekyll"), nil, 0o644)
}

func handler(version string) *app.Handler {
	return &app.Handler{
		Name:            "cldsign",
		ShortName:       "cldsign",
		Title:           "cldsign — sign Cloudinary requests on this device",
		Description:     "Signs Cloudinary API requests in the browser with WebAssembly; the API secret never leaves the device.",
		Author:          "cldsign",
		Lang:            "en",
		BackgroundColor: "#0f172a",
		ThemeColor:      "#1d4ed8",
		LoadingLabel:    "Loading the signer…",
		Icon: app.Icon{
			Default:    "/web/icon-192.png",
			Large:      "/web/icon-512.png",
			SVG:        "/web/icon.svg",
			AppleTouch: "/web/icon-192.png",
		},
		Styles:                []string{"/web/cldsign.css"},
		Scripts:               []string{"/web/cldsign.js"}, // so that the worker caches it; relocate makes it async
		Resources:             app.CustomProvider("", placeholderPrefix),
		Version:               version,
		ServiceWorkerTemplate: workerTemplate("app-"),
	}
}

// contentVersion hashes the bundle's files under web/, so the service
// worker updates exactly when the bundle changes and two builds agree.
func contentVersion(root string) (string, error) {
	h := sha256.New()
	for _, f := range bundle.Files {
		if !strings.HasPrefix(f.Path, "web/") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f.Path)))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", strings.TrimPrefix(f.Path, "web/"), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// toolchainWasmExec reads wasm_exec.js from the Go toolchain that builds
// the wasm. It asks the go command because a -trimpath binary does not know
// its GOROOT.
func toolchainWasmExec() ([]byte, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("finding the Go toolchain: %w", err)
	}
	return os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js"))
}
