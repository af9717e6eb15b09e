package site

// bridgePage is bridge.html: no UI, no go-app, only the signer. Every URL
// in it is relative, so it works at any base path. The page is built for
// as few round trips as it can take: its inline boot script starts the wasm
// download as the page is parsed, and the two scripts the wasm needs load
// beside it, not before it.
func bridgePage() string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
` + policyTag + bootTag("web/bridge.wasm", true) + `<script async src="wasm_exec.js"></script>
<script async src="web/cldsign.js"></script>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>cldsign bridge</title>
</head>
<body></body>
</html>
`
}
