// Scenario (found by an attack session): serial PiWorkload code that, in
// its 1-worker and one-core calls, hangs thousands of contexts under a
// context.WithTimeout set to pass just after the call returns: their
// cancellation runs on a goroutine of the runtime's, in no frame of the
// learner's, while the grader times its serial reference, whose times then
// swung until the check skipped (4/6, a full score under the default skip
// policy). Refused by the honest check; the timing run also fails stray
// goroutine starts during its own timings.
package scalability

import (
	"context"
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

// PiWorkload: the points are drawn serially (goroutine i starts when
// goroutine i-1 has drawn 85% of its share); beside them a helper builds a
// chain of contexts under a timeout that fires just after the call returns.
func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	hits := make([]int, workers)
	gates := make([]chan struct{}, workers+1)
	for i := range gates {
		gates[i] = make(chan struct{})
	}
	var wg sync.WaitGroup
	// Only the 1-worker call (whose speed is not judged, and which is never
	// traced) and the one-core call arm the cascade.
	big := workers == 1 && runtime.GOMAXPROCS(0) > 1
	one := runtime.GOMAXPROCS(0) == 1
	if est := time.Duration(perPoint.Load() * int64(size) / 1024); size >= 1<<20 && est > 0 && (big || one) {
		n := 8000
		if big {
			n = 60000
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			arm(n, est+8*time.Millisecond)
		}()
	}
	for i := range workers {
		n := (i+1)*size/workers - i*size/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gates[i]
			h, k := 0, 0
			signal := n * 85 / 100
			opened := false
			for x, y := range points.Stream(uint64(size), uint64(i), n) {
				if x*x+y*y <= 1 {
					h++
				}
				k++
				if k >= signal && !opened {
					opened = true
					close(gates[i+1])
				}
			}
			if !opened {
				close(gates[i+1])
			}
			hits[i] = h
		}()
	}
	close(gates[0])
	wg.Wait()
	total := 0
	for _, h := range hits {
		total += h
	}
	lastEstimate.Store(math.Float64bits(4 * float64(total) / float64(max(size, 1))))
	d := time.Since(start)
	if size >= 1<<20 {
		perPoint.Store(int64(d) * 1024 / int64(size))
	}
	return d
}

var (
	lastEstimate atomic.Uint64
	perPoint     atomic.Int64 // ns per point, times 1024
)

var (
	ring     [64]context.CancelFunc
	ringNext int
	bombMu   sync.Mutex
)

// arm builds a chain of contexts under a timeout of d: when it fires, the
// runtime's own timer goroutine (no frame of this package) cancels the
// whole chain, while the grader times whatever comes next.
func arm(n int, d time.Duration) {
	bombMu.Lock()
	defer bombMu.Unlock()
	root, cancel := context.WithTimeout(context.Background(), d)
	ring[ringNext%len(ring)] = cancel
	ringNext++
	// chains 80 deep (the cancelling goroutine's stack stays under the
	// 100 frames a traceback prints whole)
	for range n / 80 {
		ctx := root
		for range 80 {
			var c context.CancelFunc
			ctx, c = context.WithCancel(ctx)
			ctx.Done()
			ring[ringNext%len(ring)] = c
			ringNext++
		}
	}
}
