// Package scalability is the model answer to exercise 3: a strong and weak
// scaling harness that takes medians, the three scaling laws, and a Monte
// Carlo pi whose goroutines each own their random source and counter.
package scalability

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"parlab/reference/points"
)

// A Workload runs a problem of the given size with the given number of
// workers and returns the wall time it took.
type Workload func(workers, size int) time.Duration

// A Point is one row of a scaling study.
type Point struct {
	Workers    int
	Size       int
	Time       time.Duration // mid of reps runs
	Speedup    float64
	Efficiency float64
}

// Strong keeps size fixed: Speedup = T(1)/T(p), Efficiency = Speedup/p.
func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := checkArgs(size, workers, reps); err != nil {
		return nil, err
	}
	points := collect(w, workers, reps, func(int) int { return size })
	for i := range points {
		p := &points[i]
		p.Speedup = float64(points[0].Time) / float64(p.Time)
		p.Efficiency = p.Speedup / float64(p.Workers)
	}
	return points, nil
}

// Weak grows size with p (sizePerWorker*p): Speedup = p*T(1)/T(p) (scaled
// speedup), Efficiency = T(1)/T(p).
func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := checkArgs(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	points := collect(w, workers, reps, func(p int) int { return sizePerWorker * p })
	for i := range points {
		p := &points[i]
		p.Efficiency = float64(points[0].Time) / float64(p.Time)
		p.Speedup = float64(p.Workers) * p.Efficiency
	}
	return points, nil
}

func checkArgs(size int, workers []int, reps int) error {
	switch {
	case len(workers) == 0:
		return errors.New("no worker counts given")
	case workers[0] != 1:
		return fmt.Errorf("worker counts must start with 1 (the baseline), not %d", workers[0])
	case slices.Min(workers) < 1:
		return fmt.Errorf("worker count %d is below 1", slices.Min(workers))
	case reps < 1:
		return fmt.Errorf("reps = %d: need at least one run per worker count", reps)
	case size < 1:
		return fmt.Errorf("size = %d: need at least 1", size)
	}
	return nil
}

// collect runs w reps samples per worker count and fills in Workers, Size
// and the mid Time.
func collect(w Workload, workers []int, reps int, sizeOf func(p int) int) []Point {
	points := make([]Point, len(workers))
	samples := make([]time.Duration, reps)
	for i, p := range workers {
		size := sizeOf(p)
		for r := range samples {
			samples[r] = w(p, size)
		}
		points[i] = Point{Workers: p, Size: size, Time: mid(samples)}
	}
	return points
}

func mid(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// Amdahl is the speedup bound 1/(f+(1-f)/p) for serial fraction f.
func Amdahl(serialFraction float64, workers int) float64 {
	return 1 / (serialFraction + (1-serialFraction)/float64(workers))
}

// Gustafson is the scaled speedup p-f*(p-1) for serial fraction f.
func Gustafson(serialFraction float64, workers int) float64 {
	p := float64(workers)
	return p - serialFraction*(p-1)
}

// KarpFlatt is the experimentally determined serial fraction
// (1/s-1/p)/(1-1/p); it is NaN for workers <= 1.
func KarpFlatt(speedup float64, workers int) float64 {
	if workers <= 1 {
		return math.NaN()
	}
	p := float64(workers)
	return (1/speedup - 1/p) / (1 - 1/p)
}

// PiWorkload estimates pi from size random points split over workers
// goroutines (one random source per goroutine) and returns the elapsed time.
func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	inside := make([]int, workers)
	var wg sync.WaitGroup
	for i := range workers {
		n := (i+1)*size/workers - i*size/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := 0
			for x, y := range points.Stream(uint64(size), uint64(i), n) {
				if x*x+y*y <= 1 {
					h++
				}
			}
			inside[i] = h
		}()
	}
	wg.Wait()
	total := 0
	for _, h := range inside {
		total += h
	}
	estimate.Store(math.Float64bits(4 * float64(total) / float64(max(size, 1))))
	return time.Since(start)
}

// estimate holds the bits of the latest estimate of pi, so the result of
// the work is kept somewhere (and visible in a debugger).
var estimate atomic.Uint64
