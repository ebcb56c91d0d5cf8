package mergesort

import (
	"runtime"
	"sync"
)

const small = 32

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	dst := make([]int, 0, len(left)+len(right))
	for {
		if len(left) == 0 {
			return append(dst, right...)
		}
		if len(right) == 0 {
			return append(dst, left...)
		}
		if left[0] <= right[0] {
			dst = append(dst, left[0])
			left = left[1:]
		} else {
			dst = append(dst, right[0])
			right = right[1:]
		}
	}
}

func insertion(xs []int) []int {
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

// Sort sorts small slices by insertion and larger ones by halves, the
// left half in a new goroutine while workers remain.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(xs) <= small {
		return insertion(xs)
	}
	mid := len(xs) >> 1
	if workers == 1 {
		return Merge(Sort(xs[:mid], 1), Sort(xs[mid:], 1))
	}
	var left []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		left = Sort(xs[:mid], workers/2)
		wg.Done()
	}()
	right := Sort(xs[mid:], workers-workers/2)
	wg.Wait()
	return Merge(left, right)
}
