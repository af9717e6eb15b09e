package e2e

import _ "embed" // the page-side scripts of the tests

var (
	// hostJS is the test host's script, also given to signer pages that
	// play a host in a test.
	//go:embed testdata/host.js
	hostJS string
	//go:embed testdata/noloops.js
	noLoopsJS string
	//go:embed testdata/reloads.js
	reloadsJS string
	//go:embed testdata/hostile.js
	hostileJS string
	//go:embed testdata/stored.js
	storedJS string
	//go:embed testdata/exfiltrate.js
	exfiltrateJS string
)
