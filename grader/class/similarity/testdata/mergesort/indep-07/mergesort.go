package mergesort

import (
	"runtime"
	"sync"
)

// Merge fills the result from its end, taking the larger of the two
// last elements each time (the right one on ties, so that the merge
// stays stable).
func Merge(left, right []int) []int {
	out := make([]int, len(left)+len(right))
	i, j := len(left)-1, len(right)-1
	for k := len(out) - 1; k >= 0; k-- {
		if j < 0 || (i >= 0 && left[i] > right[j]) {
			out[k] = left[i]
			i--
		} else {
			out[k] = right[j]
			j--
		}
	}
	return out
}

// Sort splits in two while there are workers to give each side.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := len(xs)
	if n < 2 {
		return append(make([]int, 0, n), xs...)
	}
	lo, hi := xs[:n/2], xs[n/2:]
	if workers < 2 {
		return Merge(Sort(lo, 1), Sort(hi, 1))
	}
	var sortedLo, sortedHi []int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); sortedLo = Sort(lo, workers/2) }()
	go func() { defer wg.Done(); sortedHi = Sort(hi, workers-workers/2) }()
	wg.Wait()
	return Merge(sortedLo, sortedHi)
}
