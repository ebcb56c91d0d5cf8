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

// slowMerge merges by sorting the concatenation again, serially, after
// shuffling it: a serial sort of random data, as long as the reference's
// whole sort. (Sorting the two sorted runs as they were took 0.6x of that
// here, so the answer measured 0.83-0.91x the reference's speed, over the
// 0.80x bar, and passed on some machines: not what this scenario is for.)
func slowMerge(left, right []int) []int {
	all := append(append([]int{}, left...), right...)
	x := uint64(len(all)) | 1
	for i := len(all) - 1; i > 0; i-- {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		j := int(x % uint64(i+1))
		all[i], all[j] = all[j], all[i]
	}
	return serial(all)
}
