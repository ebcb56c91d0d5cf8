// Package mergesort: the model answer with its merge comparing by
// subtraction, right[j]-left[i] < 0, which overflows for values far apart
// (MaxInt - (-1) is negative) and then merges out of order. Its tests
// used small numbers only, and it scored correct 3/3 (found by an attack
// session, December 2026).
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
	out := make([]int, len(left)+len(right))
	mergeInto(out, left, right)
	return out
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return sort(xs, workers)
}

// sort returns a sorted copy of xs, sorting its halves concurrently while
// the worker budget lasts.
func sort(xs []int, workers int) []int {
	if workers < 2 || len(xs) < serialCutoff {
		out := append([]int{}, xs...)
		sortSerial(out, make([]int, len(out)))
		return out
	}
	mid := len(xs) / 2
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

// sortSerial sorts xs in place, merging into buf (as long as xs) and
// copying back: a serial merge sort that allocates nothing. A new slice
// for every merge, as Merge makes, would allocate the whole input again
// at every level of the recursion, and the allocator and the garbage
// collector would take a large share of the time, much of it serial.
func sortSerial(xs, buf []int) {
	if len(xs) < 2 {
		return
	}
	mid := len(xs) / 2
	sortSerial(xs[:mid], buf[:mid])
	sortSerial(xs[mid:], buf[mid:])
	mergeInto(buf, xs[:mid], xs[mid:])
	copy(xs, buf)
}

// mergeInto merges the sorted slices left and right into out, which holds
// exactly their elements; on ties, left's come first.
func mergeInto(out, left, right []int) {
	i, j, k := 0, 0, 0
	for i < len(left) && j < len(right) {
		if right[j]-left[i] < 0 { // overflows for far-apart values
			out[k] = right[j]
			j++
		} else {
			out[k] = left[i]
			i++
		}
		k++
	}
	k += copy(out[k:], left[i:])
	copy(out[k:], right[j:])
}
