// Package scalability is exercise 3: measure how a parallel program scales.
//
// # The goal
//
// A parallel program is not "fast" or "slow": it scales well or badly, and
// there are two ways to ask how well. Strong scaling keeps the problem size
// fixed and adds workers: ideally p workers finish p times sooner. Weak
// scaling grows the problem with the workers (p times the work on p
// workers): ideally the time stays the same. You will write the harness that
// runs both studies, the laws that predict them (Amdahl, Gustafson), the
// measurement that diagnoses them (Karp-Flatt), and a Monte Carlo estimate
// of pi to study.
//
// # The API (keep every name and signature)
//
//	type Workload func(workers, size int) time.Duration
//	type Point struct {
//		Workers    int
//		Size       int
//		Time       time.Duration // median of reps runs
//		Speedup    float64
//		Efficiency float64
//	}
//	func Strong(w Workload, size int, workers []int, reps int) ([]Point, error)
//	func Weak(w Workload, sizePerWorker int, workers []int, reps int) ([]Point, error)
//	func Amdahl(serialFraction float64, workers int) float64
//	func Gustafson(serialFraction float64, workers int) float64
//	func KarpFlatt(speedup float64, workers int) float64
//	func PiWorkload(workers, size int) time.Duration
//
// Strong returns one Point per entry of workers. It calls w(p, size) exactly
// reps times for each p, in the order of workers, and takes the median of
// the durations w returned (for an even count, the mean of the middle two).
// Speedup is T(1)/T(p) and Efficiency is Speedup/p.
//
// Weak is the same with the size growing: w(p, sizePerWorker*p). Its Speedup
// is the scaled speedup p*T(1)/T(p) and its Efficiency is T(1)/T(p).
//
// Both return an error, and call w not even once, when workers is empty,
// does not start with 1, or holds a value below 1, or when reps < 1 or the
// size < 1.
//
// Amdahl(f, p) is 1/(f+(1-f)/p), Gustafson(f, p) is p-f*(p-1), and
// KarpFlatt(s, p) is (1/s-1/p)/(1-1/p), which is NaN for p <= 1.
//
// PiWorkload draws size random points in the unit square, split over
// workers goroutines with one stream of points per goroutine, counts those
// inside the quarter circle, and returns how long that took. workers < 1
// means runtime.GOMAXPROCS(0). Draw every point with points.Stream from
// package parlab/reference/points, the source the serial reference draws
// from too:
//
//	seed := rand.Uint64() // any uint64 (math/rand/v2): one per call, shared by its goroutines
//	...
//	for x, y := range points.Stream(seed, uint64(i), n) { // goroutine i's n points
//		...
//	}
//
// The grader counts the points each call draws through it, and in a traced
// call which goroutine drew them.
//
// # What the grader checks
//
//	go run ./cmd/grade exercise scalability
//
// runs these checks:
//
//   - builds, started, honest: as for every exercise.
//   - correct: Strong and Weak are run on made-up workloads whose durations
//     the grader knows, with outliers a mean would not survive; every Point
//     must be exact, the calls in the right order and number, invalid input
//     rejected before any call. The three laws are checked on many values.
//     PiWorkload must draw exactly size points with points.Stream at
//     every worker count, also in every timed call.
//   - race-free, leak-free, terminates: under the race detector; no
//     goroutine outlives the call that started it, and none starts later
//     (honest refuses time.AfterFunc and context deadlines here).
//   - faster: PiWorkload with all your cores beats a serial estimate of pi
//     by a margin calibrated on this machine, and its goroutines share the
//     drawing: in a traced call, a goroutine that runs beside the others
//     without drawing its share (waiting in a loop for them to finish)
//     fails it.
//
// When everything passes, the grader prints your strong and weak scaling
// tables of PiWorkload with Amdahl's bound and the Karp-Flatt serial
// fraction; add --plot scaling.svg to draw them.
//
// # Hints
//
//   - Why the median? One run interrupted by another program can take ten
//     times longer; the median ignores it, the mean does not.
//   - Time with time.Now and time.Since around the work only, not around
//     starting it up.
//   - A stream is not safe for concurrent use, and one shared stream
//     behind a mutex would make every goroutine queue for it: give each
//     goroutine a stream of its own, points.Stream(seed, uint64(i), n),
//     with the same seed and its own stream number i.
//   - Sum per-goroutine counts once at the end, not into one shared counter.
//   - Beware false sharing: two small objects allocated one after the other
//     (two counters, hits[0] and hits[1]) sit in one 64-byte cache line, and
//     cores writing them take turns. Keep what a goroutine writes in its own
//     local variables, and write the shared slice once at the end.
package scalability
