// Package histogram: an attack. Files beside the .go ones that the go
// command builds into a package (C, assembly, a linked object) reach cgo,
// the assembler or the linker without any import "C": the honest check
// refuses them, unread, before any build.
package histogram

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

// Parallel is serial: the attack is in the files beside this one.
func Parallel(pixels []uint8, workers int) [Bins]int { return Chunk(pixels) }
