// Package mergesort: a parallel merge sort whose package-level variable
// is made by a function that starts a goroutine spinning forever. No call
// started it, so the check after each call did not see it (leak-free
// passed) while it took a core from every timing. Honest refuses the
// variable before anything runs.
package mergesort

import (
	"runtime"
	"sync"
	"sync/atomic"
)

var spins atomic.Int64

var warm = warmUp()

// warmUp keeps a core busy, forever.
func warmUp() bool {
	go func() {
		for {
			spins.Add(1)
		}
	}()
	return true
}

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, 0, len(left)+len(right))
	i, j := 0, 0
	for i < len(left) && j < len(right) {
		if right[j] < left[i] {
			out = append(out, right[j])
			j++
		} else {
			out = append(out, left[i])
			i++
		}
	}
	out = append(out, left[i:]...)
	return append(out, right[j:]...)
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	_ = warm
	return sort(xs, workers)
}

func sort(xs []int, workers int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	if workers < 2 || len(xs) < 2048 {
		return Merge(sort(xs[:mid], 1), sort(xs[mid:], 1))
	}
	var left []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		left = sort(xs[:mid], workers/2)
	}()
	right := sort(xs[mid:], workers-workers/2)
	wg.Wait()
	return Merge(left, right)
}
