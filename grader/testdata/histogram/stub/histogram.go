package histogram

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	panic("TODO: count how many pixels have each grey level")
}

// Parallel splits pixels into one chunk per worker, histograms the chunks
// concurrently and sums the partial histograms.
func Parallel(pixels []uint8, workers int) [Bins]int {
	panic("TODO: split pixels into chunks, run Chunk on each in its own goroutine and add up the results")
}
