package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

const blockSize = 1 << 14

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var hist [Bins]int
	for idx := range pixels {
		hist[pixels[idx]]++
	}
	return hist
}

type block struct{ from, to int }

// Parallel hands out fixed-size blocks of pixels to a pool of workers
// through a channel; every worker keeps its own histogram.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan block)
	perWorker := make([][Bins]int, workers)
	var group sync.WaitGroup
	group.Add(workers)
	for id := 0; id < workers; id++ {
		go func(id int) {
			defer group.Done()
			mine := &perWorker[id]
			for b := range jobs {
				for _, px := range pixels[b.from:b.to] {
					mine[px]++
				}
			}
		}(id)
	}
	for from := 0; from < len(pixels); from += blockSize {
		jobs <- block{from, min(from+blockSize, len(pixels))}
	}
	close(jobs)
	group.Wait()
	var sum [Bins]int
	for _, part := range perWorker {
		for level := 0; level < Bins; level++ {
			sum[level] += part[level]
		}
	}
	return sum
}
