package histogram

const Bins = 256

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel returns as soon as the counts are complete, but each worker
// then tries to report on an unbuffered channel nobody reads: a leak.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	n := len(pixels)
	results := make(chan [Bins]int)
	finished := make(chan struct{})
	partial := make([][Bins]int, workers)
	for i := 0; i < workers; i++ {
		go func(i, lo, hi int) {
			partial[i] = Chunk(pixels[lo:hi])
			finished <- struct{}{}
			results <- partial[i] // nobody ever receives this
		}(i, i*n/workers, (i+1)*n/workers)
	}
	for i := 0; i < workers; i++ {
		<-finished
	}
	var total [Bins]int
	for _, h := range partial {
		for b, c := range h {
			total[b] += c
		}
	}
	return total
}
