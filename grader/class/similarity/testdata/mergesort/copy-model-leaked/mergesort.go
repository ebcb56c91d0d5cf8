package mergesort

import (
	"runtime"
	"sync"
)

const cutoff = 1 << 13

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	merged := make([]int, 0, len(left)+len(right))
	a, b := 0, 0
	for a < len(left) && b < len(right) {
		if right[b] < left[a] {
			merged = append(merged, right[b])
			b++
		} else {
			merged = append(merged, left[a])
			a++
		}
	}
	merged = append(merged, left[a:]...)
	return append(merged, right[b:]...)
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return parSort(xs, workers)
}

func parSort(xs []int, workers int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	m := len(xs) / 2
	if workers < 2 || len(xs) < cutoff {
		return Merge(parSort(xs[:m], 1), parSort(xs[m:], 1))
	}
	var lo []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		lo = parSort(xs[:m], workers/2)
	}()
	hi := parSort(xs[m:], workers-workers/2)
	wg.Wait()
	return Merge(lo, hi)
}
