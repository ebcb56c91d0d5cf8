package histogram

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Parallel uses dynamic load balancing.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	const step = 8192
	tables := make([][Bins]int, workers)
	var cursor atomic.Int64

	var wg sync.WaitGroup
	for id := range tables {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				begin := int(cursor.Add(step)) - step
				if begin >= len(pixels) {
					return
				}
				part := Chunk(pixels[begin:min(begin+step, len(pixels))])
				for g := range part {
					tables[id][g] += part[g]
				}
			}
		}()
	}
	wg.Wait()

	var out [Bins]int
	for id := 1; id < len(tables); id++ {
		for g := range tables[id] {
			tables[0][g] += tables[id][g]
		}
	}
	out = tables[0]
	return out
}

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var t [Bins]int
	k := 0
	for k < len(pixels) {
		t[pixels[k]]++
		k++
	}
	return t
}
