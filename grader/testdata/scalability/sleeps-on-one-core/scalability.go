// Package scalability: an attack. PiWorkload draws every point, but
// goroutine 0 draws 85% of them and goroutine 1 15% (at most 1.18x on 2
// cores), and on one core (found by a probe: a goroutine started second
// spins for a flag the first one sets) it sleeps 0.6 times what it took:
// it passed faster at 2.06x on 2 cores against one (found by an attack
// session, December 2026). Its one-core time is far beyond its CPU time.
package scalability

import (
	"errors"
	"fmt"
	"math"
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
	Time       time.Duration // median of reps runs
	Speedup    float64
	Efficiency float64
}

// Strong keeps size fixed: Speedup = T(1)/T(p), Efficiency = Speedup/p.
func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	//parlab:begin-solution run w reps times per worker count and build the strong-scaling table
	if err := validate(size, workers, reps); err != nil {
		return nil, err
	}
	points := measure(w, workers, reps, func(int) int { return size })
	for i := range points {
		p := &points[i]
		p.Speedup = float64(points[0].Time) / float64(p.Time)
		p.Efficiency = p.Speedup / float64(p.Workers)
	}
	return points, nil
	//parlab:end-solution
}

// Weak grows size with p (sizePerWorker*p): Speedup = p*T(1)/T(p) (scaled
// speedup), Efficiency = T(1)/T(p).
func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	//parlab:begin-solution run w reps times per worker count, growing the size, and build the weak-scaling table
	if err := validate(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	points := measure(w, workers, reps, func(p int) int { return sizePerWorker * p })
	for i := range points {
		p := &points[i]
		p.Efficiency = float64(points[0].Time) / float64(p.Time)
		p.Speedup = float64(p.Workers) * p.Efficiency
	}
	return points, nil
	//parlab:end-solution
}

//parlab:begin-solution
func validate(size int, workers []int, reps int) error {
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

// measure runs w reps times per worker count and fills in Workers, Size
// and the median Time.
func measure(w Workload, workers []int, reps int, sizeFor func(p int) int) []Point {
	points := make([]Point, len(workers))
	times := make([]time.Duration, reps)
	for i, p := range workers {
		size := sizeFor(p)
		for r := range times {
			times[r] = w(p, size)
		}
		points[i] = Point{Workers: p, Size: size, Time: median(times)}
	}
	return points
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

//parlab:end-solution

// Amdahl is the speedup bound 1/(f+(1-f)/p) for serial fraction f.
func Amdahl(serialFraction float64, workers int) float64 {
	//parlab:begin-solution Amdahl's law
	return 1 / (serialFraction + (1-serialFraction)/float64(workers))
	//parlab:end-solution
}

// Gustafson is the scaled speedup p-f*(p-1) for serial fraction f.
func Gustafson(serialFraction float64, workers int) float64 {
	//parlab:begin-solution Gustafson's law
	p := float64(workers)
	return p - serialFraction*(p-1)
	//parlab:end-solution
}

// KarpFlatt is the experimentally determined serial fraction
// (1/s-1/p)/(1-1/p); it is NaN for workers <= 1.
func KarpFlatt(speedup float64, workers int) float64 {
	//parlab:begin-solution the Karp-Flatt metric
	if workers <= 1 {
		return math.NaN()
	}
	p := float64(workers)
	return (1/speedup - 1/p) / (1 - 1/p)
	//parlab:end-solution
}

// PiWorkload estimates pi from size random points split over workers
// goroutines (one random source per goroutine) and returns the elapsed time.
func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = 2
	}
	start := time.Now()
	// Probe, without reading GOMAXPROCS: Y (newest, runs first on one core)
	// spins up to 3 ms waiting for X to run.
	var waited atomic.Bool
	{
		var flag atomic.Bool
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); flag.Store(true) }()
		go func() {
			defer wg.Done()
			t := time.Now()
			for !flag.Load() && time.Since(t) < 3*time.Millisecond {
			}
			waited.Store(!flag.Load())
		}()
		wg.Wait()
	}
	// Goroutine 0 draws 85% of the points, goroutine 1 the rest: about
	// 1.15x at best on any number of cores.
	n0 := size * 85 / 100
	ns := []int{n0, size - n0}
	hits := make([]int, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := 0
			for x, y := range points.Stream(uint64(size), uint64(i), ns[i]) {
				if x*x+y*y <= 1 {
					h++
				}
			}
			hits[i] = h
		}()
	}
	wg.Wait()
	total := hits[0] + hits[1]
	lastEstimate.Store(math.Float64bits(4 * float64(total) / float64(max(size, 1))))
	if waited.Load() {
		time.Sleep(time.Since(start) * 6 / 10)
	}
	return time.Since(start)
}

//parlab:begin-solution

// lastEstimate holds the bits of the latest estimate of pi, so the result of
// the work is kept somewhere (and visible in a debugger).
var lastEstimate atomic.Uint64

//parlab:end-solution
