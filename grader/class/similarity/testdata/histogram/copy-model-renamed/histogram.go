// Package histogram: parallel histogram for the lab.
package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var result [Bins]int
	for _, px := range pixels {
		result[px]++
	}
	return result
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	size := len(pixels)
	workers = max(1, min(workers, size))
	parts := make([][Bins]int, workers)
	var group sync.WaitGroup
	for w := range workers {
		piece := pixels[w*size/workers : (w+1)*size/workers]
		group.Add(1)
		go func() {
			defer group.Done()
			parts[w] = Chunk(piece)
		}()
	}
	group.Wait()
	var sum [Bins]int
	for _, part := range parts {
		for level, count := range part {
			sum[level] += count
		}
	}
	return sum
}
