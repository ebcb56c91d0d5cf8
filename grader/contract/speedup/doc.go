// Package speedup judges whether learner code runs faster on several
// cores, in a way neither a busy machine nor the learner's code can fool;
// package measure (grader/suite/lib/measure), in the learner's test binary, takes the timings it
// judges (contract.Samples; see package measure for how).
//
// The judge (Judge) is pure, and has one estimator: the median over
// repetitions of the paired ratio of two times of one repetition (they
// share the machine's momentary load), with a sign-test confidence
// interval, shown as "1.52x (1.44-1.61)". The calibration gives S_cal,
// what this machine delivers right now on this workload; the learner needs
// 1 + alpha*(S_cal-1) on the same call on P cores against one core, so a
// faster serial algorithm fails. Against the serial reference the P-worker
// call needs only Thresholds.Sanity (0.8x): a sanity bound, since the same
// loop's speed depends on where its data and code land. A self-speedup
// above Thresholds.Implausible*P is a fail on a steady machine (the work
// is not the same) and a skip on a noisy one. The decision is
// sequential: it stops as soon as both intervals lie above the bar (pass)
// or one lies below it (fail), continues while they straddle it, and at
// MaxReps decides on the medians. When S_cal leaves too little room to
// tell parallel from serial code (one core, a saturated machine) the
// verdict is a skip, which the grader's skip policy prices.
//
// The same judge is the measurement's stopping rule, so package measure
// links it into the test binary: this package imports only the contract
// and the standard library, and nothing of the test binary's.
package speedup
