package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	result := make([]int, len(left)+len(right))
	i, j, k := 0, 0, 0
	for i < len(left) && j < len(right) {
		if left[i] <= right[j] {
			result[k] = left[i]
			i++
		} else {
			result[k] = right[j]
			j++
		}
		k++
	}
	for i < len(left) {
		result[k] = left[i]
		i++
		k++
	}
	for j < len(right) {
		result[k] = right[j]
		j++
		k++
	}
	return result
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	depth := 0
	for (1 << depth) < workers {
		depth++
	}
	return sortDepth(xs, depth)
}

func sortDepth(xs []int, depth int) []int {
	if len(xs) < 2 {
		out := make([]int, len(xs))
		copy(out, xs)
		return out
	}
	half := len(xs) / 2
	var a, b []int
	if depth > 0 && len(xs) > 4096 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			a = sortDepth(xs[:half], depth-1)
		}()
		b = sortDepth(xs[half:], depth-1)
		wg.Wait()
	} else {
		a = sortDepth(xs[:half], 0)
		b = sortDepth(xs[half:], 0)
	}
	return Merge(a, b)
}
