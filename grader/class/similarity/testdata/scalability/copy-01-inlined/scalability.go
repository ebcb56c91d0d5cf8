package scalability

import (
	"errors"
	"math"
	"runtime"
	"sort"
	"sync"
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

func check(size int, workers []int, reps int) error {
	if len(workers) == 0 || workers[0] != 1 {
		return errors.New("workers must start with 1")
	}
	for _, p := range workers {
		if p < 1 {
			return errors.New("a worker count is below 1")
		}
	}
	if reps < 1 || size < 1 {
		return errors.New("reps and size must be at least 1")
	}
	return nil
}

// Strong keeps size fixed: Speedup = T(1)/T(p), Efficiency = Speedup/p.
func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := check(size, workers, reps); err != nil {
		return nil, err
	}
	var pts []Point
	for _, p := range workers {
		n := size
		ts := make([]time.Duration, 0, reps)
		for r := 0; r < reps; r++ {
			ts = append(ts, w(p, n))
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		m := ts[len(ts)/2]
		if len(ts)%2 == 0 {
			m = (ts[len(ts)/2-1] + ts[len(ts)/2]) / 2
		}
		pts = append(pts, Point{Workers: p, Size: n, Time: m})
	}
	for i := range pts {
		pts[i].Speedup = pts[0].Time.Seconds() / pts[i].Time.Seconds()
		pts[i].Efficiency = pts[i].Speedup / float64(pts[i].Workers)
	}
	return pts, nil
}

// Weak grows size with p (sizePerWorker*p): Speedup = p*T(1)/T(p) (scaled
// speedup), Efficiency = T(1)/T(p).
func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := check(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	var pts []Point
	for _, p := range workers {
		n := p * sizePerWorker
		ts := make([]time.Duration, 0, reps)
		for r := 0; r < reps; r++ {
			ts = append(ts, w(p, n))
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		m := ts[len(ts)/2]
		if len(ts)%2 == 0 {
			m = (ts[len(ts)/2-1] + ts[len(ts)/2]) / 2
		}
		pts = append(pts, Point{Workers: p, Size: n, Time: m})
	}
	for i := range pts {
		pts[i].Efficiency = pts[0].Time.Seconds() / pts[i].Time.Seconds()
		pts[i].Speedup = float64(pts[i].Workers) * pts[i].Efficiency
	}
	return pts, nil
}

// Amdahl is the speedup bound 1/(f+(1-f)/p) for serial fraction f.
func Amdahl(serialFraction float64, workers int) float64 {
	return 1 / (serialFraction + (1-serialFraction)/float64(workers))
}

// Gustafson is the scaled speedup p-f*(p-1) for serial fraction f.
func Gustafson(serialFraction float64, workers int) float64 {
	return float64(workers) - serialFraction*float64(workers-1)
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
	begin := time.Now()
	inside := make([]int, workers)
	var wg sync.WaitGroup
	for g := 0; g < workers; g++ { // one goroutine per worker
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			count := 0
			share := (g+1)*size/workers - g*size/workers
			for x, y := range points.Stream(42, uint64(g), share) {
				if x*x+y*y <= 1 {
					count++
				}
			}
			inside[g] = count
		}(g)
	}
	wg.Wait()
	return time.Since(begin)
}
