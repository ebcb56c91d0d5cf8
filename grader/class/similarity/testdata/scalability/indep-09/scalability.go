package scalability

import (
	"fmt"
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
	Time       time.Duration // median of reps runs
	Speedup    float64
	Efficiency float64
}

// grid runs every measurement first, one row per worker count, before
// any figure is computed.
func grid(w Workload, workers []int, reps int, size func(int) int) [][]time.Duration {
	rows := make([][]time.Duration, len(workers))
	for i, p := range workers {
		rows[i] = make([]time.Duration, reps)
		for j := range rows[i] {
			rows[i][j] = w(p, size(p))
		}
	}
	return rows
}

func middle(row []time.Duration) time.Duration {
	sorted := slices.Clone(row)
	slices.Sort(sorted)
	n := len(sorted)
	if n%2 == 0 {
		return (sorted[n/2-1] + sorted[n/2]) / 2
	}
	return sorted[n/2]
}

func precondition(size int, workers []int, reps int) error {
	if len(workers) == 0 || workers[0] != 1 || slices.Min(workers) < 1 {
		return fmt.Errorf("workers %v: want a list starting with 1, all at least 1", workers)
	}
	if reps < 1 || size < 1 {
		return fmt.Errorf("reps %d, size %d: both must be at least 1", reps, size)
	}
	return nil
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := precondition(size, workers, reps); err != nil {
		return nil, err
	}
	rows := grid(w, workers, reps, func(int) int { return size })
	t1 := middle(rows[0])
	var pts []Point
	for i, row := range rows {
		tp := middle(row)
		s := float64(t1) / float64(tp)
		pts = append(pts, Point{Workers: workers[i], Size: size, Time: tp, Speedup: s, Efficiency: s / float64(workers[i])})
	}
	return pts, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := precondition(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	rows := grid(w, workers, reps, func(p int) int { return p * sizePerWorker })
	t1 := middle(rows[0])
	var pts []Point
	for i, row := range rows {
		tp := middle(row)
		e := float64(t1) / float64(tp)
		pts = append(pts, Point{Workers: workers[i], Size: workers[i] * sizePerWorker, Time: tp, Speedup: e * float64(workers[i]), Efficiency: e})
	}
	return pts, nil
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
	hits := make([]int64, workers)
	var done sync.WaitGroup
	start := time.Now()
	for g := 0; g < workers; g++ {
		done.Add(1)
		go func() {
			defer done.Done()
			var h int64
			for x, y := range points.Stream(11, uint64(g), (g+1)*size/workers-g*size/workers) {
				if x*x+y*y <= 1 {
					h++
				}
			}
			atomic.AddInt64(&hits[g], h)
		}()
	}
	done.Wait()
	return time.Since(start)
}
