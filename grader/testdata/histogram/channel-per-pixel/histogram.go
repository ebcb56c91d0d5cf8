// Package histogram: a first answer that sends every pixel over a channel
// to one counting goroutine: correct, but a channel operation per pixel
// makes the workers queue, and the timing run gives up on it.
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

// Parallel has workers send their pixels to a goroutine that counts them.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	ch := make(chan uint8)
	done := make(chan [Bins]int)
	go func() {
		var h [Bins]int
		for p := range ch {
			h[p]++
		}
		done <- h
	}()
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(pixels)/workers, (w+1)*len(pixels)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range pixels[lo:hi] {
				ch <- p
			}
		}()
	}
	wg.Wait()
	close(ch)
	return <-done
}
