package scalability

import (
	"fmt"
	"math"
	"runtime"
	"sort"
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

// scaling says how a kind of study sizes its problem and reads its times.
type scaling struct {
	size    func(p int) int
	metrics func(t1, tp time.Duration, p int) (speedup, efficiency float64)
}

var strong = func(n int) scaling {
	return scaling{
		size: func(int) int { return n },
		metrics: func(t1, tp time.Duration, p int) (float64, float64) {
			s := float64(t1) / float64(tp)
			return s, s / float64(p)
		},
	}
}

var weak = func(n int) scaling {
	return scaling{
		size: func(p int) int { return n * p },
		metrics: func(t1, tp time.Duration, p int) (float64, float64) {
			e := float64(t1) / float64(tp)
			return float64(p) * e, e
		},
	}
}

func (sc scaling) study(w Workload, base int, workers []int, reps int) ([]Point, error) {
	if len(workers) == 0 {
		return nil, fmt.Errorf("workers is empty")
	}
	if workers[0] != 1 {
		return nil, fmt.Errorf("workers starts with %d", workers[0])
	}
	for _, p := range workers {
		if p < 1 {
			return nil, fmt.Errorf("workers holds %d", p)
		}
	}
	if reps < 1 || base < 1 {
		return nil, fmt.Errorf("reps %d and size %d must be positive", reps, base)
	}
	rows := make([]Point, 0, len(workers))
	for _, p := range workers {
		n := sc.size(p)
		var ts []float64
		for range reps {
			ts = append(ts, float64(w(p, n)))
		}
		sort.Float64s(ts)
		med := ts[len(ts)/2]
		if len(ts)%2 == 0 {
			med = (ts[len(ts)/2-1] + ts[len(ts)/2]) / 2
		}
		rows = append(rows, Point{Workers: p, Size: n, Time: time.Duration(med)})
	}
	for i := range rows {
		rows[i].Speedup, rows[i].Efficiency = sc.metrics(rows[0].Time, rows[i].Time, rows[i].Workers)
	}
	return rows, nil
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	return strong(size).study(w, size, workers, reps)
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	return weak(sizePerWorker).study(w, sizePerWorker, workers, reps)
}

func Amdahl(serialFraction float64, workers int) float64 {
	return 1.0 / (serialFraction + (1.0-serialFraction)/float64(workers))
}

func Gustafson(serialFraction float64, workers int) float64 {
	return float64(workers) - serialFraction*(float64(workers)-1)
}

func KarpFlatt(speedup float64, workers int) float64 {
	if workers > 1 {
		p := float64(workers)
		return (1/speedup - 1/p) / (1 - 1/p)
	}
	return math.NaN()
}

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	hits := 0
	start := time.Now()
	for i := 0; i < workers; i++ {
		from, to := i*size/workers, (i+1)*size/workers
		wg.Add(1)
		go func(i, n int) {
			defer wg.Done()
			mine := 0
			for x, y := range points.Stream(1, uint64(i), n) {
				if x*x+y*y <= 1 {
					mine++
				}
			}
			mu.Lock()
			hits += mine
			mu.Unlock()
		}(i, to-from)
	}
	wg.Wait()
	return time.Since(start)
}
