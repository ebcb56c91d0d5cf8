// Package mergesort: no goroutine at all. With one worker it runs a slow,
// allocating merge sort; with more it runs a serial radix sort. Timed
// against its own 1-worker call it "scaled" 4.7x under the old faster
// check.
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

// Sort sandbags the 1-worker call and sorts serially otherwise.
func Sort(xs []int, workers int) []int {
	if workers <= 1 {
		return naive(xs)
	}
	return radix(xs)
}

func naive(xs []int) []int {
	if len(xs) <= 1 {
		return append([]int{}, xs...)
	}
	mid := len(xs) / 2
	return Merge(naive(append([]int{}, xs[:mid]...)), naive(append([]int{}, xs[mid:]...)))
}

// radix is an LSD radix sort on the bits of x with the sign bit flipped.
func radix(xs []int) []int {
	a := make([]uint64, len(xs))
	for i, x := range xs {
		a[i] = uint64(x) ^ 1<<63
	}
	b := make([]uint64, len(xs))
	for shift := 0; shift < 64; shift += 8 {
		var count [257]int
		for _, v := range a {
			count[(v>>shift)&0xff+1]++
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, v := range a {
			d := (v >> shift) & 0xff
			b[count[d]] = v
			count[d]++
		}
		a, b = b, a
	}
	out := make([]int, len(xs))
	for i, v := range a {
		out[i] = int(v ^ 1<<63)
	}
	return out
}
