// Command server serves the cldsign signer on this device: by default the
// bundle embedded in the binary, at http://127.0.0.1:8000. It only serves:
// server/generate writes the pages, so go-app stays out of this binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cldsign/cldsign"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8000", "address to listen on")
	allowLAN := flag.Bool("lan", false, "allow a non-loopback -addr, so that a phone on the same network can reach the signer")
	dir := flag.String("dir", "", "serve the bundle in this folder instead of the embedded one")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, *addr, *allowLAN, *dir); err != nil {
		log.Fatal(err)
	}
}

// shutdownGrace bounds how long a stopping server waits for the requests
// in flight: a download of the wasm on a slow link may never finish.
const shutdownGrace = 10 * time.Second

// serve serves the bundle until ctx is done, then stops as run does.
func serve(ctx context.Context, addr string, allowLAN bool, dir string) error {
	var fsys fs.FS = cldsign.Bundle
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	b, err := loadBundle(fsys)
	if err != nil {
		return err
	}
	if err := checkLoopback(addr, allowLAN); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           accessLog(b),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Printf("cldsign is serving on %s (headless page: %sbridge.html)\n", url, url)

	if err := run(ctx, srv, ln, shutdownGrace); err != nil {
		return err
	}
	fmt.Println("cldsign stopped")
	return nil
}

// run serves on ln until ctx is done, then stops taking requests and
// returns once those in flight are answered, or after grace, cutting off
// the ones still running. Returning sooner would end the process under
// them.
func run(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stopping, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(stopping); err != nil {
		_ = srv.Close()
		return fmt.Errorf("requests still running after %s were cut off: %w", grace, err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// checkLoopback refuses to expose the signer beyond this device unless
// asked to, and warns when it is.
func checkLoopback(addr string, allowLAN bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", addr, err)
	}
	ip := net.ParseIP(host)
	if host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	if !allowLAN {
		return fmt.Errorf("-addr %s is reachable from other devices; add -lan to allow it", addr)
	}
	fmt.Fprintf(os.Stderr, "warning: serving on %s, reachable from other devices on this network\n", addr)
	return nil
}

// statusRecorder remembers the status a handler wrote, for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// accessLog logs each request's method, path and status. It never logs
// the query string, where a careless host might put a secret.
func accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		log.Printf("%s %s %d %s", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Microsecond))
	})
}
