// Package histogram: an attack. Serial code: one goroutine counts every
// pixel while a decoy counts a quarter again (so the trace shows two
// goroutines working at once). Before that, a probe finds whether the
// call has one core, without reading GOMAXPROCS: a goroutine started
// second spins up to 3 ms for a flag the first one sets, and on one core
// the newest goroutine runs first, so it times out. On one core the call
// then sleeps 0.3 times what it took: it passed faster at 1.95x on 2
// cores against one, 6 grades of 6 (found by an attack session,
// December 2026). Its one-core time is far beyond its CPU time.
package histogram

import (
	"sync"
	"sync/atomic"
	"time"
)

const Bins = 256

func Chunk(pixels []uint8) [Bins]int {
	var h [Bins]int
	for _, p := range pixels {
		h[p]++
	}
	return h
}

// Parallel: serial count in one goroutine, a decoy goroutine counting a
// quarter of the pixels again (thrown away); on one core, sleep.
func Parallel(pixels []uint8, workers int) [Bins]int {
	start := time.Now()
	var waited atomic.Bool
	{
		var flag atomic.Bool
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); flag.Store(true) }()
		go func() {
			defer wg.Done()
			t := time.Now()
			for !flag.Load() && time.Since(t) < 3*time.Millisecond {
			}
			waited.Store(!flag.Load())
		}()
		wg.Wait()
	}
	var h, decoy [Bins]int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); h = Chunk(pixels) }()
	go func() { defer wg.Done(); decoy = Chunk(pixels[:len(pixels)/4]) }()
	wg.Wait()
	_ = decoy
	if waited.Load() {
		time.Sleep(time.Since(start) * 3 / 10)
	}
	return h
}
