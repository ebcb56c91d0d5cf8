// Package histogram: the pixels are cut into blocks that the workers take
// in turn from a shared counter (dynamic scheduling); each worker keeps
// one histogram over all its blocks and adds it to the total under a lock.
package histogram

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// block is how many pixels a worker takes at a time.
const block = 1 << 16

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
	var next atomic.Int64
	var mu sync.Mutex
	var total [Bins]int
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Go(func() {
			var mine [Bins]int
			for {
				lo := int(next.Add(block)) - block
				if lo >= len(pixels) {
					break
				}
				h := Chunk(pixels[lo:min(lo+block, len(pixels))])
				for b, c := range h {
					mine[b] += c
				}
			}
			mu.Lock()
			for b, c := range mine {
				total[b] += c
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return total
}
