package scalability

import (
	"errors"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"parlab/reference/points"
)

type Workload func(workers, size int) time.Duration

type Point struct {
	Workers    int
	Size       int
	Time       time.Duration // median of reps runs
	Speedup    float64
	Efficiency float64
}

// study holds what both kinds of scaling study share.
type study struct {
	w       Workload
	workers []int
	reps    int
}

func (s study) valid(size int) error {
	switch {
	case len(s.workers) == 0:
		return errors.New("scalability: no workers")
	case s.workers[0] != 1:
		return errors.New("scalability: workers[0] must be 1")
	case slices.ContainsFunc(s.workers, func(p int) bool { return p < 1 }):
		return errors.New("scalability: workers below 1")
	case s.reps < 1:
		return errors.New("scalability: reps below 1")
	case size < 1:
		return errors.New("scalability: size below 1")
	}
	return nil
}

func (s study) median(p, size int) time.Duration {
	ts := make([]time.Duration, s.reps)
	for i := range ts {
		ts[i] = s.w(p, size)
	}
	sorted := slices.Sorted(slices.Values(ts))
	h := len(sorted) / 2
	if len(sorted)&1 == 0 {
		return (sorted[h-1] + sorted[h]) / 2
	}
	return sorted[h]
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	s := study{w, workers, reps}
	if err := s.valid(size); err != nil {
		return nil, err
	}
	var out []Point
	var t1 time.Duration
	for _, p := range workers {
		t := s.median(p, size)
		if p == workers[0] && out == nil {
			t1 = t
		}
		sp := float64(t1) / float64(t)
		out = append(out, Point{p, size, t, sp, sp / float64(p)})
	}
	return out, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	s := study{w, workers, reps}
	if err := s.valid(sizePerWorker); err != nil {
		return nil, err
	}
	var out []Point
	var t1 time.Duration
	for _, p := range workers {
		t := s.median(p, p*sizePerWorker)
		if out == nil {
			t1 = t
		}
		eff := float64(t1) / float64(t)
		out = append(out, Point{p, p * sizePerWorker, t, eff * float64(p), eff})
	}
	return out, nil
}

func Amdahl(serialFraction float64, workers int) float64 {
	parallel := (1 - serialFraction) / float64(workers)
	return 1 / (serialFraction + parallel)
}

func Gustafson(serialFraction float64, workers int) float64 {
	p := float64(workers)
	return p + serialFraction*(1-p)
}

func KarpFlatt(speedup float64, workers int) float64 {
	if workers <= 1 {
		return math.NaN()
	}
	inv := 1 / float64(workers)
	return (1/speedup - inv) / (1 - inv)
}

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	var inside atomic.Int64
	var wg sync.WaitGroup
	wg.Add(workers)
	for id := range workers {
		go func() {
			defer wg.Done()
			var local int64
			n := (id+1)*size/workers - id*size/workers
			for x, y := range points.Stream(uint64(size), uint64(id), n) {
				if x*x+y*y <= 1.0 {
					local++
				}
			}
			inside.Add(local)
		}()
	}
	wg.Wait()
	return time.Since(start)
}
