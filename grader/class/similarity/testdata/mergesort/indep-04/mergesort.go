package mergesort

import (
	"container/heap"
	"runtime"
	"sort"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, 0, len(left)+len(right))
	a, b := 0, 0
	for a < len(left) || b < len(right) {
		if b >= len(right) || (a < len(left) && left[a] <= right[b]) {
			out = append(out, left[a])
			a++
		} else {
			out = append(out, right[b])
			b++
		}
	}
	return out
}

type cursor struct {
	run []int
	at  int
}

type minHeap []*cursor

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i].run[h[i].at] < h[j].run[h[j].at] }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(*cursor)) }
func (h *minHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// Sort sorts one part per worker with sort.Ints, concurrently, and
// merges the parts at once with a heap (a k-way merge).
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	parts := make([][]int, workers)
	var wg sync.WaitGroup
	for p := 0; p < workers; p++ {
		part := append([]int{}, xs[p*len(xs)/workers:(p+1)*len(xs)/workers]...)
		parts[p] = part
		wg.Add(1)
		go func() {
			defer wg.Done()
			sort.Ints(part)
		}()
	}
	wg.Wait()
	h := &minHeap{}
	for _, part := range parts {
		if len(part) > 0 {
			*h = append(*h, &cursor{run: part})
		}
	}
	heap.Init(h)
	sorted := make([]int, 0, len(xs))
	for h.Len() > 0 {
		c := (*h)[0]
		sorted = append(sorted, c.run[c.at])
		c.at++
		if c.at == len(c.run) {
			heap.Pop(h)
		} else {
			heap.Fix(h, 0)
		}
	}
	return sorted
}
