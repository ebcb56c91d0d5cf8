package mergesort

import (
	"runtime"
	"slices"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	merged := make([]int, 0, len(left)+len(right))
	for len(left) > 0 && len(right) > 0 {
		if right[0] < left[0] {
			merged = append(merged, right[0])
			right = right[1:]
		} else {
			merged = append(merged, left[0])
			left = left[1:]
		}
	}
	merged = append(merged, left...)
	merged = append(merged, right...)
	return merged
}

// Sort cuts a copy of xs into one run per worker, sorts the runs in
// parallel, then merges neighbouring runs pairwise, round after round,
// each round in parallel.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(xs) == 0 {
		return []int{}
	}
	workers = min(workers, len(xs))
	runs := make([][]int, workers)
	var wg sync.WaitGroup
	for r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run := slices.Clone(xs[r*len(xs)/workers : (r+1)*len(xs)/workers])
			slices.Sort(run)
			runs[r] = run
		}()
	}
	wg.Wait()
	for len(runs) > 1 {
		next := make([][]int, (len(runs)+1)/2)
		for p := 0; p < len(runs); p += 2 {
			if p+1 == len(runs) {
				next[p/2] = runs[p]
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				next[p/2] = Merge(runs[p], runs[p+1])
			}()
		}
		wg.Wait()
		runs = next
	}
	return runs[0]
}
