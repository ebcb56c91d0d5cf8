// Package scalability: the model answer, except that PiWorkload leaves a
// goroutine blocked for good after calls as large as the timed one (2 Mi
// points and more). The race run used to call it on small sizes only, so
// leak-free passed.
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
	Time       time.Duration // median of reps runs
	Speedup    float64
	Efficiency float64
}

// Strong keeps size fixed: Speedup = T(1)/T(p), Efficiency = Speedup/p.
func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
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
}

// Weak grows size with p (sizePerWorker*p): Speedup = p*T(1)/T(p) (scaled
// speedup), Efficiency = T(1)/T(p).
func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
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
}

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
// never is never closed.
var never = make(chan struct{})

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	hits := make([]int, workers)
	var wg sync.WaitGroup
	for i := range workers {
		n := (i+1)*size/workers - i*size/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Stream i is this goroutine's own: its generator lives on
			// this goroutine's stack. The count is a local too, written to
			// the shared slice once: two counters side by side in one
			// cache line, written by every hit, would make the cores pass
			// that line back and forth (false sharing).
			h := 0
			for x, y := range points.Stream(uint64(size), uint64(i), n) {
				if x*x+y*y <= 1 {
					h++
				}
			}
			hits[i] = h
		}()
	}
	wg.Wait()
	if size >= 1<<21 {
		// A goroutine left blocked for good, on timed-size calls only.
		go func() { <-never }()
	}
	total := 0
	for _, h := range hits {
		total += h
	}
	lastEstimate.Store(math.Float64bits(4 * float64(total) / float64(max(size, 1))))
	return time.Since(start)
}

// lastEstimate holds the bits of the latest estimate of pi, so the result of
// the work is kept somewhere (and visible in a debugger).
var lastEstimate atomic.Uint64
