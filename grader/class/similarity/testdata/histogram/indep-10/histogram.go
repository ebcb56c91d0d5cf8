package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	h := [Bins]int{}
	for k := range len(pixels) {
		h[pixels[k]]++
	}
	return h
}

// Parallel starts a goroutine per fixed-size piece but lets only
// workers of them count at once, with a buffered channel as a semaphore;
// each adds its piece under a lock.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	piece := len(pixels)/workers + 1
	sem := make(chan struct{}, workers)
	var lock sync.Mutex
	var all sync.WaitGroup
	var hist [Bins]int
	for at := 0; at < len(pixels); at += piece {
		sem <- struct{}{}
		all.Add(1)
		go func(p []uint8) {
			defer func() { <-sem; all.Done() }()
			h := Chunk(p)
			lock.Lock()
			for g, c := range h {
				hist[g] += c
			}
			lock.Unlock()
		}(pixels[at:min(at+piece, len(pixels))])
	}
	all.Wait()
	return hist
}
