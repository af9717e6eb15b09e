#!/usr/bin/env bash
# cldsign's one entry point. See ./build.sh --help.
#
# Supported: build, serve and fresh wherever Go, gzip and brotli run
# (Linux, macOS, WSL); test, bench and screenshots on Linux, with apt-get (Debian,
# Ubuntu) or with the browsers already installed. Written for bash 3.2,
# which macOS ships.
set -euo pipefail
cd "$(dirname "$0")"

# Pinned tools; the Go toolchain itself is pinned in go.mod.
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
ACTIONLINT=github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
# The bundle's files, read by this script, the generator, the server and
# the tests alike.
BUNDLE_LIST=server/bundle/files.txt

usage() {
  cat <<'USAGE'
usage: ./build.sh [build|serve|test|fresh|bench|screenshots|--help]

  build   (default) rebuild the bundle at the repository root: web/app.wasm,
          web/bridge.wasm, index.html, bridge.html and go-app's companions,
          each with .gz and .br twins; prints every file's sizes
  serve   build, then serve the fresh bundle on http://127.0.0.1:8000
  test    install what the tests need, then run every check and test:
          gofmt, go vet, staticcheck, actionlint, dependency rules, native
          tests, wasm tests in Node, the bundle's freshness, and browser
          tests in Chromium, Firefox and WebKit
  fresh   check that the bundle in the tree is what its sources build,
          building into a scratch folder; the browser tests run it too
  bench   the performance table (see README, Performance)
  screenshots  retake docs/signer-*.png from the browser tests

build, serve and fresh need Go, gzip and brotli; test, bench and
screenshots run on Linux, and install what they lack with apt-get
(Debian, Ubuntu), through sudo when not root.
USAGE
}

die() {
  echo "build.sh: $*" >&2
  exit 1
}

# linux_only stops a command that drives the Linux browsers elsewhere.
linux_only() {
  [ "$(uname -s)" = Linux ] && return 0
  die "./build.sh $1 runs on Linux only (Debian or Ubuntu): it drives Chromium, Firefox and WebKitGTK there.
./build.sh build, serve and fresh run here, with Go, gzip and brotli."
}

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  die "Go is missing: install Go $(awk '/^go /{print $2}' go.mod) or newer from https://go.dev/dl/"
}

# need takes pairs of arguments: the commands any one of which will do (a
# space-separated list) and the Debian package that provides the first.
# It installs the packages of what is missing, or stops with the command
# to run: a test is never skipped for want of a tool.
need() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  # shellcheck disable=SC2086 # a word per package
  apt_install $missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] || die "installing did not provide what these packages should:$missing"
}

missing_packages() {
  while [ $# -gt 0 ]; do
    has_one_of "$1" || printf ' %s' "$2"
    shift 2
  done
}

has_one_of() {
  local command
  for command in $1; do
    command -v "$command" >/dev/null 2>&1 && return 0
  done
  return 1
}

# apt_install installs Debian/Ubuntu packages, through sudo when not root,
# refreshing the package lists once per run.
APT_UPDATED=""
apt_install() {
  local by_hand="sudo apt-get install -y $*"
  command -v apt-get >/dev/null 2>&1 ||
    die "missing: $* (Debian's package names). Install them with this system's package manager; on macOS, brew install brotli."
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing: $*. As root, run: apt-get install -y $*"
    sudo=sudo
  fi
  echo "installing $* with apt-get"
  if [ -z "$APT_UPDATED" ]; then
    $sudo apt-get update -qq || die "apt-get update failed. Install by hand: $by_hand"
    APT_UPDATED=1
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null ||
    die "could not install $*. Install by hand: $by_hand"
}

# listed prints the paths in the bundle's list whose origin is $1 (built,
# source or any); with a second argument "twins", only those served
# precompressed too.
listed() {
  local origin twins path
  while read -r origin twins path; do
    case $origin in '' | '#'*) continue ;; esac
    [ "$1" = any ] || [ "$1" = "$origin" ] || continue
    [ "${2:-}" != twins ] || [ "$twins" = yes ] || continue
    echo "$path"
  done <"$BUNDLE_LIST"
}

size() { wc -c <"$1" | tr -d ' '; }

# build writes the bundle into $1: the repository root, or a scratch
# folder, into which it first copies the hand-written files. With a second
# argument "plain" it leaves out the .gz and .br twins.
build() {
  local out=$1 path
  need_go
  need brotli brotli gzip gzip
  if [ "$out" != . ]; then
    for path in $(listed source); do
      mkdir -p "$out/$(dirname "$path")"
      cp "$path" "$out/$path"
    done
  fi
  echo "building wasm"
  GOOS=js GOARCH=wasm go build -trimpath -buildvcs=false -ldflags=-s -o "$out/web/app.wasm" ./wasm/app
  GOOS=js GOARCH=wasm go build -trimpath -buildvcs=false -ldflags=-s -o "$out/web/bridge.wasm" ./wasm/lean
  echo "generating pages"
  go run -trimpath -buildvcs=false ./server/generate "$out"
  [ "${2:-}" = plain ] && return 0
  printf '%-28s %10s %10s %10s\n' file raw gzip brotli
  for path in $(listed any twins); do
    gzip -9 -n -c "$out/$path" >"$out/$path.gz"
    brotli -q 11 -f -o "$out/$path.br" "$out/$path"
    printf '%-28s %10d %10d %10d\n' "$path" "$(size "$out/$path")" "$(size "$out/$path.gz")" "$(size "$out/$path.br")"
  done
}

