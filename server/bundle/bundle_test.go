package bundle

import (
	"path"
	"strings"
	"testing"
)

func TestFilesAreCleanAndDistinct(t *testing.T) {
	if len(Files) == 0 {
		t.Fatal("files.txt lists no file")
	}
	seen := map[string]bool{}
	for _, f := range Files {
		if f.Path != path.Clean(f.Path) || strings.HasPrefix(f.Path, "/") || strings.HasPrefix(f.Path, "..") {
			t.Errorf("%q is not a clean path from the root", f.Path)
		}
		if seen[f.Path] {
			t.Errorf("%s is listed twice", f.Path)
		}
		seen[f.Path] = true
	}
	for _, page := range []string{"index.html", "bridge.html", "web/app.wasm", "web/bridge.wasm"} {
		if !seen[page] {
			t.Errorf("files.txt lacks %s", page)
		}
	}
}

func TestParse(t *testing.T) {
	files, err := parse("# comment\n\nbuilt yes index.html\nsource  no   web/icon.svg\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []File{{Path: "index.html", Built: true, Twins: true}, {Path: "web/icon.svg"}}
	if len(files) != len(want) || files[0] != want[0] || files[1] != want[1] {
		t.Errorf("parse = %+v, want %+v", files, want)
	}
	for _, bad := range []string{"built index.html", "made yes index.html", "built maybe index.html", "built yes a b"} {
		if _, err := parse(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("parse(%q) = %v, want an error naming line 1", bad, err)
		}
	}
}
