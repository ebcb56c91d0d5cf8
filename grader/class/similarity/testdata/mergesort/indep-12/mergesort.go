package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, 0, len(left)+len(right))
	for len(left)+len(right) > 0 {
		if len(right) == 0 || len(left) > 0 && left[0] <= right[0] {
			out, left = append(out, left[0]), left[1:]
		} else {
			out, right = append(out, right[0]), right[1:]
		}
	}
	return out
}

// Sort is bottom-up: runs of width 1, 2, 4, ... are merged pairwise,
// each pass's merges spread over at most workers goroutines at once.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	cur := make([]int, len(xs))
	copy(cur, xs)
	next := make([]int, len(xs))
	limit := make(chan bool, workers)
	for width := 1; width < len(cur); width *= 2 {
		var pass sync.WaitGroup
		for lo := 0; lo < len(cur); lo += 2 * width {
			mid, hi := min(lo+width, len(cur)), min(lo+2*width, len(cur))
			limit <- true
			pass.Add(1)
			go func() {
				defer pass.Done()
				copy(next[lo:hi], Merge(cur[lo:mid], cur[mid:hi]))
				<-limit
			}()
		}
		pass.Wait()
		cur, next = next, cur
	}
	return cur
}
