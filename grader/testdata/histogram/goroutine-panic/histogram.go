package histogram

const Bins = 256

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel panics inside a goroutine for a non-empty input.
func Parallel(pixels []uint8, workers int) [Bins]int {
	done := make(chan [Bins]int)
	go func() {
		var idx []int
		if len(pixels) > 0 {
			_ = idx[len(pixels)] // index out of range
		}
		done <- Chunk(pixels)
	}()
	return <-done
}
