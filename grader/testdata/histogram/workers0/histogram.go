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

// Parallel does not handle workers < 1: it divides by zero.
func Parallel(pixels []uint8, workers int) [Bins]int {
	n := len(pixels)
	partial := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			partial[i] = Chunk(pixels[i*n/workers : (i+1)*n/workers])
		}(i)
	}
	wg.Wait()
	var total [Bins]int
	for _, h := range partial {
		for b, c := range h {
			total[b] += c
		}
	}
	if n > 0 && workers == 0 {
		_ = n / workers
	}
	return total
}
