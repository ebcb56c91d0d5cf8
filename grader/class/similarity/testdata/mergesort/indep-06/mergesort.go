package mergesort

import "runtime"

// Merge returns a new sorted slice holding the elements of two sorted slices.
func Merge(left, right []int) []int {
	n := len(left) + len(right)
	res := make([]int, 0, n)
	var i, j int
	for len(res) < n {
		takeLeft := j == len(right) || (i < len(left) && left[i] <= right[j])
		if takeLeft {
			res = append(res, left[i])
			i++
			continue
		}
		res = append(res, right[j])
		j++
	}
	return res
}

// Sort sends each sorted half back on a channel of its own.
func Sort(xs []int, workers int) []int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return <-sortAsync(xs, workers)
}

func sortAsync(xs []int, workers int) <-chan []int {
	ch := make(chan []int, 1)
	if len(xs) < 2 {
		ch <- append([]int{}, xs...)
		return ch
	}
	mid := len(xs) / 2
	if workers < 2 {
		ch <- Merge(<-sortAsync(xs[:mid], 1), <-sortAsync(xs[mid:], 1))
		return ch
	}
	go func() {
		lc := sortAsync(xs[:mid], workers/2)
		rc := sortAsync(xs[mid:], workers-workers/2)
		ch <- Merge(<-lc, <-rc)
	}()
	return ch
}
