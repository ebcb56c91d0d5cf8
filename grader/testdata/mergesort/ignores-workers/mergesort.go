// Package mergesort: correct, race-free and leak-free, but it ignores
// workers: it starts a goroutine at every level down to 64 elements,
// hundreds of them busy at once even for Sort(xs, 1), where the
// assignment allows at most workers. It passed every check (found by an
// attack session, December 2026).
package mergesort

import "sync"

// Merge returns a new slice holding left and right merged.
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

// Sort ignores workers: a goroutine per half at every level down to 64.
func Sort(xs []int, workers int) []int {
	if len(xs) < 64 {
		out := append([]int{}, xs...)
		for i := 1; i < len(out); i++ {
			for k := i; k > 0 && out[k] < out[k-1]; k-- {
				out[k], out[k-1] = out[k-1], out[k]
			}
		}
		return out
	}
	mid := len(xs) / 2
	var left []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); left = Sort(xs[:mid], workers) }()
	right := Sort(xs[mid:], workers)
	wg.Wait()
	return Merge(left, right)
}
