package e2e

import (
	"os/exec"
	"testing"
)

// TestBundleIsFresh: the browser tests load the bundle in the tree, so it
// must be what the sources build now, or they would pass or fail on stale
// wasm and pages. ./build.sh fresh rebuilds into a scratch folder and
// compares bytes, builds being reproducible; with Go's build cache warm it
// takes about 2 s.
func TestBundleIsFresh(t *testing.T) {
	check := exec.Command("./build.sh", "fresh")
	check.Dir = repoRoot
	if out, err := check.CombinedOutput(); err != nil {
		t.Fatalf("the bundle under test is not what its sources build, so these browser tests test stale files (%v):\n%s", err, out)
	}
}
