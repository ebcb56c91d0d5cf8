// Package mergesort: serial code that sandbags when it runs on one core
// (it sorts twice), so it looks 2x faster on P cores than on one, and the
// standard library's pdqsort beats the reference merge sort; a goroutine
// sorts while the caller waits, so a goroutine is started. It uses only
// what the honest check allows. The trace settles it: every call is
// traced and one timed call, chosen at random after they ran, is checked,
// and in it two goroutines never worked at once.
package mergesort

import (
	"runtime"
	"slices"
	"sync"
)

// Merge merges two sorted slices into a new sorted slice.
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

// Sort returns a sorted copy of xs.
func Sort(xs []int, workers int) []int {
	out := slices.Clone(xs)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if runtime.GOMAXPROCS(0) == 1 {
			slices.Sort(slices.Clone(xs)) // the sandbag
		}
		slices.Sort(out)
	}()
	wg.Wait()
	return out
}
