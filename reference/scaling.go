package reference

import (
	"math"
	"slices"
	"time"
)

// Median returns the median of ds: the middle value, or the mean of the
// middle two for an even count (rounded toward zero to the nanosecond). It
// returns 0 for no values and does not modify ds.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// Amdahl is the speedup bound 1/(f+(1-f)/p) of a program whose serial
// fraction is f, on p workers.
func Amdahl(serialFraction float64, workers int) float64 {
	p := float64(workers)
	return 1 / (serialFraction + (1-serialFraction)/p)
}

// Gustafson is the scaled speedup p-f*(p-1) of a program whose serial
// fraction is f, on p workers.
func Gustafson(serialFraction float64, workers int) float64 {
	p := float64(workers)
	return p - serialFraction*(p-1)
}

// KarpFlatt is the experimentally determined serial fraction
// (1/s-1/p)/(1-1/p) of a measured speedup s on p workers; NaN for p <= 1.
func KarpFlatt(speedup float64, workers int) float64 {
	if workers <= 1 {
		return math.NaN()
	}
	p := float64(workers)
	return (1/speedup - 1/p) / (1 - 1/p)
}
