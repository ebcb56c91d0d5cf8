//go:build parlabsuite

package scalability_test

import (
	"fmt"
	"testing"
	"time"

	"parlab/exercises/scalability"
	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/scalabilitytests"
	"parlab/reference"
)

// outliers multiply the modelled duration of each repetition: a few runs
// are disturbed, by a lot, as on a shared machine. With them the mean and
// the median differ, and so do the two middle values of an even count.
var outliers = []float64{1, 1.02, 9, 0.97, 1.01, 25, 0.99}

// model is a made-up workload: a serial part of 10% and a parallel part
// that divides among the workers, 1µs per unit of size, with outliers. It
// records every call and never sleeps.
type model struct {
	calls []call
}

type call struct{ workers, size int }

func (m *model) duration(workers, size, rep int) time.Duration {
	base := float64(size) * 1000 * (0.1 + 0.9/float64(max(workers, 1)))
	return time.Duration(base * outliers[rep%len(outliers)])
}

// workload is the model as a Workload; the repetition number is the count
// of earlier calls with the same arguments.
func (m *model) workload() scalability.Workload {
	return func(workers, size int) time.Duration {
		rep := 0
		for _, c := range m.calls {
			if c == (call{workers, size}) {
				rep++
			}
		}
		m.calls = append(m.calls, call{workers, size})
		return m.duration(workers, size, rep)
	}
}

type scaling struct {
	name string // "Strong" or "Weak"
	run  func(w scalability.Workload, size int, workers []int, reps int) ([]scalability.Point, error)
	// sizeFor is the size a study passes for p workers.
	sizeFor func(size, p int) int
	// speedup and efficiency are the study's formulas, from T(1) and T(p).
	speedup, efficiency func(t1, tp time.Duration, p int) float64
	formula             string
}

var studies = []scaling{
	{
		name: "Strong", run: scalability.Strong,
		sizeFor:    func(size, _ int) int { return size },
		speedup:    func(t1, tp time.Duration, _ int) float64 { return float64(t1) / float64(tp) },
		efficiency: func(t1, tp time.Duration, p int) float64 { return float64(t1) / float64(tp) / float64(p) },
		formula:    "Speedup = T(1)/T(p), Efficiency = Speedup/p",
	},
	{
		name: "Weak", run: scalability.Weak,
		sizeFor:    func(size, p int) int { return size * p },
		speedup:    func(t1, tp time.Duration, p int) float64 { return float64(p) * float64(t1) / float64(tp) },
		efficiency: func(t1, tp time.Duration, _ int) float64 { return float64(t1) / float64(tp) },
		formula:    "Speedup = p*T(1)/T(p) (scaled speedup), Efficiency = T(1)/T(p)",
	},
}

var validStudies = []struct {
	size    int
	workers []int
	reps    int
}{
	{1000, []int{1}, 1},
	{1000, []int{1, 2, 4, 8}, 5},
	{4096, []int{1, 2, 3, 4}, 4},
	{700, []int{1, 2}, 2},
	{7, []int{1, 4, 2}, 3},
	{1000, []int{1, 1, 2}, 7},
	{333, []int{1, 16, 64}, 6},
}

func TestStrong(t *testing.T) {
	kit.Begin(t)
	testStudy(t, studies[0])
}

func TestWeak(t *testing.T) {
	kit.Begin(t)
	testStudy(t, studies[1])
}

func testStudy(t *testing.T, s scaling) {
	for _, v := range validStudies {
		m := &model{}
		what := fmt.Sprintf("%s(w, %d, %v, %d)", s.name, v.size, v.workers, v.reps)
		type result struct {
			points []scalability.Point
			err    error
		}
		got := kit.Call(t, what, func() result {
			p, err := s.run(m.workload(), v.size, v.workers, v.reps)
			return result{p, err}
		})
		if t.Failed() {
			return
		}
		if got.err != nil {
			kit.Fatal(t, contract.CheckCorrect, "%s returned the error %q, but its input is valid", what, got.err)
		}
		if !callsMatch(t, what, s, m.calls, v.size, v.workers, v.reps) {
			return
		}
		if len(got.points) != len(v.workers) {
			kit.Fatal(t, contract.CheckCorrect, "%s returned %d points, want one per worker count: %d", what, len(got.points), len(v.workers))
		}
		times, reps := m.expected(s, v.size, v.workers, v.reps)
		for i, p := range v.workers {
			g := got.points[i]
			at := fmt.Sprintf("%s: point %d (workers = %d)", what, i, p)
			size := s.sizeFor(v.size, p)
			switch {
			case g.Workers != p:
				kit.Fatal(t, contract.CheckCorrect, "%s has Workers = %d, want %d", at, g.Workers, p)
			case g.Size != size:
				kit.Fatal(t, contract.CheckCorrect, "%s has Size = %d, want %d", at, g.Size, size)
			case g.Time-times[i] > 1 || times[i]-g.Time > 1:
				kit.Fatal(t, contract.CheckCorrect, "%s has Time = %v, want %v: the median of the %d durations w returned, %v (for an even count, the mean of the middle two). A mean would be pulled up by the outliers",
					at, g.Time, times[i], v.reps, reps[i])
			}
			wantS := s.speedup(times[0], times[i], p)
			wantE := s.efficiency(times[0], times[i], p)
			if !scalabilitytests.Near(g.Speedup, wantS) || !scalabilitytests.Near(g.Efficiency, wantE) {
				kit.Fatal(t, contract.CheckCorrect, "%s has Speedup = %v and Efficiency = %v, want %v and %v (%s, with T(1) = %v, T(p) = %v)",
					at, g.Speedup, g.Efficiency, wantS, wantE, s.formula, times[0], times[i])
			}
		}
	}
}

