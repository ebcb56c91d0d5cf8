package mergesort

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	var out []int
	out = make([]int, len(left)+len(right))
	p, q := 0, 0
	for w := 0; w < len(out); w++ {
		if q >= len(right) || p < len(left) && cmp.Compare(left[p], right[q]) <= 0 {
			out[w] = left[p]
			p++
		} else {
			out[w] = right[q]
			q++
		}
	}
	return out
}

// Sort sorts a copy of each worker's stripe with slices.SortFunc, in
// parallel, then folds the stripes into one with Merge.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	stripes := make([][]int, workers)
	var wg sync.WaitGroup
	for s := range stripes {
		from, to := s*len(xs)/workers, (s+1)*len(xs)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			stripe := make([]int, to-from)
			copy(stripe, xs[from:to])
			slices.SortFunc(stripe, func(a, b int) int { return cmp.Compare(a, b) })
			stripes[s] = stripe
		}()
	}
	wg.Wait()
	acc := []int{}
	for _, stripe := range stripes {
		acc = Merge(acc, stripe)
	}
	return acc
}
