package histogram

import "runtime"

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, g := range pixels {
		h[g]++
	}
	return h
}

// Parallel divides the pixels in two, recursively, running the left half
// in a new goroutine while this one does the right, until there is one
// half per worker.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return divide(pixels, workers)
}

func divide(pixels []uint8, workers int) [Bins]int {
	if workers == 1 || len(pixels) < 2 {
		return Chunk(pixels)
	}
	leftWorkers := workers / 2
	cut := len(pixels) * leftWorkers / workers
	done := make(chan [Bins]int)
	go func() { done <- divide(pixels[:cut], leftWorkers) }()
	right := divide(pixels[cut:], workers-leftWorkers)
	left := <-done
	for i := range right {
		right[i] += left[i]
	}
	return right
}
