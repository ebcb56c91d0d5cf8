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

// Parallel takes a lock for every pixel: correct, and slower than serial.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	var mu sync.Mutex
	var h [Bins]int
	n := len(pixels)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			for _, p := range pixels[lo:hi] {
				mu.Lock()
				h[p]++
				mu.Unlock()
			}
		}(i*n/workers, (i+1)*n/workers)
	}
	wg.Wait()
	return h
}
