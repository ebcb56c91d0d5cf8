// Package mergesort: Merge appends right to left when they are already in order, into the room left has to grow.
package mergesort

import (
	"runtime"
	"sync"
)

// serialCutoff is the size below which spawning a goroutine costs more
// than it saves.
const serialCutoff = 2048

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	if len(left) > 0 && len(right) > 0 && left[len(left)-1] <= right[0] {
		return append(left, right...)
	}
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
	return sort(xs, workers)
}

func sort(xs []int, workers int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	if workers < 2 || len(xs) < serialCutoff {
		return Merge(sort(xs[:mid], 1), sort(xs[mid:], 1))
	}
	var left []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		left = sort(xs[:mid], workers/2)
	}()
	right := sort(xs[mid:], workers-workers/2)
	wg.Wait()
	return Merge(left, right)
}
