//go:build parlabsuite

package scalability_test

import (
	"fmt"
	"math"
	"testing"

	"parlab/exercises/scalability"
	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/reference"
)

// close reports whether got equals want to 1e-9 relative (or both are NaN).
func close(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

var (
	fractions = []float64{0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.9, 1}
	counts    = []int{1, 2, 3, 4, 8, 16, 64, 1000}
)

func TestAmdahl(t *testing.T) {
	kit.Begin(t)
	for _, f := range fractions {
		for _, p := range counts {
			what := fmt.Sprintf("Amdahl(%v, %d)", f, p)
			got := kit.Call(t, what, func() float64 { return scalability.Amdahl(f, p) })
			if t.Failed() {
				return
			}
			if want := reference.Amdahl(f, p); !close(got, want) {
				kit.Fatal(t, contract.CheckCorrect, "%s = %v, want %v = 1/(f+(1-f)/p)", what, got, want)
			}
		}
	}
}

func TestGustafson(t *testing.T) {
	kit.Begin(t)
	for _, f := range fractions {
		for _, p := range counts {
			what := fmt.Sprintf("Gustafson(%v, %d)", f, p)
			got := kit.Call(t, what, func() float64 { return scalability.Gustafson(f, p) })
			if t.Failed() {
				return
			}
			if want := reference.Gustafson(f, p); !close(got, want) {
				kit.Fatal(t, contract.CheckCorrect, "%s = %v, want %v = p-f*(p-1)", what, got, want)
			}
		}
	}
}

func TestKarpFlatt(t *testing.T) {
	kit.Begin(t)
	for _, s := range []float64{1, 1.3, 1.9, 2, 3.7, 7.5, 15} {
		for _, p := range []int{-1, 0, 1, 2, 4, 8, 16} {
			what := fmt.Sprintf("KarpFlatt(%v, %d)", s, p)
			got := kit.Call(t, what, func() float64 { return scalability.KarpFlatt(s, p) })
			if t.Failed() {
				return
			}
			want := reference.KarpFlatt(s, p)
			if math.IsNaN(want) && !math.IsNaN(got) {
				kit.Fatal(t, contract.CheckCorrect, "%s = %v, want NaN: with %d worker(s) there is no parallel part to measure (return math.NaN())", what, got, p)
			}
			if !close(got, want) {
				kit.Fatal(t, contract.CheckCorrect, "%s = %v, want %v = (1/s-1/p)/(1-1/p)", what, got, want)
			}
		}
	}
}
