// Package histogram is exercise 1: a parallel histogram.
//
// # The goal
//
// A histogram counts how many pixels of a grey-scale image have each of the
// 256 grey levels. Counting is embarrassingly parallel: split the pixels into
// one chunk per worker, let each worker count its own chunk into its own
// partial histogram, then add the partial histograms together. Make
// Parallel do exactly that, and make it faster than the serial loop on the
// cores you have.
//
// # The API (keep every name and signature)
//
//	const Bins = 256
//	func Chunk(pixels []uint8) [Bins]int
//	func Parallel(pixels []uint8, workers int) [Bins]int
//
// Chunk is the serial building block: the histogram of one chunk. Parallel
// splits pixels into workers chunks (the last ones may be a little shorter or
// longer: every pixel must be counted exactly once), runs Chunk on each in
// its own goroutine, waits for all of them and sums the partial results.
// workers < 1 means runtime.GOMAXPROCS(0). Neither function may modify
// pixels.
//
// # What the grader checks
//
//	go run ./cmd/grade exercise histogram
//
// runs these checks:
//
//   - builds: the package compiles and go vet is happy.
//   - started: Chunk and Parallel no longer panic with TODO.
//   - honest: you import only the standard-library packages the exercise
//     allows (grade show histogram lists them: sync, sync/atomic, runtime,
//     ...), use no //go: directive but //go:build, and every file is
//     compiled in every build.
//   - correct: equal to a serial count on empty input, one pixel, fewer
//     pixels than workers, lengths not divisible by workers, workers <= 0,
//     all-equal pixels and seeded random images.
//   - race-free: the same tests under the race detector find no data race.
//     When it finds one, correct is not judged (its points are withheld):
//     with a race, the answers depend on how the run happened to be
//     scheduled, and your score must not.
//   - leak-free: no goroutine of yours is still running after Parallel
//     returns, nor starts later (honest refuses time.AfterFunc and
//     context deadlines here: nothing of yours may run after a call).
//   - terminates: nothing blocks forever, and no call starts more than
//     one goroutine per two pixels (a goroutine per pixel is stopped at
//     once, with the line of its go statement).
//   - faster: with all your cores, Parallel beats the serial reference and
//     the same call run on one core (GOMAXPROCS=1) by a margin calibrated
//     on this machine. Do the same work at every worker count and leave
//     GOMAXPROCS alone: a speedup beyond what the cores can give, a changed
//     GOMAXPROCS, or goroutines of yours running outside a call fail.
//
// # Hints
//
//   - Give every goroutine its own [Bins]int. Many goroutines incrementing
//     one shared array is a data race; protecting each increment with a
//     mutex or an atomic is correct but so slow that it loses to the serial
//     loop (contention: the cores queue for the same cache lines).
//   - Combine the partial histograms after the workers are done: 256 adds
//     per worker is nothing next to millions of pixels.
//   - Chunk boundaries: with n pixels and w workers, worker i can take
//     pixels[i*n/w : (i+1)*n/w]. Check n = 0 and n < w.
//   - sync.WaitGroup waits for the workers; a channel of results works too.
package histogram
