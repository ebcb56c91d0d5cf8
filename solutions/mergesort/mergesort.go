// Package mergesort is the model answer to exercise 2: the left half is
// sorted in a new goroutine while the caller sorts the right half, with the
// worker budget halved at each level; below it the sort is serial.
package mergesort

import (
	"runtime"
	"sync"
)

//parlab:begin-solution

// serialCutoff is the size below which spawning a goroutine costs more
// than it saves.
const serialCutoff = 2048

//parlab:end-solution

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	//parlab:begin-solution merge two sorted slices into a new sorted slice
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
	//parlab:end-solution
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	//parlab:begin-solution sort the two halves concurrently, then Merge them
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return sort(xs, workers)
	//parlab:end-solution
}

//parlab:begin-solution
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

//parlab:end-solution
