package reference

import "parlab/reference/points"

// PiHits draws n uniform random points in the unit square from stream 0 of
// seed (the exercise's point source, which learner code draws from too)
// and returns how many fall inside the quarter circle of radius 1.
// 4*hits/n estimates pi.
func PiHits(n int, seed uint64) int {
	hits := 0
	for x, y := range points.Stream(seed, 0, n) {
		if x*x+y*y <= 1 {
			hits++
		}
	}
	return hits
}

// Pi estimates pi serially from n random points: the course's Monte Carlo
// example and the baseline that parallel versions are timed against.
func Pi(n int, seed uint64) float64 {
	if n < 1 {
		return 0
	}
	return 4 * float64(PiHits(n, seed)) / float64(n)
}
