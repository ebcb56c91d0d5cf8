package histogram

import (
	"sync"
	"sync/atomic"
)

const Bins = 256

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel has every worker increment shared bins atomically: correct,
// but the cores fight over the same cache lines.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	var bins [Bins]atomic.Int64
	n := len(pixels)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			for _, p := range pixels[lo:hi] {
				bins[p].Add(1)
			}
		}(i*n/workers, (i+1)*n/workers)
	}
	wg.Wait()
	var h [Bins]int
	for b := range bins {
		h[b] = int(bins[b].Load())
	}
	return h
}