# freshness builds the bundle into a scratch folder and compares it with
# the bundle in the tree, which it leaves untouched. Twins are compared by
# what they decompress to, since compressors of other versions write other
# bytes for the same file.
freshness() {
  local scratch path stale=""
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/cldsign-bundle.XXXXXX")
  # shellcheck disable=SC2064 # expand now: scratch is local
  trap "rm -rf '$scratch'" EXIT
  echo "bundle freshness: building into $scratch"
  build "$scratch" plain >/dev/null
  for path in $(listed built); do
    cmp -s "$scratch/$path" "$path" || stale="$stale $path"
  done
  for path in $(listed any twins); do
    gzip -dc "$path.gz" 2>/dev/null | cmp -s - "$path" || stale="$stale $path.gz"
    brotli -dc "$path.br" 2>/dev/null | cmp -s - "$path" || stale="$stale $path.br"
  done
  [ -z "$stale" ] || die "the bundle differs from what its sources build:$stale
run ./build.sh, then commit the bundle"
  rm -rf "$scratch"
  trap - EXIT
}

# forbid fails when package $2, built for $1 (GOOS/GOARCH, or "native"),
# depends on a package under $3; $4 says why it must not.
forbid() {
  local goos goarch
  goos=$(go env GOOS) goarch=$(go env GOARCH)
  if [ "$1" != native ]; then goos=${1%/*} goarch=${1#*/}; fi
  if GOOS=$goos GOARCH=$goarch go list -deps "$2" | grep -q "^$3"; then
    die "$2 ($1) depends on $3: $4"
  fi
}

unit_tests() {
  echo "gofmt"
  local unformatted
  unformatted=$(gofmt -l .)
  [ -z "$unformatted" ] || die "not gofmt'ed: $unformatted"
  echo "go vet"
  go vet ./...
  GOOS=js GOARCH=wasm go vet ./wasm/...
  echo "staticcheck"
  GOBIN="$PWD/.cache/bin" go install "$STATICCHECK"
  .cache/bin/staticcheck ./...
  GOOS=js GOARCH=wasm .cache/bin/staticcheck ./wasm/...
  echo "actionlint"
  GOBIN="$PWD/.cache/bin" go install "$ACTIONLINT"
  .cache/bin/actionlint
  echo "dependency rules"
  forbid native ./server github.com/maxence-charriere/go-app "the server only serves; server/generate writes the pages"
  forbid js/wasm ./wasm/lean github.com/norunners/vert "bridge.wasm reads no browser objects field by field, and vert would add about 135 KB gzip to it"
  echo "native tests"
  # shellcheck disable=SC2046 # a word per package
  go test -count=1 $(go list ./... | grep -v /e2e)
  echo "wasm tests in Node"
  PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -count=1 ./wasm/...
}

# The browsers and tools the tests drive: the commands any of which will
# do, and the Debian package that provides the first. GitHub's Ubuntu
# images come with Google Chrome and Firefox; Ubuntu's archive has only
# snap wrappers for both.
TEST_TOOLS=(
  "chromium chromium-browser google-chrome" chromium
  "firefox-esr firefox" firefox-esr
  WebKitWebDriver webkit2gtk-driver
  Xvfb xvfb
  node nodejs
  brotli brotli
  gzip gzip
)

case "${1:-build}" in
  build) build . ;;
  serve) build . && exec go run ./server -dir . ;;
  fresh) freshness ;;
  test)
    linux_only test
    need_go
    need "${TEST_TOOLS[@]}"
    unit_tests
    # The browser tests check the bundle's freshness first (TestBundleIsFresh).
    echo "browser tests"
    go test -count=1 -timeout 30m ./e2e/...
    echo "all tests passed"
    ;;
  bench)
    linux_only bench
    need_go
    need "${TEST_TOOLS[@]}" # the benchmark measures all three engines
    go test -run '^$' -bench . -benchmem ./wasm/cloudinary/ ./wasm/protocol/
    # What runs in the browser, measured where it runs: in wasm (Node).
    PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -run '^$' -bench . -benchmem ./wasm/sha/ ./wasm/bridge/
    go test -count=1 -run '^$' -bench '^Benchmark(Pages|Engines|MessageKinds|BurstSplit)$' -benchtime 1x -timeout 30m ./e2e/
    ;;
  screenshots)
    linux_only screenshots
    need_go
    need "chromium chromium-browser google-chrome" chromium
    go test -count=1 -run TestUIScreenshots ./e2e/ -args -update-screenshots
    ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
