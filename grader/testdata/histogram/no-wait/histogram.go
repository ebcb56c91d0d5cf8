// Package histogram: a first answer that starts the workers but never waits
// for them: Parallel sums the partial histograms while they are written.
package histogram

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

// Parallel splits pixels into one chunk per worker.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 1
	}
	parts := make([][Bins]int, workers)
	size := len(pixels) / workers
	for w := 0; w < workers; w++ {
		start, end := w*size, (w+1)*size
		if w == workers-1 {
			end = len(pixels)
		}
		go func(w int) {
			parts[w] = Chunk(pixels[start:end])
		}(w)
	}
	var total [Bins]int
	for _, p := range parts {
		for i, c := range p {
			total[i] += c
		}
	}
	return total
}
