package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cldsign/cldsign/server/bundle"
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

// standInBundle is a folder holding every listed file, each containing
// its own name, with both twins of web/app.wasm, and sources around them.
func standInBundle(t *testing.T) *bundleServer {
	t.Helper()
	fsys := fstest.MapFS{
		"go.mod":          {Data: []byte("module x")},
		"server/main.go":  {Data: []byte("package main")},
		"web/notes.txt":   {Data: []byte("a contributor's notes")},
		"web/app.wasm.gz": {Data: []byte("gzip")},
		"web/app.wasm.br": {Data: []byte("brotli")},
	}
	for _, f := range bundle.Files {
		fsys[f.Path] = &fstest.MapFile{Data: []byte(f.Path)}
	}
	b, err := loadBundle(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestServesOnlyTheBundle reads a folder that also holds sources.
func TestServesOnlyTheBundle(t *testing.T) {
	b := standInBundle(t)
	for path, want := range map[string]int{"/": 200, "/web/app.wasm": 200, "/go.mod": 404, "/server/main.go": 404, "/web/app.wasm.br": 404, "/web/notes.txt": 404} {
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

func get(t *testing.T, h http.Handler, path string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestETagPerEncoding: each encoding of a file is its own representation,
// so it has its own strong ETag, and revalidates only against it.
func TestETagPerEncoding(t *testing.T) {
	b := standInBundle(t)
	etags := map[string]string{}
	for _, encoding := range []string{"identity", "gzip", "br"} {
		rec := get(t, b, "/web/app.wasm", map[string]string{"Accept-Encoding": encoding})
		body, _ := io.ReadAll(rec.Body)
		etag := rec.Header().Get("ETag")
		if len(etag) < 3 || etag[0] != '"' || etag[len(etag)-1] != '"' {
			t.Errorf("%s: ETag %q is not a strong ETag", encoding, etag)
		}
		for other, seen := range etags {
			if seen == etag {
				t.Errorf("%s and %s share the ETag %s", encoding, other, etag)
			}
		}
		etags[encoding] = etag
		if want := map[string]string{"identity": "web/app.wasm", "gzip": "gzip", "br": "brotli"}[encoding]; string(body) != want {
			t.Errorf("%s: body %q, want %q", encoding, body, want)
		}
		again := get(t, b, "/web/app.wasm", map[string]string{"Accept-Encoding": encoding, "If-None-Match": etag})
		if again.Code != http.StatusNotModified {
			t.Errorf("%s: revalidating with its own ETag: %d, want 304", encoding, again.Code)
		}
	}
	stale := get(t, b, "/web/app.wasm", map[string]string{"Accept-Encoding": "br", "If-None-Match": etags["gzip"]})
	if stale.Code != http.StatusOK || stale.Body.String() != "brotli" {
		t.Errorf("a brotli request with the gzip ETag: %d %q, want 200 and the brotli body", stale.Code, stale.Body.String())
	}
}

// inFlight is a server whose one handler holds a request until released,
// and which reports when its shutdown begins.
type inFlight struct {
	srv                        *http.Server
	ln                         net.Listener
	arrived, release, stopping chan struct{}
	answered                   chan struct{} // the handler has written its answer
}

func newInFlight(t *testing.T) *inFlight {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &inFlight{ln: ln, arrived: make(chan struct{}), release: make(chan struct{}), stopping: make(chan struct{}), answered: make(chan struct{})}
	f.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(f.arrived)
		<-f.release
		_, _ = io.WriteString(w, "answered")
		close(f.answered)
	})}
	f.srv.RegisterOnShutdown(func() { close(f.stopping) })
	return f
}

// start runs the server and sends one request; it returns run's result
// and the response body (or the error) as they come.
func (f *inFlight) start(grace time.Duration) (cancel func(), ran chan error, got chan string) {
	ctx, cancel := context.WithCancel(context.Background())
	ran, got = make(chan error, 1), make(chan string, 1)
	go func() { ran <- run(ctx, f.srv, f.ln, grace) }()
	go func() {
		resp, err := http.Get("http://" + f.ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			got <- err.Error()
			return
		}
		got <- string(body)
	}()
	<-f.arrived
	return cancel, ran, got
}

// TestShutdownWaitsForRequestsInFlight stops the server while a request is
// being answered: the answer arrives whole, and run returns only after it.
func TestShutdownWaitsForRequestsInFlight(t *testing.T) {
	f := newInFlight(t)
	cancel, ran, got := f.start(time.Minute)
	cancel()
	<-f.stopping
	close(f.release)
	if err := <-ran; err != nil {
		t.Errorf("run: %v", err)
	}
	select {
	case <-f.answered:
	default:
		t.Error("run returned before the request in flight was answered")
	}
	if body := <-got; body != "answered" {
		t.Errorf("the request in flight got %q, want the whole answer", body)
	}
}

// TestShutdownIsBounded: a request that never ends holds the server back
// for the grace period only, and run says it was cut off.
func TestShutdownIsBounded(t *testing.T) {
	f := newInFlight(t)
	defer close(f.release)
	const grace = 200 * time.Millisecond
	cancel, ran, _ := f.start(grace)
	start := time.Now()
	cancel()
	err := <-ran
	if waited := time.Since(start); waited < grace {
		t.Errorf("run returned after %s, before the grace of %s, with a request in flight", waited, grace)
	}
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("run = %v, want an error saying requests were cut off", err)
	}
}
