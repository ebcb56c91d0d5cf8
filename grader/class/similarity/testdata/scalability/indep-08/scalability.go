package scalability

import (
	"errors"
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

// Strong keeps size fixed.
func Strong(w Workload, size int, workers []int, reps int) ([]Point, error) {
	return scale(w, size, workers, reps, false)
}

// Weak grows size with p.
func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error) {
	return scale(w, sizePerWorker, workers, reps, true)
}

// scale measures every worker count; weak grows the size with it.
func scale(w Workload, n int, workers []int, reps int, weak bool) ([]Point, error) {
	if len(workers) < 1 || workers[0] != 1 {
		return nil, errors.New("the worker counts must start with 1")
	}
	for _, p := range workers {
		if p < 1 {
			return nil, errors.New("every worker count must be at least 1")
		}
	}
	if reps < 1 {
		return nil, errors.New("need at least one repetition")
	}
	if n < 1 {
		return nil, errors.New("the size must be at least 1")
	}
	var out []Point
	for _, p := range workers {
		size := n
		if weak {
			size *= p
		}
		var ns []int
		for r := 0; r < reps; r++ {
			ns = append(ns, int(w(p, size)))
		}
		sort.Ints(ns)
		m := ns[len(ns)/2]
		if len(ns)%2 == 0 {
			m = (ns[len(ns)/2-1] + ns[len(ns)/2]) / 2
		}
		pt := Point{Workers: p, Size: size, Time: time.Duration(m)}
		ratio := 1.0
		if len(out) > 0 {
			ratio = float64(out[0].Time) / float64(pt.Time)
		}
		if weak {
			pt.Efficiency, pt.Speedup = ratio, ratio*float64(p)
		} else {
			pt.Speedup, pt.Efficiency = ratio, ratio/float64(p)
		}
		out = append(out, pt)
	}
	return out, nil
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
	return (p/speedup - 1) / (p - 1)
}

type piWorker struct {
	stream uint64
	n      int
	hits   int
}

func (pw *piWorker) run(seed uint64) {
	for x, y := range points.Stream(seed, pw.stream, pw.n) {
		if x*x+y*y <= 1 {
			pw.hits++
		}
	}
}

func PiWorkload(workers, size int) time.Duration {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	ws := make([]piWorker, workers)
	for i := range ws {
		ws[i] = piWorker{stream: uint64(i), n: (i+1)*size/workers - i*size/workers}
	}
	start := time.Now()
	var wg sync.WaitGroup
	for i := range ws {
		wg.Add(1)
		go func(pw *piWorker) {
			defer wg.Done()
			pw.run(5)
		}(&ws[i])
	}
	wg.Wait()
	return time.Since(start)
}
