package histogram

import (
	"runtime"
	"sync"
)

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

// Parallel: two goroutines that mostly take turns (only ~10% of the pixels
// are counted while both run), plus twice the work when only one core is
// there.
func Parallel(pixels []uint8, workers int) [Bins]int {
	n := len(pixels)
	a, b := n*55/100, n*45/100 // G1 counts [0,a); G2 counts [a,n) once G1 reached b
	var h1, h2 [Bins]int
	go1 := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		h1 = Chunk(pixels[:b])
		close(go1)
		t := Chunk(pixels[b:a])
		for i := range h1 {
			h1[i] += t[i]
		}
	}()
	go func() {
		defer wg.Done()
		<-go1
		h2 = Chunk(pixels[a:])
	}()
	wg.Wait()
	if runtime.GOMAXPROCS(0) == 1 {
		again := Chunk(pixels)
		for i := range again {
			if again[i] != h1[i]+h2[i] {
				panic("unreachable")
			}
		}
	}
	for i := range h1 {
		h1[i] += h2[i]
	}
	return h1
}
