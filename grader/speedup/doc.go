// Package speedup measures and judges whether learner code runs faster on
// several cores, in a way a busy machine cannot fool in either direction.
//
// The measuring half (Run) executes inside the learner's plain, non-race
// test binary with GOMAXPROCS = P. Every repetition times, in a shuffled
// order: the serial reference, the learner's code at 1, 2, 4, ..., P
// workers, and the calibration: P copies of the serial reference run at
// once on P fresh inputs (a perfectly parallel version of the same work,
// with the same instructions and memory traffic). Each timed call gets a fresh input generated just before it, so
// caching answers gains nothing. Because all items of a repetition run
// within a fraction of a second of each other, the ratios of one
// repetition share the machine's momentary load; their medians are the
// figures judged.
//
// The judging half (Judge) is pure. The calibration tells what this
// machine delivers right now on this workload (S_cal); the learner needs
// S >= 1 + alpha*(S_cal-1) both against the serial reference and against
// their own one-worker run, so a serial algorithm that merely beats the
// reference fails. When S_cal leaves too little room to tell parallel from
// serial code (one core, or a saturated machine), the verdict is a skip,
// never a fail; a near miss is measured again before it fails.
package speedup
