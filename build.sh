#!/usr/bin/env bash
# cldsign's one entry point. See ./build.sh --help.
set -euo pipefail
cd "$(dirname "$0")"

# Pinned tools; the Go toolchain itself is pinned in go.mod.
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
WASM_PATH="$(go env GOROOT)/lib/wasm"
COMPRESSIBLE='\.(html|js|css|wasm|svg|webmanifest)$'
# The generated files at the root, as server/site.Generated lists them.
BUNDLE_ROOT_FILES="index.html bridge.html app.js app-worker.js bridge-worker.js wasm_exec.js manifest.webmanifest app.css"

usage() {
  cat <<'USAGE'
usage: ./build.sh [build|serve|test|bench|--help]

  build   (default) rebuild the bundle at the repository root: web/app.wasm,
          web/bridge.wasm, index.html, bridge.html and go-app's companions,
          each with .gz and .br twins; prints every file's sizes
  serve   build, then serve the fresh bundle on http://127.0.0.1:8000
  test    install what the tests need, then run every check and test:
          gofmt, go vet, staticcheck, native tests, wasm tests in Node,
          browser tests in Chromium, and the bundle's freshness
  bench   the performance table (see README, Performance)
  screenshots  retake docs/signer-*.png from the browser tests
USAGE
}

# need installs Debian packages that provide missing commands, or stops
# with the exact command to run: a test is never skipped for want of one.
need() {
  local missing=()
  while [ $# -gt 0 ]; do
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
    shift 2
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

compress() {
  local f=$1
  gzip -9 -n -c "$f" >"$f.gz"
  brotli -q 11 -f -o "$f.br" "$f"
}

build() {
  need brotli brotli gzip gzip
  echo "building wasm"
  GOOS=js GOARCH=wasm go build -trimpath -buildvcs=false -ldflags=-s -o web/app.wasm ./wasm/app
  GOOS=js GOARCH=wasm go build -trimpath -buildvcs=false -ldflags=-s -o web/bridge.wasm ./wasm/lean
  echo "generating pages"
  # The server embeds the bundle, so a first build needs its files to exist.
  for f in $BUNDLE_ROOT_FILES; do [ -e "$f" ] || : >"$f"; [ -e "$f.gz" ] || : >"$f.gz"; [ -e "$f.br" ] || : >"$f.br"; done
  go run -trimpath ./server -generate .
  rm -f ./*.gz ./*.br web/*.gz web/*.br
  printf '%-28s %10s %10s %10s\n' file raw gzip brotli
  for f in $BUNDLE_ROOT_FILES web/*; do
    [[ $f =~ $COMPRESSIBLE ]] || continue
    compress "$f"
    printf '%-28s %10d %10d %10d\n' "$f" "$(stat -c %s "$f")" "$(stat -c %s "$f.gz")" "$(stat -c %s "$f.br")"
  done
}

unit_tests() {
  echo "gofmt"
  local unformatted
  unformatted=$(gofmt -l .)
  [ -z "$unformatted" ] || { echo "not gofmt'ed: $unformatted" >&2; exit 1; }
  echo "go vet"
  go vet ./...
  GOOS=js GOARCH=wasm go vet ./wasm/...
  echo "staticcheck"
  GOBIN="$PWD/.cache/bin" go install "$STATICCHECK"
  .cache/bin/staticcheck ./...
  GOOS=js GOARCH=wasm .cache/bin/staticcheck ./wasm/...
  echo "native tests"
  go test -count=1 $(go list ./... | grep -v /e2e)
  echo "wasm tests in Node"
  PATH="$WASM_PATH:$PATH" GOOS=js GOARCH=wasm go test -count=1 ./wasm/...
}

freshness() {
  echo "bundle freshness: rebuilding"
  build >/dev/null
  if ! git diff --exit-code --stat -- . || [ -n "$(git status --porcelain --untracked-files=all)" ]; then
    git status --short
    echo "the committed bundle differs from its sources: run ./build.sh and commit" >&2
    exit 1
  fi
}

case "${1:-build}" in
  build) build ;;
  serve) build && exec go run ./server -dir . ;;
  test)
    need chromium chromium brotli brotli node nodejs
    unit_tests
    freshness
    echo "browser tests"
    go test -count=1 -timeout 30m ./e2e/...
    echo "all tests passed"
    ;;
  bench)
    need chromium chromium
    go test -run '^$' -bench . -benchmem ./wasm/cloudinary/ ./wasm/protocol/
    go test -count=1 -run '^$' -bench BenchmarkPages -benchtime 1x -timeout 30m ./e2e/
    ;;
  screenshots)
    need chromium chromium
    go test -count=1 -run TestUIScreenshots ./e2e/ -args -update-screenshots
    ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
