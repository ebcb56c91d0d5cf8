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

// Parallel starts a goroutine per pixel: a first answer many learners
// write.
func Parallel(pixels []uint8, workers int) [Bins]int {
	var counts [Bins]int64
	var wg sync.WaitGroup
	for _, p := range pixels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&counts[p], 1)
		}()
	}
	wg.Wait()
	var h [Bins]int
	for i, c := range counts {
		h[i] = int(c)
	}
	return h
}
