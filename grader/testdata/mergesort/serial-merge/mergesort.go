package mergesort

import "sync"

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

// Sort sorts the two halves concurrently, then merges them by sorting
// their concatenation again, serially: correct, but the serial step takes
// as long as a whole serial sort.
func Sort(xs []int, workers int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	var left, right []int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); left = serial(xs[:mid]) }()
	go func() { defer wg.Done(); right = serial(xs[mid:]) }()
	wg.Wait()
	return slowMerge(left, right)
}

func serial(xs []int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	return Merge(serial(xs[:mid]), serial(xs[mid:]))
}

// slowMerge merges by sorting the concatenation again, serially.
func slowMerge(left, right []int) []int {
	all := append(append([]int{}, left...), right...)
	return serial(all)
}
