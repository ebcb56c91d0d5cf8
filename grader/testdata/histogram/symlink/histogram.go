// Package histogram is the model answer to exercise 1: every worker counts
// its own chunk into a private histogram, and the partial histograms are
// summed once all workers are done.
package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	//parlab:begin-solution count how many pixels have each grey level
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
	//parlab:end-solution
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	//parlab:begin-solution split pixels into chunks, run Chunk on each in its own goroutine and add up the results
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := len(pixels)
	workers = max(1, min(workers, n))
	partial := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for i := range workers {
		chunk := pixels[i*n/workers : (i+1)*n/workers]
		wg.Add(1)
		go func() {
			defer wg.Done()
			partial[i] = Chunk(chunk)
		}()
	}
	wg.Wait()
	var total [Bins]int
	for _, h := range partial {
		for b, c := range h {
			total[b] += c
		}
	}
	return total
	//parlab:end-solution
}
