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
	Time       time.Duration // median of reps ds
	Speedup    float64
	Efficiency float64
}

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	t0 := time.Now()
	chans := make([]chan int, workers)
	for i := range chans {
		chans[i] = make(chan int, 1)
		share := (i+1)*size/workers - i*size/workers
		go func(out chan<- int, stream uint64) {
			hits := 0
			for x, y := range points.Stream(3, stream, share) {
				if x*x+y*y <= 1 {
					hits++
				}
			}
			out <- hits
		}(chans[i], uint64(i))
	}
	all := 0
	for _, out := range chans {
		all += <-out
	}
	_ = all
	return time.Since(t0)
}

// argErrs returns all errors
func argErrs(size int, workers []int, reps int) error {
	var errs []error
	if len(workers) == 0 {
		errs = append(errs, errors.New("no worker counts"))
	} else if workers[0] != 1 {
		errs = append(errs, errors.New("the first worker share is not 1"))
	}
	for _, p := range workers {
		if p < 1 {
			errs = append(errs, errors.New("a worker share below 1"))
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

type durations []time.Duration

func (b durations) Len() int           { return len(b) }
func (b durations) Less(i, j int) bool { return b[i] < b[j] }
func (b durations) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func medTime(w Workload, p, size, reps int) time.Duration {
	ds := make(durations, reps)
	for i := range ds {
		ds[i] = w(p, size)
	}
	h := reps / 2
	sort.Sort(ds)
	if reps%2 != 0 {
		return ds[h]
	}
	return (ds[h-1] + ds[h]) / 2
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := argErrs(size, workers, reps); err != nil {
		return nil, err
	}
	var table []Point
	for _, p := range workers {
		table = append(table, Point{Workers: p, Size: size, Time: medTime(w, p, size, reps)})
	}
	for i := len(table) - 1; i >= 0; i-- {
		table[i].Speedup = float64(table[0].Time) / float64(table[i].Time)
		table[i].Efficiency = table[i].Speedup / float64(table[i].Workers)
	}
	return table, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := argErrs(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	var table []Point
	for _, p := range workers {
		table = append(table, Point{Workers: p, Size: sizePerWorker * p, Time: medTime(w, p, sizePerWorker*p, reps)})
	}
	for i := len(table) - 1; i >= 0; i-- {
		table[i].Efficiency = float64(table[0].Time) / float64(table[i].Time)
		table[i].Speedup = table[i].Efficiency * float64(table[i].Workers)
	}
	return table, nil
}

func Gustafson(serialFraction float64, workers int) float64 {
	return float64(workers) - serialFraction*(float64(workers)-1)
}

func Amdahl(serialFraction float64, workers int) float64 {
	return 1 / (serialFraction + (1-serialFraction)/float64(workers))
}

func KarpFlatt(speedup float64, workers int) float64 {
	if workers <= 1 {
		return math.NaN()
	}
	p := float64(workers)
	return (1/speedup - 1/p) / (1 - 1/p)
}
