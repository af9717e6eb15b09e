package cldsign

import (
	"io/fs"
	"testing"

	"github.com/cldsign/cldsign/server/bundle"
)

// TestBundleEmbedsTheList holds the embed directive, which cannot read a
// file, to the list everything else reads.
func TestBundleEmbedsTheList(t *testing.T) {
	listed := map[string]bool{}
	for _, name := range bundle.Paths() {
		listed[name] = true
	}
	embedded := map[string]bool{}
	err := fs.WalkDir(Bundle, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			embedded[name] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range listed {
		if !embedded[name] {
			t.Errorf("%s is listed in server/bundle/files.txt but not embedded: add it to bundle.go", name)
		}
	}
	for name := range embedded {
		if !listed[name] {
			t.Errorf("%s is embedded but not listed in server/bundle/files.txt", name)
		}
	}
}
