package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	total := len(left) + len(right)
	merged := make([]int, 0, total)
	li, ri := 0, 0
	for li+ri < total {
		if ri == len(right) {
			merged = append(merged, left[li:]...)
			break
		}
		if li == len(left) {
			merged = append(merged, right[ri:]...)
			break
		}
		if left[li] > right[ri] {
			merged = append(merged, right[ri])
			ri++
		} else {
			merged = append(merged, left[li])
			li++
		}
	}
	return merged
}

// Sort uses a recursive closure; a level runs its halves concurrently
// while the product of the goroutines so far stays under workers.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var rec func(part []int, spread int) []int
	rec = func(part []int, spread int) []int {
		switch len(part) {
		case 0:
			return []int{}
		case 1:
			return []int{part[0]}
		}
		cut := len(part) / 2
		if spread*2 > workers {
			return Merge(rec(part[:cut], spread), rec(part[cut:], spread))
		}
		var a []int
		var once sync.WaitGroup
		once.Add(1)
		go func() {
			defer once.Done()
			a = rec(part[:cut], spread*2)
		}()
		b := rec(part[cut:], spread*2)
		once.Wait()
		return Merge(a, b)
	}
	return rec(xs, 1)
}
