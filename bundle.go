// Package cldsign is the built signer: the bundle at the repository root,
// embedded so that the server binary is self-contained. The same files are
// the GitHub Pages site.
package cldsign

import "embed"

// Bundle holds every file the signer serves, with their precompressed
// .gz and .br twins.
//
//go:embed index.html bridge.html app.js app-worker.js bridge-worker.js wasm_exec.js manifest.webmanifest app.css
//go:embed *.gz *.br web
var Bundle embed.FS
