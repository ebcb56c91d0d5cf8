package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk counts with four interleaved tables, so that runs of equal pixels
// do not wait on one counter, and adds them at the end.
func Chunk(pixels []uint8) [Bins]int {
	var t0, t1, t2, t3 [Bins]uint32
	n := len(pixels) &^ 3
	for i := 0; i < n; i += 4 {
		t0[pixels[i]]++
		t1[pixels[i+1]]++
		t2[pixels[i+2]]++
		t3[pixels[i+3]]++
	}
	for i := n; i < len(pixels); i++ {
		t0[pixels[i]]++
	}
	var h [Bins]int
	for b := range h {
		h[b] = int(t0[b]) + int(t1[b]) + int(t2[b]) + int(t3[b])
	}
	return h
}

// Parallel starts one goroutine per chunk with WaitGroup.Go.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(pixels)))
	res := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			res[w] = Chunk(pixels[len(pixels)*w/workers : len(pixels)*(w+1)/workers])
		})
	}
	wg.Wait()
	for w := 1; w < workers; w++ {
		for b := range Bins {
			res[0][b] += res[w][b]
		}
	}
	return res[0]
}
