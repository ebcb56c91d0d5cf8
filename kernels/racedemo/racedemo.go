// Package racedemo is the course's race-condition demo: goroutines
// incrementing one shared counter, three ways. Unsafe loses increments
// (and the race detector reports it); Mutex and Atomic are correct, at
// different costs.
//
// Unsafe is here to be run by the demo (`go run ./cmd/bench race`) and by
// a test that proves, in a subprocess built with -race, that the race
// detector catches it. Nothing else may call it.
package racedemo

import (
	"sync"
	"sync/atomic"
)

// Unsafe has goroutines goroutines each add 1 to a shared int64 n times
// with a plain read-modify-write: a data race. The result is usually less
// than goroutines*n.
func Unsafe(goroutines, n int) int64 {
	var counter int64
	run(goroutines, func() {
		for range n {
			counter++
		}
	})
	return counter
}

// Mutex is Unsafe with every increment under a sync.Mutex: correct, and
// the goroutines queue for the lock.
func Mutex(goroutines, n int) int64 {
	var (
		mu      sync.Mutex
		counter int64
	)
	run(goroutines, func() {
		for range n {
			mu.Lock()
			counter++
			mu.Unlock()
		}
	})
	return counter
}

// Atomic is Unsafe with an atomic add: correct, and cheaper than a lock,
// though the cores still contend for the counter's cache line.
func Atomic(goroutines, n int) int64 {
	var counter atomic.Int64
	run(goroutines, func() {
		for range n {
			counter.Add(1)
		}
	})
	return counter.Load()
}

// Local is the lesson's fix: each goroutine counts privately and the
// counts are added once at the end, so nothing is shared while they run.
func Local(goroutines, n int) int64 {
	counts := make([]int64, max(goroutines, 0))
	var i atomic.Int32
	run(goroutines, func() {
		slot := i.Add(1) - 1
		var c int64
		for range n {
			c++
		}
		counts[slot] = c
	})
	var total int64
	for _, c := range counts {
		total += c
	}
	return total
}

func run(goroutines int, f func()) {
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	wg.Wait()
}
