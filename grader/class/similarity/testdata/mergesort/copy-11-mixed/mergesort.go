package mergesort

import (
	"runtime"
	"sync"
)

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var sortPart func(s []int, fan int) []int
	sortPart = func(s []int, fan int) []int {
		switch len(s) {
		case 0:
			return []int{}
		case 1:
			return []int{s[0]}
		}
		mid := len(s) / 2
		if fan*2 > workers {
			return Merge(sortPart(s[:mid], fan), sortPart(s[mid:], fan))
		}
		var wg sync.WaitGroup
		var x []int
		wg.Add(1)
		go func() {
			defer wg.Done()
			x = sortPart(s[:mid], fan*2)
		}()
		y := sortPart(s[mid:], fan*2)
		wg.Wait()
		return Merge(x, y)
	}
	return sortPart(xs, 1)
}

// Merge combines two sorted lists.
func Merge(left, right []int) []int {
	n := len(left) + len(right)
	out := make([]int, 0, n)
	p, q := 0, 0
	for p+q < n {
		if p == len(left) {
			out = append(out, right[q:]...)
			break
		}
		if q == len(right) {
			out = append(out, left[p:]...)
			break
		}
		if left[p] > right[q] {
			out = append(out, right[q])
			q++
		} else {
			out = append(out, left[p])
			p++
		}
	}
	return out
}
