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
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel is a small pipeline: counting goroutines feed one reducer,
// which owns the total and hands it back when every counter is done.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	parts := make(chan *[Bins]int, workers)
	totalCh := make(chan [Bins]int)
	go reduce(parts, totalCh)

	var counters sync.WaitGroup
	step := len(pixels) / workers
	for k := 0; k < workers; k++ {
		lo := k * step
		hi := lo + step
		if k == workers-1 {
			hi = len(pixels)
		}
		counters.Add(1)
		go func(seg []uint8) {
			defer counters.Done()
			h := Chunk(seg)
			parts <- &h
		}(pixels[lo:hi])
	}
	counters.Wait()
	close(parts)
	return <-totalCh
}

func reduce(parts <-chan *[Bins]int, out chan<- [Bins]int) {
	var total [Bins]int
	for p := range parts {
		for i, v := range *p {
			total[i] += v
		}
	}
	out <- total
}
