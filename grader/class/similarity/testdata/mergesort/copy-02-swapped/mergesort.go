package mergesort

import (
	"runtime"
	"slices"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	acc := make([]int, 0, len(left)+len(right))
	for len(left) > 0 && len(right) > 0 {
		if right[0] < left[0] {
			acc = append(acc, right[0])
			right = right[1:]
		} else {
			acc = append(acc, left[0])
			left = left[1:]
		}
	}
	acc = append(acc, left...)
	return append(acc, right...)
}

// Sort cuts a copy of xs into one p per worker, sorts the parts in
// parallel, then merges neighbouring parts pairwise, round after round,
// each round in parallel.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(xs) == 0 {
		return []int{}
	}
	var wg sync.WaitGroup
	workers = min(workers, len(xs))
	parts := make([][]int, workers)
	for idx := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := slices.Clone(xs[idx*len(xs)/workers : (idx+1)*len(xs)/workers])
			slices.Sort(p)
			parts[idx] = p
		}()
	}
	wg.Wait()
	for len(parts) > 1 {
		level := make([][]int, (len(parts)+1)/2)
		for p := 0; p < len(parts); p += 2 {
			if p+1 == len(parts) {
				level[p/2] = parts[p]
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				level[p/2] = Merge(parts[p], parts[p+1])
			}()
		}
		wg.Wait()
		parts = level
	}
	return parts[0]
}
