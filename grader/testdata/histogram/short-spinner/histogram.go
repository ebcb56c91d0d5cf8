// Package histogram: an attack. Serial code: one goroutine counts every
// pixel, and a second one spins beside it until an eighth of the count is
// done. On one core the newest goroutine runs first, so the spinner keeps
// the core for a whole time slice before the count begins, and the call
// looked 1.73x faster on 2 cores than on one: it passed faster, 11/11
// (found by an attack session, December 2026). On one core it uses far
// more CPU time than on two.
package histogram

import (
	"sync"
	"sync/atomic"
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

var sink atomic.Int64

// Parallel is serial: one goroutine counts everything. A second goroutine
// runs beside it for the first eighth only (so a trace sees two goroutines
// at once), and nothing else: on one core the
// spinner takes its time slice before the count gets the core.
func Parallel(pixels []uint8, workers int) [Bins]int {
	n := len(pixels)
	if n < 4 {
		return Chunk(pixels)
	}
	var early atomic.Bool
	var res [Bins]int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		a := Chunk(pixels[:n/8])
		early.Store(true)
		b := Chunk(pixels[n/8:])
		for i := range res {
			res[i] = a[i] + b[i]
		}
	}()
	go func() {
		defer wg.Done()
		x := 1
		for !early.Load() {
			x = x*31 + 7
		}
		sink.Add(int64(x & 1))
	}()
	wg.Wait()
	return res
}
