package scalability

import (
	"errors"
	"fmt"
	"math"
	"runtime"
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

var (
	errEmpty = errors.New("no worker counts")
	errFirst = errors.New("the first worker count must be 1")
)

func validate(size int, workers []int, reps int) error {
	if len(workers) == 0 {
		return errEmpty
	}
	if workers[0] != 1 {
		return errFirst
	}
	for i, p := range workers {
		if p < 1 {
			return fmt.Errorf("workers[%d] = %d", i, p)
		}
	}
	if size < 1 {
		return fmt.Errorf("size = %d", size)
	}
	if reps < 1 {
		return fmt.Errorf("reps = %d", reps)
	}
	return nil
}

// kth returns the k-th smallest of xs (quickselect on a copy).
func kth(xs []time.Duration, k int) time.Duration {
	a := append([]time.Duration{}, xs...)
	lo, hi := 0, len(a)-1
	for lo < hi {
		pivot := a[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for a[i] < pivot {
				i++
			}
			for a[j] > pivot {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		if k <= j {
			hi = j
		} else if k >= i {
			lo = i
		} else {
			break
		}
	}
	return a[k]
}

func median(xs []time.Duration) time.Duration {
	n := len(xs)
	if n%2 == 1 {
		return kth(xs, n/2)
	}
	return (kth(xs, n/2-1) + kth(xs, n/2)) / 2
}

func measureOne(w Workload, p, size, reps int) time.Duration {
	var xs []time.Duration
	for len(xs) < reps {
		xs = append(xs, w(p, size))
	}
	return median(xs)
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if err := validate(size, workers, reps); err != nil {
		return nil, err
	}
	table := []Point{}
	for _, p := range workers {
		table = append(table, Point{Workers: p, Size: size, Time: measureOne(w, p, size, reps)})
	}
	base := table[0].Time
	for k := range table {
		sp := float64(base) / float64(table[k].Time)
		table[k].Efficiency = sp / float64(table[k].Workers)
		table[k].Speedup = sp
	}
	return table, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if err := validate(sizePerWorker, workers, reps); err != nil {
		return nil, err
	}
	table := []Point{}
	for _, p := range workers {
		table = append(table, Point{Workers: p, Size: p * sizePerWorker, Time: measureOne(w, p, p*sizePerWorker, reps)})
	}
	base := table[0].Time
	for k := range table {
		table[k].Efficiency = float64(base) / float64(table[k].Time)
		table[k].Speedup = table[k].Efficiency * float64(table[k].Workers)
	}
	return table, nil
}

func Amdahl(serialFraction float64, workers int) float64 {
	return 1 / (serialFraction + (1-serialFraction)/float64(workers))
}

func Gustafson(serialFraction float64, workers int) float64 {
	p := float64(workers)
	return serialFraction + (1-serialFraction)*p
}

func KarpFlatt(speedup float64, workers int) float64 {
	switch {
	case workers <= 1:
		return math.NaN()
	default:
		p := float64(workers)
		return (p/speedup - 1) / (p - 1)
	}
}

// PiWorkload splits the workers recursively in two, each half in its own
// goroutine, until each has one stream to draw.
func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	t := time.Now()
	_ = piPart(0, workers, workers, size)
	return time.Since(t)
}

func piPart(first, last, workers, size int) int {
	if last-first == 1 {
		n := (first+1)*size/workers - first*size/workers
		c := 0
		for x, y := range points.Stream(99, uint64(first), n) {
			if x*x+y*y <= 1 {
				c++
			}
		}
		return c
	}
	ch := make(chan int)
	mid := (first + last) / 2
	go func() { ch <- piPart(first, mid, workers, size) }()
	right := piPart(mid, last, workers, size)
	return right + <-ch
}
