package histogram

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var out [Bins]int
	i := 0
	for i < len(pixels) {
		out[pixels[i]]++
		i++
	}
	return out
}

// Parallel schedules work dynamically: workers claim the next slice of
// pixels with an atomic counter until none is left.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	const grain = 8192
	var next atomic.Int64
	partials := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for w := range partials {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(grain)) - grain
				if lo >= len(pixels) {
					return
				}
				hi := min(lo+grain, len(pixels))
				c := Chunk(pixels[lo:hi])
				for k := range c {
					partials[w][k] += c[k]
				}
			}
		}()
	}
	wg.Wait()
	var h [Bins]int
	for w := 1; w < len(partials); w++ {
		for k := range partials[w] {
			partials[0][k] += partials[w][k]
		}
	}
	h = partials[0]
	return h
}
