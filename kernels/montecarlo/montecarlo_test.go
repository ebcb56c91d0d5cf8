package montecarlo

import (
	"fmt"
	"math"
	"testing"
)

func TestWithinFourStandardErrors(t *testing.T) {
	const points = 1_000_000
	for _, workers := range []int{1, 2, 3, 8, 0} {
		for _, seed := range []uint64{1, 2, 3} {
			got := Pi(points, workers, seed)
			if se := StandardError(points); math.Abs(got-math.Pi) > 4*se {
				t.Errorf("Pi(%d, %d, %d) = %v: %.1f standard errors from pi", points, workers, seed, got, math.Abs(got-math.Pi)/se)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, workers := range []int{1, 2, 5} {
		a, b := Hits(100_000, workers, 9), Hits(100_000, workers, 9)
		if a != b {
			t.Errorf("Hits(100000, %d, 9) gave %d, then %d", workers, a, b)
		}
	}
	if Hits(100_000, 1, 9) == Hits(100_000, 1, 10) {
		t.Error("different seeds gave the same count: the seed is not used")
	}
}

func TestEdgeCases(t *testing.T) {
	for _, c := range []struct{ points, workers int }{{0, 4}, {1, 4}, {3, 8}, {10, -1}} {
		got := Hits(c.points, c.workers, 1)
		if got < 0 || got > c.points {
			t.Errorf("Hits(%d, %d) = %d, outside [0, %d]", c.points, c.workers, got, c.points)
		}
	}
	if Pi(0, 2, 1) != 0 {
		t.Error("Pi of no points should be 0")
	}
}

func BenchmarkPi(b *testing.B) {
	for _, w := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				Hits(1<<20, w, 1)
			}
		})
	}
}
