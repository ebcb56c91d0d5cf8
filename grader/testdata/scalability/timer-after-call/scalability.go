// Scenario (found by an attack session): a serial PiWorkload, padded on
// one core, with a short helper spin in the call, that leaves a
// time.AfterFunc at the end of each timed call: its function spins
// through the grader's reference and calibration (no goroutine of the
// learner's exists between calls until the timer fires), slowing the
// reference until the serial code passed 3/3. Refused by the honest check
// for timed exercises; the timing run also fails a learner goroutine seen
// while it times its own code.
package scalability

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
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
func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	inCall.Store(true)
	defer inCall.Store(false)
	est := time.Duration(lastSerial.Load())
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		// a short-lived helper: runs beside the caller for a fifth of the
		// call, drawing nothing (under maxUnworked, over minSpawned/minTwoReady).
		defer wg.Done()
		if workers > 1 && runtime.GOMAXPROCS(0) > 1 && est > 0 {
			spinFor(est*3/10, nil)
		}
	}()
	h := 0
	for x, y := range points.Stream(uint64(size), 0, size) {
		if x*x+y*y <= 1 {
			h++
		}
	}
	wg.Wait()
	lastEstimate.Store(math.Float64bits(4 * float64(h) / float64(max(size, 1))))
	d := time.Since(start)
	if runtime.GOMAXPROCS(0) == 1 {
		if est > 0 {
			spinFor(est*9/10, nil) // sandbag the one-core call
		}
	} else if size >= 1<<20 {
		lastSerial.Store(int64(d))
	}
	// After the call: a timer goroutine (not started by this call's frames)
	// spins for a random while, until the next call of ours starts.
	if est > 0 && size >= 2<<20 { // only the timing run's size: the race run never sees the spinner
		jitter := time.Duration(rand.Int64N(int64(2 * est)))
		time.AfterFunc(3*time.Millisecond, func() { spinFor(jitter, &inCall) })
	}
	return time.Since(start)
}

var (
	inCall     atomic.Bool
	lastSerial atomic.Int64
	sinkv      atomic.Uint64
)

// spinFor burns CPU for d of wall time, or until stop is set.
func spinFor(d time.Duration, stop *atomic.Bool) {
	deadline := time.Now().Add(d)
	x := uint64(1)
	for i := 1; ; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if i%1024 == 0 && (time.Now().After(deadline) || stop != nil && stop.Load()) {
			break
		}
	}
	sinkv.Add(x)
}

var lastEstimate atomic.Uint64
