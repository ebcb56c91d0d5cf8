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
	for _, v := range pixels {
		h[v]++
	}
	return h
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.NumCPU()
	}
	var (
		mu    sync.Mutex
		total [Bins]int
		wg    sync.WaitGroup
	)
	n := len(pixels)
	for w := 0; w < workers; w++ {
		start, end := w*n/workers, (w+1)*n/workers
		if start == end {
			continue
		}
		wg.Add(1)
		go func(start, end int) {
			defer wg.Done()
			local := Chunk(pixels[start:end])
			mu.Lock()
			defer mu.Unlock()
			for b := 0; b < Bins; b++ {
				total[b] += local[b]
			}
		}(start, end)
	}
	wg.Wait()
	return total
}
