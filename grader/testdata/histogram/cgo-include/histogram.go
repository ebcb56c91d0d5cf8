// Package histogram: an attack. cgo hands this preamble to the C compiler,
// whose errors quote the files it includes: the model answer (the checkout
// is two folders up from the package) and any file the grader's user can
// read. Nothing of it may be compiled, and nothing it names may reach a
// message: the honest check refuses it before any build.
package histogram

// #cgo CFLAGS: -I${SRCDIR}/../..
// #include "solutions/histogram/histogram.go"
// #include "/etc/passwd"
import "C"

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel is serial: the attack is in the preamble.
func Parallel(pixels []uint8, workers int) [Bins]int { return Chunk(pixels) }
