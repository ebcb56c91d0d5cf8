package mergesort

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, 0, len(left)+len(right))
	x, y := 0, 0
loop:
	for {
		switch {
		case x >= len(left):
			out = append(out, right[y:]...)
			break loop
		case y >= len(right):
			out = append(out, left[x:]...)
			break loop
		case right[y] < left[x]:
			out = append(out, right[y])
			y++
		default:
			out = append(out, left[x])
			x++
		}
	}
	return out
}

// sorter hands out goroutines while its budget lasts.
type sorter struct {
	budget atomic.Int32
}

func (s *sorter) take() bool {
	for {
		b := s.budget.Load()
		if b <= 0 {
			return false
		}
		if s.budget.CompareAndSwap(b, b-1) {
			return true
		}
	}
}

func (s *sorter) sort(xs []int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	h := len(xs) / 2
	if len(xs) > 1<<12 && s.take() {
		var first []int
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			first = s.sort(xs[:h])
		}()
		second := s.sort(xs[h:])
		wg.Wait()
		s.budget.Add(1)
		return Merge(first, second)
	}
	return Merge(s.sort(xs[:h]), s.sort(xs[h:]))
}

// Sort gives a sorter a budget of workers-1 extra goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	s := &sorter{}
	s.budget.Store(int32(workers - 1))
	return s.sort(xs)
}
