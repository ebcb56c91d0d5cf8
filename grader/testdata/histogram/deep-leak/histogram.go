// Scenario (found by an attack session): the model answer, but every call
// leaves a goroutine blocked 500 calls deep in a recursion. The runtime
// prints such a stack cut short ("...N frames elided..."), on which the
// leak checker's stack parser (goleak) panicked, and the grade blamed the
// learner's call for a panic in correct. The leak is reported as a leak.
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
	go deep(500)
	var total [Bins]int
	for _, h := range partial {
		for b, c := range h {
			total[b] += c
		}
	}
	return total
}

// never is never closed.
var never = make(chan int)

func deep(n int) int {
	if n == 0 {
		return <-never
	}
	return deep(n-1) + 1
}
