// Package histogram counts the grey levels of an image in parallel.
package histogram

import "runtime"

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var freq [Bins]int
	for p := 0; p < len(pixels); p++ {
		freq[pixels[p]] += 1
	}
	return freq
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
	var hist [Bins]int
	if workers == 0 {
		return hist
	}
	out := make(chan [Bins]int, workers)
	step := (len(pixels) + workers - 1) / workers
	started := 0
	for begin := 0; begin < len(pixels); begin += step {
		end := begin + step
		if end > len(pixels) {
			end = len(pixels)
		}
		started++
		go func(seg []uint8) {
			out <- Chunk(seg)
		}(pixels[begin:end])
	}
	for n := 0; n < started; n++ {
		got := <-out
		for g := range got {
			hist[g] += got[g]
		}
	}
	return hist
}
