package scalability

import (
	"fmt"
	"math"
	"runtime"
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
	if size < 1 {
		return nil, fmt.Errorf("size %d < 1", size)
	}
	if err := badArgs(workers, reps); err != nil {
		return nil, err
	}
	table := make([]Point, len(workers))
	for i, p := range workers {
		table[i] = Point{Workers: p, Size: size, Time: timeIt(w, p, size, reps)}
		table[i].Speedup = float64(table[0].Time) / float64(table[i].Time)
		table[i].Efficiency = table[i].Speedup / float64(p)
	}
	return table, nil
}

// Weak grows size with p (sizePerWorker*p): Speedup = p*T(1)/T(p) (scaled
// speedup), Efficiency = T(1)/T(p).
func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if sizePerWorker < 1 {
		return nil, fmt.Errorf("sizePerWorker %d < 1", sizePerWorker)
	}
	if err := badArgs(workers, reps); err != nil {
		return nil, err
	}
	table := make([]Point, len(workers))
	for i, p := range workers {
		n := sizePerWorker * p
		table[i] = Point{Workers: p, Size: n, Time: timeIt(w, p, n, reps)}
		table[i].Efficiency = float64(table[0].Time) / float64(table[i].Time)
		table[i].Speedup = float64(p) * table[i].Efficiency
	}
	return table, nil
}

func badArgs(workers []int, reps int) error {
	if reps < 1 {
		return fmt.Errorf("reps %d < 1", reps)
	}
	if len(workers) == 0 {
		return fmt.Errorf("empty worker list")
	}
	if workers[0] != 1 {
		return fmt.Errorf("the first worker count is %d, not 1", workers[0])
	}
	for _, p := range workers {
		if p < 1 {
			return fmt.Errorf("worker count %d < 1", p)
		}
	}
	return nil
}

// timeIt runs w reps times and returns the median, with an insertion
// sort of the samples.
func timeIt(w Workload, p, n, reps int) time.Duration {
	samples := make([]time.Duration, reps)
	for r := range samples {
		samples[r] = w(p, n)
	}
	for i := 1; i < len(samples); i++ {
		for j := i; j > 0 && samples[j] < samples[j-1]; j-- {
			samples[j], samples[j-1] = samples[j-1], samples[j]
		}
	}
	m := len(samples) / 2
	if len(samples)%2 == 1 {
		return samples[m]
	}
	return (samples[m-1] + samples[m]) / 2
}

// Amdahl is the speedup bound 1/(f+(1-f)/p) for serial fraction f.
func Amdahl(serialFraction float64, workers int) float64 {
	p := float64(workers)
	return p / (1 + serialFraction*(p-1))
}

// Gustafson is the scaled speedup p-f*(p-1) for serial fraction f.
func Gustafson(serialFraction float64, workers int) float64 {
	return serialFraction + float64(workers)*(1-serialFraction)
}

// KarpFlatt is the experimentally determined serial fraction
// (1/s-1/p)/(1-1/p); it is NaN for workers <= 1.
func KarpFlatt(speedup float64, workers int) float64 {
	if workers < 2 {
		return math.NaN()
	}
	p := float64(workers)
	return (p/speedup - 1) / (p - 1)
}

// PiWorkload estimates pi from size random points split over workers
// goroutines (one random source per goroutine) and returns the elapsed time.
func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	t0 := time.Now()
	counts := make(chan int, workers)
	for k := 0; k < workers; k++ {
		lo, hi := k*size/workers, (k+1)*size/workers
		go func(stream uint64, n int) {
			in := 0
			for x, y := range points.Stream(7, stream, n) {
				if x*x+y*y < 1 {
					in++
				}
			}
			counts <- in
		}(uint64(k), hi-lo)
	}
	total := 0
	for k := 0; k < workers; k++ {
		total += <-counts
	}
	_ = 4 * float64(total) / float64(size)
	return time.Since(t0)
}
