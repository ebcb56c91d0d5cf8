package reference

// MergeSort returns a sorted copy of xs by top-down merge sort: split in
// halves, sort each, merge. It never modifies xs.
func MergeSort(xs []int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	return Merge(MergeSort(xs[:mid]), MergeSort(xs[mid:]))
}

// Merge returns a new sorted slice holding the elements of the sorted
// slices left and right; on ties, left's elements come first (a stable
// merge).
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
