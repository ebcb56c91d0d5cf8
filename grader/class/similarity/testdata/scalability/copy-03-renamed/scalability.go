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
	Time       time.Duration // mid of reps runs
	Speedup    float64
	Efficiency float64
}

// exp holds what both kinds of scaling exp share.
type exp struct {
	w       Workload
	workers []int
	reps    int
}

func (s exp) validate(size int) error {
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

func (s exp) mid(p, size int) time.Duration {
	ts := make([]time.Duration, s.reps)
	for i := range ts {
		ts[i] = s.w(p, size)
	}
	ord := slices.Sorted(slices.Values(ts))
	h := len(ord) / 2
	if len(ord)&1 == 0 {
		return (ord[h-1] + ord[h]) / 2
	}
	return ord[h]
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	s := exp{w, workers, reps}
	if err := s.validate(size); err != nil {
		return nil, err
	}
	var rows []Point
	var base time.Duration
	for _, p := range workers {
		t := s.mid(p, size)
		if p == workers[0] && rows == nil {
			base = t
		}
		ratio := float64(base) / float64(t)
		rows = append(rows, Point{p, size, t, ratio, ratio / float64(p)})
	}
	return rows, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	s := exp{w, workers, reps}
	if err := s.validate(sizePerWorker); err != nil {
		return nil, err
	}
	var rows []Point
	var base time.Duration
	for _, p := range workers {
		t := s.mid(p, p*sizePerWorker)
		if rows == nil {
			base = t
		}
		e := float64(base) / float64(t)
		rows = append(rows, Point{p, p * sizePerWorker, t, e * float64(p), e})
	}
	return rows, nil
}

func Amdahl(serialFraction float64, workers int) float64 {
	par := (1 - serialFraction) / float64(workers)
	return 1 / (serialFraction + par)
}

func Gustafson(serialFraction float64, workers int) float64 {
	p := float64(workers)
	return p + serialFraction*(1-p)
}

func KarpFlatt(speedup float64, workers int) float64 {
	if workers <= 1 {
		return math.NaN()
	}
	q := 1 / float64(workers)
	return (1/speedup - q) / (1 - q)
}

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	var hits atomic.Int64
	var wg sync.WaitGroup
	wg.Add(workers)
	for k := range workers {
		go func() {
			defer wg.Done()
			var mine int64
			n := (k+1)*size/workers - k*size/workers
			for x, y := range points.Stream(uint64(size), uint64(k), n) {
				if x*x+y*y <= 1.0 {
					mine++
				}
			}
			hits.Add(mine)
		}()
	}
	wg.Wait()
	return time.Since(start)
}
