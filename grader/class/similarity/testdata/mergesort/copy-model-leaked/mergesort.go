package mergesort

import (
	"runtime"
	"sync"
)

const cutoff = 1 << 13

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	merged := make([]int, len(left)+len(right))
	mergeTo(merged, left, right)
	return merged
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return parSort(xs, workers)
}

func parSort(xs []int, workers int) []int {
	if workers < 2 || len(xs) < cutoff {
		res := append([]int{}, xs...)
		seqSort(res, make([]int, len(res)))
		return res
	}
	m := len(xs) / 2
	var lo []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		lo = parSort(xs[:m], workers/2)
	}()
	hi := parSort(xs[m:], workers-workers/2)
	wg.Wait()
	return Merge(lo, hi)
}

func seqSort(xs, tmp []int) {
	if len(xs) < 2 {
		return
	}
	m := len(xs) / 2
	seqSort(xs[:m], tmp[:m])
	seqSort(xs[m:], tmp[m:])
	mergeTo(tmp, xs[:m], xs[m:])
	copy(xs, tmp)
}

func mergeTo(dst, left, right []int) {
	a, b, c := 0, 0, 0
	for a < len(left) && b < len(right) {
		if right[b] < left[a] {
			dst[c] = right[b]
			b++
		} else {
			dst[c] = left[a]
			a++
		}
		c++
	}
	c += copy(dst[c:], left[a:])
	copy(dst[c:], right[b:])
}
