package histogram

const Bins = 256

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel shares one histogram between all workers without
// synchronisation: a data race.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = 4
	}
	var h [Bins]int
	n := len(pixels)
	done := make(chan struct{})
	for i := 0; i < workers; i++ {
		go func(lo, hi int) {
			for _, p := range pixels[lo:hi] {
				h[p]++
			}
			done <- struct{}{}
		}(i*n/workers, (i+1)*n/workers)
	}
	for i := 0; i < workers; i++ {
		<-done
	}
	return h
}
