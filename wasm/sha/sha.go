// Package sha computes the two digests Cloudinary signs with, SHA-1 and
// SHA-256, as FIPS 180-4 defines them.
//
// It exists for the headless page's size. The standard library's
// crypto/sha1 and crypto/sha256 sit on its FIPS 140 module, which brings
// AES, a DRBG, SHA-3 and HMAC with it: about 72 KB of gzip in
// web/bridge.wasm, a tenth of the page, for code a signer never runs.
// These are the same algorithms in plain Go, with no allocation, and the
// tests hold them to the standard library's results.
package sha

import "math/bits"

// Digest sizes in bytes.
const (
	Size1   = 20
	Size256 = 32
)

const blockSize = 64

// SHA1 returns the SHA-1 digest of data.
func SHA1(data []byte) [Size1]byte {
	h := [5]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}
	var tail [2 * blockSize]byte
	full := len(data) &^ (blockSize - 1)
	blocks1(&h, data[:full])
	blocks1(&h, lastBlocks(&tail, data[full:], len(data)))
	var sum [Size1]byte
	putWords(sum[:], h[:])
	return sum
}

// SHA256 returns the SHA-256 digest of data.
func SHA256(data []byte) [Size256]byte {
	h := [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}
	var tail [2 * blockSize]byte
	full := len(data) &^ (blockSize - 1)
	blocks256(&h, data[:full])
	blocks256(&h, lastBlocks(&tail, data[full:], len(data)))
	var sum [Size256]byte
	putWords(sum[:], h[:])
	return sum
}

// lastBlocks writes into tail the message's end, rest (less than a
// block), followed by the padding both algorithms share: a 1 bit, zeros,
// and the message's length in bits as a 64-bit big-endian number, ending
// on a block boundary. It returns the one or two blocks that make.
func lastBlocks(tail *[2 * blockSize]byte, rest []byte, length int) []byte {
	n := copy(tail[:], rest)
	tail[n] = 0x80
	end := blockSize
	if n+1+8 > blockSize {
		end = 2 * blockSize
	}
	bits := uint64(length) << 3
	for i := range 8 {
		tail[end-1-i] = byte(bits >> (8 * i))
	}
	return tail[:end]
}

// word reads the big-endian 32-bit word at b[0:4].
func word(b []byte) uint32 {
	_ = b[3]
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// putWords writes words big-endian into out.
func putWords(out []byte, words []uint32) {
	for i, w := range words {
		out[4*i], out[4*i+1], out[4*i+2], out[4*i+3] = byte(w>>24), byte(w>>16), byte(w>>8), byte(w)
	}
}

// blocks1 is SHA-1's compression of p, a whole number of blocks. The
// message schedule is kept as a ring of 16 words rather than 80, and each
// kind of round has a loop of its own, as FIPS 180-4 lists them.
func blocks1(h *[5]uint32, p []byte) {
	for ; len(p) >= blockSize; p = p[blockSize:] {
		var w [16]uint32
		for i := range w {
			w[i] = word(p[4*i:])
		}
		a, b, c, d, e := h[0], h[1], h[2], h[3], h[4]
		t := 0
		for ; t < 16; t++ {
			f := b&c | ^b&d
			a, b, c, d, e = bits.RotateLeft32(a, 5)+f+e+0x5a827999+w[t], a, bits.RotateLeft32(b, 30), c, d
		}
		for ; t < 20; t++ {
			w[t&15] = bits.RotateLeft32(w[(t-3)&15]^w[(t-8)&15]^w[(t-14)&15]^w[t&15], 1)
			f := b&c | ^b&d
			a, b, c, d, e = bits.RotateLeft32(a, 5)+f+e+0x5a827999+w[t&15], a, bits.RotateLeft32(b, 30), c, d
		}
		for ; t < 40; t++ {
			w[t&15] = bits.RotateLeft32(w[(t-3)&15]^w[(t-8)&15]^w[(t-14)&15]^w[t&15], 1)
			f := b ^ c ^ d
			a, b, c, d, e = bits.RotateLeft32(a, 5)+f+e+0x6ed9eba1+w[t&15], a, bits.RotateLeft32(b, 30), c, d
		}
		for ; t < 60; t++ {
			w[t&15] = bits.RotateLeft32(w[(t-3)&15]^w[(t-8)&15]^w[(t-14)&15]^w[t&15], 1)
			f := b&c | b&d | c&d
			a, b, c, d, e = bits.RotateLeft32(a, 5)+f+e+0x8f1bbcdc+w[t&15], a, bits.RotateLeft32(b, 30), c, d
		}
		for ; t < 80; t++ {
			w[t&15] = bits.RotateLeft32(w[(t-3)&15]^w[(t-8)&15]^w[(t-14)&15]^w[t&15], 1)
			f := b ^ c ^ d
			a, b, c, d, e = bits.RotateLeft32(a, 5)+f+e+0xca62c1d6+w[t&15], a, bits.RotateLeft32(b, 30), c, d
		}
		h[0] += a
		h[1] += b
		h[2] += c
		h[3] += d
		h[4] += e
	}
}

// k256 is SHA-256's round constants: the first 32 bits of the fractional
// parts of the cube roots of the first 64 primes.
var k256 = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

// blocks256 is SHA-256's compression of p, a whole number of blocks.
func blocks256(h *[8]uint32, p []byte) {
	for ; len(p) >= blockSize; p = p[blockSize:] {
		var w [64]uint32
		for i := range 16 {
			w[i] = word(p[4*i:])
		}
		for t := 16; t < 64; t++ {
			s0 := bits.RotateLeft32(w[t-15], -7) ^ bits.RotateLeft32(w[t-15], -18) ^ w[t-15]>>3
			s1 := bits.RotateLeft32(w[t-2], -17) ^ bits.RotateLeft32(w[t-2], -19) ^ w[t-2]>>10
			w[t] = w[t-16] + s0 + w[t-7] + s1
		}
		a, b, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
		for t := range 64 {
			s1 := bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)
			ch := e&f ^ ^e&g
			t1 := hh + s1 + ch + k256[t] + w[t]
			s0 := bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)
			maj := a&b ^ a&c ^ b&c
			a, b, c, d, e, f, g, hh = t1+s0+maj, a, b, c, d+t1, e, f, g
		}
		h[0] += a
		h[1] += b
		h[2] += c
		h[3] += d
		h[4] += e
		h[5] += f
		h[6] += g
		h[7] += hh
	}
}
