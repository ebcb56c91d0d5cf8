// Package histogram: each worker sends its partial histogram over a
// channel; the caller adds them up as they arrive.
package histogram

import "runtime"

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

// Parallel histograms pixels with workers goroutines.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(pixels)))
	parts := make(chan [Bins]int, workers)
	size := (len(pixels) + workers - 1) / workers
	started := 0
	for lo := 0; lo < len(pixels); lo += size {
		chunk := pixels[lo:min(lo+size, len(pixels))]
		started++
		go func() { parts <- Chunk(chunk) }()
	}
	var total [Bins]int
	for range started {
		h := <-parts
		for b := range total {
			total[b] += h[b]
		}
	}
	return total
}
