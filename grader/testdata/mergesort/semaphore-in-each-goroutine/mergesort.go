// Package mergesort: correct, and keeps to its workers. It cuts xs into
// chunks of 4096 and starts a goroutine per chunk, and per merge of two
// runs, each of which takes a semaphore of workers places before it
// works. Right after each start, goroutines on their way to the semaphore
// are ready to run at once (13-19 at Sort(xs, 1)), and the first count of
// busy goroutines, on the peak, failed it (found by an attack session,
// December 2026); most of the call, one is busy.
package mergesort

import (
	"runtime"
	"slices"
	"sync"
)

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

const chunk = 4096

// Sort cuts xs into chunks, sorts each chunk in its own goroutine (at most
// workers of them at once, by a semaphore), then merges the runs pairwise.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := slices.Clone(xs)
	if out == nil {
		out = []int{}
	}
	var runs [][]int
	for lo := 0; lo < len(out); lo += chunk {
		runs = append(runs, out[lo:min(lo+chunk, len(out))])
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			slices.Sort(r)
		}()
	}
	wg.Wait()
	for len(runs) > 1 {
		next := make([][]int, (len(runs)+1)/2)
		for i := range next {
			if 2*i+1 < len(runs) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					sem <- struct{}{}
					defer func() { <-sem }()
					next[i] = Merge(runs[2*i], runs[2*i+1])
				}()
			} else {
				next[i] = runs[2*i]
			}
		}
		wg.Wait()
		runs = next
	}
	if len(runs) == 0 {
		return out
	}
	return runs[0]
}
