package scalability

import (
	"fmt"
	"math"
	"runtime"
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

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := guard("size", size, workers, reps); err != nil {
		return nil, err
	}
	first := time.Duration(0)
	pts := make([]Point, 0, len(workers))
	for _, p := range workers {
		t := med(w, p, size, reps)
		if len(pts) == 0 {
			first = t
		}
		sp := first.Seconds() / t.Seconds()
		pts = append(pts, Point{Workers: p, Size: size, Time: t, Speedup: sp, Efficiency: sp / float64(p)})
	}
	return pts, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := guard("sizePerWorker", sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	first := time.Duration(0)
	pts := make([]Point, 0, len(workers))
	for _, p := range workers {
		n := sizePerWorker * p
		t := med(w, p, n, reps)
		if len(pts) == 0 {
			first = t
		}
		ef := first.Seconds() / t.Seconds()
		pts = append(pts, Point{Workers: p, Size: n, Time: t, Speedup: ef * float64(p), Efficiency: ef})
	}
	return pts, nil
}

func guard(name string, size int, workers []int, reps int) error {
	if len(workers) == 0 {
		return fmt.Errorf("no workers")
	}
	if workers[0] != 1 {
		return fmt.Errorf("workers[0] = %d, want 1", workers[0])
	}
	for _, p := range workers[1:] {
		if p < 1 {
			return fmt.Errorf("worker count %d", p)
		}
	}
	if reps < 1 {
		return fmt.Errorf("reps = %d", reps)
	}
	if size < 1 {
		return fmt.Errorf("%s = %d", name, size)
	}
	return nil
}

// med keeps the samples in order as they come (insertion into a sorted
// slice) and returns the middle.
func med(w Workload, p, n, reps int) time.Duration {
	var sorted []time.Duration
	for r := 0; r < reps; r++ {
		t := w(p, n)
		i := len(sorted)
		for i > 0 && sorted[i-1] > t {
			i--
		}
		sorted = append(sorted, 0)
		copy(sorted[i+1:], sorted[i:])
		sorted[i] = t
	}
	k := len(sorted)
	if k%2 == 1 {
		return sorted[k/2]
	}
	return (sorted[k/2-1] + sorted[k/2]) / 2
}

func Amdahl(serialFraction float64, workers int) float64 {
	return 1 / (serialFraction + (1-serialFraction)/float64(workers))
}

func Gustafson(serialFraction float64, workers int) float64 {
	return float64(workers) - serialFraction*(float64(workers)-1)
}

func KarpFlatt(speedup float64, workers int) float64 {
	if workers <= 1 {
		return math.NaN()
	}
	p := float64(workers)
	return (1/speedup - 1/p) / (1 - 1/p)
}

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	var (
		mu    sync.Mutex
		cond  = sync.NewCond(&mu)
		left  = workers
		total int
	)
	for k := 0; k < workers; k++ {
		go func(k int) {
			n := 0
			for x, y := range points.Stream(uint64(workers), uint64(k), (k+1)*size/workers-k*size/workers) {
				if x*x+y*y <= 1 {
					n++
				}
			}
			mu.Lock()
			total += n
			left--
			if left == 0 {
				cond.Signal()
			}
			mu.Unlock()
		}(k)
	}
	mu.Lock()
	for left > 0 {
		cond.Wait()
	}
	mu.Unlock()
	return time.Since(start)
}
