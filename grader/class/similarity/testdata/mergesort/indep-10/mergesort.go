package mergesort

import (
	"runtime"
	"sync"
)

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	dst := make([]int, len(left)+len(right))
	mergeInto(dst, left, right)
	return dst
}

func mergeInto(dst, a, b []int) {
	i, j := 0, 0
	for k := range dst {
		if i < len(a) && (j >= len(b) || a[i] <= b[j]) {
			dst[k] = a[i]
			i++
		} else {
			dst[k] = b[j]
			j++
		}
	}
}

// Sort allocates one scratch buffer and sorts ping-pong between it and
// the copy, so that no level allocates; the top levels run in parallel.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	data := append([]int(nil), xs...)
	scratch := append([]int(nil), xs...)
	pingPong(scratch, data, workers)
	return data
}

// pingPong sorts src into dst (both start with the same elements).
func pingPong(src, dst []int, workers int) {
	if len(dst) < 2 {
		return
	}
	mid := len(dst) / 2
	if workers > 1 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			pingPong(dst[:mid], src[:mid], workers/2)
		}()
		pingPong(dst[mid:], src[mid:], workers-workers/2)
		wg.Wait()
	} else {
		pingPong(dst[:mid], src[:mid], 1)
		pingPong(dst[mid:], src[mid:], 1)
	}
	mergeInto(dst, src[:mid], src[mid:])
}
