// Package measure takes the timings the faster check judges. It runs
// inside the learner's plain, non-race test binary (a suite's TestSpeedup
// calls Run), started by the grader with GOMAXPROCS = P, and hands its
// Samples to the grader through the report file (see package contract).
//
// Every repetition times, in a shuffled order: the serial reference on one
// core (GOMAXPROCS = 1, as a serial baseline runs best); the learner's
// code at 1, 2, 4, ..., P workers (the table); the very call that is
// judged, the learner's code with P workers, once more under GOMAXPROCS =
// 1 (its speedup from the cores alone, whatever the code does with its
// worker count); and the calibration: the serial reference on a fresh
// input cut into P pieces (Kernel.Split), all pieces at once (a perfectly
// parallel version of the same work, on an input of the same size). Each
// timed call gets a fresh input, so caching answers gains nothing, and
// the P-worker answer is checked on every repetition against the timed
// reference's, on an equal input. After every call the code must have
// left GOMAXPROCS as it was and no goroutine of its own behind, running or
// blocked (a blocked one may wake on a timer and take the cores from the
// reference); before the first call no goroutine of its package may run
// (init). Either is a fail that names what was found, not a busy machine.
//
// Measuring stops when the grader's judge (package speedup, linked here
// as the stopping rule) would decide, or at its MaxReps. When the grader
// asks for a trace too, the execution tracer runs for the whole
// measurement (package tracecall's Recorder), every timed run under it
// alike, and the trace of one judged call, chosen at random after it
// returned, is written for the grader (trace.go): the learner's code
// cannot tell the kept call from the others, neither by the process it
// runs in, nor by the goroutines it sees, nor by the tracer's cost.
package measure
