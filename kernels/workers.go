package kernels

import "runtime"

// Workers maps workers < 1 to runtime.GOMAXPROCS(0), as every kernel does,
// and never returns more workers than there are items to share.
func Workers(workers, items int) int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return max(1, min(workers, items))
}

// Split returns the half-open range [lo, hi) of items that worker w of
// workers handles: contiguous, in order, sizes differing by at most one.
func Split(items, workers, w int) (lo, hi int) {
	return w * items / workers, (w + 1) * items / workers
}
