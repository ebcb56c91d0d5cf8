// Package montecarlo estimates pi by throwing random points at the unit
// square: each worker draws its share of the points from a random source
// of its own, counts the hits in a local variable, and the counts are
// summed once every worker is done (a reduction). Nothing is shared while
// the workers run, so nothing needs a lock and the cores never wait for
// each other.
package montecarlo

import (
	"math"
	"math/rand/v2"
	"sync"

	"parlab/kernels"
)

// Pi estimates pi from points random points split over workers goroutines.
// Worker w's source is seeded with (seed, w), so the estimate is the same
// for the same seed and worker count on any machine.
func Pi(points int, workers int, seed uint64) float64 {
	if points < 1 {
		return 0
	}
	return 4 * float64(Hits(points, workers, seed)) / float64(points)
}

// Hits is the number of the points that fall inside the quarter circle.
func Hits(points int, workers int, seed uint64) int {
	workers = kernels.Workers(workers, points)
	hits := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := kernels.Split(points, workers, w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The generator and the counter are locals, on this
			// goroutine's stack: generators allocated side by side on the
			// heap could share a cache line that every draw writes (false
			// sharing), and the cores would queue for it.
			var pcg rand.PCG
			pcg.Seed(seed, uint64(w))
			h := 0
			for range hi - lo {
				x, y := unit(&pcg), unit(&pcg)
				if x*x+y*y <= 1 {
					h++
				}
			}
			hits[w] = h
		}()
	}
	wg.Wait()
	total := 0
	for _, h := range hits {
		total += h
	}
	return total
}

// unit is a uniform float64 in [0, 1) from pcg, as rand.Float64 makes it.
func unit(pcg *rand.PCG) float64 { return float64(pcg.Uint64()>>11) * 0x1p-53 }

// StandardError is the standard error of an estimate from points points:
// each point is a Bernoulli trial with p = pi/4, scaled by 4.
func StandardError(points int) float64 {
	p := math.Pi / 4
	return 4 * math.Sqrt(p*(1-p)/float64(points))
}
