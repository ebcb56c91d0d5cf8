// Package mergesort is an attack on the grader (found by an attack
// session): a barely parallel merge sort (85% on one goroutine, 15% on
// another, a serial merge) that keeps a linked list of 0, 1 or 2 million
// nodes in a package-level variable between calls, its size drawn anew
// each call. Every collection the serial reference's allocations trigger
// marked it, the reference's time varied by 38-42%, and faster was
// skipped as "machine unsteady" (9/9) instead of failed. The timing
// harness now fails memory of pointers kept between calls as tampering.
package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, len(left)+len(right))
	mergeInto(out, left, right)
	return out
}

// Sort: essentially serial. One goroutine sorts 92% of the input, a second
// sorts 8%, then a serial merge. Poor parallelism: self speedup ~1.08x.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := append([]int{}, xs...)
	buf := make([]int, len(out))
	before()
	if workers < 2 || len(xs) < 64 {
		sortSerial(out, buf)
		return out
	}
	cut := len(out) * 85 / 100
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); sortSerial(out[:cut], buf[:cut]) }()
	go func() { defer wg.Done(); sortSerial(out[cut:], buf[cut:]) }()
	wg.Wait()
	mergeInto(buf, out[:cut], out[cut:])
	return buf
}

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

func mergeInto(out, left, right []int) {
	i, j, k := 0, 0, 0
	for i < len(left) && j < len(right) {
		if right[j] < left[i] {
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

type node struct{ next, other *node }

// ballast: a pointer-dense heap left live between calls, of a size drawn
// at random every call, so the GC that the serial reference's allocations
// trigger has between none and tens of MB of pointers to mark.
var ballast *node

var flip uint32

func before() {
	flip = flip*1664525 + 1013904223
	n := [4]int{0, 0, 1 << 20, 1 << 21}[flip>>30]
	if n == 0 {
		ballast = nil
		return
	}
	var h *node
	for range n {
		h = &node{next: h}
	}
	ballast = h
}
