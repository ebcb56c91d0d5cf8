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

// count is a heap cell per counted pixel.
type count struct {
	bin  uint8
	next *count
}

var sink *count

// Parallel splits the work evenly but allocates a heap object for every
// pixel it counts: correct, and the allocator and the garbage collector
// eat the cores.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	n := len(pixels)
	partial := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			var h [Bins]int
			var last *count
			for _, p := range pixels[lo:hi] {
				c := &count{bin: p}
				last = c
				h[c.bin]++
			}
			if last != nil && last.bin == 0 && n < 0 {
				sink = last
			}
			partial[i] = h
		}(i*n/workers, (i+1)*n/workers)
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
