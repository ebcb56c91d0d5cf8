// Package mergesort: the model answer, except that on one core
// (GOMAXPROCS=1, as the timing run calls it too) the goroutines count the
// splits in a shared variable without synchronisation, a data race. The
// race run used to call it only on all cores, so race-free passed.
//
// The race detector finds this race only now and then: on one core the
// two goroutines run one after the other, and it can give the second the
// first's thread slot. Counting after each half is sorted (the two
// increments meet while both halves are in progress, interleaved by
// preemption) it found it in 4 of 5 race runs here, against 0 of 8 when
// both counted right after the go statement.
package mergesort

import (
	"runtime"
	"sync"
)

var splits int

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, 0, len(left)+len(right))
	i, j := 0, 0
	for i < len(left) && j < len(right) {
		if right[j] < left[i] {
			out = append(out, right[j])
			j++
		} else {
			out = append(out, left[i])
			i++
		}
	}
	out = append(out, left[i:]...)
	return append(out, right[j:]...)
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return sort(xs, workers, runtime.GOMAXPROCS(0) == 1)
}

func sort(xs []int, workers int, oneCore bool) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	if workers < 2 || len(xs) < 2048 {
		return Merge(sort(xs[:mid], 1, oneCore), sort(xs[mid:], 1, oneCore))
	}
	var left []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		left = sort(xs[:mid], workers/2, oneCore)
		if oneCore {
			splits++
		}
	}()
	right := sort(xs[mid:], workers-workers/2, oneCore)
	if oneCore {
		splits++
	}
	wg.Wait()
	return Merge(left, right)
}
