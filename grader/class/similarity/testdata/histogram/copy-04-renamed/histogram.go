package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

const span = 1 << 14

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var out [Bins]int
	for q := range pixels {
		out[pixels[q]]++
	}
	return out
}

type job struct{ start, stop int }

// Parallel gives equal-size jobs to a pool of goroutines
// over a channel, each with a private table.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	work := make(chan job)
	locals := make([][Bins]int, workers)
	var wg sync.WaitGroup
	wg.Add(workers)
	for k := 0; k < workers; k++ {
		go func(k int) {
			defer wg.Done()
			my := &locals[k]
			for j := range work {
				for _, value := range pixels[j.start:j.stop] {
					my[value]++
				}
			}
		}(k)
	}
	for start := 0; start < len(pixels); start += span {
		work <- job{start, min(start+span, len(pixels))}
	}
	close(work)
	wg.Wait()
	var res [Bins]int
	for _, loc := range locals {
		for g := 0; g < Bins; g++ {
			res[g] += loc[g]
		}
	}
	return res
}
