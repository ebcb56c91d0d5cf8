package speedup

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Estimate is parlab's one estimator of a speedup, used by the verdict,
// the table, the JSON and the plots alike: the median over repetitions of
// the paired ratio (the two times of one repetition share the machine's
// momentary load), with a distribution-free confidence interval for that
// median.
type Estimate struct {
	// Median is the median of the paired ratios.
	Median float64 `json:"median"`
	// Low and High bound the median with at least Confidence coverage
	// (order statistics of the ratios; no assumption on their
	// distribution). With few repetitions they are the extremes.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Spread is the ratios' interquartile range over their median.
	Spread float64 `json:"spread"`
}

// Confidence is the least coverage of an Estimate's interval.
const Confidence = 0.90

// String is the estimate as a learner reads it: "1.52x (1.44-1.61)".
func (e Estimate) String() string {
	return fmt.Sprintf("%.2fx (%.2f-%.2f)", e.Median, e.Low, e.High)
}

// Ratio estimates the speedup of b over a: a[r]/b[r] over the first n
// repetitions (a time before, b time after).
func Ratio(a, b []time.Duration, n int) Estimate {
	ratios := make([]float64, 0, n)
	for r := 0; r < n && r < len(a) && r < len(b); r++ {
		if b[r] > 0 && a[r] > 0 {
			ratios = append(ratios, float64(a[r])/float64(b[r]))
		}
	}
	return estimate(ratios)
}

// estimate is the median of xs with its interval and spread.
func estimate(xs []float64) Estimate {
	if len(xs) == 0 {
		return Estimate{}
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	e := Estimate{Median: quantile(xs, 0.5)}
	k := rankBound(len(xs), Confidence)
	e.Low, e.High = xs[k], xs[len(xs)-1-k]
	if e.Median > 0 {
		e.Spread = (quantile(xs, 0.75) - quantile(xs, 0.25)) / e.Median
	}
	return e
}

// rankBound is the largest k (0-based) such that the k-th smallest and the
// k-th largest of n samples enclose their population's median with
// probability at least conf: the sign test's interval, from the binomial
// distribution with p = 1/2. Below about 5 samples no k reaches conf and
// the extremes are used.
func rankBound(n int, conf float64) int {
	// tail(k) = P(Binomial(n, 1/2) <= k); the interval [x_k, x_{n-1-k}]
	// misses the median with probability 2*tail(k).
	tail, best := 0.0, 0
	for k := 0; k < n/2; k++ {
		tail += binom(n, k) / math.Exp2(float64(n))
		if 1-2*tail < conf {
			break
		}
		best = k
	}
	return best
}

// binom is n choose k, as a float.
func binom(n, k int) float64 {
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

// quantile of sorted xs by linear interpolation.
func quantile(xs []float64, q float64) float64 {
	pos := q * float64(len(xs)-1)
	lo := int(pos)
	if lo+1 >= len(xs) {
		return xs[lo]
	}
	return xs[lo] + (pos-float64(lo))*(xs[lo+1]-xs[lo])
}

// Median is the median of ds (the mean of the middle two for an even
// count), 0 for none.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// excess estimates how much longer the judged call took on one core than
// its work on P cores explains, over the first n repetitions: per
// repetition, its one-core time over its CPU time on P cores, over the
// reference's time over its CPU time (the pace the machine gave one core
// then). Repetitions without every CPU time count for nothing; none
// gives the zero Estimate.
func excess(s *Samples, n int) Estimate {
	var xs []float64
	for r := 0; r < n && r < len(s.One) && r < len(s.Reference) && r < len(s.JudgedCPU) && r < len(s.ReferenceCPU); r++ {
		if s.JudgedCPU[r] <= 0 || s.ReferenceCPU[r] <= 0 || s.Reference[r] <= 0 {
			continue
		}
		pace := float64(s.Reference[r]) / float64(s.ReferenceCPU[r])
		xs = append(xs, float64(s.One[r])/float64(s.JudgedCPU[r])/pace)
	}
	return estimate(xs)
}
