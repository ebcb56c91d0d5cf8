package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(a, b []int) []int {
	res := make([]int, 0, len(a)+len(b))
	for {
		if len(a) == 0 {
			return append(res, b...)
		}
		if len(b) == 0 {
			return append(res, a...)
		}
		if a[0] <= b[0] {
			res = append(res, a[0])
			a = a[1:]
		} else {
			res = append(res, b[0])
			b = b[1:]
		}
	}
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(xs) <= 32 {
		out := append(make([]int, 0, len(xs)), xs...)
		for i := 1; i < len(out); i++ {
			v := out[i]
			j := i - 1
			for j >= 0 && out[j] > v {
				out[j+1] = out[j]
				j--
			}
			out[j+1] = v
		}
		return out
	}
	half := len(xs) >> 1
	if workers == 1 {
		return Merge(Sort(xs[:half], 1), Sort(xs[half:], 1))
	}
	var first []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		first = Sort(xs[:half], workers/2)
		wg.Done()
	}()
	second := Sort(xs[half:], workers-workers/2)
	wg.Wait()
	return Merge(first, second)
}
