package sha

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// FIPS 180-4's examples (NIST's "Example Algorithms") and the message of a
// million "a"s.
func TestPublishedVectors(t *testing.T) {
	tests := []struct {
		message      string
		sha1, sha256 string
	}{
		{"", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "a9993e364706816aba3e25717850c26c9cd0d89d", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
			"84983e441c3bd26ebaae4aa1f95129e5e54670f1", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{strings.Repeat("a", 1_000_000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f", "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
	}
	for _, tt := range tests {
		if got := SHA1([]byte(tt.message)); hex.EncodeToString(got[:]) != tt.sha1 {
			t.Errorf("SHA1 of %d bytes = %x, want %s", len(tt.message), got, tt.sha1)
		}
		if got := SHA256([]byte(tt.message)); hex.EncodeToString(got[:]) != tt.sha256 {
			t.Errorf("SHA256 of %d bytes = %x, want %s", len(tt.message), got, tt.sha256)
		}
	}
}

// Every length over three blocks, so that the padding lands in every place
// it can: in the last block, and spilling into one more.
func TestMatchesStandardLibraryAtEveryLength(t *testing.T) {
	data := make([]byte, 3*blockSize+1)
	for i := range data {
		data[i] = byte(i*7 + 3)
	}
	for n := range len(data) {
		if got, want := SHA1(data[:n]), sha1.Sum(data[:n]); got != want {
			t.Errorf("SHA1 of %d bytes = %x, want %x", n, got, want)
		}
		if got, want := SHA256(data[:n]), sha256.Sum256(data[:n]); got != want {
			t.Errorf("SHA256 of %d bytes = %x, want %x", n, got, want)
		}
	}
}

func FuzzMatchesStandardLibrary(f *testing.F) {
	f.Add([]byte("public_id=cat&timestamp=1315060510abcd"))
	f.Add(make([]byte, 55))
	f.Add(make([]byte, 56))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := SHA1(data), sha1.Sum(data); got != want {
			t.Errorf("SHA1(%q) = %x, want %x", data, got, want)
		}
		if got, want := SHA256(data), sha256.Sum256(data); got != want {
			t.Errorf("SHA256(%q) = %x, want %x", data, got, want)
		}
	})
}

func TestNoAllocation(t *testing.T) {
	data := []byte("public_id=cat&timestamp=1315060510abcd")
	if n := testing.AllocsPerRun(100, func() { SHA1(data); SHA256(data) }); n != 0 {
		t.Errorf("%v allocations a call", n)
	}
}

// The benchmarks set these functions beside the standard library's on a
// string to sign of a usual length; run them natively and in wasm:
//
//	go test -run '^$' -bench . ./wasm/sha/
//	PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -run '^$' -bench . ./wasm/sha/
var message = []byte("invalidate=true&public_id=folder/cat&timestamp=1315060510&type=upload" + "abcdefghijklmnopqrstuvwxyz0")

func BenchmarkSHA1(b *testing.B) {
	for b.Loop() {
		SHA1(message)
	}
}

func BenchmarkStandardSHA1(b *testing.B) {
	for b.Loop() {
		sha1.Sum(message)
	}
}

func BenchmarkSHA256(b *testing.B) {
	for b.Loop() {
		SHA256(message)
	}
}

func BenchmarkStandardSHA256(b *testing.B) {
	for b.Loop() {
		sha256.Sum256(message)
	}
}
