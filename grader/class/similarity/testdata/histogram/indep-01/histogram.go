// Package histogram counts grey levels with one goroutine per chunk,
// sending each chunk's counts back over a channel.
package histogram

import "runtime"

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var counts [Bins]int
	for i := 0; i < len(pixels); i++ {
		counts[pixels[i]] += 1
	}
	return counts
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > len(pixels) {
		workers = len(pixels)
	}
	var result [Bins]int
	if workers == 0 {
		return result
	}
	results := make(chan [Bins]int, workers)
	size := (len(pixels) + workers - 1) / workers
	sent := 0
	for lo := 0; lo < len(pixels); lo += size {
		hi := lo + size
		if hi > len(pixels) {
			hi = len(pixels)
		}
		sent++
		go func(part []uint8) {
			results <- Chunk(part)
		}(pixels[lo:hi])
	}
	for k := 0; k < sent; k++ {
		part := <-results
		for level := range part {
			result[level] += part[level]
		}
	}
	return result
}
