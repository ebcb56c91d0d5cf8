package mergesort

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	st := &state{}
	st.free.Store(int32(workers - 1))
	return st.run(xs)
}

func (st *state) run(xs []int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	half := len(xs) / 2
	if len(xs) > 1<<12 && st.acquire() {
		var left []int
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			left = st.run(xs[:half])
		}()
		right := st.run(xs[half:])
		wg.Wait()
		st.free.Add(1)
		return Merge(left, right)
	}
	return Merge(st.run(xs[:half]), st.run(xs[half:]))
}

func (st *state) acquire() bool {
	for {
		n := st.free.Load()
		if n <= 0 {
			return false
		}
		if st.free.CompareAndSwap(n, n-1) {
			return true
		}
	}
}

type state struct {
	free atomic.Int32
}

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	res := make([]int, 0, len(left)+len(right))
	i, j := 0, 0
outer:
	for {
		switch {
		case i >= len(left):
			res = append(res, right[j:]...)
			break outer
		case j >= len(right):
			res = append(res, left[i:]...)
			break outer
		case right[j] < left[i]:
			res = append(res, right[j])
			j++
		default:
			res = append(res, left[i])
			i++
		}
	}
	return res
}
