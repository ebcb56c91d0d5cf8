// Package speedup measures and judges whether learner code runs faster on
// several cores, in a way neither a busy machine nor the learner's code can
// fool.
//
// The measuring half (Run) executes inside the learner's plain, non-race
// test binary, started with GOMAXPROCS = P. Every repetition times, in a
// shuffled order: the serial reference on one core (GOMAXPROCS = 1, as a
// serial baseline runs best); the learner's code at 1, 2, 4, ...,
// P workers (the table); the very call that is judged, the learner's code
// with P workers, once more under GOMAXPROCS = 1 (its speedup from the
// cores alone, whatever the code does with its worker count); and the
// calibration: P copies of the serial reference run at once on P fresh
// inputs (a perfectly parallel version of the same work). Each timed call
// gets a fresh input, so caching answers gains nothing, and the P-worker
// answer is checked on every repetition. After every call the code must
// have left GOMAXPROCS as it was and no goroutine of its own running;
// before the first call no goroutine of its package may run (init).
// Either is a fail that names what was found, not a busy machine.
//
// The judging half (Judge) is pure, and has one estimator: the median over
// repetitions of the paired ratio of two times of one repetition (they
// share the machine's momentary load), with a sign-test confidence
// interval, shown as "1.52x (1.44-1.61)". The calibration gives S_cal,
// what this machine delivers right now on this workload; the learner needs
// 1 + alpha*(S_cal-1) both against the reference and on the same call on P
// cores against one core, so a faster serial algorithm fails. A speedup
// above 1.25*P is a fail: the work is not the same. The decision is
// sequential: it stops as soon as both intervals lie above the bar (pass)
// or one lies below it (fail), continues while they straddle it, and at
// MaxReps decides on the medians. When S_cal leaves too little room to
// tell parallel from serial code (one core, a saturated machine) the
// verdict is a skip, which the grader's skip policy prices.
package speedup
