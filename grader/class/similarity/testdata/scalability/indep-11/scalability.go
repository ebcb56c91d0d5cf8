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

var errArgs = errors.New("invalid scaling study: workers must start with 1 and be positive; reps and size at least 1")

func ok(size int, workers []int, reps int) bool {
	return len(workers) > 0 && workers[0] == 1 && !slices.ContainsFunc(workers, func(p int) bool { return p < 1 }) && reps >= 1 && size >= 1
}

func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	if !ok(size, workers, reps) {
		return nil, errArgs
	}
	var result []Point
	var base float64
	for idx, p := range workers {
		t := medianTime(w, p, size, reps)
		if idx == 0 {
			base = float64(t)
		}
		speedup := base / float64(t)
		result = append(result, Point{Workers: p, Size: size, Time: t, Speedup: speedup, Efficiency: speedup / float64(p)})
	}
	return result, nil
}

func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	if !ok(sizePerWorker, workers, reps) {
		return nil, errArgs
	}
	var result []Point
	var base float64
	for idx, p := range workers {
		t := medianTime(w, p, p*sizePerWorker, reps)
		if idx == 0 {
			base = float64(t)
		}
		eff := base / float64(t)
		result = append(result, Point{Workers: p, Size: p * sizePerWorker, Time: t, Speedup: float64(p) * eff, Efficiency: eff})
	}
	return result, nil
}

func medianTime(w Workload, p, size, reps int) time.Duration {
	ts := make([]float64, reps)
	for i := range ts {
		ts[i] = float64(w(p, size))
	}
	slices.Sort(ts)
	var m float64
	if reps%2 == 1 {
		m = ts[reps/2]
	} else {
		m = (ts[reps/2-1] + ts[reps/2]) / 2
	}
	return time.Duration(m)
}

func Amdahl(serialFraction float64, workers int) float64 {
	s := serialFraction
	return 1 / (s + (1-s)/float64(workers))
}

func Gustafson(serialFraction float64, workers int) float64 {
	s := serialFraction
	return s + float64(workers)*(1-s)
}

func KarpFlatt(speedup float64, workers int) float64 {
	if workers <= 1 {
		return math.NaN()
	}
	invS, invP := 1/speedup, 1/float64(workers)
	return (invS - invP) / (1 - invP)
}

// PiWorkload runs a fixed pool of goroutines fed with one job each
// through a channel.
func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct{ id, n int }
	jobs := make(chan job, workers)
	for id := 0; id < workers; id++ {
		jobs <- job{id, (id+1)*size/workers - id*size/workers}
	}
	close(jobs)
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				c := 0
				for x, y := range points.Stream(77, uint64(j.id), j.n) {
					if x*x+y*y <= 1 {
						c++
					}
				}
				mu.Lock()
				total += c
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}
