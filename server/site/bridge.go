package site

// bridgePage is bridge.html: no UI, no go-app, only the early-message queue
// and the lean wasm. Every URL in it is relative, so it works at any base
// path. The scripts run as soon as they arrive, not deferred: the page has
// nothing to render, and compiling the wasm sooner answers sooner.
func bridgePage() string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
` + policyTag + `<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>cldsign bridge</title>
<link rel="preload" href="web/bridge.wasm" as="fetch" crossorigin>
<script src="web/queue.js"></script>
<script src="wasm_exec.js"></script>
<script src="web/lean.js"></script>
</head>
<body></body>
</html>
`
}
