package reference

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Histogram counts how many pixels have each grey level.
func Histogram(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}
