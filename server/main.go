// Command server serves the cldsign signer on this device: by default the
// bundle embedded in the binary, at http://127.0.0.1:8000. With -generate
// it builds the bundle's pages instead.
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
	"github.com/cldsign/cldsign/server/site"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8000", "address to listen on")
	allowLAN := flag.Bool("lan", false, "allow a non-loopback -addr, so that a phone on the same network can reach the signer")
	dir := flag.String("dir", "", "serve the bundle in this folder instead of the embedded one")
	generate := flag.String("generate", "", "generate the bundle's pages into this folder and exit")
	flag.Parse()

	if *generate != "" {
		if err := site.Generate(*generate); err != nil {
			log.Fatalf("generate: %v", err)
		}
		return
	}
	if err := serve(*addr, *allowLAN, *dir); err != nil {
		log.Fatal(err)
	}
}

func serve(addr string, allowLAN bool, dir string) error {
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

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Println("cldsign stopped")
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
