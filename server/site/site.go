// Package site generates cldsign's bundle: the go-app page index.html with
// its companions, and the lean bridge.html, all at the repository root so
// that the repository itself is the website.
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cldsign/cldsign/wasm/ui"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Generated lists the files the generator writes at the root, besides web/.
var Generated = []string{"index.html", "bridge.html", "app.js", "app-worker.js", "bridge-worker.js", "wasm_exec.js", "manifest.webmanifest", "app.css"}

// Generate writes the pages into root, whose web/ folder must already hold
// app.wasm, bridge.wasm and the static resources.
func Generate(root string) error {
	if err := writeIcons(filepath.Join(root, "web")); err != nil {
		return err
	}
	version, err := contentVersion(filepath.Join(root, "web"))
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
	for _, name := range Generated {
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
		Scripts:               []string{"/web/cldsign.js"}, // so that the worker caches it; relocate defers it
		Resources:             app.CustomProvider("", placeholderPrefix),
		Version:               version,
		ServiceWorkerTemplate: workerTemplate("app-"),
	}
}

// contentVersion hashes every file under web/, so the service worker
// updates exactly when the bundle changes and two builds agree.
func contentVersion(web string) (string, error) {
	var files []string
	err := filepath.WalkDir(web, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasSuffix(path, ".gz") && !strings.HasSuffix(path, ".br") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(web, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
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
