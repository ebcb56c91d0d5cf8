// Package p is the same API with another implementation.
package p

import "sync"

// Limit is a constant.
const Limit = 8

// Box hides its contents.
type Box struct {
	mu    sync.Mutex
	Name  string
	total int
}

// Add adds.
func (b *Box) Add(x int) { b.mu.Lock(); b.total += x; b.mu.Unlock() }

// Sum sums.
func Sum(xs []int, workers int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func other() {}
