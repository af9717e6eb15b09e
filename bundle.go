// Package cldsign is the built signer: the bundle at the repository root,
// embedded so that the server binary is self-contained. The same files are
// the GitHub Pages site.
package cldsign

import "embed"

// Bundle holds every file the signer serves, with their precompressed
// .gz and .br twins: the files server/bundle/files.txt lists, which
// bundle_test.go holds this directive to.
//
//go:embed index.html bridge.html app.js app-worker.js bridge-worker.js wasm_exec.js manifest.webmanifest app.css
//go:embed web/app.wasm web/bridge.wasm web/icon-192.png web/icon-512.png
//go:embed web/cldsign.css web/icon.svg web/lean.js web/queue.js
//go:embed *.gz *.br web/*.gz web/*.br
var Bundle embed.FS