// expected is what a study of size at workers, reps repetitions each,
// must find on the model: the durations the model returned per worker
// count, and their medians.
func (m *model) expected(s scaling, size int, workers []int, reps int) (times []time.Duration, durations [][]time.Duration) {
	times = make([]time.Duration, len(workers))
	durations = make([][]time.Duration, len(workers))
	for i, p := range workers {
		n := s.sizeFor(size, p)
		for r := range reps {
			// Repeated worker counts continue the repetition count.
			prior := 0
			for _, q := range workers[:i] {
				if q == p {
					prior += reps
				}
			}
			durations[i] = append(durations[i], m.duration(p, n, prior+r))
		}
		times[i] = reference.Median(durations[i])
	}
	return times, durations
}

// callsMatch checks that w was called reps times per worker count, in the
// order of workers, with the study's size.
func callsMatch(t *testing.T, what string, s scaling, got []call, size int, workers []int, reps int) bool {
	t.Helper()
	var want []call
	for _, p := range workers {
		for range reps {
			want = append(want, call{p, s.sizeFor(size, p)})
		}
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			kit.Fatal(t, contract.CheckCorrect, "%s: call %d of w was w(%d, %d), want w(%d, %d): call w %d times for each worker count, in the order given (all runs of 1 worker first)",
				what, i+1, got[i].workers, got[i].size, want[i].workers, want[i].size, reps)
			return false
		}
	}
	if len(got) != len(want) {
		kit.Fatal(t, contract.CheckCorrect, "%s called w %d times, want exactly %d (%d per worker count)", what, len(got), len(want), reps)
		return false
	}
	return true
}

func TestInvalidInput(t *testing.T) {
	kit.Begin(t)
	for _, s := range studies {
		for _, c := range []struct {
			size    int
			workers []int
			reps    int
			why     string
		}{
			{1000, nil, 3, "no worker counts"},
			{1000, []int{}, 3, "no worker counts"},
			{1000, []int{2, 4}, 3, "the first worker count is not 1"},
			{1000, []int{1, 0}, 3, "a worker count below 1"},
			{1000, []int{1, 2, -4}, 3, "a worker count below 1"},
			{1000, []int{1, 2}, 0, "reps < 1"},
			{1000, []int{1, 2}, -1, "reps < 1"},
			{0, []int{1, 2}, 3, "size < 1"},
			{-5, []int{1, 2}, 3, "size < 1"},
		} {
			m := &model{}
			what := fmt.Sprintf("%s(w, %d, %#v, %d)", s.name, c.size, c.workers, c.reps)
			err := kit.Call(t, what, func() error {
				_, err := s.run(m.workload(), c.size, c.workers, c.reps)
				return err
			})
			if t.Failed() {
				return
			}
			if err == nil {
				kit.Fatal(t, contract.CheckCorrect, "%s returned no error, but its input is invalid (%s)", what, c.why)
			}
			if len(m.calls) > 0 {
				kit.Fatal(t, contract.CheckCorrect, "%s called w %d times before rejecting its input (%s): check the input before running anything", what, len(m.calls), c.why)
			}
		}
	}
}

// TestNothingStartsLater runs after the tests of small inputs (and
// TestTimedSize, which runs last, ends with the same check): a goroutine
// that a timer starts after the call that set it has returned is a leak
// the check after each call cannot see.
func TestNothingStartsLater(t *testing.T) {
	kit.Begin(t)
	kit.NoLateGoroutines(t)
}
