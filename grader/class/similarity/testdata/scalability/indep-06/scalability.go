package scalability

import (
	"errors"
	"math"
	"runtime"
	"slices"
	"sync"
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

// checks are the conditions under which a study refuses to start.
func checks(size int, workers []int, reps int) []func() error {
	return []func() error{
		func() error {
			if len(workers) == 0 {
				return errors.New("workers: empty")
			}
			return nil
		},
		func() error {
			if workers[0] != 1 {
				return errors.New("workers: must begin with 1")
			}
			return nil
		},
		func() error {
			if slices.Min(workers) < 1 {
				return errors.New("workers: non-positive entry")
			}
			return nil
		},
		func() error {
			if reps < 1 {
				return errors.New("reps: must be positive")
			}
			return nil
		},
		func() error {
			if size < 1 {
				return errors.New("size: must be positive")
			}
			return nil
		},
	}
}

func refuse(size int, workers []int, reps int) error {
	for _, c := range checks(size, workers, reps) {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

func times(w Workload, p, size, reps int) []time.Duration {
	out := make([]time.Duration, reps)
	for i := 0; i < reps; i++ {
		out[i] = w(p, size)
	}
	slices.Sort(out)
	return out
}

func mid(sorted []time.Duration) time.Duration {
	if len(sorted)%2 == 0 {
		a, b := sorted[len(sorted)/2-1], sorted[len(sorted)/2]
		return a + (b-a)/2
	}
	return sorted[len(sorted)/2]
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := refuse(size, workers, reps); err != nil {
		return nil, err
	}
	pts := make([]Point, len(workers))
	for i, p := range workers {
		pts[i].Workers, pts[i].Size = p, size
		pts[i].Time = mid(times(w, p, size, reps))
	}
	for i := range pts {
		pts[i].Speedup = float64(pts[0].Time) / float64(pts[i].Time)
		pts[i].Efficiency = pts[i].Speedup / float64(pts[i].Workers)
	}
	return pts, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := refuse(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	pts := make([]Point, len(workers))
	for i, p := range workers {
		pts[i].Workers, pts[i].Size = p, sizePerWorker*p
		pts[i].Time = mid(times(w, p, pts[i].Size, reps))
	}
	for i := range pts {
		pts[i].Efficiency = float64(pts[0].Time) / float64(pts[i].Time)
		pts[i].Speedup = float64(pts[i].Workers) * pts[i].Efficiency
	}
	return pts, nil
}

func Amdahl(serialFraction float64, workers int) float64 {
	return 1 / (serialFraction + (1-serialFraction)/float64(workers))
}

func Gustafson(serialFraction float64, workers int) float64 {
	return float64(workers) - serialFraction*float64(workers-1)
}

func KarpFlatt(speedup float64, workers int) float64 {
	if workers <= 1 {
		return math.NaN()
	}
	return (1/speedup - 1/float64(workers)) / (1 - 1/float64(workers))
}

// paddedCount keeps each goroutine's count on a cache line of its own.
type paddedCount struct {
	n int
	_ [56]byte
}

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	t0 := time.Now()
	counts := make([]paddedCount, workers)
	var wg sync.WaitGroup
	for g := range counts {
		wg.Go(func() {
			for x, y := range points.Stream(uint64(size)+1, uint64(g), (g+1)*size/workers-g*size/workers) {
				if x*x+y*y <= 1 {
					counts[g].n++
				}
			}
		})
	}
	wg.Wait()
	return time.Since(t0)
}
