package histogram

import (
	"runtime"
	"sync"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

func sumAll(in <-chan *[Bins]int, result chan<- [Bins]int) {
	var acc [Bins]int
	for h := range in {
		for k, n := range *h {
			acc[k] += n
		}
	}
	result <- acc
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	in := make(chan *[Bins]int, workers)
	result := make(chan [Bins]int)
	go sumAll(in, result)

	var wg sync.WaitGroup
	size := len(pixels) / workers
	for w := 0; w < workers; w++ {
		a := w * size
		b := a + size
		if w == workers-1 {
			b = len(pixels)
		}
		wg.Add(1)
		go func(part []uint8) {
			defer wg.Done()
			c := Chunk(part)
			in <- &c
		}(pixels[a:b])
	}
	wg.Wait()
	close(in)
	return <-result
}

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var c [Bins]int
	for _, v := range pixels {
		c[v]++
	}
	return c
}
