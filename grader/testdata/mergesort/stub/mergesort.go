package mergesort

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	panic("TODO: merge two sorted slices into a new sorted slice")
}

// Sort returns a sorted copy of xs, sorting halves concurrently with up to
// workers goroutines.
func Sort(xs []int, workers int) []int {
	panic("TODO: sort the two halves concurrently, then Merge them")
}
