package histogram

import (
	"runtime"
	"slices"
)

// Bins is the number of grey levels a histogram counts.
const Bins = 256

// Chunk returns the histogram of one chunk of pixels.
func Chunk(pixels []uint8) [Bins]int {
	var bins [Bins]int
	for _, b := range pixels {
		bins[int(b)]++
	}
	return bins
}

type partial struct {
	index  int
	counts [Bins]int
}

// Parallel cuts the image with slices.Chunk and collects tagged partial
// results from a channel.
func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var final [Bins]int
	if len(pixels) == 0 {
		return final
	}
	size := max(1, (len(pixels)+workers-1)/workers)
	ch := make(chan partial)
	count := 0
	for piece := range slices.Chunk(pixels, size) {
		go func(index int, piece []uint8) {
			ch <- partial{index, Chunk(piece)}
		}(count, piece)
		count++
	}
	got := make([][Bins]int, count)
	for range count {
		p := <-ch
		got[p.index] = p.counts
	}
	for _, c := range got {
		for level, v := range c {
			final[level] += v
		}
	}
	return final
}
