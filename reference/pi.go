package reference

import "math/rand/v2"

// PiHits draws points uniform random points in the unit square from one
// PCG source seeded with seed and returns how many fall inside the quarter
// circle of radius 1. 4*hits/points estimates pi.
func PiHits(points int, seed uint64) int {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	hits := 0
	for range points {
		x, y := rng.Float64(), rng.Float64()
		if x*x+y*y <= 1 {
			hits++
		}
	}
	return hits
}

// Pi estimates pi serially from points random points: the course's Monte
// Carlo example and the baseline that parallel versions are timed against.
func Pi(points int, seed uint64) float64 {
	if points < 1 {
		return 0
	}
	return 4 * float64(PiHits(points, seed)) / float64(points)
}
