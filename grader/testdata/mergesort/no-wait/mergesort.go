package mergesort

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

// Sort forgets to wait for the goroutine sorting the left half.
func Sort(xs []int, workers int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	var left []int
	done := make(chan bool, 1)
	go func() {
		left = Sort(xs[:mid], workers)
		done <- true
	}()
	right := Sort(xs[mid:], workers)
	return Merge(left, right)
}
