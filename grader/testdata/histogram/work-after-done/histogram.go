// Package histogram: the model answer, except that in its first calls
// each worker, once it has called wg.Done(), goes on working for half a
// second (a bounded burst, here a busy loop). The burst ended within the
// wait of the leak check after each call, so leak-free passed.
package histogram

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

const Bins = 256

var (
	calls atomic.Int64
	spins atomic.Int64
)

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
	burst := calls.Add(1) <= 3
	n := len(pixels)
	workers = max(1, min(workers, n))
	partial := make([][Bins]int, workers)
	var wg sync.WaitGroup
	for i := range workers {
		chunk := pixels[i*n/workers : (i+1)*n/workers]
		wg.Add(1)
		go func() {
			partial[i] = Chunk(chunk)
			wg.Done()
			for start := time.Now(); burst && time.Since(start) < 500*time.Millisecond; {
				spins.Add(1)
			}
		}()
	}
	wg.Wait()
	var total [Bins]int
	for _, h := range partial {
		for b, c := range h {
			total[b] += c
		}
	}
	return total
}
