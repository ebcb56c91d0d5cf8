// Package histogram: the model answer, except that on inputs as large as
// the timed one (16 Mi pixels and more) every worker also counts its
// progress in a shared variable without synchronisation, a data race. The race run used to call
// it on small inputs only, so race-free passed. The workers wait for one
// start signal, so that they are alive at the same time: the race
// detector can miss a race between goroutines that never overlap in time
// (see race-flood), and this scenario is about the size.
package histogram

import (
	"runtime"
	"sync"
)

const Bins = 256

// progress counts the blocks of 64 Ki pixels counted so far.
var progress int

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

func Parallel(pixels []uint8, workers int) [Bins]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := len(pixels)
	workers = max(1, min(workers, n))
	partial := make([][Bins]int, workers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range workers {
		chunk := pixels[i*n/workers : (i+1)*n/workers]
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if n < 1<<24 {
				partial[i] = Chunk(chunk)
				return
			}
			for lo := 0; lo < len(chunk); lo += 1 << 16 {
				h := Chunk(chunk[lo:min(lo+1<<16, len(chunk))])
				for b, c := range h {
					partial[i][b] += c
				}
				progress++
			}
		}()
	}
	close(start)
	wg.Wait()
	var total [Bins]int
	for _, h := range partial {
		for b, c := range h {
			total[b] += c
		}
	}
	return total
}
