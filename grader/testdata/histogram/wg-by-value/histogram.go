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

func worker(wg sync.WaitGroup, pixels []uint8, out *[Bins]int) {
	defer wg.Done()
	*out = Chunk(pixels)
}

func Parallel(pixels []uint8, workers int) [Bins]int {
	var wg sync.WaitGroup
	parts := make([][Bins]int, workers)
	n := len(pixels)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go worker(wg, pixels[w*n/workers:(w+1)*n/workers], &parts[w])
	}
	wg.Wait()
	var h [Bins]int
	for _, p := range parts {
		for i, c := range p {
			h[i] += c
		}
	}
	return h
}
