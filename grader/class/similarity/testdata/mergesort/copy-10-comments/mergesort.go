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

// merge a and b into dst
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

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}

	data := append([]int(nil), xs...)    // result
	scratch := append([]int(nil), xs...) // buffer

	pingPong(scratch, data, workers)

	return data
}

func pingPong(src, dst []int, workers int) {
	if len(dst) < 2 {
		return
	}

	mid := len(dst) / 2

	if workers > 1 {
		// parallel part
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			pingPong(dst[:mid], src[:mid], workers/2)
		}()
		pingPong(dst[mid:], src[mid:], workers-workers/2)
		wg.Wait()
	} else {
		// serial part
		pingPong(dst[:mid], src[:mid], 1)
		pingPong(dst[mid:], src[mid:], 1)
	}

	mergeInto(dst, src[:mid], src[mid:])
}
