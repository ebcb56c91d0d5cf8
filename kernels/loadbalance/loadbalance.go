// Package loadbalance runs a list of tasks of very different sizes on a
// few workers, two ways. Static gives each worker one contiguous chunk of
// tasks, decided up front; Dynamic lets workers take the next task from a
// shared queue whenever they are free. With the notebook's workload (task
// n costs time proportional to n) the last chunk holds the most work, so
// under Static the other workers finish early and wait; Dynamic keeps them
// all busy.
package loadbalance

import (
	"sync"
	"sync/atomic"

	"parlab/kernels"
)

// Task computes the result of task n, with cost proportional to n+1: the
// notebook's variable workload. The result is a checksum of the work, so
// the work cannot be skipped.
func Task(n int, unit int) uint64 {
	x := uint64(n) + 1
	for range (n + 1) * unit {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// Serial runs tasks 0..n-1 in order on the calling goroutine.
func Serial(n, unit int) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = Task(i, unit)
	}
	return out
}

// Static splits tasks 0..n-1 into one contiguous chunk per worker. The
// results are in task order.
func Static(n, unit, workers int) []uint64 {
	out := make([]uint64, n)
	workers = kernels.Workers(workers, n)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := kernels.Split(n, workers, w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				out[i] = Task(i, unit)
			}
		}()
	}
	wg.Wait()
	return out
}

// Dynamic has workers take tasks one at a time from a shared queue (an
// atomic counter: the next task nobody has taken), largest first, so the
// big tasks do not come last and leave one worker alone at the end. The
// results are in task order.
func Dynamic(n, unit, workers int) []uint64 {
	out := make([]uint64, n)
	workers = kernels.Workers(workers, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				i := n - 1 - k // largest first
				out[i] = Task(i, unit)
			}
		}()
	}
	wg.Wait()
	return out
}

// Imbalance is the ratio of the largest static chunk's work to the mean
// chunk's: the best speedup Static can reach is workers/Imbalance.
func Imbalance(n, workers int) float64 {
	workers = kernels.Workers(workers, n)
	total, largest := 0.0, 0.0
	for w := range workers {
		lo, hi := kernels.Split(n, workers, w)
		work := 0.0
		for i := lo; i < hi; i++ {
			work += float64(i + 1)
		}
		total += work
		largest = max(largest, work)
	}
	return largest / (total / float64(workers))
}
