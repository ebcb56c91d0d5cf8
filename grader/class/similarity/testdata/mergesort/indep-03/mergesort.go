package mergesort

import "runtime"

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	out := make([]int, len(left)+len(right))
	l, r := 0, 0
	for k := range out {
		switch {
		case l == len(left):
			out[k] = right[r]
			r++
		case r == len(right):
			out[k] = left[l]
			l++
		case right[r] < left[l]:
			out[k] = right[r]
			r++
		default:
			out[k] = left[l]
			l++
		}
	}
	return out
}

// Sort limits the goroutines with a buffered channel of tokens: a half
// gets its own goroutine only when a token is free.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	tokens := make(chan struct{}, workers-1)
	return msort(xs, tokens)
}

func msort(xs []int, tokens chan struct{}) []int {
	if len(xs) <= 1 {
		return append([]int(nil), xs...)
	}
	m := len(xs) / 2
	select {
	case tokens <- struct{}{}:
		res := make(chan []int)
		go func() {
			sorted := msort(xs[:m], tokens)
			<-tokens
			res <- sorted
		}()
		right := msort(xs[m:], tokens)
		return Merge(<-res, right)
	default:
		return Merge(msort(xs[:m], tokens), msort(xs[m:], tokens))
	}
}
