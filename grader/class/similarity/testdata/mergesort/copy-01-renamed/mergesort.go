package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns lo new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	res := make([]int, len(left)+len(right))
	i, j, k := 0, 0, 0
	for i < len(left) && j < len(right) {
		if left[i] <= right[j] {
			res[k] = left[i]
			i++
		} else {
			res[k] = right[j]
			j++
		}
		k++
	}
	for i < len(left) {
		res[k] = left[i]
		i++
		k++
	}
	for j < len(right) {
		res[k] = right[j]
		j++
		k++
	}
	return res
}

// Sort returns lo sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	levels := 0
	for (1 << levels) < workers {
		levels++
	}
	return rec(xs, levels)
}

func rec(xs []int, levels int) []int {
	if len(xs) < 2 {
		dup := make([]int, len(xs))
		copy(dup, xs)
		return dup
	}
	m := len(xs) / 2
	var lo, hi []int
	if levels > 0 && len(xs) > 4096 {
		var done sync.WaitGroup
		done.Add(1)
		go func() {
			defer done.Done()
			lo = rec(xs[:m], levels-1)
		}()
		hi = rec(xs[m:], levels-1)
		done.Wait()
	} else {
		lo = rec(xs[:m], 0)
		hi = rec(xs[m:], 0)
	}
	return Merge(lo, hi)
}
