package histogram

import "runtime"

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for len(pixels) > 0 {
		h[pixels[0]]++
		pixels = pixels[1:]
	}
	return h
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := len(pixels)
	var chans []chan [Bins]int
	for p := 0; p < workers; p++ {
		c := make(chan [Bins]int, 1)
		chans = append(chans, c)
		go func(lo, hi int) { c <- Chunk(pixels[lo:hi]) }(p*n/workers, (p+1)*n/workers)
	}
	var total [Bins]int
	for _, c := range chans {
		src := <-c
		for i := range total {
			total[i] += src[i]
		}
	}
	return total
}
