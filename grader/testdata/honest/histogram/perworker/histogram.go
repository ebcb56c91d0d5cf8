// Package histogram: one struct per worker holds its range and its
// counts; the workers fill their own structs, the caller sums them.
package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for i := range pixels {
		h[pixels[i]]++
	}
	return h
}

type worker struct {
	lo, hi int
	counts [Bins]int
}

// Parallel histograms pixels with workers goroutines.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := len(pixels)
	workers = max(1, min(workers, n))
	ws := make([]worker, workers)
	var wg sync.WaitGroup
	for i := range ws {
		w := &ws[i]
		w.lo, w.hi = i*n/workers, (i+1)*n/workers
		wg.Go(func() { w.counts = Chunk(pixels[w.lo:w.hi]) })
	}
	wg.Wait()
	var total [Bins]int
	for i := range ws {
		for b, c := range ws[i].counts {
			total[b] += c
		}
	}
	return total
}
