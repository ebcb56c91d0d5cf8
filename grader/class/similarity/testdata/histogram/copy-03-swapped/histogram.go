package histogram

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) (res [Bins]int) {
	for len(pixels) >= 4 {
		res[pixels[0]]++
		res[pixels[1]]++
		res[pixels[2]]++
		res[pixels[3]]++
		pixels = pixels[4:]
	}
	for _, v := range pixels {
		res[v]++
	}
	return
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	var table [Bins]atomic.Int64
	rest := len(pixels) % workers
	base := len(pixels) / workers
	pos := 0
	for w := 0; w < workers; w++ {
		size := base
		if w < rest {
			size++
		}
		part := pixels[pos : pos+size]
		pos += size
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := Chunk(part)
			for g, n := range local {
				if n != 0 {
					table[g].Add(int64(n))
				}
			}
		}()
	}
	wg.Wait()
	var h [Bins]int
	for g := range table {
		h[g] = int(table[g].Load())
	}
	return h
}
