// Package mergesort: the textbook efficient answer. One scratch buffer is
// allocated once; runs below 32 elements are insertion-sorted; above 16k
// elements the two halves are sorted concurrently while workers remain.
package mergesort

import (
	"runtime"
	"sync"
)

const (
	insertionCutoff = 32
	parallelCutoff  = 1 << 14
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, len(left)+len(right))
	mergeInto(out, left, right)
	return out
}

func mergeInto(out, left, right []int) {
	i, j, k := 0, 0, 0
	for i < len(left) && j < len(right) {
		if right[j] < left[i] {
			out[k] = right[j]
			j++
		} else {
			out[k] = left[i]
			i++
		}
		k++
	}
	k += copy(out[k:], left[i:])
	copy(out[k:], right[j:])
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := append([]int(nil), xs...)
	scratch := make([]int, len(xs))
	sortInPlace(out, scratch, workers)
	return out
}

// sortInPlace sorts xs using scratch (as long as xs) as merge space.
func sortInPlace(xs, scratch []int, workers int) {
	n := len(xs)
	if n <= insertionCutoff {
		for i := 1; i < n; i++ {
			for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
				xs[j], xs[j-1] = xs[j-1], xs[j]
			}
		}
		return
	}
	mid := n / 2
	if workers >= 2 && n >= parallelCutoff {
		var wg sync.WaitGroup
		wg.Go(func() { sortInPlace(xs[:mid], scratch[:mid], workers/2) })
		sortInPlace(xs[mid:], scratch[mid:], workers-workers/2)
		wg.Wait()
	} else {
		sortInPlace(xs[:mid], scratch[:mid], 1)
		sortInPlace(xs[mid:], scratch[mid:], 1)
	}
	copy(scratch, xs)
	mergeInto(xs, scratch[:mid], scratch[mid:])
}
