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

// bounds splits n items into parts ranges as even as can be.
func bounds(n, parts int) [][2]int {
	out := make([][2]int, 0, parts)
	for p := 0; p < parts; p++ {
		out = append(out, [2]int{p * n / parts, (p + 1) * n / parts})
	}
	return out
}

func addInto(dst *[Bins]int, src [Bins]int) {
	for i := range dst {
		dst[i] += src[i]
	}
}

// Parallel gives each worker its own result channel and reads them in
// order.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var chans []chan [Bins]int
	for _, r := range bounds(len(pixels), workers) {
		c := make(chan [Bins]int, 1)
		chans = append(chans, c)
		go func(lo, hi int) { c <- Chunk(pixels[lo:hi]) }(r[0], r[1])
	}
	var total [Bins]int
	for _, c := range chans {
		addInto(&total, <-c)
	}
	return total
}
