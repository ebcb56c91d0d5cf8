package scalability

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
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

// medianOf is the median of any ordered values; an even count averages
// the middle two.
func medianOf[T cmp.Ordered](xs []T, mean func(a, b T) T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return mean(s[len(s)/2-1], s[len(s)/2])
}

func durMean(a, b time.Duration) time.Duration { return (a + b) / 2 }

func argsError(size int, workers []int, reps int) error {
	var problem string
	switch {
	case len(workers) == 0:
		problem = "no worker counts"
	case workers[0] != 1:
		problem = "worker counts do not start at 1"
	case slices.IndexFunc(workers, func(p int) bool { return p <= 0 }) >= 0:
		problem = "a worker count is not positive"
	case reps <= 0:
		problem = "reps is not positive"
	case size <= 0:
		problem = "size is not positive"
	default:
		return nil
	}
	return fmt.Errorf("scaling study: %s", problem)
}

func collect(w Workload, workers []int, reps int, sizeAt func(int) int) []Point {
	pts := make([]Point, 0, len(workers))
	for _, p := range workers {
		size := sizeAt(p)
		runs := make([]time.Duration, reps)
		for k := range runs {
			runs[k] = w(p, size)
		}
		pts = append(pts, Point{Workers: p, Size: size, Time: medianOf(runs, durMean)})
	}
	return pts
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := argsError(size, workers, reps); err != nil {
		return nil, err
	}
	pts := collect(w, workers, reps, func(int) int { return size })
	t1 := float64(pts[0].Time)
	for i := range pts {
		pts[i].Speedup = t1 / float64(pts[i].Time)
		pts[i].Efficiency = pts[i].Speedup / float64(pts[i].Workers)
	}
	return pts, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := argsError(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	pts := collect(w, workers, reps, func(p int) int { return sizePerWorker * p })
	t1 := float64(pts[0].Time)
	for i := range pts {
		pts[i].Efficiency = t1 / float64(pts[i].Time)
		pts[i].Speedup = pts[i].Efficiency * float64(pts[i].Workers)
	}
	return pts, nil
}

func Amdahl(serialFraction float64, workers int) float64 {
	n := float64(workers)
	return n / (n*serialFraction + 1 - serialFraction)
}

func Gustafson(serialFraction float64, workers int) float64 {
	return float64(workers) + serialFraction - serialFraction*float64(workers)
}

func KarpFlatt(speedup float64, workers int) float64 {
	if workers < 2 {
		return math.NaN()
	}
	p := float64(workers)
	e := 1/speedup - 1/p
	return e / (1 - 1/p)
}

type tally struct {
	worker, hits int
}

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	began := time.Now()
	results := make(chan tally)
	for w := 0; w < workers; w++ {
		go func(w int) {
			t := tally{worker: w}
			for x, y := range points.Stream(2024, uint64(w), (w+1)*size/workers-w*size/workers) {
				if x*x+y*y <= 1 {
					t.hits++
				}
			}
			results <- t
		}(w)
	}
	perWorker := make([]int, workers)
	for range workers {
		t := <-results
		perWorker[t.worker] = t.hits
	}
	return time.Since(began)
}
