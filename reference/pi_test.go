package reference

import (
	"math"
	"testing"
)

func TestPiIsWithinFourStandardErrors(t *testing.T) {
	for _, n := range []int{10_000, 1_000_000} {
		for _, seed := range []uint64{1, 2, 3} {
			got := Pi(n, seed)
			// Each point is a Bernoulli trial with p = pi/4; the estimate's
			// standard error is 4*sqrt(p(1-p)/n).
			p := math.Pi / 4
			se := 4 * math.Sqrt(p*(1-p)/float64(n))
			if math.Abs(got-math.Pi) > 4*se {
				t.Errorf("Pi(%d, %d) = %v, more than 4 standard errors (%.5f) from pi", n, seed, got, se)
			}
		}
	}
	if Pi(1000, 7) != Pi(1000, 7) {
		t.Error("Pi is not deterministic for a fixed seed")
	}
	if Pi(0, 1) != 0 {
		t.Error("Pi(0, seed) should be 0")
	}
}
