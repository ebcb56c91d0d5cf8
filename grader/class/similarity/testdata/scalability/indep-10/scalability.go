package scalability

import (
	"errors"
	"math"
	"runtime"
	"sort"
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

// problems lists everything wrong with a study's arguments at once.
func problems(size int, workers []int, reps int) error {
	var errs []error
	if len(workers) == 0 {
		errs = append(errs, errors.New("no worker counts"))
	} else if workers[0] != 1 {
		errs = append(errs, errors.New("the first worker count is not 1"))
	}
	for _, p := range workers {
		if p < 1 {
			errs = append(errs, errors.New("a worker count below 1"))
			break
		}
	}
	if reps < 1 {
		errs = append(errs, errors.New("reps below 1"))
	}
	if size < 1 {
		errs = append(errs, errors.New("size below 1"))
	}
	return errors.Join(errs...)
}

type byDuration []time.Duration

func (b byDuration) Len() int           { return len(b) }
func (b byDuration) Less(i, j int) bool { return b[i] < b[j] }
func (b byDuration) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func medianRun(w Workload, p, size, reps int) time.Duration {
	runs := make(byDuration, reps)
	for i := range runs {
		runs[i] = w(p, size)
	}
	sort.Sort(runs)
	half := reps / 2
	if reps%2 != 0 {
		return runs[half]
	}
	return (runs[half-1] + runs[half]) / 2
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := problems(size, workers, reps); err != nil {
		return nil, err
	}
	var pts []Point
	for _, p := range workers {
		pts = append(pts, Point{Workers: p, Size: size, Time: medianRun(w, p, size, reps)})
	}
	for i := len(pts) - 1; i >= 0; i-- {
		pts[i].Speedup = float64(pts[0].Time) / float64(pts[i].Time)
		pts[i].Efficiency = pts[i].Speedup / float64(pts[i].Workers)
	}
	return pts, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := problems(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	var pts []Point
	for _, p := range workers {
		pts = append(pts, Point{Workers: p, Size: sizePerWorker * p, Time: medianRun(w, p, sizePerWorker*p, reps)})
	}
	for i := len(pts) - 1; i >= 0; i-- {
		pts[i].Efficiency = float64(pts[0].Time) / float64(pts[i].Time)
		pts[i].Speedup = pts[i].Efficiency * float64(pts[i].Workers)
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

// PiWorkload gives every goroutine a result channel of its own.
func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	now := time.Now()
	outs := make([]chan int, workers)
	for i := range outs {
		outs[i] = make(chan int, 1)
		count := (i+1)*size/workers - i*size/workers
		go func(out chan<- int, stream uint64) {
			in := 0
			for x, y := range points.Stream(3, stream, count) {
				if x*x+y*y <= 1 {
					in++
				}
			}
			out <- in
		}(outs[i], uint64(i))
	}
	sum := 0
	for _, out := range outs {
		sum += <-out
	}
	_ = sum
	return time.Since(now)
}
