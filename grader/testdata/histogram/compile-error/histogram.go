package histogram

const Bins = 256

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

func Parallel(pixels []uint8, workers int) [Bins]int {
	total := Chunk(pixels)
	return totl
}
