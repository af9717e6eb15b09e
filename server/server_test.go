package main

import (
	"github.com/cldsign/cldsign/server/site"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

func TestAcceptsEncoding(t *testing.T) {
	for _, tt := range []struct {
		header, coding string
		want           bool
	}{
		{"gzip, deflate, br", "br", true},
		{"gzip;q=1.0, br;q=0", "br", false},
		{"BR; q=0.5", "br", true},
		{"identity", "gzip", false},
		{"", "gzip", false},
		{"gzip;q=0.000", "gzip", false},
	} {
		if got := acceptsEncoding(tt.header, tt.coding); got != tt.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v", tt.header, tt.coding, got)
		}
	}
}

func TestCheckLoopback(t *testing.T) {
	for _, tt := range []struct {
		addr string
		lan  bool
		ok   bool
	}{
		{"127.0.0.1:8000", false, true},
		{"localhost:8000", false, true},
		{"[::1]:8000", false, true},
		{"0.0.0.0:8000", false, false},
		{":8000", false, false},
		{"192.168.1.5:8000", false, false},
		{"0.0.0.0:8000", true, true},
		{"nonsense", true, false},
	} {
		if err := checkLoopback(tt.addr, tt.lan); (err == nil) != tt.ok {
			t.Errorf("checkLoopback(%q, %v) = %v", tt.addr, tt.lan, err)
		}
	}
}

// TestServesOnlyTheBundle reads a folder that also holds sources.
func TestServesOnlyTheBundle(t *testing.T) {
	fsys := fstest.MapFS{
		"go.mod":          {Data: []byte("module x")},
		"server/main.go":  {Data: []byte("package main")},
		"web/app.wasm":    {Data: []byte("\x00asm")},
		"web/app.wasm.br": {Data: []byte("brotli")},
	}
	for _, name := range site.Generated {
		fsys[name] = &fstest.MapFile{Data: []byte(name)}
	}
	b, err := loadBundle(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/": 200, "/web/app.wasm": 200, "/go.mod": 404, "/server/main.go": 404, "/web/app.wasm.br": 404} {
		rec := httptest.NewRecorder()
		b.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("%s: %d, want %d", path, rec.Code, want)
		}
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	b.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "br" || rec.Body.String() != "brotli" {
		t.Errorf("brotli: %q %q", rec.Header().Get("Content-Encoding"), rec.Body.String())
	}
}
