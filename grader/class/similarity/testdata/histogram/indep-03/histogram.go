package histogram

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) (h [Bins]int) {
	for len(pixels) >= 4 {
		h[pixels[0]]++
		h[pixels[1]]++
		h[pixels[2]]++
		h[pixels[3]]++
		pixels = pixels[4:]
	}
	for _, p := range pixels {
		h[p]++
	}
	return
}

// Parallel histograms chunks concurrently; each worker adds its counts
// into a shared table with atomic adds once it is done.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var shared [Bins]atomic.Int64
	var wg sync.WaitGroup
	per := len(pixels) / workers
	extra := len(pixels) % workers
	offset := 0
	for i := 0; i < workers; i++ {
		length := per
		if i < extra {
			length++
		}
		piece := pixels[offset : offset+length]
		offset += length
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts := Chunk(piece)
			for level, c := range counts {
				if c != 0 {
					shared[level].Add(int64(c))
				}
			}
		}()
	}
	wg.Wait()
	var out [Bins]int
	for i := range shared {
		out[i] = int(shared[i].Load())
	}
	return out
}
