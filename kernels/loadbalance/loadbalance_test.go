package loadbalance

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func TestResultsInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100} {
		want := Serial(n, 10)
		for _, workers := range []int{1, 2, 3, 8, 0} {
			if got := Static(n, 10, workers); !slices.Equal(got, want) {
				t.Errorf("Static(%d, 10, %d) differs from Serial", n, workers)
			}
			if got := Dynamic(n, 10, workers); !slices.Equal(got, want) {
				t.Errorf("Dynamic(%d, 10, %d) differs from Serial", n, workers)
			}
		}
	}
}

func TestImbalance(t *testing.T) {
	// Tasks 1..100 on 2 workers: chunks 1..50 (1275) and 51..100 (3775);
	// the larger is 3775/2525 of the mean.
	if got, want := Imbalance(100, 2), 3775.0/2525; math.Abs(got-want) > 1e-12 {
		t.Errorf("Imbalance(100, 2) = %v, want %v", got, want)
	}
	if got := Imbalance(100, 1); got != 1 {
		t.Errorf("one worker has no imbalance, got %v", got)
	}
}

func TestTaskCostGrows(t *testing.T) {
	// Distinct results for distinct tasks: the checksum depends on n.
	if Task(3, 5) == Task(4, 5) {
		t.Error("tasks 3 and 4 gave the same checksum")
	}
}

func BenchmarkLoadBalance(b *testing.B) {
	const n, unit = 200, 2000
	b.Run("serial", func(b *testing.B) {
		for b.Loop() {
			Serial(n, unit)
		}
	})
	for _, v := range []struct {
		name string
		f    func(n, unit, workers int) []uint64
	}{{"static", Static}, {"dynamic", Dynamic}} {
		for _, w := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("%s/workers=%d", v.name, w), func(b *testing.B) {
				for b.Loop() {
					v.f(n, unit, w)
				}
			})
		}
	}
}
