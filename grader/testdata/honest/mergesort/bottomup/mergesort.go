// Package mergesort: each half is sorted bottom-up (width 1, 2, 4, ...
// between two buffers) in its own goroutine while workers remain, and the
// sorted halves are merged with Merge.
package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, len(left)+len(right))
	merge(out, left, right)
	return out
}

func merge(out, left, right []int) {
	i, j := 0, 0
	for k := range out {
		if j >= len(right) || (i < len(left) && left[i] <= right[j]) {
			out[k] = left[i]
			i++
		} else {
			out[k] = right[j]
			j++
		}
	}
}

func bottomUp(xs []int) []int {
	a := append([]int(nil), xs...)
	b := make([]int, len(xs))
	for width := 1; width < len(a); width *= 2 {
		for lo := 0; lo < len(a); lo += 2 * width {
			mid, hi := min(lo+width, len(a)), min(lo+2*width, len(a))
			merge(b[lo:hi], a[lo:mid], a[mid:hi])
		}
		a, b = b, a
	}
	return a
}

// Sort returns a sorted copy of xs with up to workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers < 2 || len(xs) < 4096 {
		return bottomUp(xs)
	}
	mid := len(xs) / 2
	var left []int
	var wg sync.WaitGroup
	wg.Go(func() { left = Sort(xs[:mid], workers/2) })
	right := Sort(xs[mid:], workers-workers/2)
	wg.Wait()
	return Merge(left, right)
}
