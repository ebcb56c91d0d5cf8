// Package mergesort: the input is cut into one chunk per worker, the
// chunks are sorted concurrently, then merged pairwise, each round's
// merges running concurrently too.
package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, 0, len(left)+len(right))
	for len(left) > 0 && len(right) > 0 {
		if right[0] < left[0] {
			out = append(out, right[0])
			right = right[1:]
		} else {
			out = append(out, left[0])
			left = left[1:]
		}
	}
	out = append(out, left...)
	return append(out, right...)
}

func serialSort(xs []int) []int {
	if len(xs) <= 1 {
		return append([]int(nil), xs...)
	}
	return Merge(serialSort(xs[:len(xs)/2]), serialSort(xs[len(xs)/2:]))
}

// Sort returns a sorted copy of xs with up to workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(xs)))
	runs := make([][]int, workers)
	var wg sync.WaitGroup
	for i := range runs {
		lo, hi := i*len(xs)/workers, (i+1)*len(xs)/workers
		wg.Go(func() { runs[i] = serialSort(xs[lo:hi]) })
	}
	wg.Wait()
	for len(runs) > 1 {
		next := make([][]int, (len(runs)+1)/2)
		for i := range next {
			if 2*i+1 == len(runs) {
				next[i] = runs[2*i]
				continue
			}
			wg.Go(func() { next[i] = Merge(runs[2*i], runs[2*i+1]) })
		}
		wg.Wait()
		runs = next
	}
	if len(runs) == 0 {
		return []int{}
	}
	return runs[0]
}
